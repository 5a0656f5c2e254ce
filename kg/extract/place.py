"""Find places: administrative divisions, countries, world cities, nicknames, named features."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import gazetteer, lexicons
from .candidates import Candidate
from .grammar import (COUNTED_KINDS, FUNCTION_CHARS, GENERIC_PLACE_ENDINGS, HOME_PREFIXES, ORG_ENDINGS, feature_suffix,
                      place_suffix_last_chars)
from .organization import chunk_start, suffix_of, valid_organization
from .tokens import Frequency, Token, Tokenizer

FEATURE_NAME_POS = {"ns", "nz", "n", "j", None, "m", "a", "nr", "nt", "org_suffix"}  # 电子科技大学国家大学科技园


@lru_cache(maxsize=65536)
def is_division_name(word: str, tokenizer: Tokenizer) -> bool:
    """Does ``word`` name a division of China here (not 城区, 新建, a township's bare short form)?"""
    divisions = gazetteer().lookup(word)
    if not divisions:
        return False
    pos = tokenizer.tags.get(word)
    townships_only = all(d.level == "township" for d in divisions)
    if townships_only and is_generic_feature(word, tokenizer):
        return False  # 现代农业产业园, 物流园区: township-level units named by what they are
    if any(d.name == word for d in divisions):
        # 城区 is a district's name but mostly an ordinary word.
        return len(word) >= 2 and (pos == "ns" or not tokenizer.is_common_word(word, Frequency.COMMON))
    # A short form (和林格尔 for 和林格尔县) unless it is an ordinary word (和平, 城关).
    if townships_only:
        return False
    if not any(d.level in ("province", "prefecture") for d in divisions) and (
            tokenizer.is_common_word(word, Frequency.COMMON) or tokenizer.base_tags.get(word) not in (None, "ns", "nr", "nz")):
        return False  # 新建 (新建区), 双城 (双城区): ordinary words first
    return pos == "ns" or not tokenizer.is_common_word(word, Frequency.COMMON) or len(word) >= 3


@lru_cache(maxsize=8192)
def is_generic_feature(word: str, tokenizer: Tokenizer) -> bool:
    """A place suffix after ordinary words only: 现代农业产业园, 综合保税区 (not 敕勒川公园)."""
    feature = feature_suffix(word)
    stem = word[: -len(feature)] if feature else ""
    return bool(stem) and all(tokenizer.base_tags.get(t.text) in ORDINARY_TAGS for t in tokenizer.tokenize(stem))


# jieba's tags of ordinary words (not names): nouns, verbs, adjectives, idioms, distinguishing words.
ORDINARY_TAGS = ("n", "vn", "v", "a", "an", "ad", "l", "i", "b", "d", "m", "f", "s")


def is_proper_part(token: Token, tokenizer: Tokenizer) -> bool:
    """Does ``token`` make the chunk a name (a place, an unknown word), not a description (城市绿道)?"""
    if token.text.isdigit() or token.pos not in ("ns", "nz", "nr", "nt", "j", None, "eng") or len(token.text) == 1:
        return False
    if token.pos == "nr" and token.text in lexicons().not_person:
        return False  # 卓越博物馆: jieba calls 卓越 a name
    if token.text.endswith(GENERIC_PLACE_ENDINGS):
        return False  # 北方地区能源基地, 沿海城市公园: a description of where, not a name
    if token.pos == "ns" and tokenizer.is_common_word(token.text, Frequency.FREQUENT):
        return is_division_name(token.text, tokenizer) or token.text in lexicons().countries
    return True


def find_places(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    divisions = gazetteer().by_name
    named_places = place_words()
    feature_ends = place_suffix_last_chars()
    last = len(tokens) - 1
    may_name_units = not LOCAL_UNIT_STARTS.isdisjoint(text)  # most sentences name no village or community
    found: list[Candidate] = []
    for index, token in enumerate(tokens):
        word = token.text
        before_unit = may_name_units and index < last and tokens[index + 1].text[:1] in LOCAL_UNIT_STARTS
        if not before_unit and word[-1:] not in feature_ends and word not in named_places:
            continue  # no rule below can take it (most tokens)
        if len(word) == 3 and index > 0 and len(tokens[index - 1].text) == 1 and tokens[index - 1].is_cjk \
                and tokens[index - 1].text not in FUNCTION_CHARS \
                and tokenizer.is_common_word(word[1:], Frequency.BASIC):
            continue  # 五宜城市: 宜 + 城市, not the county-level city 宜城市
        if len(word) >= 2 and word in named_places and (word not in divisions or is_division_name(word, tokenizer)
                                                        or word in lex.countries or word in lex.world_cities
                                                        or word in lex.city_nicknames or word in lex.capital_words):
            found.append(Candidate(token.start, token.end, "place", word, "gazetteer", 1))
            continue
        candidate = None  # the checks before each call are the rules' own first checks, kept here for speed
        if before_unit:
            candidate = local_place(text, tokens, index, tokenizer)
        if candidate is None and word[-1:] in feature_ends:
            candidate = feature_place(text, tokens, index, tokenizer)
        if candidate is not None:
            found.append(candidate)
    return found


# Types of the smallest local units, written after their own names: 富强社区, 中滩村 (中滩村党支部书记).
LOCAL_UNITS = ("社区", "村", "嘎查", "居委会", "街道", "苏木", "镇", "乡")
LOCAL_UNIT_STARTS = frozenset(unit[0] for unit in LOCAL_UNITS)


def local_place(text: str, tokens: list[Token], index: int, tokenizer: Tokenizer) -> Candidate | None:
    """A village or community named after the division it lies in: 巴彦街道富强社区, 伍什家镇中滩村党支部书记.

    Their names are often ordinary words (富强, 和平), so only the division written right before them and
    the unit's type after them make them names.
    """
    if index < 1 or index + 1 >= len(tokens) or tokens[index + 1].text[:1] not in LOCAL_UNIT_STARTS:
        return None  # most tokens stop here
    token = tokens[index]
    if not 2 <= len(token.text) <= 4 or not token.is_cjk \
            or token.pos in ("p", "c", "u", "r", "m", "title") or token.pos in ("v", "vn", "d") \
            and tokenizer.is_common_word(token.text, Frequency.EVERYDAY):  # 察素齐镇发展村集体经济: a verb, not a name
        return None
    following = tokens[index + 1].text
    unit = next((u for u in LOCAL_UNITS if following.startswith(u)), None)
    if unit is None or not (following == unit or following[len(unit):] in lexicons().titles):
        return None
    division = tokens[index - 1]
    if not (division.text.endswith(("街道", "镇", "乡", "苏木")) and division.pos == "ns" or is_division_name(division.text, tokenizer)
            and division.text.endswith(("街道", "镇", "乡", "苏木", "县", "旗", "区"))):
        return None
    first = index - 1
    while first > 0 and index - first < 4 and is_division_name(tokens[first - 1].text, tokenizer):
        first -= 1  # 托克托县伍什家镇中滩村: the enclosing divisions written before
    start, end = tokens[first].start, tokens[index + 1].start + len(unit)
    return Candidate(start, end, "place", text[start:end], "local-unit", 1)


# One character before a road word that makes it a class of road, not a name: 乡道, 县道, 国道.
ROAD_CLASSES = set("省市县乡镇村国区")


def feature_place(text: str, tokens: list[Token], index: int, tokenizer: Tokenizer) -> Candidate | None:
    """A named feature ending at token ``index``: 敕勒川公园, 东达山艺术区 (艺术 + 区), 市科技馆."""
    word = tokens[index].text
    if word[-1:] not in place_suffix_last_chars():
        return None  # no place suffix ends with this character: most tokens stop here
    lex = lexicons()
    head = index
    feature = feature_suffix(word)
    if index > 0:
        joined = feature_suffix(tokens[index - 1].text + word)
        if joined and len(joined) > len(word):
            head, feature, word = index - 1, joined, tokens[index - 1].text + word
    if not feature or head == 0:
        return None
    if feature in INSTITUTION_GROUNDS and tokens[head - 1].pos == "org_suffix":
        return institution_grounds(text, tokens, head, index, tokenizer)
    if len(word) > len(feature) and word not in lex.place_suffixes and tokenizer.is_common_word(word, Frequency.OCCASIONAL) \
            and tokenizer.base_tags.get(word) not in ("ns", "nz", "nt"):
        return None  # 报道, 高峰, 电路, 农村: an ordinary word that ends like a place
    stem = word[: -len(feature)]
    if feature == "道" and len(word) >= 3 and tokenizer.is_common_word(word[-2:], Frequency.COMMON):
        return None  # 主通道, 新渠道: 通道 and 渠道 are words of their own
    facility = lex.place_suffixes.get(feature) == "facility"
    if len(stem) == 1 and stem in ROAD_CLASSES and not facility:
        return None
    first = head
    while first > 0 and head - first < 6:
        previous = tokens[first - 1]
        if previous.is_punct or previous.text in FUNCTION_CHARS or previous.pos not in FEATURE_NAME_POS \
                or previous.text in lex.chunk_breakers or any(ch.isdigit() for ch in previous.text) \
                or previous.pos == "a" and len(previous.text) > 1:  # 最大, 老旧: descriptions, not names
            break
        if previous.pos in ("n", "m") and tokenizer.is_common_word(previous.text, Frequency.BASIC):
            break
        if previous.pos is None and tokenizer.base_tags.get(previous.text[0]) in ("r", "v", "p", "c", "d"):
            break  # 这座博物馆, 如九澳码头: an unknown word that opens with a pronoun or a verb
        first -= 1
    if facility and first == head and stem in HOME_PREFIXES:
        pass  # 市图书馆: the home city's own
    elif facility and first == head and not stem and tokens[head - 1].text in HOME_PREFIXES \
            and (head < 2 or tokens[head - 2].text not in ("我", "本", "全", "各")):
        first = head - 1  # 市 + 科技馆 (not 我区口岸: our region's ports)
    else:
        chunk = tokens[first:head]
        proper = any(is_proper_part(t, tokenizer) for t in chunk) or head == index and word != feature \
            and tokenizer.base_tags.get(word) == "nt" \
            or (len(stem) >= 2 and (stem not in tokenizer.tags or tokenizer.tags.get(stem) == "ns")
                and tokenizer.base_tags.get(word) in (None, "ns", "nz", "nt")  # not 市政道路, a common noun
                and not is_generic_feature(word, tokenizer))  # 现代农业产业园
        if not proper or any(t.text in lex.chunk_breakers for t in chunk):
            return None
        if feature in ABSTRACT_FEATURES and len(chunk) == 2 and is_place_word(chunk[0].text, tokenizer):
            return None  # 呼和浩特文旅市场, 中国汽车市场: a sector of a place's economy
        if (chunk[-1].text if chunk else stem).endswith("新"):
            return None  # 新机场: still a project
    following = tokens[index + 1:index + 3]
    if any(t.pos in ("org_suffix", "nt") or t.text.endswith(ORG_ENDINGS) for t in following):
        return None  # 包头市市场监督管理局: the start of a body's name
    start, end = tokens[first].start, tokens[index].end
    name = text[start:end]
    if COUNTED_KINDS.match(name) or name in lex.stop_entities or len(name) < 3:
        return None  # 七大花海: a count of kinds, not a name
    return Candidate(start, end, "place", name, "feature-suffix", 1)


# Suffixes that name an economic sector after a place and a trade (呼和浩特文旅市场), not a site (东瓦窑市场).
ABSTRACT_FEATURES = ("市场",)
# Grounds an institution has: the institution's name before them makes a place (某某大学科技园).
INSTITUTION_GROUNDS = ("科技园", "产业园", "工业园", "园区", "基地", "校区")


def is_place_word(word: str, tokenizer: Tokenizer) -> bool:
    lex = lexicons()
    return word in lex.countries or word in lex.world_cities or is_division_name(word, tokenizer)


def institution_grounds(text: str, tokens: list[Token], head: int, index: int, tokenizer: Tokenizer) -> Candidate | None:
    """An institution's park or campus (电子科技大学国家大学科技园): the grounds take the institution's name."""
    suffix = suffix_of(tokens[head - 1], tokenizer)
    if suffix is None or lexicons().org_suffixes.get(suffix) != "strong":
        return None
    first = chunk_start(tokens, head - 1, tokenizer)
    start, end = tokens[first].start, tokens[index].end
    institution = text[start:tokens[head - 1].end]
    if first == head - 1 or not valid_organization(institution, suffix, tokens[first:head], tokenizer):
        return None  # 大学科技园 alone: a kind of place
    return Candidate(start, end, "place", text[start:end], "feature-suffix", 2)


# 中方, 港资, 美籍: a one-character place before one of these stands for the place.
ABBREVIATION_HEADS = set("方资籍企商军")
# 驻华, 访美, 赴港: a one-character place after one of these verbs stands for the place.
ABBREVIATION_VERBS = set("驻访来赴抵旅离援")
# 华人, 华侨, 华裔: 华 stands for China.
CHINA_WORDS = ("华人", "华侨", "华裔", "华商", "华工")


# Words after a run of one-character places that show the run names places: 中日两国, 中英关系, 京津冀协同.
PAIR_CONTEXT = ("两国", "三国", "两", "双方", "关系", "合作", "友好", "之间", "间", "边境", "贸易", "经贸", "外长",
                "首脑", "峰会", "建交", "联合", "会谈", "对话", "战略", "伙伴", "人民", "友谊", "交流", "协同", "协作",
                "同胞", "地区", "两岸")


def abbreviation_run(word: str, short: dict[str, str]) -> str:
    """The longest run of distinct one-character places that ``word`` starts with (中英 in 中英关系)."""
    run = ""
    for ch in word[:4]:
        if ch not in short or ch in run:
            break
        run += ch
    return run if len(run) >= 2 else ""


def pair_stands_for_places(word: str, run: str, token: Token, following: str, tokenizer: Tokenizer) -> bool:
    if is_place_word(word, tokenizer):
        return False
    if run != word:
        return word[len(run):] in PAIR_CONTEXT
    return len(run) >= 3 or token.pos in ("ns", "j", "t", None) or following.startswith(PAIR_CONTEXT)


def find_abbreviated_places(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    """One-character places: 中美关系 (中, 美), 台港澳, 中方, 驻华, 访美, 华侨."""
    short, openers = one_character_places(), abbreviation_openers()
    found: list[Candidate] = []

    def add(start: int) -> None:
        found.append(Candidate(start, start + 1, "place", short[text[start]], "abbreviation", 1))

    for index, token in enumerate(tokens):
        word = token.text
        if word[:1] not in openers:
            continue  # every rule below starts with a one-character place or a verb of travel
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
        elif len(word) == 1 and word in short and (run := abbreviation_run(following, short)) \
                and pair_stands_for_places(following, run, tokens[index + 1], "", tokenizer):
            add(token.start)  # 台 before 港澳同胞
        elif len(word) == 1 and word in short and (index == 0 or len(tokens[index - 1].text) > 1
                                                   or tokens[index - 1].text not in short):
            run = index  # 中/美/两国关系: a run of one-character tokens
            while run + 1 < len(tokens) and tokens[run + 1].text in short and len(tokens[run + 1].text) == 1 \
                    and tokens[run + 1].text not in text[token.start:tokens[run].end]:
                run += 1
            after = tokens[run + 1].text if run + 1 < len(tokens) else ""
            if run > index and after.startswith(PAIR_CONTEXT):
                for offset in range(index, run + 1):
                    add(tokens[offset].start)
    return found


@lru_cache(maxsize=1)
def one_character_places() -> dict[str, str]:
    """美 -> 美国, 沪 -> 上海市: one-character places, less those that are function words (以)."""
    return {ch: name for ch, name in lexicons().place_abbreviations.items() if ch not in FUNCTION_CHARS}


@lru_cache(maxsize=1)
def abbreviation_openers() -> frozenset[str]:
    """The one-character places and the verbs of travel: what a word :func:`find_abbreviated_places` reads
    starts with."""
    return frozenset(one_character_places()) | frozenset(ABBREVIATION_VERBS)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every word the gazetteer rule may take: divisions, countries, world cities, nicknames, capital words."""
    lex = lexicons()
    return frozenset(gazetteer().by_name) | frozenset(lex.countries) | frozenset(lex.world_cities) \
        | frozenset(lex.city_nicknames) | frozenset(lex.capital_words)


