"""Sentences of a paragraph that may be stitched from several source pieces.

A paragraph cut by a page or column break is a list of source spans; its
text is their concatenation and every join becomes a ``Sentence.gap`` so
offsets still map back to the page. Splits happen after 。！？；(and ! ? ;)
but never inside quotes or brackets, so “……。”他说 stays one sentence.
"""
from __future__ import annotations

import re

from ..model import Sentence
from .repair import PAIRS, TERMINAL

OPENERS = set(PAIRS)
CLOSERS_SET = set(PAIRS.values())
QUOTE_CLOSERS = set("”’」』")  # after “……。” a sentence ends; after (……。) it goes on
MAX_QUOTED = 200  # past this an unclosed quote is a typo, not a quotation
MARKS = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS_SET | set(TERMINAL)))) + "]")


def stitch(text: str, pieces: list[tuple[int, int]]):
    """Concatenated text of ``pieces`` and the joins as (position, source chars removed)."""
    parts, joins, length = [], [], 0
    for index, (start, end) in enumerate(pieces):
        if index:
            joins.append((length, start - pieces[index - 1][1]))
        parts.append(text[start:end])
        length += end - start
    return "".join(parts), joins


def split_points(joined: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence in ``joined``, spaces trimmed."""
    spans, start, depth, n = [], 0, [], len(joined)
    for match in MARKS.finditer(joined):  # only brackets, quotes and stops change anything
        i = match.start()
        if i < start:
            continue  # a stop already taken into the sentence before
        char = joined[i]
        if char in OPENERS:
            depth.append(i)
        elif char in CLOSERS_SET and depth:
            depth.pop()
        if char in TERMINAL:
            boundary = not depth or i - depth[0] > MAX_QUOTED
        else:  # “……。” ends a sentence right after the closing quote
            boundary = char in QUOTE_CLOSERS and not depth and i > 0 and joined[i - 1] in TERMINAL
        if boundary:
            depth.clear()
            end = i + 1
            while end < n and joined[end] in TERMINAL:
                end += 1
            spans.append((start, end))
            start = end
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


def paragraph_sentences(text: str, pieces: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of the paragraph made of source ``pieces`` of ``text``."""
    pieces = [(s, e) for s, e in pieces if e > s]
    if not pieces:
        return []
    joined, joins = stitch(text, pieces)
    base = pieces[0][0]
    sentences = []
    for s, e in split_points(joined):
        probe = Sentence(base, base, joined, tuple(joins))
        start, end = probe.to_source(s), probe.to_source(e, is_end=True)
        gaps = tuple((p - s, r) for p, r in joins if s < p < e)
        sentences.append(Sentence(start, end, joined[s:e], gaps))
    return sentences


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], each line a paragraph (no repairs)."""
    sentences, position = [], start
    for line in text[start:end].split("\n"):
        sentences.extend(paragraph_sentences(text, [(position, position + len(line))]))
        position += len(line) + 1
    return sentences
