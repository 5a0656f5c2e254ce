"""The extraction cache: what one document yields, stored under a key of everything that decides it.

A key is the SHA-256 of

- the document itself: its source name, text, title, date, url, year and metadata;
- :func:`fingerprint`: the cache format, the kg and jieba versions, the Python version, and the bytes of
  every lexicon file and of the code that reads, segments and extracts (``kg/corpus``, ``kg/extract``,
  ``kg/model.py``, ``kg/lexicon.py``, ``kg/parallel.py``).

The source name is hashed as the bytes the file system holds (``os.fsencode``), so a file name that is
not valid UTF-8 gets a key like any other.

So an entry is reused only for the same input read by the same code with the same lexicons; any edit to
either makes new keys, and the old entries are never read again (:meth:`Cache.prune` deletes them). An
entry is the ``(articles, mentions, roles)`` of one document as JSON (:func:`encode_result`), with the
relations found in each article (``article.stated``), one file
per key (``<dir>/<2 hex digits>/<key>.json``), written to a temporary file and renamed into place, so a
build that is interrupted never leaves a half-written entry; the temporary files of a build that was
killed are deleted by the next one (:meth:`Cache.remove_stale`).

Reading an entry cannot run code (it is JSON, never a pickle), and it is used only when its first line
holds the SHA-256 of its key and its content and every field has the type it should: an entry that was
damaged, edited, truncated or written by something else is a miss (extracted again and rewritten), never
a crash. The hash detects damage and edits, not a forger who can write the folder and recompute it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .io.atomic import atomic_open, remove_stale

CACHE_FORMAT = "3"
PACKAGE = Path(__file__).resolve().parent
# What decides the extraction of one document: these files' bytes are part of every key.
CODE = ("corpus", "extract", "model.py", "lexicon.py", "parallel.py", "lexicons", "models")
SUFFIX = ".json"
MAGIC = b"kg-cache 3 "  # then the hex SHA-256 of key and content, a newline, and the content


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the versions, lexicons and extraction code that a cache entry depends on."""
    import jieba

    from . import __version__

    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, __version__, getattr(jieba, "__version__", ""), sys.version.split()[0]):
        digest.update(part.encode() + b"\0")
    for name in CODE:
        path = PACKAGE / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            if file.suffix in (".pyc", ".pyo"):
                continue
            digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(document) -> str:
    """The cache key of a :class:`~kg.model.Document` (hex SHA-256)."""
    fields = [document.title, document.date, document.url, document.year, document.meta]
    digest = hashlib.sha256(fingerprint().encode() + b"\0")
    digest.update(source_bytes(document.source) + b"\0")
    digest.update(json.dumps(fields, ensure_ascii=True, sort_keys=True, default=repr).encode("ascii") + b"\0")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def display(path) -> str:
    """A path for a message: bytes that are not UTF-8 shown as ``\\xNN``, never an encoding error."""
    text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate no file system gave
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def source_bytes(source: str) -> bytes:
    """A source name as the file system's bytes (``os.fsencode``: valid UTF-8 or not), or, for a name no
    file system gave (a JSON-lines record id with a lone surrogate), its UTF-8 with the surrogates kept."""
    try:
        return b"f" + os.fsencode(source)
    except UnicodeEncodeError:
        return b"p" + source.encode("utf-8", "surrogatepass")


class Unusable(ValueError):
    """A cache entry that is not what :func:`encode_result` writes: treated as a miss."""


def encode_result(result) -> bytes | None:
    """``(articles, mentions, roles)`` of one document as JSON; None when it holds what JSON cannot say
    here (an article of another document, a role's mention not among the mentions): not cached then."""
    articles, mentions, roles = result
    article_number = {id(article): number for number, article in enumerate(articles)}
    mention_number = {id(mention): number for number, mention in enumerate(mentions)}
    documents = {id(article.document) for article in articles}
    if len(documents) > 1:
        return None

    def article_of(article):
        return None if article is None else article_number[id(article)]

    try:
        payload = {
            "articles": [[a.index, a.start, a.end, a.title, a.date, a.byline, a.body_start,
                          [[s.start, s.end, s.text, [list(gap) for gap in s.gaps]] for s in a.sentences],
                          [list(span) for span in a.duplicate_spans], a.month_day, a.continued,
                          [list(position) for position in a.positions]]
                         for a in articles],
            "mentions": [[m.surface, m.type, m.start, m.end, article_of(m.article), m.sentence, m.name, m.rule]
                         for m in mentions],
            "roles": [[mention_number[id(mention)], r.title, r.org, article_of(r.article), r.start, r.end]
                      for mention, r in roles],
            "relations": [[number, f.relation, mention_number[id(f.subject)], mention_number[id(f.object)], f.verb,
                           f.start, f.end] for number, a in enumerate(articles) for f in stated_of(a)],
        }
    except (KeyError, Unusable):
        return None
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def stated_of(article) -> list:
    """The relations extraction found in ``article`` (:func:`kg.parallel.extract_document`), each about two
    of its own mentions; :class:`Unusable` when it has none to store (then nothing is cached)."""
    stated = getattr(article, "stated", None)
    if stated is None or any(f.article_key != article.key for f in stated):
        raise Unusable("no relations found with the article")
    return stated


