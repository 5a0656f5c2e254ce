"""Find organizations: name chunks ending in an organisation suffix, abbreviations, media."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import gazetteer, lexicons
from .candidates import Candidate
from .names import names_a_place
from .grammar import (COMMITTEES, COUNTED_KINDS, DEPARTMENT_SUFFIXES, FUNCTION_CHARS, FUNCTIONAL_ENDINGS, GENERIC_PLACE_ENDINGS,
                      HOME_PREFIXES, feature_suffix, is_bracketed_qualifier, org_suffix_last_chars)
from .tokens import Frequency, Token, Tokenizer

# Parts of speech that may sit inside an organisation name.
NAME_POS = {"n", "nz", "nt", "ns", "nr", "j", "vn", "an", "eng", "nrt", "nrfg", "org_suffix", "title", "s", None}
# Prefixes that make the whole chunk generic (各级党委, 相关部门) rather than a name.
GENERIC_LEADS = ("各", "相关", "有关", "该", "本", "此", "这", "那", "其", "全", "多", "部分", "其他", "所属", "下属", "上级", "我")
MAX_TOKENS = 9
MAX_CHARS = 28


def suffix_of(token: Token, tokenizer: Tokenizer) -> str | None:
    """The longest organisation suffix that ``token`` ends with.

    An ordinary word that happens to end in a suffix character (举办, 社会) does
    not count: the token must be the suffix itself, or a word jieba does not
    know as a common word.
    """
    if token.pos == "title" or token.text[-1:] not in org_suffix_last_chars():
        return None
    return word_suffix(token.text, token.pos, token.freq, tokenizer)


@lru_cache(maxsize=65536)
def word_suffix(word: str, pos: str | None, freq: int, tokenizer: Tokenizer) -> str | None:
    """:func:`suffix_of` a token of this text, tag and frequency, known once per word (words repeat)."""
    suffixes = lexicons().org_suffixes
    for length in range(min(len(word), 6), 0, -1):
        if word[-length:] in suffixes:
            if length == len(word) or pos == "org_suffix" or pos == "nt" and freq >= Frequency.RARE:
                return word[-length:]
            if pos is None and word[-length:] == "办":
                return None  # 通办, 呼宜办: a service done (or its brand), not an office
            if word[:-length] in lexicons().department_fields and word[-length:] in DEPARTMENT_SUFFIXES:
                return word[-length:]  # 保障局 (人力资源和社会保障局): a field's department
            if tokenizer.is_common_word(word, Frequency.OCCASIONAL) or (length == 1 and tokenizer.is_common_word(word[-2:], Frequency.OCCASIONAL)):
                return None  # 举办, 社会, 产业布局
            return word[-length:]
    return None


PROPER_POS = ("ns", "nz", "nt", "j", None, "eng", "nr", "nrt", "nrfg")


def joins_fields(before: str, after: str) -> bool:
    """Do ``before`` 和 ``after`` join two fields of government work (工业 和 信息化局)?"""
    fields = lexicons().department_fields
    return any(before.endswith(f) for f in fields if len(f) <= len(before)) \
        and any(after.startswith(f) for f in fields if len(f) <= len(after))


def starts_a_name(token: Token) -> bool:
    """A province or a country: what a company's or body's full name starts with (内蒙古, 中国)."""
    return token.text in lexicons().countries or any(
        d.level == "province" for d in gazetteer().lookup(token.text))


def chunk_start(tokens: list[Token], end_index: int, tokenizer: Tokenizer) -> int:
    """Index of the first token of the name chunk that ends at ``end_index``."""
    lex = lexicons()
    short_places = lex.place_abbreviations
    i = end_index
    chars = len(tokens[end_index].text)
    while i > 0:
        previous = tokens[i - 1]
        if previous.text in ("和", "与") and i >= 2 and joins_fields(tokens[i - 2].text, tokens[i].text):
            chars += 1  # 文化和旅游厅, 人力资源和社会保障局: two fields of one department
            i -= 1
            continue
        if previous.text in ("）", ")") and i >= 3 and tokens[i - 3].text in ("（", "(") \
                and is_bracketed_qualifier(tokens[i - 2].text):
            chars += len(tokens[i - 2].text) + 2  # 包头钢铁（集团）有限责任公司
            i -= 3
            continue
        if i < end_index and len(previous.text) >= 2 and feature_suffix(previous.text) and starts_a_name(tokens[i]):
            break  # 新能源汽车产业园内蒙古某某有限公司: the company in the park, not the park's company
        if previous.is_punct or previous.text in FUNCTION_CHARS or previous.text in lex.chunk_breakers \
                or previous.text in lex.titles and not previous.text.endswith("家"):  # 书法家协会
            break
        if i >= 2 and previous.text in short_places and tokens[i - 2].text in short_places:
            chars += 2  # 美中贸易全国委员会: two one-character places open the name
            i -= 2
            break
        if len(previous.text) == 1 and previous.pos in (None, "v", "p", "c", "u", "d", "r") \
                and previous.text not in HOME_PREFIXES:
            break
        # 第一附属医院, 青禾新材料有限公司: words inside names that jieba tags otherwise
        inner_word = previous.text == "附属" or previous.text == "新" and i < end_index
        if previous.pos not in NAME_POS and not (previous.pos == "m" and previous.text.startswith("第")) and not inner_word:
            if previous.text not in HOME_PREFIXES and previous.text != "委":
                break
        if end_index - i + 1 >= MAX_TOKENS or chars + len(previous.text) > MAX_CHARS:
            break
        if tokens[end_index].pos == "nt" and previous.pos in ("n", "a", "an", "vn") and previous.text not in HOME_PREFIXES \
                and previous.text not in lex.department_fields:
            break  # 著名学府哈佛大学: a name jieba knows whole takes only places and parent bodies before it
        chars += len(previous.text)
        i -= 1
    return i


COMPANY_ENDINGS = ("有限公司", "有限责任公司", "股份有限公司", "株式会社")
SUBUNIT_SUFFIXES = ("分公司", "子公司", "分行", "支行", "分厂", "分院", "分部", "分中心", "办事处", "事业部", "研究院")
OFFICE_PARENTS = ("政府", "人大", "政协", "党委", "党组", "纪委", "监委")


# A count of bodies written after a kind of body: 幼儿园20所, 共配中心两个 (not 大学2023年, 中学1名学生).
BODY_COUNT = re.compile(r"[\d两一二三四五六七八九十百千余多]+[所家个座处]")


def is_count_or_level(token: Token) -> bool:
    """七个, 34家, 县级, 国家级: words that make the name after them a kind of body."""
    word = token.text
    return (token.pos == "m" or word[:1].isdigit()) and not word.startswith("第") \
        or len(word) >= 2 and word.endswith("级")


def find_organizations(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    suffix_ends, listed = org_suffix_last_chars(), listed_body_words()
    found: list[Candidate] = []
    for index, token in enumerate(tokens):
        word = token.text
        if word[-1:] not in suffix_ends and token.pos != "title" and word not in listed:
            continue  # no rule below can take it (most tokens)
        if word in lex.media or word in lex.org_abbreviations and len(word) >= 2:
            # 市发改委, 自治区侨办: keep the place or home prefix written before an abbreviation.
            first = index
            if first >= 2 and tokens[first - 1].text in ("和", "与") and joins_fields(tokens[first - 2].text, word):
                first -= 2  # 区工信和科技局
            while first > 0 and (tokens[first - 1].text in HOME_PREFIXES or tokens[first - 1].pos in ("ns", "org_suffix")
                                 or tokenizer.base_tags.get(tokens[first - 1].text) == "nt") and index - first < 3:
                first -= 1
            start = tokens[first].start
            found.append(Candidate(start, token.end, "organization", text[start:token.end], "lexicon", 2))
            continue
        if word in lex.company_industries and index > 0 and is_trade_name(tokens[index - 1], tokenizer):
            start = tokens[index - 1].start
            found.append(Candidate(start, token.end, "organization", text[start:token.end], "trade-name", 2))
            continue
        body = body_of_title(token, tokenizer) if token.pos == "title" else None
        if body and (tokenizer.base_tags.get(body) == "nt" or index > 0 and tokens[index - 1].pos == "ns"):
            # 呼和浩特市委副书记, 国务院总理: the title starts with the body it is held at.
            start = tokens[index - 1].start if index > 0 and tokens[index - 1].pos == "ns" else token.start
            end = token.start + len(body)
            found.append(Candidate(start, end, "organization", text[start:end], "title-prefix", 2))
            continue
        suffix = suffix_of(token, tokenizer) if word[-1:] in suffix_ends else None
        if not suffix or token.is_punct:
            continue
        if index + 1 < len(tokens) and tokens[index + 1].text in ("所", "长"):
            continue  # 邮政局所, 局长: the suffix starts another word
        if word == "办" and index > 0 and tokens[index - 1].pos not in ("nt", "org_suffix") \
                and tokens[index - 1].text not in OFFICE_PARENTS:
            continue  # “浙里办”, 马上办: 办 as a verb; 市委办, 市政府办: the office of a body
        first = chunk_start(tokens, index, tokenizer)
        while first < index and (tokens[first].text.startswith(GENERIC_LEADS) and tokens[first].text not in HOME_PREFIXES
                                 or (tokens[first].pos == "m" or tokens[first].text[0].isdigit())
                                 and not tokens[first].text.startswith("第")):
            first += 1  # 各级党委, 10支专家队伍: a count or a generic lead is not part of the name
        if suffix not in SUBUNIT_SUFFIXES:
            # 甲有限公司乙有限公司: a name holds another company's full name only as the parent of a branch.
            first = max([first] + [i + 1 for i in range(first, index) if tokens[i].text.endswith(COMPANY_ENDINGS)])
        start, end = tokens[first].start, token.end
        name = text[start:end]
        if not valid_organization(name, suffix, tokens[first:index + 1], tokenizer):
            continue
        counted = first > 0 and is_count_or_level(tokens[first - 1]) \
            or BODY_COUNT.match("".join(t.text for t in tokens[index + 1:index + 3])) is not None
        if counted and not any(t.pos == "ns" for t in tokens[first:index]):
            continue  # 七个邮政支局, 县级共配中心, 中小学幼儿园20所: a kind of body counted or ranked
        found.append(Candidate(start, end, "organization", name, "suffix", 2))
    if not any(candidate.name.endswith(UNIT_HOLDERS) for candidate in found):
        return found  # most sentences: no body a unit word may follow
    by_start = {t.start: t for t in tokens}
    return [extend_to_unit(candidate, text, by_start.get(candidate.end)) for candidate in found]


@lru_cache(maxsize=1)
def listed_body_words() -> frozenset[str]:
    """The words :func:`find_organizations` reads without a suffix: media, abbreviations of two characters or
    more, and the trades a company's name ends with."""
    lex = lexicons()
    return frozenset(lex.media) | frozenset(word for word in lex.org_abbreviations if len(word) >= 2) \
        | frozenset(lex.company_industries)


