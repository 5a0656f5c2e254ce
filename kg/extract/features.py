"""The tagger's features: integer keys describing each character of a sentence.

Characters and character pairs around it, the jieba word it sits in (place, length, dictionary
tag, frequency, the word itself), what kg's lexicons say of the word and its neighbours (surname,
title, organisation or place suffix, gazetteer name...), the rules' candidates over it, and the
shape of surname and given-name characters around it. The same :func:`batch_features` feeds
training (:mod:`kg.train`) and tagging (:mod:`kg.extract.tagger`), so the two cannot drift apart.
A key is the template number in the high bits and the value below.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from itertools import chain

import numpy as np

from ..lexicon import gazetteer, lexicons
from .tokens import MAX_KEPT_WORDS  # the same words are cut and coded: one bound for both caches

VALUE_BITS = 42  # a feature key: template number above, value below
CHAR_BITS = 21
BOS, EOS = 0x110001, 0x110002  # padding "characters" before and after a sentence
DIGIT, LATIN = ord("0"), ord("a")
WORD_START, WORD_MIDDLE, WORD_END, WORD_SINGLE = range(4)
FREQ_LEVELS = np.array([1, 10, 100, 1000, 10000])  # jieba frequency -> level 0 (unknown) .. 5


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Code point -> the code the features use: digits and Latin letters fold to one code each."""
    table = np.arange(0x10000, dtype=np.int64)
    for low, high, code in (("0", "9", DIGIT), ("０", "９", DIGIT), ("a", "z", LATIN), ("A", "Z", LATIN),
                            ("ａ", "ｚ", LATIN), ("Ａ", "Ｚ", LATIN)):
        table[ord(low):ord(high) + 1] = code
    return table


def char_codes(text: str) -> np.ndarray:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    codes[codes > 0xFFFF] = 0xFFFF
    return _char_table()[codes]


def _tag_id(tag: str | None) -> int:
    return zlib.crc32((tag or "?").encode()) & 0xFFFF


@lru_cache(maxsize=1)
def _lexicon_sets():
    lex = lexicons()
    names = set(gazetteer().by_name) | set(lex.countries) | set(lex.world_cities) | set(lex.city_nicknames)
    return lex, names


@lru_cache(maxsize=200_000)
def word_class(word: str) -> int:
    """What the lexicons say about a word, as bits (general knowledge only: no names of people)."""
    lex, place_names = _lexicon_sets()
    bits = 0
    if word[:1] in lex.surnames or word[:2] in lex.compound_surnames:
        bits |= 1
    if word in lex.titles:
        bits |= 2
    for size in range(min(len(word), 5), 0, -1):
        suffix = word[-size:]
        if suffix in lex.org_suffixes:
            bits |= 4 if size < len(word) else 8
            break
    for size in range(min(len(word), 4), 0, -1):
        if word[-size:] in lex.place_suffixes:
            bits |= 16 if size < len(word) else 32
            break
    if word in place_names:
        bits |= 64
    if word in lex.not_person:
        bits |= 128
    if len(word) >= 2 and all(ch in lex.transliteration_chars for ch in word):
        bits |= 256
    if word in lex.media or word in lex.org_abbreviations:
        bits |= 512
    return bits


_word_codes: dict[str, tuple[int, int]] = {}  # word -> (its checksum, word_class), kept as words repeat
_tag_ids: dict[str | None, int] = {}


def word_codes(word: str) -> tuple[int, int]:
    """The word's checksum (its feature value) and what the lexicons say of it (``word_class``)."""
    codes = _word_codes.get(word)
    if codes is None:
        if len(_word_codes) >= MAX_KEPT_WORDS:
            _word_codes.clear()
        codes = _word_codes[word] = (zlib.crc32(word.encode()) & 0xFFFFFFFF, word_class(word))
    return codes


def tag_id(tag: str | None) -> int:
    found = _tag_ids.get(tag)
    if found is None:
        found = _tag_ids[tag] = _tag_id(tag)
    return found


TEMPLATES = 24
# Templates whose values are small numbers, below these bounds: the tagger looks them up in a table
# indexed by the value instead of hashing (``feature_rows.TemplateRows``).
SMALL_TEMPLATES = {0: 1, 11: 1 << 5, 12: 1 << 18, 13: 1 << 18, 17: 1 << 6, 18: 1 << 12, 21: 1 << 5, 22: 1 << 18,
                   23: 1 << 10}
