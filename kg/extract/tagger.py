"""The statistical tagger: a character CRF that finds person, place and organisation names.

Each character is described by integer features (characters and character pairs
around it, the jieba word it sits in, that word's dictionary tag and frequency, and
what kg's lexicons say about the word: surname, title, organisation or place
suffix, gazetteer name). The same :func:`char_features` feeds training
(:mod:`kg.train`) and tagging, so the two cannot drift apart.

The model is a linear-chain CRF trained with CRFsuite and shipped as a NumPy
archive (``kg/models/tagger.npz``: sorted feature keys, a weight row per key, a
label-transition matrix; no pickles). Tagging is vectorised: feature keys are
looked up with one ``searchsorted``, and Viterbi runs over all sentences of an
article at once.
"""
from __future__ import annotations

import io
import sys
import threading
import zipfile
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..lexicon import gazetteer, lexicons

TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BIES")
MODEL_FILE = "tagger.npz"

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


@lru_cache(maxsize=200_000)
def _word_codes(word: str, pos: str | None) -> tuple[int, int]:
    return _tag_id(pos), zlib.crc32(word.encode()) & 0xFFFFFFFF


TEMPLATES = 24
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
    """:func:`char_features` of several sentences, stacked: one row per character, sentence after sentence.

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
    codes = [_word_codes(t.text, t.pos) for t in tokens]
    tags = np.fromiter((code[0] for code in codes), dtype=np.int64, count=count)
    words = np.fromiter((code[1] for code in codes), dtype=np.int64, count=count)
    classes = np.fromiter((word_class(t.text) for t in tokens), dtype=np.int64, count=count)
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
    keys = np.empty((total, TEMPLATES), dtype=np.int64)
    mask = (1 << VALUE_BITS) - 1
    for number, value in enumerate(values):
        np.bitwise_and(value, mask, out=keys[:, number])
        keys[:, number] |= np.int64(number) << VALUE_BITS
    return keys


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


@lru_cache(maxsize=1)
def allowed_transitions() -> np.ndarray:
    """allowed[a, b]: may label b follow label a in BIOES?"""
    size = len(LABELS)
    allowed = np.zeros((size, size), dtype=bool)
    for a, first in enumerate(LABELS):
        for b, second in enumerate(LABELS):
            fp, _, ft = first.partition("-")
            sp, _, st = second.partition("-")
            inside = fp in "BI" and first != "O"
            if inside:
                allowed[a, b] = sp in "IE" and st == ft and second != "O"
            else:
                allowed[a, b] = second == "O" or sp in "BS"
    return allowed


def _start_end_masks() -> tuple[np.ndarray, np.ndarray]:
    start = np.array([label == "O" or label[0] in "BS" for label in LABELS])
    end = np.array([label == "O" or label[0] in "ES" for label in LABELS])
    return start, end


HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


class KeyTable:
    """An open-addressing hash table from feature key to weight row, probed for many keys at once.

    A binary search per key (``searchsorted``) costs a cache miss per step over a large model; a
    table at most half full finds most keys in one probe.
    """

    def __init__(self, keys: np.ndarray):
        self.bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 2 + 1))))
        self.mask = (1 << self.bits) - 1
        self.missing = len(keys)
        self.slots = np.full(1 << self.bits, -1, dtype=np.int64)
        self.slot_rows = np.full(1 << self.bits, self.missing, dtype=np.int64)
        pending = np.arange(len(keys))
        home = self._hash(keys)
        while len(pending):
            # Each free slot takes the first of the keys probing it; the others move one slot on.
            free = self.slots[home] == -1
            claim, first = np.unique(home[free], return_index=True)
            placed = pending[free][first]
            self.slots[claim] = keys[placed]
            self.slot_rows[claim] = placed
            done = np.zeros(len(pending), dtype=bool)
            done[np.flatnonzero(free)[first]] = True
            pending, home = pending[~done], (home[~done] + 1) & self.mask

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            mixed = keys.astype(np.uint64) * HASH_MULTIPLIER
        return (mixed >> np.uint64(64 - self.bits)).astype(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The weight row of each key (same shape), ``missing`` for keys not in the table."""
        flat = keys.ravel()
        rows = np.full(len(flat), self.missing, dtype=np.int64)
        active = np.arange(len(flat))
        slot = self._hash(flat)
        while len(active):
            found = self.slots[slot]
            hit = found == flat[active]
            rows[active[hit]] = self.slot_rows[slot[hit]]
            going = ~hit & (found != -1)
            active, slot = active[going], (slot[going] + 1) & self.mask
        return rows.reshape(keys.shape)