# Bodies that open a compound title: 市委副书记, 县政府副县长, 党委书记.


def body_of_title(token: Token, tokenizer: Tokenizer) -> str | None:
    """The body a compound title opens with: 市委 in 市委副书记, 国务院 in 国务院总理."""
    if token.pos != "title":
        return None
    word = token.text
    for length in range(len(word) - 1, 1, -1):
        if tokenizer.base_tags.get(word[:length]) == "nt" and word[length:] in lexicons().titles:
            return word[:length]
    return next((c for c in COMMITTEES if word.startswith(c) and len(word) > len(c)), None)


def is_trade_name(token: Token, tokenizer: Tokenizer) -> bool:
    """A company's trade name (华希, 双杰, 神舟): a short word jieba does not know, or a proper noun."""
    word = token.text
    if not token.is_cjk or not 2 <= len(word) <= 4 or word in lexicons().stop_entities \
            or word in lexicons().company_industries or word in lexicons().department_fields:
        return False  # 文旅集团: a trade, not a trade name
    if token.pos is None:
        return True
    if len(word) > 3 or gazetteer().lookup(word):
        return False
    return token.pos in ("nz", "nr", "nrt") and not tokenizer.is_common_word(word, Frequency.USUAL)


# A body's own governing unit written after its name: 致公党中央, 民盟中央.
UNIT_WORDS = ("中央",)
UNIT_HOLDERS = ("党", "盟", "会")  # what the name of a body with such a unit ends with


