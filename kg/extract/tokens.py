"""The one tokenisation pass that every extractor reads.

jieba cuts each sentence once, with a user dictionary built from our lexicons
(administrative divisions, titles, suffixes...), so that 呼和浩特市 and
市委副书记 come out as single tokens. Part-of-speech hints come from jieba's
dictionary by lookup (no HMM tagging pass, which is several times slower).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from ..lexicon import gazetteer, lexicons

jieba.setLogLevel(60)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PUNCTUATION = set("，。！？；：、,.!?;:“”‘’\"'（）()《》〈〉【】[]「」『』—…·-　 \t\r\n")
# Single characters that never belong to a name or a chunk: they join or end phrases.
FUNCTION_CHARS = set("的了和与及或在对由向从把被将为是也就都又还而且并但等说让给使于以")


@dataclass(frozen=True)
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
        self.base_freq = dict(self._jieba.FREQ)
        for word, tag in user_words():
            if self._jieba.FREQ.get(word, 0) < 2000:
                self._jieba.add_word(word, freq=2000, tag=None)
            self.tags.setdefault(word, tag)

    def is_common_word(self, word: str, min_freq: int = 3) -> bool:
        """Is ``word`` in jieba's own dictionary (not just ours) often enough?"""
        return self.base_freq.get(word, 0) >= min_freq

    def tokenize(self, text: str) -> list[Token]:
        tokens = []
        position = 0
        for piece in self._jieba.cut(text, HMM=True):
            end = position + len(piece)
            tokens.append(Token(piece, position, end, self.tags.get(piece), self.base_freq.get(piece, 0)))
            position = end
        return tokens


def user_words() -> list[tuple[str, str]]:
    """Words our lexicons add to jieba's dictionary, with the tag each gets."""
    lex = lexicons()
    words: dict[str, str] = {}
    for name, divisions in gazetteer().by_name.items():
        if len(name) >= 2 and any(d.level != "township" for d in divisions) or name == divisions[0].name:
            words.setdefault(name, "ns")
    for title in lex.titles:
        if len(title) >= 2:
            words[title] = "title"
    for table, tag in ((lex.countries, "ns"), (lex.world_cities, "ns"), (lex.media, "nt"),
                       (lex.city_nicknames, "ns"), (lex.org_abbreviations, "nt")):
        for word in table:
            if len(word) >= 2:
                words.setdefault(word, tag)
    for suffix in lex.org_suffixes:
        if len(suffix) >= 2:
            words.setdefault(suffix, "org_suffix")
    return sorted(words.items())


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return Tokenizer()


def get_tokenizer() -> Tokenizer:
    with _lock:
        return _tokenizer()
