"""Find people: names next to titles, appointments, foreign names, names jieba cuts apart; the posts they hold."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..lexicon import gazetteer, lexicons
from .candidates import TAGGER_RULE, Candidate
from .credits import credited_people
from .names import is_surname_start, names_a_place, plausible_name
from .grammar import COMMITTEES, FUNCTION_CHARS, holds_event_verb, is_bracketed_qualifier, names_nothing
from .tokens import Frequency, Token, Tokenizer

# Words that follow or precede a person's name: 李海鹰说, 张博表示.
PERSON_AFTER = {"说", "称", "表示", "介绍", "指出", "强调", "认为", "告诉", "坦言", "笑着说", "回忆", "建议",
                "一行", "同志", "等人", "本人"}
PERSON_BEFORE = {"市民", "村民", "居民", "同学", "学生", "员工", "职工", "选手", "队员", "患者", "游客", "网友"}
NAME_SHAPED_TAGS = frozenset((None, "nr", "nrfg"))  # jieba's tags of a word that may be a name: unknown or a name
# Characters that end a name read after a title: 市长贺海东会见 -> 贺海东.
NAME_STOP_CHARS = FUNCTION_CHARS | set("一行率带出席参加主持会见调研讲话表示指出强调介绍")
FORMER = ("前", "原")  # 前首相, 原局长: a title once held
ACTING = ("代",)  # 代总理, 代市长: a title held for now


@lru_cache(maxsize=1)
def title_last_chars() -> frozenset[str]:
    return frozenset(title[-1] for title in lexicons().titles)


@lru_cache(maxsize=200_000)
def title_in(word: str) -> str | None:
    """The title a token is or ends with: 市长; 前首相 (once held); 日本首相 (a country's). Known once per word
    (words repeat)."""
    lex = lexicons()
    if word in lex.titles:
        return word
    if word[-1:] not in title_last_chars():
        return None  # most tokens stop here
    if word[:1] in FORMER and word[1:] in lex.titles:
        return word[1:]
    for length in range(2, min(len(word) - 1, 5) + 1):
        prefix = word[:-length]
        if word[-length:] in lex.titles and (prefix in lex.countries or gazetteer().lookup(prefix)):
            return word[-length:]
    return None


def transliterated_span(tokens: list[Token], index: int, tokenizer: Tokenizer) -> tuple[int, int] | None:
    """(start, end) of a foreign name that tokens from ``index`` spell, even when jieba cut it (古/特雷斯)."""
    chars = lexicons().transliteration_chars
    end = index
    while end < len(tokens) and tokens[end].is_cjk and len(tokens[end].text) <= 4 \
            and all(ch in chars for ch in tokens[end].text) and tokens[end].start - tokens[index].start < 5:
        end += 1
    if end == index:
        return None
    start, stop = tokens[index].start, tokens[end - 1].end
    word = "".join(t.text for t in tokens[index:end])
    if end - index == 1:
        return (start, stop) if is_transliterated(tokens[index], tokenizer) else None
    if not 3 <= len(word) <= 5 or tokenizer.is_common_word(word, Frequency.SEEN) or names_a_place(word) \
            or any(len(t.text) >= 2 and tokenizer.is_common_word(t.text, Frequency.FAMILIAR) for t in tokens[index:end]):
        return None
    return start, stop


def is_transliterated(token: Token, tokenizer: Tokenizer) -> bool:
    """基辛格, 亨特: a word written only with the characters of foreign names, and not an ordinary word or place."""
    word = token.text
    if not 2 <= len(word) <= 5 or token.pos not in ("n", "nr", "nrt", "nz", None):
        return False
    chars = lexicons().transliteration_chars
    return all(ch in chars for ch in word) and not tokenizer.is_common_word(word, Frequency.FAMILIAR) and not names_a_place(word)


def said_by(tokens: list[Token], index: int) -> bool:
    """书记包钢一行, 市长高峰说: a surname-led word of two or three characters that a person's word follows."""
    token = tokens[index]
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return 2 <= len(token.text) <= 3 and is_surname_start(token.text) > 0 and following in PERSON_AFTER \
        and token.text not in lexicons().not_person and not gazetteer().lookup(token.text)


def name_after(tokens: list[Token], index: int, tokenizer: Tokenizer, foreign_ok: bool) -> tuple[int, int] | None:
    """Read a personal name starting at token ``index``: (start, end) in the sentence, or None."""
    if index >= len(tokens):
        return None
    first = tokens[index]
    if first.is_punct or not first.is_cjk or first.text[0] in FUNCTION_CHARS:
        return None
    start = first.start
    text = ""
    i = index
    while i < len(tokens):
        token = tokens[i]
        if token.is_punct or not token.is_cjk or token.text in lexicons().titles:
            break
        surname_only = len(text) == is_surname_start(text) and len(text) > 0
        if text and len(token.text) >= 2 and not (surname_only and len(token.text) <= 2 and token.pos != "title") \
                and (tokenizer.is_common_word(token.text) or token.pos == "title"):
            break
        if text and (len(token.text) == 1 and token.text in NAME_STOP_CHARS or token.text in PERSON_AFTER):
            break
        if not text and (len(token.text) > 4 or len(token.text) >= 2 and token.pos not in ("nr", "nrfg", "nrt", None)
                         and tokenizer.is_common_word(token.text, Frequency.OCCASIONAL) and not said_by(tokens, i)):
            return None  # 理事招商引资, 博士毕业后: a word, not a name
        if len(text) + len(token.text) > 4:
            break
        text += token.text
        i += 1
        if len(text) >= 3 and not foreign_ok and is_surname_start(text) == 1:
            break
    if len(text) < 2:
        return None
    if not foreign_ok and len(text) == 4 and is_surname_start(text) != 2:
        text = text[:3]
    return start, start + len(text)


def find_people(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    title_ends = title_last_chars()
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        if token.text[-1:] not in title_ends:
            continue  # no title ends so (most tokens)
        title = title_in(token.text)
        if title is None:
            continue
        foreign_ok = title in ("副社长", "社长", "会长", "总裁", "首相", "总统", "大使") \
            or (i + 1 < len(tokens) and tokens[i + 1].pos == "nrt")
        foreign = transliterated_span(tokens, i + 1, tokenizer)
        if foreign is not None:
            start, end = foreign  # 国务卿基辛格, 秘书长古/特雷斯: a foreign name after a title
            found.append(Candidate(start, end, "person", text[start:end], "title-before", 3,
                                   roles=preceding_titles(tokens, i)))
            continue
        span = name_after(tokens, i + 1, tokenizer, foreign_ok)
        if span:
            name = text[span[0]:span[1]]
            if plausible_name(name, tokenizer, strict=not (foreign_ok or said_by(tokens, i + 1))):
                found.append(Candidate(span[0], span[1], "person", name, "title-before", 3,
                                       roles=preceding_titles(tokens, i)))
    found.extend(names_before_titles(text, tokens, tokenizer))
    found.extend(appointments(tokens, tokenizer))
    found.extend(credited_people(text, tokenizer))
    # Words shaped like names, with a person's context (names without one are the tagger's).
    for index, token in enumerate(tokens):
        if token.pos not in NAME_SHAPED_TAGS or not token.is_cjk or not is_surname_start(token.text):
            continue
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        before = tokens[index - 1].text if index > 0 else ""
        context = after in PERSON_AFTER or after in lex.titles or after in lex.honorifics or before in PERSON_BEFORE
        known_name = token.pos is not None
        if known_name and not context and (len(token.text) != 3 or tokenizer.is_common_word(token.text[:2], Frequency.COMMON)):
            continue  # jieba knows 李明 as a name, but also 高峰 and 文明 (and 通知书): those need context
        if context and len(token.text) in (2, 3) and plausible_name(token.text, tokenizer):
            found.append(Candidate(token.start, token.end, "person", token.text, "surname-context", 2))
    found.extend(split_names(tokens, tokenizer))
    return found


def split_names(tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    """Names jieba cut in two (李 / 海鹰) where the words around them say person: 李海鹰说, 李海鹰老师."""
    lex = lexicons()
    found: list[Candidate] = []
    for index, surname in enumerate(tokens[:-2]):
        if surname.text not in lex.surnames or len(surname.text) != 1 or surname.pos not in ("nr", "q", None):
            continue
        given, after = tokens[index + 1], tokens[index + 2]
        if not (1 <= len(given.text) <= 2) or not given.is_cjk or given.pos not in ("nz", "nr", "ng", "n", None) \
                or given.text in FUNCTION_CHARS or given.pos == "n" and tokenizer.is_common_word(given.text, Frequency.COMMON):
            continue
        if after.text in PERSON_AFTER or after.text in lex.titles or after.text in lex.honorifics:
            name = surname.text + given.text
            if plausible_name(name, tokenizer):
                found.append(Candidate(surname.start, given.end, "person", name, "surname-context", 2))
    return found


# Titles after a bare surname that make it a reference to a person: 江主席, 李市长.
LEADER_TITLES = ("主席", "副主席", "总理", "副总理", "总统", "副总统", "总书记", "委员长", "书记", "部长", "省长",
                 "市长", "县长", "区长", "局长", "厅长", "校长", "院长", "董事长", "总经理", "首相", "大使", "国务卿")
# Words after a name that make it one, whatever its origin: 克林顿总统, 威尔逊州长先生.
FOREIGN_NAME_TAGS = ("nrt", "nr")
ADDRESS_WORDS = ("先生", "夫人", "女士")


# Verbs that give a person a post: 某某当选某会会长, 某某担任某局局长, 任命某某为某局局长.
APPOINTMENT_VERBS = ("当选", "担任", "出任", "兼任", "升任", "就任", "任")
APPOINTMENT_LINKS = ("为",)  # 任命某某为...
APPOINTMENT_WORDS = frozenset(APPOINTMENT_VERBS + APPOINTMENT_LINKS)


def appointments(tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    """A name, a verb of appointment, a body and a title: 葛某当选某某联谊会会长 (the title held at that body)."""
    found: list[Candidate] = []
    for index, token in enumerate(tokens[1:-2], start=1):
        if token.text not in APPOINTMENT_WORDS:
            continue
        start = index - 2 if index >= 2 and tokens[index - 2].text in lexicons().surnames \
            and len(tokens[index - 1].text) <= 2 and tokens[index - 1].is_cjk else index - 1  # 周/海峰
        name = "".join(t.text for t in tokens[start:index])
        if not (is_surname_start(name) and plausible_name(name, tokenizer)
                and (start < index - 1 or tokens[start].pos in ("nr", "nrfg", None))):
            continue
        first = index + 2 if tokens[index + 1].text in APPOINTMENT_LINKS else index + 1  # 当选/为
        for end in range(first, min(index + 12, len(tokens))):
            if tokens[end].is_punct:
                break
            title = title_in(tokens[end].text)
            if title is not None and (end + 1 == len(tokens) or tokens[end + 1].is_punct):
                org = "".join(t.text for t in tokens[first:end]) or None
                found.append(Candidate(tokens[start].start, tokens[index - 1].end, "person", name, "appointment", 2,
                                       roles=[(title, org)]))
                break
    return found


def names_before_titles(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    """Names written before a title, including foreign ones (克林顿总统), and bare surnames (江主席, 吴先生).

    Names inside a doctrine's name (邓小平理论) are the tagger's: a rule for them found nothing the
    tagger missed on the development splits (44 of 44 spans the tagger's too)."""
    surnames, honorifics = lexicons().surnames, lexicons().honorifics
    follow_names, open_names = words_after_names(), surname_openers()
    found: list[Candidate] = []
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        word = token.text
        after = tokens[index + 1].text if index < last else ""
        after_name = after in follow_names
        if not after_name and word[:1] not in open_names:
            continue  # none of the rules below can take it (most words)
        if after_name and 2 <= len(word) <= 5 and token.is_cjk \
                and (token.pos in FOREIGN_NAME_TAGS or is_transliterated(token, tokenizer)) \
                and plausible_name(word, tokenizer, strict=False) \
                and not tokenizer.is_common_word(word, Frequency.VERY_FREQUENT) and not word.endswith("州"):
            found.append(Candidate(token.start, token.end, "person", word, "title-after", 2))
        elif len(word) >= 3 and word[0] in surnames and not not_surname_there(word[0]) and (
                word[1:] in LEADER_TITLES or word[1:] in honorifics and token.pos in ("nr", None)):
            # 江主席, and 吴先生, 王女士 (jieba keeps them one word): the surname alone names the person
            found.append(Candidate(token.start, token.start + 1, "person", word, "surname-title", 1))
        elif len(word) == 1 and word in surnames and bare_surname_before(tokens, index):
            found.append(Candidate(token.start, token.end, "person", word + after, "surname-title", 1))
        elif len(word) == 2 and token.pos is None and (word[0] in SURNAME_PREFIXES and word[1] in surnames
                                                       or word[1] in SURNAME_SUFFIXES and word[0] in surnames):
            surname = token.start + (word[0] in SURNAME_PREFIXES)  # 老宦, 毋老: the surname alone
            found.append(Candidate(surname, surname + 1, "person", word, "surname-title", 1))
    return found


# Words around a bare surname that make it a reference to a person, whatever the surname: 老宦, 毋老 (jieba
# keeps them one unknown word; 老王 it knows). 小X and X某 were tried and left out: 小 starts nicknames and
# common nouns (小陶壶, 小苍) and CLUENER labels no 郭某, so each cost a split more than it earned.
SURNAME_PREFIXES = "老"
SURNAME_SUFFIXES = "老"
# Parts of speech of a one-character word before a title that is no surname there: 向院长汇报, 和主席.
NOT_SURNAME_POS = ("p", "c", "d", "r", "m", "q", "f", "v", "u", "uj", "ul", "uz", "ug", "ud", "uv", "title")


@lru_cache(maxsize=1)
def words_after_names() -> frozenset[str]:
    """Titles and forms of address: the words after a name that :func:`names_before_titles` reads."""
    return frozenset(lexicons().titles) | frozenset(ADDRESS_WORDS)


@lru_cache(maxsize=1)
def surname_openers() -> frozenset[str]:
    """What a word :func:`names_before_titles` takes without a title after it starts with: a surname, or a
    word written before one (老宦)."""
    return frozenset(lexicons().surnames) | frozenset(SURNAME_PREFIXES)


def not_surname_there(char: str) -> bool:
    """Is a surname character before a title something else: 黎总统 (Lebanon's), 代总理 (acting), 和主席?"""
    return char in FUNCTION_CHARS or char in FORMER or char in ACTING or char in lexicons().place_abbreviations


def bare_surname_before(tokens: list[Token], index: int) -> bool:
    """江主席, 母处长, 冉先生: a one-character surname word followed by a title or a form of address."""
    token = tokens[index]
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if after not in lexicons().titles and not (len(after) >= 2 and after in lexicons().honorifics):
        return False
    if token.pos in NOT_SURNAME_POS or not_surname_there(token.text):
        return False
    if index == 0 or tokens[index - 1].is_punct or tokens[index - 1].text in FUNCTION_CHARS:
        return True
    before = tokens[index - 1]
    if after in LEADER_TITLES:
        return len(before.text) > 1
    return (before.pos or "").startswith("v")  # not after a noun: 好友方医生 is a description (CLUENER)


def posts_of_tagged_people(tokens: list[Token], candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with each person only the tagger found holding the post written right before it, as the
    title rule gives one (联合国秘书长安南: the rules do not read 安南, which jieba knows as a place, as a name)."""
    ends = None
    settled = []
    for candidate in candidates:
        if candidate.type == "person" and candidate.rule == TAGGER_RULE and not candidate.roles:
            if ends is None:
                ends = {token.end: index for index, token in enumerate(tokens)}
            index = ends.get(candidate.start)
            if index is not None and title_in(tokens[index].text) is not None:
                candidate = replace(candidate, roles=preceding_titles(tokens, index))
        settled.append(candidate)
    return settled


def preceding_titles(tokens: list[Token], title_index: int) -> list[tuple[str, str | None]]:
    """Titles before a name, with the organisation text they hang on: 市交通运输局党组书记、局长."""
    lex = lexicons()
    titles: list[tuple[str, str | None]] = []
    i = title_index
    while i >= 0:
        token = tokens[i]
        title = title_in(token.text)
        if title is not None:
            org_tokens = [token.text[:-len(title)]] if token.text[:-len(title)] not in ("", *FORMER) else []
            j = i - 1
            while j >= 0 and tokens[j].text not in lex.titles and len(org_tokens) < 8:
                if tokens[j].text in (")", "）") and j >= 2 and tokens[j - 2].text in ("(", "（") \
                        and is_bracketed_qualifier(tokens[j - 1].text):
                    org_tokens[:0] = [t.text for t in tokens[j - 2:j + 1]]  # 包头钢铁（集团）有限责任公司董事长
                    j -= 3
                    continue
                if tokens[j].is_punct or len(tokens[j].text) == 1 and tokens[j].text in FUNCTION_CHARS \
                        or holds_event_verb(tokens[j].text) and not names_nothing("".join(org_tokens)):
                    break  # 会见 in 某某会见某某公司副社长: the body starts after it (调研 in 政策调研室 does not)
                org_tokens.insert(0, tokens[j].text)
                j -= 1
            if org_tokens and org_tokens[-1] in FORMER and len(org_tokens) > 1:
                org_tokens.pop()  # 美国前国务卿: the title was held at 美国
            titles.insert(0, (title, "".join(org_tokens) or None))
            i = j
            if i >= 0 and tokens[i].text == "、":
                i -= 1
                continue
            if org_tokens:
                break
            continue
        break
    # 市交通运输局党组书记、局长: a title without its own organisation shares the one before it.
    shared: list[tuple[str, str | None]] = []
    current = None
    for title, org in titles:
        if title.startswith(COMMITTEES):
            current = org  # 政协副主席、市委书记: 市委书记 names its own body
        else:
            current = org or current
        shared.append((title, current))
    return shared
