"""Find places: administrative divisions, countries, world cities, nicknames, named features."""
from __future__ import annotations

from ..lexicon import gazetteer, lexicons
from .candidates import Candidate
from .tokens import FUNCTION_CHARS, Token, Tokenizer

FEATURE_NAME_POS = {"ns", "nz", "n", "j", None, "m", "a", "nr"}


def is_division_name(word: str, tokenizer: Tokenizer) -> bool:
    divisions = gazetteer().lookup(word)
    if not divisions:
        return False
    pos = tokenizer.tags.get(word)
    if any(d.name == word for d in divisions):
        # 城区 is a district's name but mostly an ordinary word.
        return len(word) >= 2 and (pos == "ns" or not tokenizer.is_common_word(word, 50))
    # A short form (和林格尔 for 和林格尔县) unless it is an ordinary word (和平, 城关).
    if any(d.level == "township" for d in divisions) and all(d.level == "township" for d in divisions):
        return False
    if tokenizer.is_common_word(word, 50) and not any(d.level in ("province", "prefecture") for d in divisions):
        return False  # 新建 (新建区), 双城 (双城区): ordinary words first
    return pos == "ns" or not tokenizer.is_common_word(word, 50) or len(word) >= 3


def find_places(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    found: list[Candidate] = []
    for index, token in enumerate(tokens):
        word = token.text
        if len(word) >= 2 and (is_division_name(word, tokenizer) or word in lex.countries
                               or word in lex.world_cities or word in lex.city_nicknames
                               or word in lex.capital_words):
            found.append(Candidate(token.start, token.end, "place", word, "gazetteer", 1))
            continue
        if len(word) >= 3 and tokenizer.base_tags.get(word) == "ns" and token.is_cjk and word not in lex.stop_entities \
                and word not in lex.place_suffixes:
            # jieba's dictionary knows it as a place: 加利福尼亚州, 西双版纳
            found.append(Candidate(token.start, token.end, "place", word, "dictionary", 1))
        feature = feature_suffix(word)
        if feature and len(word) > len(feature) and word not in lex.place_suffixes \
                and tokenizer.is_common_word(word, 20) and tokenizer.base_tags.get(word) not in ("ns", "nz", "nt"):
            feature = None  # 报道, 高峰, 电路, 农村: an ordinary word that ends like a place
        if feature and index > 0:
            first = index
            while first > 0 and index - first < 4:
                previous = tokens[first - 1]
                if previous.is_punct or previous.text in FUNCTION_CHARS or previous.pos not in FEATURE_NAME_POS \
                        or previous.text in lex.chunk_breakers or any(ch.isdigit() for ch in previous.text):
                    break
                if previous.pos == "n" and tokenizer.is_common_word(previous.text, 5000):
                    break
                first -= 1
            chunk = tokens[first:index + 1]
            stem = word[: -len(feature)]
            proper = any(t.pos in ("ns", "nz", "nr", "j", None, "eng") and not t.text.isdigit() for t in chunk[:-1]) \
                or (len(stem) >= 2 and (stem not in tokenizer.tags or tokenizer.tags.get(stem) == "ns"))
            if (chunk[-2].text if len(chunk) > 1 else stem).endswith("新"):
                continue  # 新机场: still a project
            if proper and not any(t.text in lex.chunk_breakers for t in chunk):
                start = tokens[first].start
                name = text[start:token.end]
                if name not in lex.stop_entities and len(name) >= 3:
                    found.append(Candidate(start, token.end, "place", name, "feature-suffix", 1))
    return found


# 中方, 港资, 美籍: a one-character place before one of these stands for the place.
ABBREVIATION_HEADS = set("方资籍企商军")
# 驻华, 访美, 赴港: a one-character place after one of these verbs stands for the place.
ABBREVIATION_VERBS = set("驻访来赴抵旅离援")
# 华人, 华侨, 华裔: 华 stands for China.
CHINA_WORDS = ("华人", "华侨", "华裔", "华商", "华工")


# Words after a run of one-character places that show the run names places: 中日两国, 中英关系, 京津冀协同.
PAIR_CONTEXT = ("两国", "三国", "两", "双方", "关系", "合作", "友好", "之间", "间", "边境", "贸易", "经贸", "外长",
                "首脑", "峰会", "建交", "联合", "会谈", "对话", "战略", "伙伴", "人民", "友谊", "交流", "协同", "协作")


def abbreviation_run(word: str, short: dict[str, str]) -> str:
    """The longest run of distinct one-character places that ``word`` starts with (中英 in 中英关系)."""
    run = ""
    for ch in word[:4]:
        if ch not in short or ch in run:
            break
        run += ch
    return run if len(run) >= 2 else ""


def pair_stands_for_places(word: str, run: str, token: Token, following: str, tokenizer: Tokenizer) -> bool:
    lex = lexicons()
    if word in lex.countries or word in lex.world_cities or is_division_name(word, tokenizer):
        return False
    if run != word:
        return word[len(run):] in PAIR_CONTEXT
    return len(run) >= 3 or token.pos in ("ns", "j", "t", None) or following.startswith(PAIR_CONTEXT)


def find_abbreviated_places(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    """One-character places: 中美关系 (中, 美), 台港澳, 中方, 驻华, 访美, 华侨."""
    short = {ch: name for ch, name in lexicons().place_abbreviations.items() if ch not in FUNCTION_CHARS}
    found: list[Candidate] = []

    def add(start: int) -> None:
        found.append(Candidate(start, start + 1, "place", short[text[start]], "abbreviation", 1))

    for index, token in enumerate(tokens):
        word = token.text
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        pair = abbreviation_run(word, short)
        if pair and pair_stands_for_places(word, pair, token, following, tokenizer):
            for offset in range(len(pair)):
                add(token.start + offset)
        elif len(word) == 2 and word[0] in short and word[1] in ABBREVIATION_HEADS and token.pos != "nr":
            add(token.start)
        elif len(word) == 2 and word[0] in ABBREVIATION_VERBS and word[1] in short and token.pos in ("v", None):
            add(token.start + 1)
        elif len(word) == 1 and word in short and index > 0 and tokens[index - 1].text[-1:] in ABBREVIATION_VERBS \
                and len(tokens[index - 1].text) == 1:
            add(token.start)
        elif word in CHINA_WORDS:
            add(token.start)
    return found


def feature_suffix(word: str) -> str | None:
    suffixes = lexicons().place_suffixes
    for length in range(min(len(word), 4), 0, -1):
        if word[-length:] in suffixes:
            return word[-length:]
    return None
