"""Export stage: one module per format, each with ``write_x`` (and ``read_x`` where it reads back).

:func:`export` writes a knowledge graph in any of :data:`FORMATS`; :func:`write_all` writes the build outputs.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .contract import article_records, read_jsonl, write_jsonl
from .graphml import read_graphml, write_graphml
from .json import read_json, write_json
from .rdf import read_rdf, to_rdf, write_rdf

__all__ = ["article_records", "read_jsonl", "write_jsonl", "read_graphml", "write_graphml", "write_html",
           "read_json", "write_json", "read_rdf", "to_rdf", "write_rdf", "write_all", "export", "FORMATS"]

RDF_FORMATS = ("ttl", "nt", "jsonld", "xml")
FORMATS = (*RDF_FORMATS, "graphml", "gexf", "json", "csv")
EXTENSIONS = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "graphml": ".graphml",
              "gexf": ".gexf", "json": ".json", "csv": ""}


def _write_turtle(graph, path, base_iri):
    from ..rdfstream import write_turtle  # streamed through Oxigraph: flat memory, tens of times faster

    return write_turtle(graph, path, base_iri)


def write_html(graph, path, **options):
    from .html import write_html as write

    return write(graph, path, **options)


def export(graph, format: str, output: str | Path | None = None, base_iri: str | None = None):
    """Write ``graph`` (a :func:`kg.graph.build_graph` MultiDiGraph) in ``format`` to ``output``.

    ``output`` is a file (a folder for ``csv``); ``None`` or ``-`` writes to standard output (``csv``:
    the four tables one after the other, each after a ``# name`` line). Returns the paths written.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    to_stdout = output is None or str(output) == "-"
    if format == "csv":
        from .csv import tables, to_csv, write_csv

        if to_stdout:
            for name, rows in tables(graph).items():
                sys.stdout.write(f"# {name}\n{to_csv(rows)}")
            return []
        return list(write_csv(graph, output).values())
    if to_stdout:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = export(graph, format, Path(tmp) / f"graph{EXTENSIONS[format]}", base_iri)[0]
            sys.stdout.buffer.write(path.read_bytes())
            sys.stdout.flush()
        return []
    if format in RDF_FORMATS:
        from .rdf import write_graph_rdf

        return [write_graph_rdf(graph, output, format, base_iri)]
    if format == "graphml":
        return [write_graphml(graph, output)]
    if format == "gexf":
        from .gexf import write_gexf

        return [write_gexf(graph, output)]
    return [write_json(graph, output)]


OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")  # a small corpus's files
STORE = "store"  # the graph store (kg.store), switched with the files
ALWAYS = ("entities.jsonl", "graph.html", STORE)  # written by every build
BUILD_EXPORTS = ("ttl", "graphml", "json", "nt", "jsonld", "xml", "gexf")  # whole files kg build can write
SMALL_EXPORTS = ("json", "ttl", "graphml")  # written by default for a small corpus
SMALL_CORPUS = 5_000_000  # bytes of text (UTF-8) under which a corpus is small
FORKED_OUTPUTS = ("graph.ttl",)  # written by a second process meanwhile
THREADED_OUTPUTS = (STORE,)  # written by a thread meanwhile: Oxigraph's loader lets go of the interpreter lock


class Written(dict):
    """Output name -> path of each output written; ``removed``: the whole files a build no longer writes
    that it deleted; ``notes``: output name -> what was done (the store: how much was replaced)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed: dict[str, Path] = {}  # format -> path
        self.notes: dict[str, str] = {}


def corpus_bytes(extraction) -> int:
    """The size of the corpus's text (UTF-8 bytes of every document an article was read from)."""
    documents = {}
    for article in extraction.articles:
        documents.setdefault(article.document.source, article.document)
    return sum(len(document.text.encode("utf-8", "surrogatepass")) for document in documents.values())


def default_exports(extraction) -> tuple[str, ...]:
    """The whole files a build writes when not told: graph.json, graph.ttl and graph.graphml for a corpus
    under :data:`SMALL_CORPUS` bytes of text, none for a larger one (``kg export`` writes them from the
    store): a file of the whole graph is rewritten whole by every build, however little changed."""
    return SMALL_EXPORTS if corpus_bytes(extraction) < SMALL_CORPUS else ()


def whole_file(fmt: str) -> str:
    return f"graph{EXTENSIONS[fmt]}"


def write_all(extraction, graph, out_dir: Path, base_iri: str | None = None,
              max_nodes: int | None = None, parallel: bool | None = None,
              timings: dict | None = None, exports=None, release: bool = False) -> Written:
    """Write the build outputs: entities.jsonl, graph.html, the graph store (``store``, :mod:`kg.store`,
    updated from the previous one) and ``graph.<extension>`` in each of ``exports``
    (:data:`BUILD_EXPORTS`; ``None``: :func:`default_exports`).

    Every file is first written in full to a temporary file; all are renamed into place together at
    the end (:func:`kg.io.atomic.atomic_group`), so an error or an interrupt leaves the previous
    outputs as they were. A whole file of the graph that this build does not write is deleted in the same
    step, so that none is left beside a newer store. Temporary files of earlier builds that were killed
    are deleted first. ``parallel`` writes the store in a thread meanwhile
    (:mod:`kg.io.background`: Oxigraph's loader runs beside the other writers without a copy of the graph)
    and graph.ttl in a forked process (:mod:`kg.io.forked`, where available); ``None``: with more than one
    core. The bytes
    are the same either way. ``timings`` (a dict) receives the seconds each output took to write.
    ``release`` empties ``extraction`` (:meth:`kg.pipeline.Extraction.release`) once entities.jsonl and
    graph.html are written and the store has recorded its inputs, while the store is still being written.
    """
    import os
    import threading
    import time

    from ..gcpause import paused_gc
    from ..io import background, forked
    from ..io.atomic import atomic_group, pending_removal, pending_rename, remove_stale
    from ..parallel import cpu_count
    from ..store import make_store, remove_unused_stores, write_store

    exports = default_exports(extraction) if exports is None else tuple(dict.fromkeys(exports))
    for fmt in exports:
        if fmt not in BUILD_EXPORTS:
            raise ValueError(f"kg build exports {', '.join(BUILD_EXPORTS)} (not {fmt!r}); use kg export for the rest")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)
    remove_unused_stores(out_dir)
    special = {
        "json": lambda: write_json(graph, out_dir / "graph.json"),
        "ttl": lambda: _write_turtle(graph, out_dir / "graph.ttl", base_iri),
        "graphml": lambda: write_graphml(graph, out_dir / "graph.graphml"),
    }
    writers = {"entities.jsonl": lambda: write_jsonl(article_records(extraction), out_dir / "entities.jsonl")}
    for fmt in exports:
        writers[whole_file(fmt)] = special.get(fmt) or (lambda fmt=fmt: export(graph, fmt, out_dir / whole_file(fmt), base_iri))
    writers["graph.html"] = lambda: write_html(graph, out_dir / "graph.html", extraction=extraction, max_nodes=max_nodes)
    writers[STORE] = lambda: write_store(graph, out_dir, base_iri, extraction, recorded=lambda: let_go(STORE))
    stale = {fmt: out_dir / whole_file(fmt) for fmt in BUILD_EXPORTS
             if whole_file(fmt) not in writers and (out_dir / whole_file(fmt)).is_file()}

    link = []
    holders = {STORE}  # what still reads the extraction ("main": the writers of the main thread)
    lock = threading.Lock()

    def let_go(holder):
        with lock:
            if holder not in holders:
                return
            holders.discard(holder)
            last = not holders
        if last and release:
            extraction.release()

    inputs_recorded = threading.Event()

    def recorded():
        let_go(STORE)
        inputs_recorded.set()

    def timed_store(cancelled):
        """The store, made in a thread; its switch is added by the main thread (``link``)."""
        started = time.perf_counter()
        done, renamed = make_store(graph, out_dir, base_iri, extraction, cancelled, recorded=recorded)
        link.extend(renamed)
        return {STORE: time.perf_counter() - started}, {STORE: str(done)}

    def timed(names):
        seconds, notes = {}, {}
        for name in names:
            started = time.perf_counter()
            done = writers[name]()
            seconds[name] = time.perf_counter() - started
            if name == STORE:
                notes[name] = str(done)
        return seconds, notes

    if parallel is None:
        parallel = cpu_count() > 1
    in_child = [name for name in FORKED_OUTPUTS if name in writers] if parallel and forked.available() else []
    in_thread = [name for name in THREADED_OUTPUTS if name in writers] if parallel else []
    try:
        with atomic_group(), paused_gc():
            child = thread = None
            try:
                if in_child:  # forked first: no other thread may run when it forks
                    child = forked.ForkedWriters([out_dir])
                    child.start(lambda: timed(in_child))
                if in_thread:
                    holders.add("main")
                    thread = background.Background()
                    thread.start(lambda cancelled: timed_store(cancelled))
                    # The store's record of its inputs reads the whole extraction, as entities.jsonl does: one
                    # after the other, what each makes in passing is not held at once (0.2 GiB at 100 MB).
                    while not inputs_recorded.wait(0.1) and thread.thread.is_alive():
                        pass
                seconds, notes = timed([name for name in writers if name not in in_child + in_thread])
                let_go("main")
                for writer in (child, thread):
                    if writer is not None:
                        more_seconds, more_notes = writer.finish()
                        seconds.update(more_seconds)
                        notes.update(more_notes)
                if thread is not None:
                    pending_rename(*link)
            except BaseException:
                for writer in (child, thread):
                    if writer is not None:
                        writer.abandon()
                if link:  # the store was made but is not switched: its folder goes with the unused ones
                    os.unlink(link[0])
                raise
            for path in stale.values():
                pending_removal(path)
    finally:
        remove_unused_stores(out_dir)  # the one the new store replaced, or the new one if it was not switched
    if timings is not None:
        timings.update(seconds)
    written = Written((name, out_dir / name) for name in writers)
    written.removed = stale
    written.notes = notes
    return written
