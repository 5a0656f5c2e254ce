"""The build folder's graph store: an on-disk Oxigraph store (``OUTPUT/store``) that ``kg query`` and
``kg load`` read directly, without extracting the corpus again or parsing a file.

The store holds the named graphs of :func:`kg.rdfstream.named_graphs` (one per article, one per entity,
one for the corpus); queries read their union. ``kg build`` writes a new store folder beside the outputs,
``.store-PID-XXXX``, and ``store`` is a symbolic link to it, renamed into place together with the other
outputs (:mod:`kg.io.atomic`): a reader opens either the previous store or the new one, whole, and an
interrupted build leaves the previous one.

A rebuild does not write every triple again. Each store folder keeps a digest of every named graph
(:data:`DIGESTS`); the new folder starts as a checkpoint of the previous one (RocksDB hard links to its
immutable files: no copy), only the graphs whose digest changed are updated (the quads that differ removed
and added; a large graph's previous triples read from the text the folder kept of it, :mod:`kg.storetext`)
and the graphs that are gone are dropped. Nor are the triples of every graph made again to find
those that changed: the folder also keeps what each graph was made from (:mod:`kg.changes`), and only the
graphs whose inputs changed are made and compared. The previous folder is never opened for writing, so its
readers go on reading it as it was.
A first build, a previous store that does not open or has no digests, or a change touching most of the
graph writes the whole store instead.

A reader holds a shared lock on the folder it opened (:func:`open_store`); the folders no link points to
any more are deleted by the next build once nobody holds one (:func:`remove_unused_stores`).
"""
from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import storetext
from .io import forked

STORE = "store"
DIGESTS = "kg-graphs.json"  # inside a store folder: {"format", "base", "graphs": {IRI: [digest, triples]}}
DIGESTS_FORMAT = 1
WHOLE_SHARE = 0.5  # a change of more than this share of the triples writes the whole store instead
DIFF_LIMIT = 1_000_000  # triples of changed graphs patched quad by quad; beyond, the graphs are replaced whole
CHUNK = 4_000_000  # characters of N-Quads made at a time
PIECE = 20_000  # triples of a graph made into text at a time when the store is written whole
LOAD_BATCH = 25_000_000  # bytes of N-Quads per bulk load: the loader holds ~0.2 GiB for 25 MB, ~0.6 GiB for 100 MB
# A store folder, or the one a copy of the previous store is made in (RocksDB's checkpoint writes
# ``<folder>.tmp`` and renames it when done: a build killed before leaves it).
_VERSION = re.compile(r"^\.store-(\d+)-[0-9a-f]+(?:\.tmp)?$")


@dataclass
class StoreWrite:
    """What :func:`write_store` did: ``replaced`` graphs written (all of them when ``whole``), ``removed``
    graphs dropped, out of ``graphs`` named graphs now in the store; ``reason`` why it was written whole."""

    graphs: int
    replaced: int
    removed: int = 0
    whole: bool = True
    reason: str = "first build"
    made: int | None = None  # graphs whose triples were made again to compare (the others' inputs were the same)

    def __str__(self) -> str:
        if self.whole:
            return f"{self.graphs:,} named graphs, written whole: {self.reason}"
        return (f"{self.replaced:,} of {self.graphs:,} named graphs replaced, {self.removed:,} removed"
                + (f"; {self.made:,} made again" if self.made is not None else ""))


def write_store(graph, out_dir: str | Path, base_iri: str | None = None, extraction=None, recorded=None) -> StoreWrite:
    """Write ``graph`` into a new store folder in ``out_dir``, from the previous store where there is one,
    and switch ``out_dir/store`` to it with the open :func:`~kg.io.atomic.atomic_group` (at once outside
    one). Given the ``extraction`` the graph was built from, the graphs whose inputs did not change since
    the previous store are not made again (:mod:`kg.changes`); ``recorded`` is called once that is no longer
    read."""
    from .io.atomic import pending_rename

    done, link = make_store(graph, out_dir, base_iri, extraction, recorded=recorded)
    pending_rename(*link)
    return done


