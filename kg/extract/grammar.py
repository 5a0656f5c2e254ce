"""Grammar that several extractors share: function characters, counted kinds, the home region's
one-character prefixes, and the suffix tests for organisation and place names.

Only :mod:`kg.lexicon` is imported here, so every extractor can import this module
and none has to import another extractor for a shared test.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import gazetteer, lexicons

# Single characters that never belong to a name or a chunk: they join or end phrases.
FUNCTION_CHARS = set("的了和与及或在对由向从把被将为是也就都又还而且并但等说让给使于以")
# Characters that end an unknown word jieba glued to a name (李海鹰说, 张博是).
TRAILING_CHARS = FUNCTION_CHARS | set("称讲笑问答")

# A count of kinds (六大产业集群, 七大花海, 三大运营商): it describes a kind, it does not name one.
COUNTED_KINDS = re.compile(r"^[一二三四五六七八九十百千两\d]+大")  # a word that starts with one
COUNTED_INSIDE = re.compile(r"[一二三四五六七八九十百千两]大")  # a word that holds one
COUNTED_TAIL = re.compile(r"[两三四五六七八九十]大")  # the count that closes a list: 甲、乙、丙三大运营商
COUNTS = {ch: n for n, ch in enumerate("一两三四五六七八九十", start=1)}

# A division word alone before a body or a post stands for the paper's home region: 市委, 区政府, 县长.
HOME_PREFIXES = ("市", "区", "县", "省", "自治区", "旗", "盟", "州", "镇", "乡")

# Bodies that hold posts (市委书记, 人大常委会主任): a title starting with one names its body.
COMMITTEES = ("自治区党委", "市委", "县委", "区委", "省委", "州委", "旗委", "盟委", "党委", "党组", "工委",
              "市政府", "县政府", "区政府", "省政府", "旗政府", "人大常委会", "政协")
# Suffixes of a government department, named by its field (保障局 in 人力资源和社会保障局).
DEPARTMENT_SUFFIXES = ("局", "厅", "委", "委员会", "办", "办公室", "部", "署")
# Suffixes of bodies named by their function alone (商务局, 区域经济合作局): no proper name needed.
FUNCTIONAL_ENDINGS = DEPARTMENT_SUFFIXES + ("政府", "党委", "党组", "工委", "大学", "学院", "法院", "检察院", "支队",
                                            "大队", "总队", "联合会", "工会")
# Endings of a body's name: a place name followed by one starts a body (包头市市场监督管理局).
ORG_ENDINGS = ("局", "委", "厅", "办", "公司", "集团", "协会", "中心", "所")
# Words that end a description of places rather than a name: 大城市, 沿海地区.
GENERIC_PLACE_ENDINGS = ("城市", "地区", "国家", "农村", "城镇", "山区", "边疆", "内地", "沿海", "同胞")


# Relations whose verbs end a body's name read back from a title: 市长某某会见某某公司副社长 (the body is
# 某某公司). Not 合作, which names bodies too (区域经济合作局, 专业合作社).
EVENT_RELATIONS = ("meets", "visits", "signs_with")


# Words of visiting or interviewing that end a body's name too: ——访市某某局局长某某 (an interview's subtitle).
VISIT_WORDS = ("专访", "访问", "拜访")


@lru_cache(maxsize=1)
def event_verbs() -> frozenset[str]:
    """Verbs of meeting, visiting and signing (会见, 调研, 签约 ...: the relation lexicon's) and of visiting or
    interviewing (访问, 专访)."""
    return frozenset(verb for verb, (relation, _) in lexicons().relation_verbs.items()
                     if relation in EVENT_RELATIONS) | frozenset(VISIT_WORDS)


def holds_event_verb(word: str) -> bool:
    """True when ``word`` is or ends with a verb of :func:`event_verbs` (会见, 在京会见; not 调研室)."""
    return word == "访" or word in event_verbs() or word.endswith(tuple(event_verbs()))  # ——访: 访 alone


def names_nothing(rest: str) -> bool:
    """True when what follows a verb read back from a title could not name a body alone: one character or
    a bare suffix (室 of 政策调研室): the verb then belongs to the name."""
    return len(rest) == 1 or rest in lexicons().org_suffixes


@lru_cache(maxsize=1)
def org_suffix_last_chars() -> frozenset[str]:
    return frozenset(suffix[-1] for suffix in lexicons().org_suffixes)


@lru_cache(maxsize=1)
def place_suffix_last_chars() -> frozenset[str]:
    return frozenset(suffix[-1] for suffix in lexicons().place_suffixes)


@lru_cache(maxsize=65536)
def feature_suffix(word: str) -> str | None:
    """The longest place suffix ``word`` ends with (公园 in 敕勒川公园)."""
    suffixes = lexicons().place_suffixes
    for length in range(min(len(word), 4), 0, -1):
        if word[-length:] in suffixes:
            return word[-length:]
    return None


def is_bracketed_qualifier(word: str) -> bool:
    """集团, 中国, 控股 in 某某（集团）有限公司: what a company writes in brackets inside its name."""
    lex = lexicons()
    return word in lex.org_suffixes or word in lex.countries or word in ("控股", "股份") \
        or bool(gazetteer().lookup(word))
