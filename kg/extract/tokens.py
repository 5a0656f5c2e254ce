"""The one tokenisation pass that every extractor reads.

jieba cuts each sentence once, with a user dictionary built from our lexicons
(administrative divisions, titles, suffixes...), so that 呼和浩特市 and
市委副书记 come out as single tokens. Part-of-speech hints come from jieba's
dictionary by lookup (no HMM tagging pass, which is several times slower).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache

import jieba

from ..lexicon import gazetteer, lexicons
from . import jiebadict
from .cutter import DagCutter
from .grammar import FUNCTION_CHARS, TRAILING_CHARS

jieba.setLogLevel(60)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PUNCTUATION = set("，。！？；：、,.!?;:“”‘’\"'（）()《》〈〉【】[]「」『』—…·-　 \t\r\n")
MAX_KEPT_WORDS = 200_000  # distinct cut words whose tokens are kept (about 50 MB at most)


class Frequency(IntEnum):
    """Levels of a word's count in jieba's dictionary, the thresholds the rules ask ``is_common_word`` about.

    jieba's counts come from a large general corpus: a word at RARE or below is a name or a term more
    often than not; at COMMON and above it is an ordinary word that a rule must not read as a name.
    """

    SEEN = 1  # in jieba's dictionary at all
    LISTED = 3
    RARE = 5
    OCCASIONAL = 20
    COMMON = 50
    USUAL = 200
    FAMILIAR = 300
    FREQUENT = 500
    VERY_FREQUENT = 1000
    EVERYDAY = 2000
    BASIC = 5000


@dataclass(slots=True, unsafe_hash=True)  # hashable by value like a frozen one, but built faster
class Token:
    text: str
    start: int  # offset in the sentence text
    end: int
    pos: str | None  # jieba dictionary tag, or None for a word jieba does not know
    freq: int  # jieba dictionary frequency (0 when unknown)
    # What the text is made of, worked out once per distinct word (the rules ask for every token).
    is_punct: bool = field(compare=False)  # only punctuation and spaces
    is_cjk: bool = field(compare=False)  # only Chinese characters


def is_punct(text: str) -> bool:
    return all(ch in PUNCTUATION for ch in text)


def is_cjk(text: str) -> bool:
    return all(CJK.match(ch) for ch in text)


class Tokenizer:
    """A jieba tokenizer that knows our lexicons."""

    def __init__(self):
        freq, total, tags = jiebadict.load()
        self._jieba = jieba.Tokenizer()
        self._jieba.FREQ, self._jieba.total, self._jieba.initialized = freq, total, True  # as initialize() sets
        self.tags = tags
        self.base_tags = dict(self.tags)  # jieba's own tags, before our lexicons relabel words
        self.base_freq = dict(self._jieba.FREQ)
        for word, tag, freq in user_words():
            if self._jieba.FREQ.get(word, 0) < freq:
                self._jieba.add_word(word, freq=freq, tag=None)
            if tag != "ns" or word not in self.tags or freq >= LEVEL_FREQ["prefecture"] // 3 \
                    and self.base_freq.get(word, 0) < Frequency.VERY_FREQUENT:
                self.tags[word] = tag
        self._cut = DagCutter(self._jieba)
        self._pieces: dict[str, tuple] = {}  # cut word -> what its tokens are made of

    def is_common_word(self, word: str, min_freq: int = Frequency.LISTED) -> bool:
        """Is ``word`` in jieba's own dictionary (not just ours) often enough?"""
        return self.base_freq.get(word, 0) >= min_freq

    def tokenize(self, text: str) -> list[Token]:
        tokens = []
        append = tokens.append
        position = 0
        pieces_of = self._pieces
        for word in self._cut.cut(text):
            pieces = pieces_of.get(word)
            if pieces is None:
                pieces = self.word_pieces(word)
            for piece, size, pos, freq, punct, cjk in pieces:
                end = position + size
                append(Token(piece, position, end, pos, freq, punct, cjk))
                position = end
        return tokens

    def word_pieces(self, word: str) -> tuple[tuple, ...]:
        """The tokens one cut word gives, as (text, length, tag, frequency, is_punct, is_cjk); kept, as words
        repeat."""
        pieces = tuple((piece, len(piece), self.tags.get(piece), self.base_freq.get(piece, 0), is_punct(piece),
                        is_cjk(piece)) for piece in self.split_unknown(word))
        if len(self._pieces) >= MAX_KEPT_WORDS:
            self._pieces.clear()
        self._pieces[word] = pieces
        return pieces

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