def make_store(graph, out_dir: str | Path, base_iri: str | None = None, extraction=None, cancelled=None,
               recorded=None):
    """:func:`write_store` without the switch: ``(StoreWrite, (link, target))``, the link to rename over
    ``out_dir/store``. ``cancelled`` (a :class:`threading.Event`) stops it between graphs
    (:mod:`kg.io.background`). ``recorded`` is called once ``extraction`` is read (:func:`kg.changes.record`),
    before the graphs are made: the caller may then free it."""
    from . import changes
    from .export.rdf import check_base
    from .rdfstream import named_graphs

    forked.mark_unsafe("an on-disk store was opened")
    out_dir = Path(out_dir)
    base = check_base(base_iri)
    adopt_copied_store(out_dir)
    folder = out_dir / f".store-{os.getpid()}-{secrets.token_hex(4)}"
    previous, reason = previous_digests(out_dir, base)
    inputs = changes.record(extraction, graph, base) if extraction is not None else None
    if recorded is not None:
        recorded()
    done = None
    if previous is not None:
        remake = changes.changed_graphs(changes.read(previous[0]), inputs, base) if inputs else None
        only = None if remake is None else (lambda iri, old=previous[1]: iri[1:-1] in remake or iri[1:-1] not in old)
        done, reason = _update(previous, folder, _checked(named_graphs(graph, base, only=only), cancelled), base)
        if done is None:
            shutil.rmtree(folder, ignore_errors=True)
    if done is None:
        done = _write_whole(folder, _checked(named_graphs(graph, base), cancelled), base, reason)
    if inputs is not None:
        changes.write(folder, inputs)
    link = out_dir / f".{STORE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    os.symlink(folder.name, link)
    return done, (str(link), out_dir / STORE)


def _checked(blocks, cancelled):
    """``blocks``, stopping with :class:`kg.io.background.Cancelled` once ``cancelled`` is set."""
    if cancelled is None:
        yield from blocks
        return
    from .io.background import check

    for block in blocks:
        check(cancelled)
        yield block


def previous_digests(out_dir: Path, base: str):
    """``((folder, digests), None)`` of the store ``out_dir/store`` links to, or ``(None, why not)``."""
    path = out_dir / STORE
    if not path.is_dir():
        return None, "first build"
    folder = Path(os.path.realpath(path))
    try:
        recorded = json.loads((folder / DIGESTS).read_text(encoding="utf-8"))
        if recorded.get("format") != DIGESTS_FORMAT or not isinstance(recorded.get("graphs"), dict):
            return None, "the previous store's digests are of another format"
    except (OSError, ValueError, AttributeError):
        return None, "the previous store has no digests"
    if recorded.get("base") != base:
        return None, "another base IRI"
    return (folder, recorded["graphs"]), None


def _graphs(blocks):
    """``(graph IRI, N-Triples text without the last " .", triples)`` of each named graph: its text, made
    once, gives both the digest and the N-Quads to load."""
    for name, triples in blocks:
        if triples is None:
            yield name, None, None
        else:
            yield name, "\n".join(map(" ".join, triples)), len(triples)


def _pieces(triples, size: int = PIECE):
    """The text :func:`_graphs` makes of a graph, ``size`` triples at a time (joined by line breaks, they
    are that text)."""
    for start in range(0, len(triples), size):
        yield "\n".join(map(" ".join, triples[start:start + size]))


def _digest(body: str) -> str:
    return hashlib.sha1(body.encode("utf-8", "surrogatepass")).hexdigest()


def _nquads(name: str, body: str) -> str:
    """N-Quads lines of a graph's text (literals escape their line breaks: each "\\n" ends a triple)."""
    end = f" {name} .\n"
    return body.replace("\n", end) + end if body else ""


