"""From feature values to the tagger model's weight rows, template by template.

The model's keys are sorted (template number in the high bits, value below: ``features.py``), and a
key's weight row is its place among them. Looked up for every character and template, this is most of
the tagger's work, so each template gets the table that suits its values: templates of small values
(characters, word tags, lexicon classes...) index an array by the value; the others (character pairs,
words) probe a hash table of their own, small enough to stay in cache, whose slots hold the value and
the row packed in one integer, so that most values are found with one read.
"""
from __future__ import annotations

import numpy as np

from .features import BOS, CHAR_INDEX, CHAR_TEMPLATES, EOS, SMALL_TEMPLATES, VALUE_BITS

HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
EMPTY = -1


class ValueTable:
    """An open-addressing hash table from value to row, at most half full, probed for many values at once."""

    def __init__(self, values: np.ndarray, rows: np.ndarray, row_bits: int):
        self.row_bits = row_bits
        self.bits = max(4, int(np.ceil(np.log2(max(len(values), 1) * 2 + 1))))
        self.mask = (1 << self.bits) - 1
        self.slots = np.full(1 << self.bits, EMPTY, dtype=np.int64)
        packed = values << row_bits | rows
        pending = np.arange(len(values))
        home = self._hash(values)
        while len(pending):
            # Each free slot takes the first of the values probing it; the others move one slot on.
            free = self.slots[home] == EMPTY
            claim, first = np.unique(home[free], return_index=True)
            self.slots[claim] = packed[pending[free][first]]
            done = np.zeros(len(pending), dtype=bool)
            done[np.flatnonzero(free)[first]] = True
            pending, home = pending[~done], (home[~done] + 1) & self.mask

    def _hash(self, values: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            mixed = values.view(np.uint64) * HASH_MULTIPLIER
        mixed >>= np.uint64(64 - self.bits)
        return mixed.view(np.int64)

    def rows(self, values: np.ndarray, missing: int) -> np.ndarray:
        """The row of each value (a 1-D array), ``missing`` for values not in the table."""
        values = np.ascontiguousarray(values, dtype=np.int64)
        slot = self._hash(values)
        found = np.take(self.slots, slot)  # faster than indexing
        rows = found & ((1 << self.row_bits) - 1)  # right for the values found in their home slot: most
        found >>= self.row_bits
        active = np.flatnonzero(found != values)
        rows[active] = missing
        # The others are not in the table (an empty slot) or further on.
        active = active[found[active] != EMPTY >> self.row_bits]
        slot = (slot[active] + 1) & self.mask
        while len(active):
            found = np.take(self.slots, slot)
            hit = found >> self.row_bits == values[active]
            rows[active[hit]] = found[hit] & ((1 << self.row_bits) - 1)
            going = ~hit & (found != EMPTY)
            active, slot = active[going], (slot[going] + 1) & self.mask
        return rows


MAX_ROW_BITS = 63 - VALUE_BITS  # a value and a row packed in one int64


class TemplateRows:
    """The weight row of any template's values, for a model's sorted keys (``missing`` for unknown keys)."""

    def __init__(self, keys: np.ndarray):
        self.missing = len(keys)
        row_bits = self.missing.bit_length()
        if row_bits > MAX_ROW_BITS:
            raise ValueError(f"a model of at most {(1 << MAX_ROW_BITS) - 1} keys")
        self.direct: dict[int, np.ndarray] = {}
        self.hashed: dict[int, ValueTable] = {}
        templates = int(keys[-1] >> VALUE_BITS) + 1 if len(keys) else 0
        bounds = np.searchsorted(keys, np.arange(templates + 1, dtype=np.int64) << VALUE_BITS)
        for number in range(templates):
            low, high = int(bounds[number]), int(bounds[number + 1])
            values = keys[low:high] - (number << VALUE_BITS)
            rows = np.arange(low, high, dtype=np.int64)
            self.hashed[number] = ValueTable(values, rows, row_bits)
            if number in CHAR_TEMPLATES:
                real = (values <= 0xFFFF) | (values == BOS) | (values == EOS)
                self.direct[number] = self._array((EOS & CHAR_INDEX) + 1, values[real] & CHAR_INDEX, rows[real])
            elif number in SMALL_TEMPLATES:
                small = values < SMALL_TEMPLATES[number]
                self.direct[number] = self._array(SMALL_TEMPLATES[number], values[small], rows[small])

    def _array(self, size: int, values: np.ndarray, rows: np.ndarray) -> np.ndarray:
        table = np.full(size, self.missing, dtype=np.int64)
        table[values[::-1]] = rows[::-1]  # a key listed twice: its first row
        return table

    def rows(self, number: int, values: np.ndarray) -> np.ndarray:
        """The weight row of the key of each value (below 2**VALUE_BITS) of template ``number``."""
        direct = self.direct.get(number)
        if direct is not None and len(values):
            if number in CHAR_TEMPLATES:
                if int(values.max()) <= EOS:  # character codes: at most 0xFFFF, or BOS or EOS
                    return np.take(direct, values & CHAR_INDEX)
            elif int(values.max()) < len(direct):
                return np.take(direct, values)
        table = self.hashed.get(number)
        if table is None:  # the model knows no key of this template
            return np.full(len(values), self.missing, dtype=np.int64)
        return table.rows(values, self.missing)