# Templates whose value is one character code (at most 0xFFFF, or BOS or EOS): indexed by
# ``code & CHAR_INDEX`` (BOS and EOS come right after 0xFFFF).
CHAR_TEMPLATES = (1, 2, 3, 4, 5)
CHAR_INDEX = 0x1FFFF
SURNAME_CHAR, GIVEN_NAME_CHAR = 1, 2


@lru_cache(maxsize=1)
def _name_char_classes() -> np.ndarray:
    """Character code -> whether it is a surname (1), a given-name character (2), both (3) or neither.

    Read over a window, these say "a name could be written here" without naming anyone, so that
    names never seen in training are found by their shape."""
    lex = lexicons()
    table = np.zeros(0x10000 + 1, dtype=np.int64)  # the last entry: padding and folded characters
    for ch in lex.surnames:
        if len(ch) == 1 and ord(ch) < 0x10000:
            table[ord(ch)] |= SURNAME_CHAR
    for ch in lex.given_name_chars:
        if len(ch) == 1 and ord(ch) < 0x10000:
            table[ord(ch)] |= GIVEN_NAME_CHAR
    return table
RULE_TYPES = {"person": 1, "place": 2, "organization": 3, "project": 4}


def char_features(text: str, tokens, candidates=None) -> np.ndarray:
    """Feature keys of each character of ``text``: an int64 array of shape (len(text), TEMPLATES).

    ``tokens`` are the sentence's jieba words (objects with ``text``, ``start``, ``end``,
    ``pos`` and ``freq``), covering the text; ``candidates`` what the rules found in it, as
    ``(start, end, type, rule)`` spans that do not overlap.
    """
    return batch_features([text], [tokens], None if candidates is None else [candidates])


GAP = 4  # padding between sentences in a batch: EOS EOS BOS BOS, what each sentence sees past its ends


def batch_features(texts: list[str], token_lists: list, candidate_lists: list | None = None) -> np.ndarray:
    """:func:`char_features` of several sentences, stacked: one row per character, sentence after sentence."""
    values = feature_values(texts, token_lists, candidate_lists)
    keys = np.empty((len(values[0]), TEMPLATES), dtype=np.int64)
    for number, value in enumerate(values):
        np.bitwise_or(value, np.int64(number) << VALUE_BITS, out=keys[:, number])
    return keys


