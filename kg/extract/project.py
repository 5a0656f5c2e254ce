"""Find projects: quoted named undertakings, construction projects, road codes."""
from __future__ import annotations

import re

from ..lexicon import lexicons
from .candidates import Candidate
from .organization import chunk_start
from .tokens import Token, Tokenizer

QUOTE_STRIP = str.maketrans("", "", "“”‘’\"'「」『』《》")
ROAD_CODE = re.compile(r"[GS]\d{1,4}(?:线)?(?:(?![等和及的是在将为])[\u4e00-\u9fff\dA-Z]){0,24}")
ROAD_END = re.compile(r".*(?:提质改造工程|改造工程|连接线|高速公路|一级公路|公路|高速|工程|项目|段|大桥|隧道|互通)")


# A quoted name followed by one of these is a named undertaking: “两进一出”工程, “阳光青苗”专项行动.
QUOTED_SUFFIXES = ("专项行动", "行动计划", "工程", "项目", "计划", "行动", "活动", "战略", "示范区", "试点", "品牌")
# Unquoted chunks only make a project with a construction suffix: 阿特斯新能源全产业链项目, 呼包高铁.
CONSTRUCTION_SUFFIXES = ("工程", "项目", "铁路", "高铁", "城际铁路", "高速铁路", "高速公路", "高速", "公路", "机场",
                         "枢纽", "综合交通枢纽", "连接线", "大桥", "特大桥", "隧道", "数据中心", "电站", "风电场",
                         "轨道交通", "地铁", "快速路", "环线", "管线", "水库", "输电线路", "产业园", "物流园")
GENERIC_HEAD = re.compile(r"^(?:[一二三四五六七八九十百千\d]+大|[^\s]{0,3}性)")
QUOTED = re.compile(r"[“\"「]([^”\"」、，。]{2,20})[”\"」]((?:[\u4e00-\u9fff]{0,4}?)(?:%s))?"
                    % "|".join(QUOTED_SUFFIXES))


def project_suffix_pattern():
    return QUOTED


def find_projects(text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
    lex = lexicons()
    found: list[Candidate] = []
    for match in project_suffix_pattern().finditer(text):
        if not match.group(2):
            continue
        name = match.group().translate(QUOTE_STRIP)
        found.append(Candidate(match.start(), match.end(), "project", name, "quoted", 2))
    for match in ROAD_CODE.finditer(text):
        ending = ROAD_END.match(match.group())
        if ending:
            found.append(Candidate(match.start(), match.start() + ending.end(), "project", ending.group(), "road-code", 2))
    for index, token in enumerate(tokens):
        suffix = next((s for s in CONSTRUCTION_SUFFIXES if token.text.endswith(s)), None)
        if not suffix or index == 0:
            continue
        first = chunk_start(tokens, index, tokenizer)
        if first == index and len(token.text) == len(suffix):
            continue
        chunk = tokens[first:index + 1]
        while chunk and (chunk[0].text in lex.generic_project_heads or chunk[0].text.startswith(("各", "一批", "一些"))):
            chunk = chunk[1:]
        if len(chunk) < 2 and (not chunk or len(chunk[0].text) == len(suffix)):
            continue
        if not any(t.pos in ("ns", "nz", "nt", "j", None, "eng") for t in chunk[:-1]):
            continue
        if GENERIC_HEAD.match(chunk[0].text) or any(t.text in lex.chunk_breakers for t in chunk):
            continue
        start = chunk[0].start
        found.append(Candidate(start, token.end, "project", text[start:token.end], "suffix", 1))
    return found
