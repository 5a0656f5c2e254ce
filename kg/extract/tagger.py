"""The statistical tagger: a character CRF that finds person, place and organisation names.

Each character is described by the integer features of :mod:`kg.extract.features`,
the same for training (:mod:`kg.train`) and tagging.

The model is a linear-chain CRF trained with CRFsuite and shipped as a NumPy
archive (``kg/models/tagger.npz``: sorted feature keys, a weight row per key, a
label-transition matrix; no pickles). A small network over the same features
(:mod:`kg.extract.network`) adds its label scores to the CRF's when the package has one.
Tagging is vectorised: feature values are looked up template by template
(:mod:`kg.extract.feature_rows`), and Viterbi runs over many sentences at once.
"""
from __future__ import annotations

import heapq
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..io.arrays import info_arrays, read_arrays, read_info, save_arrays
from .feature_rows import TemplateRows
from .features import TEMPLATES, VALUE_BITS, feature_values
from .network import Network

TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BIES")
MODEL_FILE = "tagger.npz"


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


SCORE_BLOCK = 8192  # characters whose scores are summed together (13 float32 each: 0.4 MB)


@dataclass
class TaggerModel:
    keys: np.ndarray  # sorted int64 feature keys
    weights: np.ndarray  # (len(keys) + 1, len(LABELS)) float32; the last row (unknown key) is zero
    transitions: np.ndarray  # (len(LABELS), len(LABELS)) float32, from -> to
    info: dict
    _rows: "TemplateRows | None" = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TaggerModel":
        """Load a model archive (NumPy arrays only: nothing in it can run code)."""
        with read_arrays(path, MODEL_FILE, "a kg tagger model") as data:
            labels = tuple(str(x) for x in data["labels"])
            if labels != LABELS or int(data["templates"]) > TEMPLATES:
                raise ValueError("it was made for other labels or features; train it again")
            keys = data["keys"].astype(np.int64)
            weights = data["weights"].astype(np.float32)
            transitions = data["transitions"].astype(np.float32)
            info = read_info(data)
        weights = np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)])
        return cls(keys, weights, transitions, info)

    def save(self, path: str | Path) -> None:
        """Write the model as a NumPy archive, byte for byte the same for the same model."""
        save_arrays(path, {"keys": self.keys, "weights": self.weights[:len(self.keys)].astype(np.float16),
                           "transitions": self.transitions.astype(np.float32), "labels": np.array(LABELS),
                           "templates": np.array(TEMPLATES), **info_arrays(self.info)})

    @property
    def template_rows(self) -> TemplateRows:
        if self._rows is None:
            self._rows = TemplateRows(self.keys)
        return self._rows

    def emissions(self, keys: np.ndarray) -> np.ndarray:
        """Per-character label scores (n, labels) for feature keys (n, templates), column c of template c
        (``features.batch_features``)."""
        mask = np.int64((1 << VALUE_BITS) - 1)
        return self.value_emissions([keys[:, column] & mask for column in range(keys.shape[1])])

    def value_emissions(self, values: list[np.ndarray]) -> np.ndarray:
        """Per-character label scores (n, labels) for the values of each template (``features.feature_values``)."""
        rows = self.template_rows
        return self._scores([rows.rows(number, value) for number, value in enumerate(values)])

    def _scores(self, rows: list[np.ndarray]) -> np.ndarray:
        """The sum of each character's weight rows, added in template order, a block of characters at a
        time so that the sums stay in cache."""
        scores = np.empty((len(rows[0]), len(LABELS)), dtype=np.float32)
        term = np.empty((SCORE_BLOCK, len(LABELS)), dtype=np.float32)
        for first in range(0, len(scores), SCORE_BLOCK):
            block = scores[first:first + SCORE_BLOCK]
            part = term[:len(block)]
            # mode="clip": every row is in range, and "raise" would gather into a buffer and copy it to ``out``
            np.take(self.weights, rows[0][first:first + SCORE_BLOCK], axis=0, out=block, mode="clip")
            for column in rows[1:]:
                np.take(self.weights, column[first:first + SCORE_BLOCK], axis=0, out=part, mode="clip")
                block += part
        return scores

    def decode(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Best label sequence of each sentence (Viterbi over many sentences in step).

        Sentences are packed one after the other in ``DECODE_ROWS`` rows of about the same length,
        each row right-aligned, so that all end at the last step and one backward pass recovers every
        path. A sentence starts afresh at its first step, and the step before it points back to the
        best last label of the sentence before it in the row. Each sentence's scores are the same
        float32 sums, and its path the same, however sentences are packed.
        """
        if not emissions:
            return []
        batch, placed, fresh = packed_rows(emissions, DECODE_ROWS, np.float32)
        steps, rows, size = batch.shape
        start_penalty, end_penalty = (np.where(mask, np.float32(0), np.float32(-1e4)) for mask in _start_end_masks())
        # to_from[j, i]: the score of label j after label i, so that each step reduces the last axis.
        to_from = np.where(allowed_transitions(), self.transitions, np.float32(-1e4)).T[None].copy()
        flat = np.arange(rows * size) * size
        back = np.zeros((steps, rows, size), dtype=np.int8)
        score = batch[0] + start_penalty
        candidates = np.empty((rows, size, size), dtype=np.float32)
        for t in range(1, steps):
            np.add(score[:, None, :], to_from, out=candidates)
            best = candidates.argmax(axis=2)
            back[t] = best
            starting = fresh.get(t)
            if starting is not None:  # the sentence before ends at t - 1: its best last label
                back[t, starting] = np.argmax(score[starting] + end_penalty, axis=1)[:, None]
            score = np.take(candidates, flat + best.ravel()).reshape(rows, size)
            score += batch[t]
            if starting is not None:
                score[starting] = batch[t, starting] + start_penalty
        labels = np.empty((steps, rows), dtype=np.int64)
        labels[-1] = np.argmax(score + end_penalty, axis=1)
        every = np.arange(rows)
        for t in range(steps - 1, 0, -1):
            labels[t - 1] = back[t, every, labels[t]]
        return [labels[begin:begin + length, row] for row, begin, length in placed]

    def marginals(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Each character's label probabilities (forward-backward over all sentences in step).

        Sentences are packed in rows as for :meth:`decode`; a sentence's forward vector starts afresh at
        its first step, its backward one at its last. The forward pass (from the first step) and the
        backward pass (from the last) run in the same loop, stacked, so that each step is a few NumPy
        operations for both; their vectors are rescaled at every step, which leaves each position's
        normalised product, the marginal, unchanged.
        """
        if not emissions:
            return []
        batch, placed, fresh = packed_rows(emissions, DECODE_ROWS, np.float64)
        steps, rows, size = batch.shape
        batch = np.exp(batch - batch.max(axis=2, keepdims=True))
        starts, ends = (mask.astype(np.float64) for mask in _start_end_masks())
        step = np.where(allowed_transitions(), np.exp(self.transitions.astype(np.float64)), 0.0)  # from -> to
        moves = np.stack([step, step.T])  # forward: to the next step; backward: to the step before
        emitted = np.stack([batch, batch[::-1]], axis=1)  # loop step k: step k's emissions, and step -1 - k's
        # kept[k]: the forward vector of step k (scores up to and with it), and the backward one of step
        # steps - 1 - k times that step's emissions (scores from it to its sentence's end)
        kept = np.empty((steps, 2, rows, size))
        state = np.stack([np.broadcast_to(starts, (rows, size)), np.broadcast_to(ends, (rows, size))])
        ones = np.ones((size, 1))
        for k in range(steps):
            starting = fresh.get(k)
            if starting is not None:
                state[0, starting] = starts
            ending = fresh.get(steps - k)  # a sentence begins after this step: the one before ends here
            if ending is not None:
                state[1, ending] = ends
            state *= emitted[k]
            state /= np.maximum(state @ ones, 1e-300)
            kept[k] = state
            state = np.matmul(state, moves)
        backward = np.empty((steps, rows, size))
        backward[-1] = ends
        backward[:-1] = kept[steps - 2::-1, 1] @ step.T  # from the emission-weighted vector of the step after
        for first, starting in fresh.items():
            backward[first - 1, starting] = ends
        product = kept[:, 0] * backward
        product /= np.maximum(product @ ones, 1e-300)
        return [product[begin:begin + length, row] for row, begin, length in placed]


def packed_rows(emissions: list[np.ndarray], rows: int, dtype) -> tuple[np.ndarray, list, dict]:
    """Sentences' emissions packed in at most ``rows`` rows of a (steps, rows, labels) array, the longest
    first, each into the row filled least so far; each row right-aligned (earlier steps are zeros).
    Also each sentence's (row, first step, length), and the rows in which a sentence starts at each
    step after the first: {step: row indices}."""
    lengths = [len(e) for e in emissions]
    rows = max(1, min(rows, len(emissions)))
    fill = [(0, row) for row in range(rows)]
    members: list[list[int]] = [[] for _ in range(rows)]
    for index in sorted(range(len(emissions)), key=lambda i: -lengths[i]):
        filled, row = heapq.heappop(fill)
        members[row].append(index)
        heapq.heappush(fill, (filled + lengths[index], row))
    steps = max(filled for filled, _ in fill)
    batch = np.zeros((steps, rows, len(LABELS)), dtype=dtype)
    placed: list = [None] * len(emissions)
    starting: dict[int, list[int]] = {}
    for row, indices in enumerate(members):
        step = steps - sum(lengths[i] for i in indices)
        for index in indices:
            batch[step:step + lengths[index], row] = emissions[index]
            placed[index] = (row, step, lengths[index])
            if step:
                starting.setdefault(step, []).append(row)
            step += lengths[index]
    return batch, placed, {step: np.array(found) for step, found in starting.items()}


def label_spans(labels) -> list[tuple[int, int, str]]:
    """(start, end, kg type) of a BIOES label-index sequence."""
    spans = []
    start = None
    labels = np.asarray(labels)
    named = np.flatnonzero(labels)  # most characters are O: only the others are read
    after = -1
    for i, index in zip(named.tolist(), labels[named].tolist()):
        if i != after:
            start = None  # an O before this character
        after = i + 1
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
    """Tags sentences with a :class:`TaggerModel`, and a :class:`~kg.extract.network.Network` whose
    scores are added to the CRF's when there is one."""

    def __init__(self, model: TaggerModel, network: Network | None = None):
        self.model = model
        self.network = network

    def tag(self, texts: list[str], token_lists: list, candidate_lists: list | None = None,
            scored: bool = False) -> list[list[tuple]]:
        """(start, end, type) spans of each sentence, given its jieba tokens (and the rules' candidates).

        ``scored`` adds a fourth item, the span's confidence: the least probability, over its
        characters, of the label the best path gives them (1.0 for a span the rules' candidates hold).
        """
        return [spans for spans, _ in self._tag(texts, token_lists, candidate_lists, scored, None)]

    def read(self, texts: list[str], token_lists: list, candidate_lists: list, probes: list[list[tuple[int, int]]]
             ) -> list[tuple[list[tuple], dict]]:
        """Each sentence's scored spans (as ``tag(..., scored=True)``) and the tagger's reading of the
        probed (start, end) spans it did not tag as such: {(start, end): label probabilities of each
        character, a (characters, labels) array}. Forward-backward runs only on sentences that need it."""
        return self._tag(texts, token_lists, candidate_lists, True, probes)

    def _tag(self, texts, token_lists, candidate_lists, scored, probes) -> list[tuple[list[tuple], dict]]:
        result: list[tuple[list[tuple], dict]] = [([], {}) for _ in texts]
        keep = [i for i, text in enumerate(texts) if text]
        if not keep:
            return result
        candidates = None if candidate_lists is None else [candidate_lists[i] for i in keep]
        values = feature_values([texts[i] for i in keep], [token_lists[i] for i in keep], candidates)
        scores = self.model.value_emissions(values)
        lengths = [len(texts[i]) for i in keep]
        if self.network is not None:
            scores += np.float32(self.network.weight) * self.network.scores(values, lengths)
        emissions = np.split(scores, np.cumsum(lengths)[:-1])
        known = [{c[:2] for c in candidates[k]} if candidates else set() for k in range(len(keep))] if scored else []
        probed = [probes[i] for i in keep] if probes is not None else [()] * len(keep)
        paths = self.model.decode(emissions)
        spans = [label_spans(path) for path in paths]
        found = (self._with_confidence(emissions, paths, spans, known, probed) if scored
                 else [(s, {}) for s in spans])
        for k, item in zip(keep, found):
            result[k] = item
        return result

    def _with_confidence(self, emissions: list[np.ndarray], paths: list[np.ndarray], spans: list[list],
                         known: list[set], probes: list) -> list[tuple[list, dict]]:
        """Each span with its confidence, and the probed spans' readings. A span the rules also found
        needs none (it is kept as theirs, 1.0): only sentences with another span, or with a probed span
        the best path does not give, are run forward and backward."""
        asked = [[p for p in probe if p not in {span[:2] for span in found}] for probe, found in zip(probes, spans)]
        unsure = [j for j, found in enumerate(spans) if asked[j] or not {span[:2] for span in found} <= known[j]]
        marginals = dict(zip(unsure, self.model.marginals([emissions[j] for j in unsure])))
        scored = []
        for j, (path, found) in enumerate(zip(paths, spans)):
            if j not in marginals:
                scored.append(([(*span, 1.0) for span in found], {}))
                continue
            chosen = marginals[j][np.arange(len(path)), path]
            scored.append(([(start, end, kind, float(chosen[start:end].min())) for start, end, kind in found],
                           {(start, end): marginals[j][start:end] for start, end in asked[j]}))
        return scored


DECODE_ROWS = 32

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger | None:
    try:
        model = TaggerModel.load()
    except (FileNotFoundError, ValueError) as error:
        print(f"kg: warning: no tagger model ({error}); people, places and organisations are found by the "
              f"rules alone", file=sys.stderr)
        return None
    try:
        network = Network.load()
    except (FileNotFoundError, ValueError) as error:
        print(f"kg: warning: no tagger network ({error}); the tagger runs on its CRF alone", file=sys.stderr)
        network = None
    return Tagger(model, network)


def get_tagger() -> Tagger | None:
    """The shipped tagger (its CRF and network), loaded once per process (None when the package has no model)."""
    with _lock:
        return _default_tagger()