def feature_values(texts: list[str], token_lists: list, candidate_lists: list | None = None) -> list[np.ndarray]:
    """The value of each template (a key without its template number) of every character of the
    sentences, one array per template: what :func:`batch_features` stacks, and what the tagger looks
    up template by template.

    The sentences are laid end to end with padding between them, so that every array operation runs
    once for the batch (a sentence's character windows still end at its own ends).
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    total = int(lengths.sum())
    sentence_of = np.repeat(np.arange(len(texts)), lengths)
    gapped = np.arange(total) + GAP * sentence_of + 2  # each character's place in the padded array
    c = np.full(total + GAP * len(texts) + 4, BOS, dtype=np.int64)
    c[gapped] = char_codes("".join(texts))
    ends = np.cumsum(lengths) + GAP * np.arange(len(texts)) + 2  # the first padding place after each sentence
    c[ends] = EOS
    c[ends + 1] = EOS
    c_2, c_1, c0, c1, c2 = c[gapped - 2], c[gapped - 1], c[gapped], c[gapped + 1], c[gapped + 2]
    name_class = _name_char_classes()[np.minimum(c, 0x10000)]
    name_shape = (name_class[gapped - 2] | name_class[gapped - 1] << 2 | name_class[gapped] << 4
                  | name_class[gapped + 1] << 6 | name_class[gapped + 2] << 8)

    firsts = np.concatenate(([0], np.cumsum(lengths)[:-1]))  # where each sentence starts in the stack
    tokens = [token for token_list in token_lists for token in token_list]
    count = len(tokens)
    token_sentence = np.repeat(np.arange(len(texts)), [len(t) for t in token_lists])
    starts = np.fromiter((t.start for t in tokens), dtype=np.int64, count=count) + firsts[token_sentence]
    sizes = np.fromiter((t.end - t.start for t in tokens), dtype=np.int64, count=count)
    known, tags_known = _word_codes, _tag_ids  # one dictionary look-up per token for each, most of the time
    codes = np.fromiter(chain.from_iterable([known.get(t.text) or word_codes(t.text) for t in tokens]),
                        dtype=np.int64, count=2 * count).reshape(count, 2)
    words, classes = codes[:, 0], codes[:, 1]
    tags = np.fromiter((tags_known.get(t.pos) or tag_id(t.pos) for t in tokens), dtype=np.int64, count=count)
    freqs = np.searchsorted(FREQ_LEVELS, np.fromiter((t.freq for t in tokens), dtype=np.int64, count=count),
                            side="right")
    first_token = np.ones(count, dtype=bool)
    first_token[1:] = token_sentence[1:] != token_sentence[:-1]
    last_token = np.ones(count, dtype=bool)
    last_token[:-1] = first_token[1:]
    prev_tag = np.where(first_token, _tag_id("^"), np.roll(tags, 1))
    next_tag = np.where(last_token, _tag_id("$"), np.roll(tags, -1))
    prev_class = np.where(first_token, 0, np.roll(classes, 1))
    next_class = np.where(last_token, 0, np.roll(classes, -1))

    which = np.repeat(np.arange(count), sizes)
    offset = np.arange(total) - starts[which]
    length = sizes[which]
    wpos = np.where(length == 1, WORD_SINGLE,
                    np.where(offset == 0, WORD_START, np.where(offset == length - 1, WORD_END, WORD_MIDDLE)))
    tag, cls, word, freq = tags[which], classes[which], words[which], freqs[which]
    prev_tag, next_tag, prev_class, next_class = prev_tag[which], next_tag[which], prev_class[which], next_class[which]
    short = np.minimum(length, 4)
    rule_kind, rule_name = _rule_arrays(total, firsts, candidate_lists)

    values = (
        np.zeros(total, dtype=np.int64),               # bias
        c0, c_1, c1, c_2, c2,                          # characters
        c_1 << CHAR_BITS | c0, c0 << CHAR_BITS | c1,   # character pairs
        c_2 << CHAR_BITS | c_1, c1 << CHAR_BITS | c2,
        c_1 << CHAR_BITS | c1,
        wpos | short << 2,                             # the word: position and length
        c0 << 2 | wpos,                                # the character at its place in the word
        tag << 2 | wpos,                               # the word's dictionary tag
        prev_tag << 18 | wpos << 16 | tag,             # the words around it
        next_tag << 18 | wpos << 16 | tag,
        word << 2 | wpos,                              # the word itself
        freq << 2 | wpos | (length > 4) << 5,          # how common the word is
        cls << 2 | wpos,                               # what the lexicons say of the word
        prev_class << 12 | cls << 2 | wpos,            # ... and of the words around it
        next_class << 12 | cls << 2 | wpos,
        rule_kind,                                     # what the rules found here: type and place in the span
        rule_name,                                     # ... and which rule found it
        name_shape,                                    # surname and given-name characters around it
    )
    return list(values)  # each below 2 ** VALUE_BITS: characters take CHAR_BITS, the widest value 2 * CHAR_BITS


def _rule_arrays(total: int, firsts: np.ndarray, candidate_lists) -> tuple[np.ndarray, np.ndarray]:
    """Per character: the type of the rules' candidate over it and its place in it; the rule's name."""
    kind = np.zeros(total, dtype=np.int64)
    name = np.zeros(total, dtype=np.int64)
    for first, candidates in zip(firsts.tolist(), candidate_lists or ()):
        for start, end, type_, rule in candidates:
            start, end = first + start, first + end
            code = RULE_TYPES.get(type_, 0)
            kind[start:end] = code << 2 | WORD_MIDDLE
            name[start:end] = (zlib.crc32(rule.encode()) & 0xFFFF) << 2 | WORD_MIDDLE
            kind[start] = code << 2 | WORD_START
            name[start] = (name[start] >> 2) << 2 | WORD_START
            kind[end - 1] = code << 2 | (WORD_SINGLE if end - start == 1 else WORD_END)
            name[end - 1] = (name[end - 1] >> 2) << 2 | (WORD_SINGLE if end - start == 1 else WORD_END)
    return kind, name
