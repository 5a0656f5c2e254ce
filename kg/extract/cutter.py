"""``jieba.Tokenizer.cut(text, HMM=True)``, word for word, faster.

jieba's accurate mode takes, in each run of Chinese characters, the route of dictionary words with the
highest product of frequencies, then lets its HMM (``jieba.finalseg``) guess words in the runs of single
characters the route leaves. The route search is the costly part. When the compiled jieba-rs binding
(``rjieba``) is installed it searches the route over the very same dictionary (the same words, frequencies
and total, the same floating-point steps and tie-breaks); otherwise, or where its answer is ambiguous, a
pure-Python search does. A sentence of Chinese text alone (no ASCII letters or digits, no rarer ideographs)
is cut by jieba-rs whole, HMM included: its HMM is jieba's, with the same model. Elsewhere the HMM step is
jieba's own (in ``hmm.py``, unrolled), so the same words come out either way.
"""
from __future__ import annotations

import math
import re

import jieba

from .hmm import HmmCutter

from .modules import rjieba_module

rjieba = rjieba_module()  # None: the pure-Python route search does the same work, slower

# Raises the compiled dictionary's total to jieba's: jieba adds a re-added word's frequency to its total
# without taking the old one off. A private-use character never occurs in a run jieba cuts.
TOTAL_PAD = "\ue000"
ASCII_ALNUM = re.compile("[A-Za-z0-9]")
# Characters jieba cuts in runs: the Chinese characters of its ``re_han_default`` and some ASCII.
HAN_CHARS = frozenset(map(chr, range(0x4E00, 0x9FD6))) | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")
# Anything but those, ASCII, Latin-1, general, CJK and full-width punctuation: other ideographs, which
# jieba-rs joins to its runs, and control characters jieba and jieba-rs tell whitespace by differently.
OTHER_CHARS = re.compile(r"[^\u4e00-\u9fd5\t\n\x0b\x0c\r\x20-\x7e\xa0-\xff\u2000-\u206f\u3000-\u303f\uff00-\uffef]")


