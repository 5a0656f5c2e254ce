"""The attributes of a co-occurrence edge, kept in slots instead of a dict.

A build's co-occurrence edges are millions (3.4 million at 100 MB), each the attributes ``relation``,
``sentences``, ``articles``, ``npmi``, ``npmi_article``, ``score``, ``weight`` and ``evidence``. As a dict
that is 280 bytes an edge; :class:`CoOccurrence` holds the same in 80 (``relation`` is the class's,
``weight`` is ``sentences + articles``). It reads as a dict does (``data["npmi"]``, ``data.get``,
``data.items()``, ``{**data}``, equality with a dict), keys in the same order, so every writer gives the same
bytes; it cannot be changed in place (the graph's other edges are dicts).

The scores (``npmi``, ``npmi_article``, ``score``) are computed when read, from the counts, the two
entities' counts and the corpus totals (``scorer``, shared by the edges of one graph, scores each distinct
set of counts once): a build reads those of a few thousand edges (the explorer's), and one page added
changes the totals, hence every score, of hundreds of thousands.
"""
from __future__ import annotations

from collections.abc import Mapping, MutableMapping

KEYS = ("relation", "sentences", "articles", "npmi", "npmi_article", "score", "weight", "evidence")


class CoOccurrence(Mapping):
    """A co-occurrence edge's attributes (see the module): a read-only mapping of :data:`KEYS`. ``a`` and
    ``b`` are the two entities; ``scorer(edge)`` gives ``(npmi, npmi_article, score)``."""

    __slots__ = ("sentences", "articles", "evidence", "a", "b", "scorer")
    relation = "co_occurs"

    def __init__(self, sentences: int, articles: int, evidence: list, a, b, scorer):
        self.sentences, self.articles, self.evidence = sentences, articles, evidence
        self.a, self.b, self.scorer = a, b, scorer

    @property
    def npmi(self) -> float:
        return self.scorer(self)[0]

    @property
    def npmi_article(self) -> float:
        return self.scorer(self)[1]

    @property
    def score(self) -> float:
        return self.scorer(self)[2]

    @property
    def weight(self) -> int:
        return self.sentences + self.articles

    def __getitem__(self, key):
        if key in _KEYS:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key, default=None):
        return getattr(self, key) if key in _KEYS else default

    def __contains__(self, key) -> bool:
        return key in _KEYS

    def __iter__(self):
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)

    def keys(self):
        return list(KEYS)

    def items(self):
        return [(key, getattr(self, key)) for key in KEYS]

    def values(self):
        return [getattr(self, key) for key in KEYS]

    def __repr__(self) -> str:
        return repr(dict(self.items()))


_KEYS = frozenset(KEYS)


class OneEdge(MutableMapping):
    """networkx's key dict (edge key -> attributes) of a pair with one edge, its key and attributes in two
    slots: 56 bytes where a dict of one key takes 184 (0.4 GiB for the 3.4 million co-occurrences of a
    100 MB corpus). It reads and changes as that dict does, keys in the same order; a second key (a
    position held by a co-occurring pair) or a removal makes it keep a dict."""

    __slots__ = ("_key", "_data", "_more")

    def __init__(self, key, data):
        self._key, self._data, self._more = key, data, None

    def __getitem__(self, key):
        if self._more is not None:
            return self._more[key]
        if key == self._key:
            return self._data
        raise KeyError(key)

    def get(self, key, default=None):
        if self._more is not None:
            return self._more.get(key, default)
        return self._data if key == self._key else default

    def __contains__(self, key) -> bool:
        return key in self._more if self._more is not None else key == self._key

    def __setitem__(self, key, data) -> None:
        if self._more is not None:
            self._more[key] = data
        elif key == self._key:
            self._data = data
        else:
            self._more = {self._key: self._data, key: data}
            self._key = self._data = None

    def __delitem__(self, key) -> None:
        if self._more is None:
            if key != self._key:
                raise KeyError(key)
            self._more = {}
            self._key = self._data = None
        else:
            del self._more[key]

    def __iter__(self):
        return iter(self._more) if self._more is not None else iter((self._key,))

    def __len__(self) -> int:
        return len(self._more) if self._more is not None else 1

    def keys(self):
        return self._more.keys() if self._more is not None else (self._key,)

    def values(self):
        return self._more.values() if self._more is not None else (self._data,)

    def items(self):
        return self._more.items() if self._more is not None else ((self._key, self._data),)

    def copy(self) -> dict:
        return dict(self.items())

    def __repr__(self) -> str:
        return repr(dict(self.items()))