def _update(previous, folder: Path, blocks, base: str):
    """Make ``folder`` a checkpoint of the previous store and replace the graphs that changed; returns
    ``(StoreWrite, None)``, or ``(None, why)`` when the whole store is better written anew."""
    import pyoxigraph as ox

    old_folder, old = previous
    try:
        with reading(old_folder):
            source = ox.Store.read_only(str(old_folder))
            source.backup(str(folder))
            del source
        store = ox.Store(str(folder))
    except Exception as error:  # OSError, or RuntimeError for a damaged database
        return None, f"the previous store did not open ({error})"
    total = sum(entry[1] for entry in old.values() if isinstance(entry, list) and len(entry) == 2) or 1
    digests, new_graphs, changed, rewritten, written, made = {}, [], [], 0, 0, 0
    texts = {}  # digest -> text of the large graphs made again, kept in the new folder (kg.storetext)
    for name, body, count in _graphs(blocks):
        iri = name[1:-1]
        if body is None:  # its inputs did not change: as the previous store holds it
            digests[iri] = old[iri]
            continue
        made += 1
        digest = _digest(body)
        digests[iri] = [digest, count]
        if storetext.wanted(count):
            texts[digest] = body
        entry = old.get(iri)
        if isinstance(entry, list) and entry[:1] == [digest]:
            continue
        if entry is None:
            new_graphs.append(_nquads(name, body))
        else:
            changed.append((iri, name, body, entry[0] if entry else None))
            rewritten += count
        written += count
        if written > WHOLE_SHARE * total:
            del store
            return None, f"more than {WHOLE_SHARE:.0%} of the triples changed"
    gone = sorted(set(old) - set(digests))
    written_graphs = len(new_graphs) + len(changed)
    for iri in gone:
        store.remove_graph(ox.NamedNode(iri))
    if rewritten <= DIFF_LIMIT:
        _patch(store, changed, old_folder)
    else:
        for iri, *_ in changed:
            store.remove_graph(ox.NamedNode(iri))
        new_graphs += [_nquads(name, body) for _, name, body, _ in changed]
    if new_graphs:
        store.bulk_load("".join(new_graphs), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    kept = {entry[0] for entry in digests.values() if storetext.wanted(entry[1])}
    linked = storetext.carry(old_folder, folder, kept)
    for digest in sorted(kept.intersection(texts) - linked):
        storetext.save(folder, digest, texts[digest])
    _write_digests(folder, digests, base)
    return StoreWrite(len(digests), written_graphs, len(gone), whole=False, made=made), None


def _patch(store, changed, old_folder: Path | None = None) -> None:
    """Make each changed graph's quads those of its new triples (``(IRI, <IRI>, text, previous digest)``, the
    text as :func:`_graphs` makes it) by removing and adding only the quads that differ: an entity's graph
    holds all its co-occurrences (tens of thousands of quads for the home city), of which one page changes a
    few.

    The previous triples are the text the previous store folder ``old_folder`` kept of the graph
    (:mod:`kg.storetext`), else read out of the store as Oxigraph writes them, which is how the mapping
    writes them too. The triples are compared as N-Triples lines: no quad object is made for the triples that
    stay. A triple written another way on each side would be removed and added again, which leaves it in
    place."""
    import pyoxigraph as ox

    removed, added = [], []
    for iri, name, body, previous in changed:
        kept = storetext.load(old_folder, previous) if old_folder is not None and previous else None
        if kept is not None:
            old = [f"{line} ." for line in kept.split("\n")] if kept else []
        else:
            dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
            old = dumped.decode("utf-8", "surrogatepass").split("\n")[:-1] if dumped else []
        new = [f"{line} ." for line in body.split("\n")] if body else []
        old_lines, new_lines = set(old), set(new)
        end = f" {name} .\n"
        removed += [line[:-2] + end for line in old if line not in new_lines]
        added += [line[:-2] + end for line in new if line not in old_lines]
    if removed:
        for quad in ox.parse("".join(removed).encode("utf-8", "surrogatepass"), format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
    if added:
        store.extend(ox.parse("".join(added).encode("utf-8", "surrogatepass"), format=ox.RdfFormat.N_QUADS))


def _write_whole(folder: Path, blocks, base: str, reason: str) -> StoreWrite:
    import pyoxigraph as ox

    digests: dict[str, list] = {}

    def chunks():
        batch, size = [], 0
        for name, triples in blocks:
            digest, kept = hashlib.sha1(), storetext.compressor() if storetext.wanted(len(triples)) else None
            compressed = []
            for number, piece in enumerate(_pieces(triples)):  # a hub's graph is never made whole as text
                data = piece.encode("utf-8", "surrogatepass")
                for part in (b"\n", data) if number else (data,):  # the text is the pieces joined by "\n"
                    digest.update(part)
                    if kept is not None:
                        compressed.append(kept.compress(part))
                batch.append(_nquads(name, piece))
                size += len(batch[-1])
                if size >= CHUNK:
                    yield "".join(batch).encode("utf-8")
                    batch, size = [], 0
            digests[name[1:-1]] = [digest.hexdigest(), len(triples)]
            if kept is not None:
                compressed.append(kept.flush())
                storetext.save_compressed(folder, digests[name[1:-1]][0], b"".join(compressed))
        yield "".join(batch).encode("utf-8")

    store = ox.Store(str(folder))
    # Oxigraph's bulk loader holds what one call loads in memory (about 400 bytes a quad) before it writes
    # it out: one call per LOAD_BATCH characters keeps a large build's memory flat. Within a call the loader
    # parses while Python makes the next chunk.
    pending = chunks()
    for first in pending:
        store.bulk_load(io.BufferedReader(_ChunkReader(_batch(first, pending)), CHUNK), format=ox.RdfFormat.N_QUADS)
    store.flush()
    # The batches' files overlap: RocksDB merges them in the background whenever the store is next opened for
    # writing (a rebuild: 0.7 s of processor time for the 10 MB corpus) and reads look in all of them (kg
    # show, kg query: about twice as long). Merged once here, rebuilds and reads find one file per range.
    store.optimize()
    del store
    _write_digests(folder, digests, base)
    return StoreWrite(len(digests), len(digests), reason=reason)


def _batch(first: bytes, rest):
    """``first`` and the next chunks of ``rest`` up to :data:`LOAD_BATCH` characters in all."""
    yield first
    size = len(first)
    while size < LOAD_BATCH:
        chunk = next(rest, None)
        if chunk is None:
            return
        yield chunk
        size += len(chunk)


class _ChunkReader(io.RawIOBase):
    """A binary file reading the chunks of bytes an iterator gives."""

    def __init__(self, chunks):
        self.chunks, self.pending = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self.pending) < len(buffer):
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.pending += chunk
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def _write_digests(folder: Path, digests: dict, base: str) -> None:
    data = json.dumps({"format": DIGESTS_FORMAT, "base": base, "graphs": digests}, sort_keys=True,
                      separators=(",", ":"))
    with open(folder / DIGESTS, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


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


class ReadStore:
    """A read-only store and the shared lock on its folder, held while this object lives (so that no
    build deletes the folder under a reader); everything else is the pyoxigraph Store's."""

    def __init__(self, store, lock: int):
        self._store, self._lock = store, lock

    def __getattr__(self, name):
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self):
        return iter(self._store)

    def __contains__(self, quad) -> bool:
        return quad in self._store

    def close(self) -> None:
        """Release the store and its lock."""
        self._store = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __del__(self):
        if getattr(self, "_lock", None) is not None:
            os.close(self._lock)


def open_store(folder: str | Path) -> ReadStore:
    """The store of the build folder ``folder``, read-only, with a shared lock on the store folder."""
    import pyoxigraph as ox

    forked.mark_unsafe("an on-disk store was opened")
    path = Path(folder) / STORE
    for _ in range(10):  # the link moved and the folder it named was deleted meanwhile: look again
        real = os.path.realpath(path)
        try:
            lock = os.open(real, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as error:
            if os.path.lexists(path) and os.path.realpath(path) != real:
                continue
            raise ValueError(f"cannot open the graph store {path}: {error.strerror or error}") from None
        fcntl.flock(lock, fcntl.LOCK_SH)
        if os.path.exists(os.path.join(real, "CURRENT")):
            try:
                return ReadStore(ox.Store.read_only(real), lock)
            except OSError as error:
                os.close(lock)
                raise ValueError(f"cannot open the graph store {path}: {error}") from None
        os.close(lock)
    raise ValueError(f"cannot open the graph store {path}: it keeps being replaced")


class reading:
    """``with reading(folder):`` holds a shared lock on a store folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        self.lock = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        fcntl.flock(self.lock, fcntl.LOCK_SH)
        return self

    def __exit__(self, *exc):
        os.close(self.lock)


def remove_unused_stores(out_dir: str | Path) -> list[Path]:
    """Delete the store folders of ``out_dir`` that ``store`` does not point to, no running build is
    writing (their name holds the writer's process id) and no reader holds (:func:`open_store`), and the
    half-made copies (``.store-PID-XXXX.tmp``) of builds that no longer run."""
    from .io.sweep import sweep

    try:
        current = os.readlink(Path(out_dir) / STORE)
    except OSError:
        current = None
    return sweep(out_dir, _VERSION, _remove_unread, skip=(current,), mine=True)


def _remove_unread(folder: Path) -> bool:
    """Delete ``folder`` unless a reader holds a lock on it."""
    try:
        lock = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)  # a broken folder (or not one): nobody reads it
        return not os.path.lexists(folder)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True
    finally:
        os.close(lock)
