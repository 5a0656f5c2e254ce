"""The one tokenisation pass that every extractor reads.

jieba cuts each sentence once, with a user dictionary built from our lexicons
(administrative divisions, titles, suffixes...), so that 呼和浩特市 and
市委副书记 come out as single tokens. Part-of-speech hints come from jieba's
dictionary by lookup (no HMM tagging pass, which is several times slower).
"""
from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.finalseg
import jieba.posseg

from ..lexicon import gazetteer, lexicons

jieba.setLogLevel(60)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PUNCTUATION = set("，。！？；：、,.!?;:“”‘’\"'（）()《》〈〉【】[]「」『』—…·-　 \t\r\n")
# Single characters that never belong to a name or a chunk: they join or end phrases.
FUNCTION_CHARS = set("的了和与及或在对由向从把被将为是也就都又还而且并但等说让给使于以")
# A count of kinds (六大产业集群, 七大花海): it describes a kind, it does not name one.
COUNTED_KINDS = re.compile(r"^[一二三四五六七八九十百千两\d]+大")
# Characters that end an unknown word jieba glued to a name (李海鹰说, 张博是).
TRAILING_CHARS = FUNCTION_CHARS | set("称讲笑问答")


@dataclass(slots=True, unsafe_hash=True)  # hashable by value like a frozen one, but built faster
class Token:
    text: str
    start: int  # offset in the sentence text
    end: int
    pos: str | None  # jieba dictionary tag, or None for a word jieba does not know
    freq: int  # jieba dictionary frequency (0 when unknown)

    @property
    def is_punct(self) -> bool:
        return all(ch in PUNCTUATION for ch in self.text)

    @property
    def is_cjk(self) -> bool:
        return all(CJK.match(ch) for ch in self.text)


class Tokenizer:
    """A jieba tokenizer that knows our lexicons."""

    def __init__(self):
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.tags = dict(jieba.posseg.dt.word_tag_tab)
        self.base_tags = dict(self.tags)  # jieba's own tags, before our lexicons relabel words
        self.base_freq = dict(self._jieba.FREQ)
        for word, tag, freq in user_words():
            if self._jieba.FREQ.get(word, 0) < freq:
                self._jieba.add_word(word, freq=freq, tag=None)
            if tag != "ns" or word not in self.tags or freq >= LEVEL_FREQ["prefecture"] // 3 \
                    and self.base_freq.get(word, 0) < 1000:
                self.tags[word] = tag
        self._cut = DagCutter(self._jieba)

    def is_common_word(self, word: str, min_freq: int = 3) -> bool:
        """Is ``word`` in jieba's own dictionary (not just ours) often enough?"""
        return self.base_freq.get(word, 0) >= min_freq

    def tokenize(self, text: str) -> list[Token]:
        tokens = []
        position = 0
        for word in self._cut.cut(text):
            for piece in self.split_unknown(word):
                end = position + len(piece)
                tokens.append(Token(piece, position, end, self.tags.get(piece), self.base_freq.get(piece, 0)))
                position = end
        return tokens

    def split_unknown(self, word: str) -> list[str]:
        """Undo HMM guesses that glue a function word to a name: 张博是 -> 张博 是, 访市 -> 访 市."""
        if len(word) < 2 or word in self.tags:
            return [word]
        if word[-1] in TRAILING_CHARS and len(word) >= 3:
            return [word[:-1], word[-1]]
        if word[0] in FUNCTION_CHARS and (len(word) >= 3 or word[0] not in lexicons().surnames):
            return [word[0], word[1:]]  # 对大 草原 -> 对 大草原 (but 于洋 stays a name)
        if len(word) == 2 and word[-1] in "市区县省":
            return [word[0], word[1]]
        return [word]


class DagCutter:
    """``jieba.Tokenizer.cut(text, HMM=True)``, word for word, in about half the time.

    jieba builds a dict of every position's possible word ends, then takes a generator-fed ``max`` per
    position calling ``log`` for each candidate. This walks the prefix dictionary once per position and
    keeps the best route as it goes, with each word's ``log(freq) - log(total)`` computed once up front.
    The same floating-point operations in the same order, ties broken the same way (the longer word), and
    jieba's own HMM (``jieba.finalseg``) for runs of unknown characters: the same words come out.
    """

    def __init__(self, tokenizer: jieba.Tokenizer):
        self.tokenizer = tokenizer
        self.prepare()

    def prepare(self) -> None:
        self.freq = self.tokenizer.FREQ
        self.total = self.tokenizer.total
        logtotal = math.log(self.total)
        self.logp = {word: math.log(count) - logtotal for word, count in self.freq.items() if count}
        self.unknown = math.log(1) - logtotal  # a character with no dictionary entry

    def cut(self, sentence: str):
        if self.tokenizer.total != self.total:  # words were added to the dictionary since
            self.prepare()
        han, skip = jieba.re_han_default, jieba.re_skip_default
        for block in han.split(sentence):
            if not block:
                continue
            if han.match(block):
                yield from self.cut_block(block)
            else:
                for piece in skip.split(block):
                    if skip.match(piece):
                        yield piece
                    else:
                        yield from piece

    def best_ends(self, sentence: str) -> list[int]:
        """For each position, where the best-scoring route's next word ends (inclusive)."""
        freq, logp = self.freq, self.logp
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
                best = self.unknown + score[start + 1]
            score[start], ends[start] = best, end
        return ends

    def cut_block(self, sentence: str):
        ends = self.best_ends(sentence)
        x, buf, size = 0, "", len(sentence)
        while x < size:
            y = ends[x] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self.flush(buf)
                    buf = ""
                yield word
            x = y
        if buf:
            yield from self.flush(buf)

    def flush(self, buf: str):
        """Single characters the route left: one word, jieba's HMM guesses, or the characters as they are."""
        if len(buf) == 1:
            yield buf
        elif not self.freq.get(buf):
            yield from jieba.finalseg.cut(buf)
        else:
            yield from buf


# How strongly a division name is preferred when jieba cuts: a county or township
# name must not swallow the characters of ordinary words around it (便宜城市).
LEVEL_FREQ = {"province": 5000, "prefecture": 3000, "county": 300, "township": 30}


def user_words() -> list[tuple[str, str, int]]:
    """Words our lexicons add to jieba's dictionary: (word, tag, frequency)."""
    lex = lexicons()
    words: dict[str, tuple[str, int]] = {}
    for name, divisions in gazetteer().by_name.items():
        if len(name) < 2:
            continue
        full = [d for d in divisions if d.name == name]
        if full:
            freq = max(LEVEL_FREQ[d.level] for d in full)
        else:
            freq = max(LEVEL_FREQ[d.level] for d in divisions) // 3
            if all(d.level == "township" for d in divisions):
                continue
        words[name] = ("ns", freq)
    for title in lex.titles:
        if len(title) >= 2:
            words[title] = ("title", 3000)
    for table, tag in ((lex.countries, "ns"), (lex.world_cities, "ns"), (lex.media, "nt"),
                       (lex.city_nicknames, "ns"), (lex.org_abbreviations, "nt")):
        for word in table:
            if len(word) >= 2:
                words.setdefault(word, (tag, 2000))
    for suffix in lex.org_suffixes:
        if len(suffix) >= 2:
            words.setdefault(suffix, ("org_suffix", 2000))
    return sorted((word, tag, freq) for word, (tag, freq) in words.items())


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return Tokenizer()


def get_tokenizer() -> Tokenizer:
    with _lock:
        return _tokenizer()