def extend_to_unit(candidate: Candidate, text: str, following: Token | None) -> Candidate:
    if following is not None and following.text in UNIT_WORDS and candidate.name.endswith(UNIT_HOLDERS):
        candidate.end = following.end
        candidate.name = text[candidate.start:candidate.end]
    return candidate


def is_proper(token: Token) -> bool:
    """A part that makes a chunk a name: a place, an unknown word, a name (but not 养老, which jieba calls one,
    nor 中小学, an abbreviation everyone uses)."""
    return token.pos in PROPER_POS and not (token.pos == "nr" and token.text in lexicons().not_person) \
        and not (token.pos == "j" and token.freq >= Frequency.FREQUENT) \
        and not token.text.endswith(GENERIC_PLACE_ENDINGS)  # 北方地区能源总部: a region described, not named


# Endings of meetings and fairs that end like a body's 会: 博览会, 洽谈会, 运动会, 发布会.
EVENT_ENDINGS = ("博会", "洽会", "展会", "览会", "易会", "谈会", "动会", "布会", "年会", "峰会", "赛会", "演会", "晚会",
                 "庙会", "集会", "宴会", "例会", "全会", "大会")


def valid_organization(name: str, suffix: str, chunk: list[Token], tokenizer: Tokenizer) -> bool:
    lex = lexicons()
    if name in lex.stop_entities or len(name) < 3:
        return False
    if name == suffix:
        # 教育局, 商务局: a department named by its function alone, in the paper's own city.
        return len(name) >= 3 and (name.endswith(FUNCTIONAL_ENDINGS) or tokenizer.base_tags.get(name) == "nt")
    if len(chunk) >= 2 and (chunk[-2].pos == "m" or chunk[-2].text[-1:].isdigit()) and len(suffix) == 1:
        return False  # 幼儿园61所, 10家
    stem = name[: -len(suffix)]
    if stem in HOME_PREFIXES and len(suffix) == 1:
        return False
    if any(t.text in lex.chunk_breakers for t in chunk):
        return False
    if chunk[0].text.startswith("第") and "届" in chunk[0].text or suffix == "会" and name.endswith(EVENT_ENDINGS):
        return False  # 第七届博览会, 中俄博洽会: an event, not a body
    if any(COUNTED_KINDS.match(t.text) or (t.text.endswith("级") and len(t.text) >= 2) for t in chunk[:-1]):
        return False  # 六大产业集群专班, 村级养老服务站: a kind of body, not a body
    proper = any(is_proper(t) or t.text in HOME_PREFIXES or t.text.startswith("第") for t in chunk[:-1]) \
        or (len(chunk) == 1 and is_proper(chunk[0]))
    if lex.org_suffixes.get(suffix) == "weak" or not name.endswith(FUNCTIONAL_ENDINGS):
        # 中心, 部, 院, 公司...: only with a proper-name part (a place, an unknown word, an abbreviation).
        return proper or stem in HOME_PREFIXES
    if len(chunk) == 1 and tokenizer.is_common_word(name, Frequency.USUAL) and tokenizer.tags.get(name) not in ("nt", "nz"):
        return False
    return True


# Suffixes after which a body's bare trade or proper name stands for it: 哈佛 for 哈佛大学, 伊利 for 伊利集团
# (longest first).
SHORTENED_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "大学", "学院", "集团", "公司", "银行")


def short_form(name: str, tokenizer: Tokenizer) -> str | None:
    """The bare name a body is also called by (哈佛大学 -> 哈佛), when it is a proper name of 2-4 characters."""
    suffix = next((s for s in SHORTENED_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    stem = name[: -len(suffix)]
    if not 2 <= len(stem) <= 4 or names_a_place(stem) or stem in lexicons().stop_entities:
        return None
    tag = tokenizer.base_tags.get(stem)
    if tag not in (None, "nz", "nr", "nrt", "j", "nt") or tag is not None and tokenizer.is_common_word(stem, Frequency.EVERYDAY):
        return None
    return stem