def _int(value, optional: bool = False):
    if (value is None and optional) or type(value) is int:
        return value
    raise Unusable(f"not an integer: {value!r}")


def _text(value, optional: bool = False):
    if (value is None and optional) or type(value) is str:
        return value
    raise Unusable(f"not a string: {value!r}")


def _list(value, length: int | None = None) -> list:
    if type(value) is not list or (length is not None and len(value) != length):
        raise Unusable(f"not a list of {length}: {value!r}")
    return value


def _position(value) -> tuple[int, int, str]:
    start, end, title = _list(value, 3)
    return _int(start), _int(end), _text(title)


def _pair(value) -> tuple[int, int]:
    first, second = _list(value, 2)
    return _int(first), _int(second)


def _sentence(value):
    from .model import Sentence

    start, end, text, gaps = _list(value, 4)
    return Sentence(start=_int(start), end=_int(end), text=_text(text), gaps=tuple(_pair(gap) for gap in _list(gaps)))


def _sentences(rows) -> list:
    """:func:`_sentence` of each row, the common case (four fields, two integers, a text, no gaps) checked
    inline: a cached document holds a hundred sentences, a rebuild reads every cached document."""
    from .model import Sentence

    found = []
    for row in _list(rows):
        if type(row) is list and len(row) == 4:
            start, end, text, gaps = row
            if type(start) is int and type(end) is int and type(text) is str and gaps == [] and type(gaps) is list:
                found.append(Sentence(start, end, text))
                continue
        found.append(_sentence(row))
    return found


