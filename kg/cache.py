"""The extraction cache: what one document yields, stored under a key of everything that decides it.

A key is the SHA-256 of

- the document itself: its source name, text, title, date, url, year and metadata;
- :func:`fingerprint`: the cache format, the kg and jieba versions, the Python version (the entries are
  pickles), and the bytes of every lexicon file and of the code that reads, segments and extracts
  (``kg/corpus``, ``kg/extract``, ``kg/model.py``, ``kg/lexicon.py``, ``kg/parallel.py``).

So an entry is reused only for the same input read by the same code with the same lexicons; any edit to
either makes new keys, and the old entries are never read again (:meth:`Cache.prune` deletes them). An
entry is the pickled ``(articles, mentions, roles)`` of one document, one file per key
(``<dir>/<2 hex digits>/<key>.pickle``), written to a temporary file and renamed into place, so a build
that is interrupted never leaves a half-written entry; the temporary files of a build that was killed
are deleted by the next one (:meth:`Cache.remove_stale`). Entries are pickles: only use a cache folder that
you (or your own builds) wrote.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .export.atomic import atomic_open, remove_stale

CACHE_FORMAT = "1"
PACKAGE = Path(__file__).resolve().parent
# What decides the extraction of one document: these files' bytes are part of every key.
CODE = ("corpus", "extract", "model.py", "lexicon.py", "parallel.py", "lexicons")
SUFFIX = ".pickle"


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
    fields = [document.source, document.title, document.date, document.url, document.year, document.meta]
    digest = hashlib.sha256(fingerprint().encode() + b"\0")
    digest.update(json.dumps(fields, ensure_ascii=False, sort_keys=True, default=repr).encode("utf-8") + b"\0")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Cache:
    """A folder of cache entries (pickled bytes by key)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # keys read or written by this process
        self.folders: set[Path] = set()  # entry folders this process has made sure exist

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> bytes | None:
        """The entry's bytes, or None (and a miss is counted)."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` atomically; a cache that cannot be written is skipped quietly."""
        self.used.add(key)
        try:
            path = self.path(key)
            if path.parent not in self.folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(path.parent)
            # Not synced to disk: an entry a power loss leaves unreadable is extracted again (extract_documents).
            with atomic_open(path, "wb", encoding=None, newline=None, durable=False, make_folder=False) as handle:
                handle.write(data)
        except OSError as error:
            print(f"kg: cache not written ({error})", file=sys.stderr)

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
        for entry in self.folder.glob(f"*/*{SUFFIX}"):
            if entry.name[:-len(SUFFIX)] not in keep:
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
