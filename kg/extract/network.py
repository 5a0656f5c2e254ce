"""A small convolutional network over characters, whose label scores are added to the CRF's.

The CRF weighs each feature on its own; the network reads 15 characters at once (three convolutions
of width 3, dilations 1, 2 and 4) and so learns combinations no template spells out. Its input per
character is the sum of embeddings of a few of the tagger's own features (:data:`INPUTS`): the
character, the jieba word it sits in, and what kg knows that no corpus does (the word's place, length
and frequency, what the lexicons say of it, the rules' candidate over it, the name shape around it).

The tagger adds ``weight`` times the network's scores to the CRF's emissions and decodes with the
CRF's transitions. Shipped as ``kg/models/network.npz`` (float16 arrays, no pickles); trained by
:mod:`kg.network_training`. Inference is NumPy: a thousand characters at a time, laid out with
zero rows between sentences, each convolution one matrix product.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..io.arrays import info_arrays, read_arrays, read_info, save_arrays

# The feature templates the network reads (kg.extract.features): the character, the word's place and
# length, the word's frequency, the lexicons' class of the word, the rules' candidate, the name shape, and
# the word itself with the character's place in it.
INPUTS = (1, 11, 17, 18, 21, 23, 16)
# Each input's table rows: the characters are looked up in a vocabulary instead; every other value is
# below its bound (kg.extract.features builds them so) or folded below it (HASHED_INPUTS), and its row
# is the value + 1 (row 0: padding).
INPUT_BOUNDS = (None, 32, 64, 4096, 32, 1024, 16384)
HASHED_INPUTS = frozenset({6})  # the word's checksum: its low bits pick its row, words sharing one share it
NETWORK_FILE = "network.npz"
LABEL_COUNT = 13  # kg.extract.tagger.LABELS (O and BIES of three types)
BLOCK = 1024  # characters run through the layers together (their activations stay in cache)
PADDING, UNKNOWN = 0, 1  # character ids: a zero embedding between sentences; a character not in the vocabulary


def folded(k: int, value: np.ndarray, bound: int) -> np.ndarray:
    """Input ``k``'s values as its table reads them: a hashed input's folded below ``bound`` by their low bits
    (a word's checksum keeps the character's place in the word there), the others as they are."""
    return value % bound if k in HASHED_INPUTS else value


def flat_layout(lengths, gap: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Where the characters of sentences of ``lengths`` sit in one array with ``gap`` zero rows before,
    between and after them (the layout training and tagging share), the zero rows (zeroed again after
    every layer), and the array's length."""
    lengths = np.asarray(lengths, dtype=np.intp)
    total = int(lengths.sum())
    place = np.arange(total) + gap * (np.repeat(np.arange(len(lengths)), lengths) + 1)
    size = total + gap * (len(lengths) + 1)
    outside = np.ones(size, dtype=bool)
    outside[place] = False
    return place, np.flatnonzero(outside), size


@lru_cache(maxsize=1)
def _thread_pools():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread():
    """A context in which matrix products run on the calling thread alone: the network's are small, and a
    BLAS thread per core only adds work (and oversubscribes the cores when kg runs a worker on each)."""
    return _thread_pools().limit(limits=1, user_api="blas")


