"""Positions named in a sentence, with or without a holder: 记者了解到, 专家提醒, 首席经济学家表示.

A post held by a named person is a role (``person.py``); news also names posts on their own, and a
reader looking for "who speaks for whom" wants those too. A position is a word of the title or
occupation lexicons, taken with the modifiers written before it (代理律师, 营销总监) and an assistant's
suffix after it (总经理助理); a word inside a name (记者协会, 律师事务所) is not one.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import lexicons
from .candidates import Candidate

# Words that narrow a post written right before it: 代理律师, 首席经济学家, 项目总经理.
TITLE_MODIFIERS = frozenset("代理 首席 职业 执行 行政 营销 销售 设计 创意 项目 实习 理财 客户 投资 技术 财务 市场 "
                            "高级 资深 特约 常务 董事 副 总 主任 助理 首席执行 业务 产品 区域 大堂 特邀 新闻 军事 法律 "
                            "驻站 随队 前任 现任 原 前".split())
MAX_MODIFIER = 4  # characters of a modifier written as one word with its post
TITLE_TAILS = frozenset(("助理", "助手"))
NAME_TYPES = ("organization", "project", "place")  # a post inside one of these is part of a name


def find_positions(text: str, tokens: list, candidates: list[Candidate]) -> list[tuple[int, int, str]]:
    """(start, end, title) of every position named in a sentence, in text order."""
    posts = post_spellings()
    post_indices = [i for i, token in enumerate(tokens) if token.text in posts]
    if not post_indices:
        return []  # most sentences name no post
    inside_name = bytearray(len(text) + 1)
    for candidate in candidates:
        if candidate.type in NAME_TYPES:
            inside_name[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
    found = []
    for i in post_indices:
        token = tokens[i]
        first = last = i
        while first > 0 and tokens[first - 1].text in TITLE_MODIFIERS:
            first -= 1
        if last + 1 < len(tokens) and tokens[last + 1].text in TITLE_TAILS:
            last += 1
        start, end = tokens[first].start, tokens[last].end
        if found and start < found[-1][1]:  # 总经理助理: the tail was read as a post of its own
            continue
        if any(inside_name[token.start:token.end]):
            continue
        found.append((start, end, text[start:end]))
    return found


@lru_cache(maxsize=1)
def post_words() -> frozenset[str]:
    """The titles and occupations lexicons as one set, made once."""
    lex = lexicons()
    return frozenset(lex.titles | lex.occupations)


@lru_cache(maxsize=1)
def post_spellings() -> frozenset[str]:
    """Every word that names a post: the posts, and each written as one word with a modifier of at most
    MAX_MODIFIER characters (jieba's 代理律师)."""
    posts = post_words()
    return posts | frozenset(modifier + post for modifier in TITLE_MODIFIERS if len(modifier) <= MAX_MODIFIER
                             for post in posts)
