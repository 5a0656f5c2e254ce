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
import threading
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..lexicon import gazetteer, lexicons

TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
LABEL_OF_TYPE = {kind: label for label, kind in TYPES.items()}
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


TEMPLATES = 21


def char_features(text: str, tokens) -> np.ndarray:
    """Feature keys of each character of ``text``: an int64 array of shape (len(text), TEMPLATES).

    ``tokens`` are the sentence's jieba words (objects with ``text``, ``start``, ``end``,
    ``pos`` and ``freq``), covering the text.
    """
    n = len(text)
    c = np.full(n + 4, BOS, dtype=np.int64)
    c[n + 2:] = EOS
    c[2:n + 2] = char_codes(text)
    c_2, c_1, c0, c1, c2 = c[0:n], c[1:n + 1], c[2:n + 2], c[3:n + 3], c[4:n + 4]

    starts = np.fromiter((t.start for t in tokens), dtype=np.int64, count=len(tokens))
    lengths = np.fromiter((t.end - t.start for t in tokens), dtype=np.int64, count=len(tokens))
    codes = [_word_codes(t.text, t.pos) for t in tokens]
    tags = np.fromiter((code[0] for code in codes), dtype=np.int64, count=len(tokens))
    words = np.fromiter((code[1] for code in codes), dtype=np.int64, count=len(tokens))
    classes = np.fromiter((word_class(t.text) for t in tokens), dtype=np.int64, count=len(tokens))
    freqs = np.searchsorted(FREQ_LEVELS, np.fromiter((t.freq for t in tokens), dtype=np.int64,
                                                     count=len(tokens)), side="right")
    which = np.repeat(np.arange(len(tokens)), lengths)
    offset = np.arange(n) - starts[which]
    length = lengths[which]
    wpos = np.where(length == 1, WORD_SINGLE,
                    np.where(offset == 0, WORD_START, np.where(offset == length - 1, WORD_END, WORD_MIDDLE)))
    none = _tag_id("^")
    prev_tag = np.concatenate(([none], tags[:-1]))[which]
    next_tag = np.concatenate((tags[1:], [_tag_id("$")]))[which]
    prev_class = np.concatenate(([0], classes[:-1]))[which]
    next_class = np.concatenate((classes[1:], [0]))[which]
    tag, cls, word, freq = tags[which], classes[which], words[which], freqs[which]
    short = np.minimum(length, 4)

    values = (
        np.zeros(n, dtype=np.int64),                   # bias
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
    )
    keys = np.empty((n, TEMPLATES), dtype=np.int64)
    for number, value in enumerate(values):
        keys[:, number] = np.int64(number) << VALUE_BITS | (value & ((1 << VALUE_BITS) - 1))
    return keys


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


@dataclass
class TaggerModel:
    keys: np.ndarray  # sorted int64 feature keys
    weights: np.ndarray  # (len(keys) + 1, len(LABELS)) float32; the last row (unknown key) is zero
    transitions: np.ndarray  # (len(LABELS), len(LABELS)) float32, from -> to
    info: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TaggerModel":
        """Load a model archive (NumPy arrays only: nothing in it can run code)."""
        if path is None:
            path = resources.files("kg").joinpath("models", MODEL_FILE)
        with resources.as_file(path) if not isinstance(path, (str, Path)) else _nullcontext(path) as real:
            try:
                with np.load(real, allow_pickle=False) as data:
                    labels = tuple(str(x) for x in data["labels"])
                    if labels != LABELS or int(data["templates"]) != TEMPLATES:
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

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """Per-character label scores (n, labels) for feature keys (n, templates)."""
        index = np.searchsorted(self.keys, keys)
        index[index >= len(self.keys)] = len(self.keys)
        found = self.keys[np.minimum(index, len(self.keys) - 1)] == keys
        index[~found] = len(self.keys)
        return self.weights[index].sum(axis=1)

    def decode(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Best label sequence of each sentence (Viterbi, all sentences in step)."""
        if not emissions:
            return []
        size = len(LABELS)
        lengths = np.array([len(e) for e in emissions])
        longest = int(lengths.max())
        batch = np.full((len(emissions), longest, size), 0.0, dtype=np.float32)
        for row, e in enumerate(emissions):
            batch[row, :len(e)] = e
        start, end = _start_end_masks()
        score = batch[:, 0] + np.where(start, 0, -1e4)
        back = np.zeros((longest, len(emissions), size), dtype=np.int8)
        trans = np.where(allowed_transitions(), self.transitions, np.float32(-1e4))[None]
        for t in range(1, longest):
            candidates = score[:, :, None] + trans
            best = candidates.argmax(axis=1)
            back[t] = best
            new = np.take_along_axis(candidates, best[:, None, :], axis=1)[:, 0] + batch[:, t]
            running = (t < lengths)[:, None]
            score = np.where(running, new, score)
        paths = []
        ends = np.where(end, 0, -1e4)
        for row, n in enumerate(lengths):
            labels = np.empty(n, dtype=np.int64)
            labels[n - 1] = int(np.argmax(score[row] + ends))
            for t in range(n - 1, 0, -1):
                labels[t - 1] = back[t, row, labels[t]]
            paths.append(labels)
        return paths


class _nullcontext:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False


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


def span_labels(length: int, spans) -> list[str]:
    """BIOES labels of a sentence with these (start, end, kg type) spans (training side)."""
    labels = ["O"] * length
    for start, end, kind in spans:
        tag = LABEL_OF_TYPE[kind]
        if end - start == 1:
            labels[start] = f"S-{tag}"
            continue
        labels[start] = f"B-{tag}"
        for i in range(start + 1, end - 1):
            labels[i] = f"I-{tag}"
        labels[end - 1] = f"E-{tag}"
    return labels


class Tagger:
    """Tags sentences with a :class:`TaggerModel`."""

    def __init__(self, model: TaggerModel):
        self.model = model

    def tag(self, texts: list[str], token_lists: list) -> list[list[tuple[int, int, str]]]:
        """(start, end, type) spans of each sentence, given its jieba tokens."""
        keep = [i for i, text in enumerate(texts) if text]
        if not keep:
            return [[] for _ in texts]
        features = [char_features(texts[i], token_lists[i]) for i in keep]
        lengths = [len(f) for f in features]
        scores = self.model.emissions(np.concatenate(features))
        emissions = np.split(scores, np.cumsum(lengths)[:-1])
        paths = self.model.decode(emissions)
        result: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for i, path in zip(keep, paths):
            result[i] = label_spans(path)
        return result


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger | None:
    try:
        return Tagger(TaggerModel.load())
    except (FileNotFoundError, ValueError):
        return None


def get_tagger() -> Tagger | None:
    """The shipped tagger, loaded once per process (None when the package has no model)."""
    with _lock:
        return _default_tagger()
