"""The build folder's graph store: an on-disk Oxigraph store (``OUTPUT/store``) that ``kg query`` and
``kg load`` read directly, without extracting the corpus again or parsing ``graph.ttl``.

``kg build`` writes every triple of the graph (:func:`kg.rdfstream.statements`, the same triples as
``graph.ttl``) into a new store folder beside the outputs, ``.store-PID-XXXX``, and ``store`` is a symbolic
link to it, renamed into place together with the other outputs (:mod:`kg.io.atomic`): a reader opens either
the previous store or the new one, whole, and an interrupted build leaves the previous one. The folders no
link points to any more are deleted by the next build.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

from .io import forked

STORE = "store"
_VERSION = re.compile(r"^\.store-(\d+)-[0-9a-f]+$")


def write_store(graph, out_dir: str | Path, base_iri: str | None = None) -> Path:
    """Write ``graph`` into a new store in ``out_dir`` and switch ``out_dir/store`` to it, with the open
    :func:`~kg.io.atomic.atomic_group` (at once outside one). Returns ``out_dir/store``."""
    import pyoxigraph as ox

    from .io.atomic import pending_rename
    from .rdfstream import stream_triples

    forked.mark_unsafe("an on-disk store was opened")
    out_dir = Path(out_dir)
    adopt_copied_store(out_dir)
    folder = out_dir / f".store-{os.getpid()}-{secrets.token_hex(4)}"
    store = ox.Store(str(folder))
    store.bulk_extend(stream_triples(graph, base_iri))  # written to disk files, nothing left to flush
    del store
    link = out_dir / f".{STORE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    os.symlink(folder.name, link)
    pending_rename(str(link), out_dir / STORE)
    return out_dir / STORE


def adopt_copied_store(out_dir: Path) -> None:
    """A ``store`` that is a folder, not a link (a build folder copied with ``cp -r``), becomes a store
    folder with ``store`` linking to it, so that it can be switched like any other."""
    path = out_dir / STORE
    if path.is_dir() and not path.is_symlink():
        folder = out_dir / f".store-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(path, folder)
        os.symlink(folder.name, path)


def has_store(folder: str | Path) -> bool:
    return (Path(folder) / STORE).is_dir()


def open_store(folder: str | Path):
    """The store of the build folder ``folder``, read-only."""
    import pyoxigraph as ox

    forked.mark_unsafe("an on-disk store was opened")
    path = Path(folder) / STORE
    try:
        return ox.Store.read_only(os.path.realpath(path))
    except OSError as error:
        raise ValueError(f"cannot open the graph store {path}: {error}") from None


def remove_unused_stores(out_dir: str | Path) -> list[Path]:
    """Delete the store folders of ``out_dir`` that ``store`` does not point to and no running build is
    writing (their name holds the writer's process id)."""
    from .io.atomic import _running

    out_dir = Path(out_dir)
    try:
        current = os.readlink(out_dir / STORE)
    except OSError:
        current = None
    removed = []
    try:
        names = os.listdir(out_dir)
    except OSError:
        return removed
    for name in names:
        match = _VERSION.match(name)
        if match and name != current and (int(match.group(1)) == os.getpid() or not _running(int(match.group(1)))):
            shutil.rmtree(out_dir / name, ignore_errors=True)
            removed.append(out_dir / name)
    return removed