@dataclass
class Network:
    characters: np.ndarray  # sorted character codes that have an embedding: id 2 + index
    embeddings: list[np.ndarray]  # per input, (values + 1, width) float32; row 0 (padding) is zero
    convolutions: list[tuple[np.ndarray, np.ndarray]]  # per layer (3 * inputs, outputs) weights and bias
    output: tuple[np.ndarray, np.ndarray]  # (width, labels) weights and (labels,) bias
    weight: float  # how much the network's scores count next to the CRF's
    info: dict = field(default_factory=dict)
    _ids: np.ndarray | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Network":
        """Load a network archive (NumPy arrays only: nothing in it can run code)."""
        with read_arrays(path, NETWORK_FILE, "a kg network") as data:
            if tuple(int(x) for x in data["inputs"]) != INPUTS or int(data["labels"]) != LABEL_COUNT:
                raise ValueError("it was made for other features or labels; train it again")
            layers = int(data["layers"])
            return cls(data["characters"].astype(np.int64),
                       [data[f"embedding.{k}"].astype(np.float32) for k in range(len(INPUTS))],
                       [(data[f"convolution.{i}.weight"].astype(np.float32),
                         data[f"convolution.{i}.bias"].astype(np.float32)) for i in range(layers)],
                       (data["output.weight"].astype(np.float32), data["output.bias"].astype(np.float32)),
                       float(data["weight"]), read_info(data))

    def save(self, path: str | Path) -> None:
        """Write the network as a NumPy archive (float16 weights), byte for byte the same for the same network."""
        half = np.float16
        arrays = {"inputs": np.array(INPUTS), "labels": np.array(LABEL_COUNT), "layers": np.array(len(self.convolutions)),
                  "weight": np.array(self.weight, dtype=np.float64), "characters": self.characters.astype(np.int64)}
        arrays.update({f"embedding.{k}": table.astype(half) for k, table in enumerate(self.embeddings)})
        for i, (weights, bias) in enumerate(self.convolutions):
            arrays.update({f"convolution.{i}.weight": weights.astype(half), f"convolution.{i}.bias": bias.astype(half)})
        arrays.update({"output.weight": self.output[0].astype(half), "output.bias": self.output[1].astype(half)})
        save_arrays(path, {**arrays, **info_arrays(self.info)})

    def as_saved(self) -> "Network":
        """The network with its weights rounded as :meth:`save` stores them, so that its scores now
        equal its scores after loading."""
        def rounded(array):
            return array.astype(np.float16).astype(np.float32)

        return Network(self.characters, [rounded(t) for t in self.embeddings],
                       [(rounded(w), rounded(b)) for w, b in self.convolutions],
                       (rounded(self.output[0]), rounded(self.output[1])), self.weight, dict(self.info))

    @property
    def size(self) -> int:
        """How many weights the network has."""
        return (sum(t.size for t in self.embeddings) + sum(w.size + b.size for w, b in self.convolutions)
                + self.output[0].size + self.output[1].size)

    @property
    def reach(self) -> int:
        """How many characters on each side a character's scores depend on."""
        return sum(2 ** i for i in range(len(self.convolutions)))

    def character_ids(self, codes: np.ndarray) -> np.ndarray:
        """Each character code's embedding row: 2 + its place in ``characters``, or UNKNOWN."""
        if self._ids is None:
            table = np.full(0x10000, UNKNOWN, dtype=np.int64)
            known = self.characters < 0x10000  # the features fold every other code point to 0xFFFF
            table[self.characters[known]] = np.flatnonzero(known) + 2
            self._ids = table
        return self._ids[np.clip(codes, 0, 0xFFFF)]

    def scores(self, values: list[np.ndarray], lengths) -> np.ndarray:
        """Each character's label scores (n, labels), for the template values of sentences laid end to
        end (``features.feature_values``) and the sentences' lengths.

        The scores are not normalised: a constant added to all labels of a character changes neither
        the best path nor the marginals.
        """
        with one_blas_thread():
            return self._scores(values, np.asarray(lengths, dtype=np.int64))

    def _scores(self, values: list[np.ndarray], lengths: np.ndarray) -> np.ndarray:
        gap = 2 ** (len(self.convolutions) - 1)  # zero rows between sentences: no layer reads across them
        place, between, size = flat_layout(lengths, gap)
        rows = []
        for k, template in enumerate(INPUTS):
            row = np.zeros(size, dtype=np.int64)
            if k == 0:
                row[place] = self.character_ids(values[template])
            else:
                bound = len(self.embeddings[k]) - 1
                value = folded(k, values[template], bound)
                row[place] = np.where((value >= 0) & (value < bound), value + 1, 0)  # a value never trained on: none
            rows.append(row)
        width = self.embeddings[0].shape[1]
        hidden = self.convolutions[0][0].shape[1]
        reach = self.reach
        span = min(BLOCK, size) + 2 * reach
        buffers = [np.empty((span, max(width, hidden)), dtype=np.float32) for _ in range(2)]  # a layer's in and out
        term = np.empty((span, width), dtype=np.float32)
        columns = np.empty((span, 3 * max(width, hidden)), dtype=np.float32)
        scores = np.empty((size, LABEL_COUNT), dtype=np.float32)
        for first in range(0, size, BLOCK):
            low, high = max(first - reach, 0), min(first + BLOCK + reach, size)
            count = high - low
            x = buffers[0][:count, :width]
            np.take(self.embeddings[0], rows[0][low:high], axis=0, out=x, mode="clip")
            for table, row in zip(self.embeddings[1:], rows[1:]):
                np.take(table, row[low:high], axis=0, out=term[:count], mode="clip")
                x += term[:count]
            gaps = between[np.searchsorted(between, low):np.searchsorted(between, high)] - low
            for layer, (weights, bias) in enumerate(self.convolutions):
                channels, step = x.shape[1], 2 ** layer
                wide = columns[:count, :3 * channels]  # each row: the rows step before, at and step after
                wide[:step, :channels] = 0
                wide[step:, :channels] = x[:-step]
                wide[:, channels:2 * channels] = x
                wide[-step:, 2 * channels:] = 0
                wide[:-step, 2 * channels:] = x[step:]
                x = buffers[(layer + 1) % 2][:count, :hidden]
                np.matmul(wide, weights, out=x)
                x += bias
                np.maximum(x, 0, out=x)
                x[gaps] = 0
            own = slice(first - low, first - low + min(BLOCK, size - first))
            block = scores[first:first + (own.stop - own.start)]
            np.matmul(x[own], self.output[0], out=block)
            block += self.output[1]
        return scores[place]
