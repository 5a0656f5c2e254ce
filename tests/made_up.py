"""Annotated sentences made up from templates, for the tagger's and the network's training tests."""
from __future__ import annotations

import random

from kg.annotated import TaggedSentence

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
PLACES = ["杭州", "成都", "武汉", "西安", "南京", "长沙", "郑州", "昆明", "兰州", "南宁"]
ORGS = ["市科技局", "省教育厅", "人民医院", "市统计局", "农业银行", "理工大学", "市商务局", "电力公司"]
TEMPLATES_TEXT = ["{p}昨天在{l}参观了{o}。", "{o}负责人{p}来到{l}调研。", "记者在{l}采访了{p}。",
                  "{p}说，{o}将在{l}开设网点。", "{l}的{o}邀请{p}作报告。"]


def made_up_sentences(count: int, seed: int) -> list[TaggedSentence]:
    """Sentences with a person, a place and an organisation, from templates (names made up here)."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        parts = {"p": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                 "l": rng.choice(PLACES), "o": rng.choice(ORGS)}
        template = rng.choice(TEMPLATES_TEXT)
        text, spans = "", []
        for piece in template.replace("{", "\0{").split("\0"):
            if piece.startswith("{"):
                key, rest = piece[1], piece[3:]
                kind = {"p": "person", "l": "place", "o": "organization"}[key]
                spans.append((len(text), len(text) + len(parts[key]), kind))
                text += parts[key] + rest
            else:
                text += piece
        sentences.append(TaggedSentence(text, spans))
    return sentences
