"""Shortcuts in sentence splitting and name propagation find what the plain versions find."""
from __future__ import annotations

import random
import re

from kg.corpus.repair import TERMINAL
from kg.corpus.sentences import CLOSERS_SET, MAX_QUOTED, OPENERS, QUOTE_CLOSERS, split_points
from kg.extract.propagation import name_matches
from kg.extract.candidates import Candidate, settle_overlaps


def split_points_char_by_char(joined: str) -> list[tuple[int, int]]:
    """The splitter looking at every character."""
    spans, start, depth, n = [], 0, [], len(joined)
    i = 0
    while i < n:
        char = joined[i]
        if char in OPENERS:
            depth.append(i)
        elif char in CLOSERS_SET and depth:
            depth.pop()
        if char in TERMINAL:
            boundary = not depth or i - depth[0] > MAX_QUOTED
        else:
            boundary = char in QUOTE_CLOSERS and not depth and i > 0 and joined[i - 1] in TERMINAL
        if boundary:
            depth.clear()
            end = i + 1
            while end < n and joined[end] in TERMINAL:
                end += 1
            spans.append((start, end))
            start = i = end
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    trimmed = []
    for s, e in spans:
        while s < e and joined[s].isspace():
            s += 1
        while e > s and joined[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def test_split_points_as_char_by_char():
    rng = random.Random(3)
    alphabet = "他说好的 \u3000" + TERMINAL + "".join(OPENERS) + "".join(CLOSERS_SET)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert split_points(text) == split_points_char_by_char(text), repr(text)
    long_quote = "“" + "好" * (MAX_QUOTED + 5) + "。他说。"
    assert split_points(long_quote) == split_points_char_by_char(long_quote)
    assert len(split_points(long_quote)) == 2


def test_name_matches_as_a_longest_first_alternation():
    rng = random.Random(5)
    for _ in range(3000):
        names = sorted({"".join(rng.choice("市委书记局") for _ in range(rng.randint(2, 4)))
                        for _ in range(rng.randint(1, 5))})
        text = "".join(rng.choice("市委书记局的") for _ in range(rng.randint(0, 25)))
        pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
        expected = [(m.start(), m.group()) for m in pattern.finditer(text)]
        assert name_matches(names, text) == expected, (names, text)
    assert name_matches(["市委", "市委书记"], "市委书记和市委") == [(0, "市委书记"), (5, "市委")]
    assert name_matches([], "市委") == []


def test_one_candidate_is_kept_as_it_is():
    candidate = Candidate(0, 2, "place", "北京", "test")
    assert settle_overlaps([candidate]) == [candidate]
    assert settle_overlaps([]) == []
