"""Find projects: quoted named undertakings, construction projects, road codes."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import lexicons
from .candidates import Candidate
from .grammar import COUNTED_KINDS, FUNCTION_CHARS
from .tokens import Token, Tokenizer

QUOTE_STRIP = str.maketrans("", "", "“”‘’\"'「」『』《》")
ROAD_CODE = re.compile(r"[GS]\d{1,4}(?:线)?(?:(?![等和及的是在将为])[\u4e00-\u9fff\dA-Z]){0,24}")
ROAD_END = re.compile(r".*(?:提质改造工程|改造工程|连接线|高速公路|一级公路|公路|高速|工程|项目|段|大桥|隧道|互通)")


# A quoted name followed by one of these is a named undertaking: “两进一出”工程, “阳光青苗”专项行动.
QUOTED_SUFFIXES = ("专项行动", "行动计划", "工程", "项目", "计划", "行动", "活动", "战略", "示范区", "试点")
# Words after a quoted name that say what it is without being part of it: “青城小院士”项目 is 青城小院士.
DESCRIPTIVE_SUFFIXES = ("项目", "活动")
# Unquoted chunks only make a project with a construction suffix: 阿特斯新能源全产业链项目, 呼包高铁.
CONSTRUCTION_SUFFIXES = ("工程", "项目", "铁路", "高铁", "城际铁路", "高速铁路", "高速公路", "高速", "公路", "机场",
                         "枢纽", "综合交通枢纽", "连接线", "大桥", "特大桥", "隧道", "数据中心", "电站", "风电场",
                         "轨道交通", "地铁", "快速路", "环线", "管线", "水库", "输电线路", "产业园", "物流园")
ANY_CONSTRUCTION_SUFFIX = re.compile("|".join(map(re.escape, CONSTRUCTION_SUFFIXES)))  # a sentence with none: no token ends so
GENERIC_HEAD = re.compile(r"^(?:[一二三四五六七八九十百千\d]+大|[^\s]{0,3}性)")
# A quoted name may hold a list of its parts: “千村示范、万村整治”工程.
QUOTED = re.compile(r"[“\"「]([\u4e00-\u9fff\dA-Za-z·](?:[\u4e00-\u9fff\dA-Za-z·]|[、，](?=[\u4e00-\u9fff])){1,19})[”\"」]"
                    r"((?:[\u4e00-\u9fff]{0,4}?)(?:%s)|等[^，。；“”]{0,8}?项目)?" % "|".join(QUOTED_SUFFIXES))


# Government services are branded with a short quoted name ending in 办 or 通: “蒙速办”, “浙里办”, “皖事通”.
SERVICE_BRAND = re.compile(r"[\u4e00-\u9fff]{2,3}[办通]")
SLOGAN_POS = ("r", "d", "m", "p", "c", "u")  # “我们来办”, “马上就办”: a pledge, not a brand
# Words right before 项目 that make it a place's or a year's list of projects: 2024年重点项目, 全市在建项目.
PLAN_WORDS = ("重点", "重大", "在建", "新开工", "续建", "储备", "签约", "招商", "年度", "市级", "区级", "自治区级", "省级")
# A phase, line or section inside a project's name, whatever jieba tags it: 一期工程, 1号线, 三线工程, 二标段.
PHASE = re.compile(r"^(?:[一二三四五六七八九十\d]+(?:期|号线|线|标段|标)|号线|[一二三四五六七八九十]+号)$")
# Parts of speech that end a project name read backwards from its suffix (verbs, prepositions...).
PROJECT_STOP_POS = ("v", "p", "c", "u", "d", "r", "f", "uj", "ul", "y", "q", "t", "title")
MAX_PROJECT_CHARS = 24


def project_chunk_start(tokens: list[Token], end_index: int) -> int:
    """First token of the project name ending at ``end_index``.

    Project names carry adjectives and figures that other names do not:
    阿特斯新能源全产业链项目, 呼和浩特新机场, 500万吨炼油项目.
    """
    lex = lexicons()
    i = end_index
    chars = len(tokens[end_index].text)
    while i > 0:
        previous = tokens[i - 1]
        phase = PHASE.match(previous.text) is not None
        if previous.is_punct or previous.text in FUNCTION_CHARS or previous.text in lex.chunk_breakers \
                or (previous.pos in PROJECT_STOP_POS and not phase) or not previous.text.isalnum():
            break
        if chars + len(previous.text) > MAX_PROJECT_CHARS:
            break
        chars += len(previous.text)
        i -= 1
    return i


@lru_cache(maxsize=65536)
def construction_suffix(word: str) -> str | None:
    """The first of ``CONSTRUCTION_SUFFIXES`` that ``word`` ends with, known once per word (words repeat)."""
    return next((suffix for suffix in CONSTRUCTION_SUFFIXES if word.endswith(suffix)), None)


def find_projects(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    found: list[Candidate] = []
    for match in QUOTED.finditer(text):
        inner, after = match.group(1), match.group(2) or ""
        if COUNTED_KINDS.match(inner):
            continue  # “四大行动”, “六大工程”: a count of kinds
        if inner.endswith(QUOTED_SUFFIXES) and len(inner) > 3 and not after.startswith(("工程", "计划", "行动")) \
                or after.startswith("等") or after.endswith(DESCRIPTIVE_SUFFIXES):
            # “优才计划”, “助康工程”项目, “幸福家园”等慈善项目: the quoted text is the whole name.
            found.append(Candidate(match.start(1), match.end(1), "project", inner, "quoted", 2))
        elif after:
            name = match.group().translate(QUOTE_STRIP)
            found.append(Candidate(match.start(), match.end(), "project", name, "quoted", 2))
        elif SERVICE_BRAND.fullmatch(brand := inner.split("·")[0]) and not any(
                t.pos in SLOGAN_POS for t in tokenizer.tokenize(brand)):
            # “蒙速办”, “呼宜办·帮办代办”: a government service's brand (an app, a window, a hotline).
            found.append(Candidate(match.start(1), match.start(1) + len(brand), "project", brand, "quoted", 2))
    for match in ROAD_CODE.finditer(text):
        ending = ROAD_END.match(match.group())
        if ending:
            found.append(Candidate(match.start(), match.start() + ending.end(), "project", ending.group(), "road-code", 2))
    for index, token in enumerate(tokens if ANY_CONSTRUCTION_SUFFIX.search(text) else ()):
        suffix = construction_suffix(token.text)
        if index == 0 or suffix is None:
            continue
        first = project_chunk_start(tokens, index)
        if first == index and len(token.text) == len(suffix):
            continue
        chunk = tokens[first:index + 1]
        while chunk and (chunk[0].pos == "m" or chunk[0].text.isdigit()):
            chunk = chunk[1:]  # 30余个慈善项目: a count, not a name
        while chunk and (chunk[0].text in lex.generic_project_heads or chunk[0].text.startswith(("各", "一批", "一些"))):
            chunk = chunk[1:]
        if len(chunk) < 2 and (not chunk or len(chunk[0].text) == len(suffix)):
            continue
        if not any(t.pos in ("ns", "nz", "nt", "j", None, "eng") for t in chunk[:-1]):
            continue
        if GENERIC_HEAD.match(chunk[0].text) or any(t.text in lex.chunk_breakers for t in chunk):
            continue
        head = token.text[:-len(suffix)] if len(token.text) > len(suffix) else chunk[-2].text if len(chunk) >= 2 else ""
        if head in PLAN_WORDS:
            continue  # 呼和浩特市2024年重点项目: the kind of projects a place has, not one
        start = chunk[0].start
        found.append(Candidate(start, token.end, "project", text[start:token.end], "suffix", 1))
    return found