class DagCutter:
    """jieba's cut with HMM over ``tokenizer``'s dictionary; noticing words added to it since."""

    def __init__(self, tokenizer: jieba.Tokenizer, compiled: bool = True):
        self.tokenizer = tokenizer
        self.use_compiled = compiled and rjieba is not None
        self.hmm = HmmCutter()
        self.prepare()

    def prepare(self) -> None:
        self.freq = self.tokenizer.FREQ
        self.total = self.tokenizer.total
        self._logp: dict[str, float] | None = None  # built when the Python search first runs
        self.compiled = CompiledRoute.build(self.freq, self.total) if self.use_compiled else None

    def cut(self, sentence: str) -> list[str]:
        if self.tokenizer.total != self.total:  # words were added to the dictionary since
            self.prepare()
        if self.compiled is not None:
            if not OTHER_CHARS.search(sentence) and not ASCII_ALNUM.search(sentence):
                return self.compiled.cut(sentence, True)  # jieba-rs's HMM is jieba's: the same words, faster
            route = self.compiled.sentence_route(sentence)
            if route is not None:
                words = self.join_singles(route)
                if words is not None:
                    return words
        han, skip = jieba.re_han_default, jieba.re_skip_default
        words: list[str] = []
        for block in han.split(sentence):
            if not block:
                continue
            if han.match(block):
                self.cut_block(block, words)
            else:
                for piece in skip.split(block):
                    if skip.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def cut_block(self, block: str, words: list[str]) -> None:
        """Append the words of one run of Chinese characters (and ASCII letters and digits)."""
        buf = ""
        for word in self.route(block):
            if len(word) == 1:
                buf += word
                continue
            if buf:
                self.flush(buf, words)
                buf = ""
            words.append(word)
        if buf:
            self.flush(buf, words)

    def join_singles(self, route: list[str]) -> list[str] | None:
        """The words of a whole sentence's compiled route, each run of single characters handed to ``flush``.

        jieba-rs joins single ASCII letters and digits into one word: they go back to the run, unless the
        joined word is a dictionary word too (CEO: a word or three letters?), when the answer is None.
        """
        ascii_words = self.compiled.ascii_words
        words: list[str] = []
        buf = ""
        for word in route:
            if len(word) == 1:
                if word in HAN_CHARS:
                    buf += word
                    continue
            elif word.isascii() and word.isalnum():
                if word in ascii_words:
                    return None
                buf += word
                continue
            if buf:
                self.flush(buf, words)
                buf = ""
            words.append(word)
        if buf:
            self.flush(buf, words)
        return words

    def flush(self, buf: str, words: list[str]) -> None:
        """Single characters the route left: one word, jieba's HMM guesses, or the characters as they are."""
        if len(buf) == 1:
            words.append(buf)
        elif not self.freq.get(buf):
            words.extend(self.hmm.cut(buf))
        else:
            words.extend(buf)

    def route(self, block: str) -> list[str]:
        """The best-scoring sequence of dictionary words (or single characters) that spells ``block``."""
        if self.compiled is not None:
            words = self.compiled.route(block)
            if words is not None:
                return words
        ends = self.best_ends(block)
        words, x, size = [], 0, len(block)
        while x < size:
            y = ends[x] + 1
            words.append(block[x:y])
            x = y
        return words

    @property
    def logp(self) -> dict[str, float]:
        """Each word's ``log(freq) - log(total)``, computed once."""
        if self._logp is None:
            logtotal = math.log(self.total)
            self._logp = {word: math.log(count) - logtotal for word, count in self.freq.items() if count}
        return self._logp

    def best_ends(self, sentence: str) -> list[int]:
        """For each position, where the best-scoring route's next word ends (inclusive).

        jieba's search without its per-position dict of candidates and generator-fed ``max``: the same
        floating-point operations in the same order, ties broken the same way (the longer word).
        """
        freq, logp = self.freq, self.logp
        unknown = math.log(1) - math.log(self.total)  # a character with no dictionary entry
        size = len(sentence)
        score = [0.0] * (size + 1)
        ends = [0] * size
        for start in range(size - 1, -1, -1):
            best, end = None, start
            i, fragment = start, sentence[start]
            while i < size and fragment in freq:
                word = logp.get(fragment)
                if word is not None:
                    value = word + score[i + 1]
                    if best is None or value >= best:
                        best, end = value, i
                i += 1
                fragment = sentence[start:i + 1]
            if best is None:
                best = unknown + score[start + 1]
            score[start], ends[start] = best, end
        return ends


class CompiledRoute:
    """jieba-rs's route search over a copy of a jieba dictionary.

    Its cut without HMM is the route, except that it joins runs of single ASCII letters and digits into
    one word: such a word is split back, unless it is also a dictionary word (CEO), when the route is
    ambiguous and ``route`` answers None.
    """

    def __init__(self, freq: dict[str, int], total: int):
        self.jieba = rjieba.Jieba.empty()
        add, counted = self.jieba.add_word, 0
        for word, count in freq.items():
            if count:  # jieba keeps each word's prefixes with frequency 0: not words
                add(word, count, None)
                counted += count
        if total < counted:
            raise ValueError("jieba's total is below the sum of its frequencies")
        if total > counted:
            if TOTAL_PAD in freq:
                raise ValueError("the padding word is in the dictionary")
            add(TOTAL_PAD, total - counted, None)
        self.cut = self.jieba.cut
        self.ascii_words = {w for w, count in freq.items() if count and w.isascii() and w.isalnum()}

    @classmethod
    def build(cls, freq: dict[str, int], total: int) -> CompiledRoute | None:
        try:
            return cls(freq, total)
        except ValueError:
            return None

    def sentence_route(self, sentence: str) -> list[str] | None:
        """The route through each run jieba cuts, and the other characters as jieba leaves them, in one call,
        single ASCII letters and digits still joined.

        None when the sentence holds a character jieba-rs may read otherwise (it takes more Chinese
        characters into its runs than jieba does).
        """
        if OTHER_CHARS.search(sentence):
            return None
        return self.cut(sentence, False)

    def route(self, block: str) -> list[str] | None:
        words = self.cut(block, False)
        if not ASCII_ALNUM.search(block):
            return words
        route = []
        for word in words:
            if len(word) > 1 and word.isascii() and word.isalnum():
                if word in self.ascii_words:
                    return None
                route.extend(word)
            else:
                route.append(word)
        return route
