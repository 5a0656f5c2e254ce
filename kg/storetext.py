"""The N-Triples text of a store's large named graphs, kept compressed in the store folder (``text/``).

A rebuild that changes a named graph removes and adds only the triples that differ (:func:`kg.store._patch`),
so it needs the graph's previous triples. Reading them out of the store costs about 7 µs a triple (each term
looked up in RocksDB): the graphs of the most mentioned entities hold tens of thousands of triples, and one
added page changes dozens of them. The text each graph was made from, zlib-compressed, reads back a hundred
times faster. Only graphs of :data:`MIN_TRIPLES` or more are kept (smaller ones read out of the store fast
enough), under the digest of their text (:data:`kg.store.DIGESTS`): a file whose content does not match the
digest is not used, and the triples are read out of the store instead.

Each store folder holds the texts of its own graphs: a new folder links (hard links, no copy) the files of
the graphs that did not change from the previous one, so an old folder deleted with its store takes nothing
the new one needs.
"""
from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

TEXT = "text"  # inside a store folder: one file per large graph, named by its digest
MIN_TRIPLES = 1000  # graphs kept as text
LEVEL = 1  # zlib level: a twelfth of the size, at 300 MB/s


def wanted(count: int | None) -> bool:
    return count is not None and count >= MIN_TRIPLES


def save(folder: Path, digest: str, body: str) -> None:
    """Keep ``body`` (a graph's text, whose SHA-1 is ``digest``) in store folder ``folder``."""
    save_compressed(folder, digest, zlib.compress(body.encode("utf-8", "surrogatepass"), LEVEL))


def compressor():
    """What :func:`save_compressed` takes, made a piece at a time (``.compress(bytes)``, ``.flush()``)."""
    return zlib.compressobj(LEVEL)


def save_compressed(folder: Path, digest: str, data: bytes) -> None:
    """Keep a graph's text compressed by :func:`compressor` (or as :func:`save` compresses it)."""
    path = Path(folder) / TEXT
    path.mkdir(exist_ok=True)
    with open(path / digest, "wb") as handle:
        handle.write(data)


def load(folder: Path, digest: str) -> str | None:
    """The text of digest ``digest`` kept in store folder ``folder``, or None (not kept, or not that text)."""
    try:
        with open(Path(folder) / TEXT / digest, "rb") as handle:
            data = zlib.decompress(handle.read())
    except (OSError, zlib.error):
        return None
    if hashlib.sha1(data).hexdigest() != digest:
        return None
    return data.decode("utf-8", "surrogatepass")


def carry(old_folder: Path, folder: Path, digests) -> set:
    """Link into ``folder`` the texts of ``old_folder`` that ``digests`` (digest strings) still name; returns
    the digests linked."""
    source = Path(old_folder) / TEXT
    try:
        held = set(os.listdir(source))
    except OSError:
        return set()
    linked = set()
    target = Path(folder) / TEXT
    for digest in sorted(held.intersection(digests)):
        target.mkdir(exist_ok=True)
        try:
            os.link(source / digest, target / digest)
        except FileExistsError:
            pass
        except OSError:
            continue
        linked.add(digest)
    return linked