@dataclass
class TaggerModel:
    keys: np.ndarray  # sorted int64 feature keys
    weights: np.ndarray  # (len(keys) + 1, len(LABELS)) float32; the last row (unknown key) is zero
    transitions: np.ndarray  # (len(LABELS), len(LABELS)) float32, from -> to
    info: dict
    _table: "KeyTable | None" = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TaggerModel":
        """Load a model archive (NumPy arrays only: nothing in it can run code)."""
        if path is None:
            path = resources.files("kg").joinpath("models", MODEL_FILE)
        with resources.as_file(path) if not isinstance(path, (str, Path)) else nullcontext(path) as real:
            try:
                with np.load(real, allow_pickle=False) as data:
                    labels = tuple(str(x) for x in data["labels"])
                    if labels != LABELS or int(data["templates"]) > TEMPLATES:
                        raise ValueError("it was made for other labels or features; train it again")
                    keys = data["keys"].astype(np.int64)
                    weights = data["weights"].astype(np.float32)
                    transitions = data["transitions"].astype(np.float32)
                    info = {str(k): str(v) for k, v in zip(data["info_keys"], data["info_values"])}
            except (OSError, KeyError, ValueError) as error:
                raise ValueError(f"{real}: not a kg tagger model ({error})") from None
        weights = np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)])
        return cls(keys, weights, transitions, info)

    def save(self, path: str | Path) -> None:
        """Write the model as a NumPy archive, byte for byte the same for the same model."""
        info = sorted(self.info.items())
        arrays = {"keys": self.keys, "weights": self.weights[:len(self.keys)].astype(np.float16),
                  "transitions": self.transitions.astype(np.float32), "labels": np.array(LABELS),
                  "templates": np.array(TEMPLATES), "info_keys": np.array([k for k, _ in info], dtype=str),
                  "info_values": np.array([v for _, v in info], dtype=str)}
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
                archive.writestr(entry, buffer.getvalue())

    @property
    def table(self) -> "KeyTable":
        if self._table is None:
            self._table = KeyTable(self.keys)
        return self._table

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """Per-character label scores (n, labels) for feature keys (n, templates)."""
        rows = self.table.rows(keys)  # len(self.keys) for a key the model does not know: a zero row
        scores = self.weights[rows[:, 0]]
        for column in range(1, rows.shape[1]):
            scores += self.weights[rows[:, column]]
        return scores

    def decode(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Best label sequence of each sentence (Viterbi over all sentences in step).

        Sentences are right-aligned, so that all end at the last step and one backward pass over
        the batch recovers every path; each starts afresh at its own first step.
        """
        if not emissions:
            return []
        size = len(LABELS)
        lengths = np.array([len(e) for e in emissions])
        longest = int(lengths.max())
        rows = len(emissions)
        batch = np.zeros((longest, rows, size), dtype=np.float32)
        for row, e in enumerate(emissions):
            batch[longest - len(e):, row] = e
        begins = longest - lengths
        start_penalty, end_penalty = (np.where(mask, np.float32(0), np.float32(-1e4)) for mask in _start_end_masks())
        # to_from[j, i]: the score of label j after label i, so that each step reduces the last axis.
        to_from = np.where(allowed_transitions(), self.transitions, np.float32(-1e4)).T[None].copy()
        flat = np.arange(rows * size) * size
        back = np.zeros((longest, rows, size), dtype=np.int8)
        score = batch[0] + start_penalty
        by_begin = np.argsort(begins, kind="stable")
        bounds = np.searchsorted(begins[by_begin], np.arange(longest + 1))
        for t in range(1, longest):
            candidates = score[:, None, :] + to_from
            best = candidates.argmax(axis=2)
            back[t] = best
            score = candidates.ravel()[flat + best.ravel()].reshape(rows, size)
            score += batch[t]
            if bounds[t + 1] > bounds[t]:
                fresh = by_begin[bounds[t]:bounds[t + 1]]
                score[fresh] = batch[t, fresh] + start_penalty
        labels = np.empty((longest, rows), dtype=np.int64)
        labels[-1] = np.argmax(score + end_penalty, axis=1)
        every = np.arange(rows)
        for t in range(longest - 1, 0, -1):
            labels[t - 1] = back[t, every, labels[t]]
        return [labels[begin:, row] for row, begin in enumerate(begins)]

    def marginals(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Each character's label probabilities (forward-backward over all sentences in step).

        Laid out as :meth:`decode`; the forward and backward vectors are rescaled at every step,
        which leaves each position's normalised product, the marginal, unchanged.
        """
        if not emissions:
            return []
        size = len(LABELS)
        lengths = np.array([len(e) for e in emissions])
        longest = int(lengths.max())
        rows = len(emissions)
        batch = np.zeros((longest, rows, size), dtype=np.float64)
        for row, e in enumerate(emissions):
            batch[longest - len(e):, row] = e
        batch = np.exp(batch - batch.max(axis=2, keepdims=True))
        begins = longest - lengths
        starts, ends = (mask.astype(np.float64) for mask in _start_end_masks())
        step = np.where(allowed_transitions(), np.exp(self.transitions.astype(np.float64)), 0.0)  # from -> to
        forward = np.empty_like(batch)
        vector = batch[0] * starts
        by_begin = np.argsort(begins, kind="stable")
        bounds = np.searchsorted(begins[by_begin], np.arange(longest + 1))
        for t in range(longest):
            if t:
                vector = (vector @ step) * batch[t]
            if bounds[t + 1] > bounds[t]:
                fresh = by_begin[bounds[t]:bounds[t + 1]]
                vector[fresh] = batch[t, fresh] * starts
            vector /= np.maximum(vector.sum(axis=1, keepdims=True), 1e-300)
            forward[t] = vector
        vector = np.broadcast_to(ends, (rows, size)).copy()
        product = forward  # overwritten in place, step by step from the end
        for t in range(longest - 1, -1, -1):
            if t < longest - 1:
                vector = (batch[t + 1] * vector) @ step.T
                vector /= np.maximum(vector.sum(axis=1, keepdims=True), 1e-300)
            product[t] = forward[t] * vector
        product /= np.maximum(product.sum(axis=2, keepdims=True), 1e-300)
        return [product[begin:, row] for row, begin in enumerate(begins)]


def label_spans(labels) -> list[tuple[int, int, str]]:
    """(start, end, kg type) of a BIOES label-index sequence."""
    spans = []
    start = None
    for i, index in enumerate(labels):
        if index == 0:
            start = None
            continue
        prefix, kind = LABELS[index][0], LABELS[index][2:]
        if prefix == "S":
            spans.append((i, i + 1, TYPES[kind]))
            start = None
        elif prefix == "B":
            start = i
        elif prefix == "E" and start is not None:
            spans.append((start, i + 1, TYPES[kind]))
            start = None
    return spans


class Tagger:
    """Tags sentences with a :class:`TaggerModel`."""

    def __init__(self, model: TaggerModel):
        self.model = model

    def tag(self, texts: list[str], token_lists: list, candidate_lists: list | None = None,
            scored: bool = False) -> list[list[tuple]]:
        """(start, end, type) spans of each sentence, given its jieba tokens (and the rules' candidates).

        ``scored`` adds a fourth item, the span's confidence: the least probability, over its
        characters, of the label the best path gives them (1.0 for a span the rules' candidates hold).
        """
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        keep = [i for i, text in enumerate(texts) if text]
        if not keep:
            return result
        candidates = None if candidate_lists is None else [candidate_lists[i] for i in keep]
        scores = self.model.emissions(batch_features([texts[i] for i in keep], [token_lists[i] for i in keep],
                                                     candidates))
        emissions = np.split(scores, np.cumsum([len(texts[i]) for i in keep])[:-1])
        # Sentences of like length decode together: a batch takes as many steps as its longest sentence.
        known = [{(c[0], c[1]) for c in candidates[k]} if candidates else set() for k in range(len(keep))]
        order = sorted(range(len(keep)), key=lambda k: len(emissions[k]))
        for first in range(0, len(order), DECODE_BATCH):
            chunk = order[first:first + DECODE_BATCH]
            paths = self.model.decode([emissions[k] for k in chunk])
            if not scored:
                for k, path in zip(chunk, paths):
                    result[keep[k]] = label_spans(path)
                continue
            spans = [label_spans(path) for path in paths]
            # A span the rules also found needs no confidence (it is kept as theirs): only sentences with
            # another span are run forward and backward.
            unsure = [j for j, (k, found) in enumerate(zip(chunk, spans))
                      if not {span[:2] for span in found} <= known[k]]
            chosen = dict(zip(unsure, self.model.marginals([emissions[chunk[j]] for j in unsure])))
            for j, (k, path, found) in enumerate(zip(chunk, paths, spans)):
                sure = chosen[j][np.arange(len(path)), path] if j in chosen else None
                result[keep[k]] = [(start, end, kind, 1.0 if sure is None else float(sure[start:end].min()))
                                   for start, end, kind in found]
        return result


DECODE_BATCH = 64

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger | None:
    try:
        return Tagger(TaggerModel.load())
    except (FileNotFoundError, ValueError) as error:
        print(f"kg: warning: no tagger model ({error}); people, places and organisations are found by the "
              f"rules alone", file=sys.stderr)
        return None


def get_tagger() -> Tagger | None:
    """The shipped tagger, loaded once per process (None when the package has no model)."""
    with _lock:
        return _default_tagger()