def decode_result(data: bytes, document) -> tuple[list, list, list]:
    """The ``(articles, mentions, roles)`` :func:`encode_result` wrote, the articles of ``document``;
    :class:`Unusable` (and nothing else) for anything else."""
    from .model import Article, Mention, Role

    try:
        payload = json.loads(data.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Unusable(str(error)) from None
    if type(payload) is not dict or set(payload) != {"articles", "mentions", "roles", "relations"}:
        raise Unusable("not an entry")
    articles = []
    for row in _list(payload["articles"]):
        index, start, end, title, date, byline, body_start, sentences, duplicates, month_day, continued, positions = \
            _list(row, 12)
        if type(continued) is not bool:
            raise Unusable("continued is not a boolean")
        articles.append(Article(
            document=document, index=_int(index), start=_int(start), end=_int(end), title=_text(title, True),
            date=_text(date, True), byline=_text(byline, True), body_start=_int(body_start, True),
            sentences=_sentences(sentences),
            duplicate_spans=[_pair(span) for span in _list(duplicates)],
            month_day=_text(month_day, True), continued=continued,
            positions=[_position(item) for item in _list(positions)]))

    def article_at(number):
        if number is None:
            return None
        if type(number) is not int or not 0 <= number < len(articles):
            raise Unusable(f"no article {number!r}")
        return articles[number]

    mentions = []
    count = len(articles)
    for row in _list(payload["mentions"]):
        surface, type_, start, end, article, sentence, name, rule = _list(row, 8)
        if (type(surface) is str and type(type_) is str and type(start) is int and type(end) is int
                and type(article) is int and 0 <= article < count and type(sentence) is int
                and (name is None or type(name) is str) and type(rule) is str):  # the usual row, checked inline
            mentions.append(Mention(surface, type_, start, end, articles[article], sentence, name, rule))
            continue
        mentions.append(Mention(surface=_text(surface), type=_text(type_), start=_int(start), end=_int(end),
                                article=article_at(article), sentence=_int(sentence, True),
                                name=_text(name, True), rule=_text(rule)))
    roles = []
    for row in _list(payload["roles"]):
        mention, title, org, article, start, end = _list(row, 6)
        if type(mention) is not int or not 0 <= mention < len(mentions):
            raise Unusable(f"no mention {mention!r}")
        roles.append((mentions[mention], Role(title=_text(title), org=_text(org, True), article=article_at(article),
                                              start=_int(start, True), end=_int(end, True))))
    from .extract.relations import Found

    for article in articles:
        article.stated = []
    for row in _list(payload["relations"]):
        number, relation, subject, obj, verb, start, end = _list(row, 7)
        article = article_at(number)
        if article is None or not all(type(m) is int and 0 <= m < len(mentions) for m in (subject, obj)):
            raise Unusable(f"no article or mention for {row!r}")
        article.stated.append(Found(_text(relation), mentions[subject], mentions[obj], _text(verb), article.key,
                                    _int(start), _int(end)))
    return articles, mentions, roles


def seal(key: str, content: bytes) -> bytes:
    """An entry's bytes: a first line with the SHA-256 of ``key`` and ``content``, then ``content``."""
    return MAGIC + _checksum(key, content) + b"\n" + content


def unseal(key: str, data: bytes) -> bytes:
    """The content of an entry sealed for ``key``; :class:`Unusable` when the checksum does not match."""
    header, newline, content = data.partition(b"\n")
    if not newline or not header.startswith(MAGIC) or header[len(MAGIC):] != _checksum(key, content):
        raise Unusable("checksum mismatch")
    return content


def _checksum(key: str, content: bytes) -> bytes:
    digest = hashlib.sha256(key.encode("ascii", "replace") + b"\0")
    digest.update(content)
    return digest.hexdigest().encode("ascii")


class Cache:
    """A folder of cache entries (JSON by key, sealed with a checksum)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # keys read or written by this process
        self.folders: set[Path] = set()  # entry folders this process has made sure exist
        self.broken = False  # a write failed (disk full, read-only): stop trying

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str, document):
        """The ``(articles, mentions, roles)`` stored for ``document`` under ``key``, or None (a miss is
        counted): no entry, an unreadable one, or one whose checksum or content is wrong."""
        try:
            result = decode_result(unseal(key, self.path(key).read_bytes()), document)
        except (OSError, Unusable):
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return result

    def put(self, key: str, content: bytes | None) -> None:
        """Store ``content`` (:func:`encode_result`'s bytes; None: nothing) under ``key`` atomically. A
        cache that cannot be written is reported once and skipped."""
        self.used.add(key)
        if content is None or self.broken:
            return
        data = seal(key, content)
        try:
            path = self.path(key)
            if path.parent not in self.folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(path.parent)
            # Not synced to disk: an entry a power loss leaves unreadable is extracted again (extract_documents).
            with atomic_open(path, "wb", encoding=None, newline=None, durable=False, make_folder=False) as handle:
                handle.write(data)
        except OSError as error:
            self.broken = True  # one message, not one per document
            where = error.filename or path
            print(f"kg: warning: cache not written, extraction goes on without storing it: cannot write "
                  f"{display(where)}: {error.strerror or error}", file=sys.stderr)

    def remove_stale(self) -> int:
        """Delete the temporary files of entries whose writer was killed (SIGKILL, power loss) before it
        could rename or delete them; return how many. Those of a build still running are kept."""
        removed = 0
        try:
            subfolders = [sub for sub in self.folder.iterdir() if sub.is_dir()]
        except OSError:
            return 0
        for sub in subfolders:
            removed += len(remove_stale(sub))
        return removed

    def prune(self, keep) -> int:
        """Delete every entry whose key is not in ``keep``; return how many were deleted."""
        keep = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        kept = {f"{key}{SUFFIX}" for key in keep}
        for entry in self.folder.glob("*/*"):  # also the entries of an older format (.pickle)
            if entry.name not in kept and not entry.name.startswith(".") and entry.is_file():
                try:
                    entry.unlink()
                    removed += 1
                except OSError:
                    pass
        for sub in self.folder.iterdir():
            if sub.is_dir():
                try:
                    sub.rmdir()  # only when empty
                except OSError:
                    pass
        return removed

    def __repr__(self) -> str:
        return f"Cache({os.fspath(self.folder)!r})"
