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


OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")
STORE = "store"  # the graph store (kg.store), switched with the files
FORKED_OUTPUTS = ("graph.ttl", STORE)  # written by a second process: about half the writing time


BUILD_EXPORTS = ("nt", "jsonld", "xml", "gexf")  # formats kg build --export adds, as graph.<extension>


def write_all(extraction, graph, out_dir: Path, base_iri: str | None = None,
              max_nodes: int | None = None, parallel: bool | None = None,
              timings: dict | None = None, exports=()) -> dict[str, Path]:
    """Write the build outputs (entities.jsonl, graph.json, graph.ttl, graph.graphml, graph.html), the
    graph store (``store``, :mod:`kg.store`) and ``graph.<extension>`` in each of ``exports``
    (:data:`BUILD_EXPORTS`).

    Every file is first written in full to a temporary file; all are renamed into place together at
    the end (:func:`kg.io.atomic.atomic_group`), so an error or an interrupt leaves the previous
    outputs as they were. Temporary files of earlier builds that were killed are deleted first.
    ``parallel`` writes graph.ttl and the store in a forked process meanwhile (:mod:`kg.io.forked`;
    ``None``: where that is available and there is more than one core). The bytes are the same either way.
    ``timings`` (a dict) receives the seconds each file took to write.
    """
    import time

    from ..gcpause import paused_gc
    from ..io import forked
    from ..io.atomic import atomic_group, remove_stale

    from ..store import remove_unused_stores, write_store

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale(out_dir)
    remove_unused_stores(out_dir)
    writers = {
        "entities.jsonl": lambda: write_jsonl(article_records(extraction), out_dir / "entities.jsonl"),
        "graph.json": lambda: write_json(graph, out_dir / "graph.json"),
        "graph.ttl": lambda: _write_turtle(graph, out_dir / "graph.ttl", base_iri),
        "graph.graphml": lambda: write_graphml(graph, out_dir / "graph.graphml"),
        "graph.html": lambda: write_html(graph, out_dir / "graph.html", extraction=extraction, max_nodes=max_nodes),
        STORE: lambda: write_store(graph, out_dir, base_iri),
    }
    for fmt in exports:
        if fmt not in BUILD_EXPORTS:
            raise ValueError(f"kg build exports {', '.join(BUILD_EXPORTS)} (not {fmt!r}); use kg export for the rest")
        name = f"graph{EXTENSIONS[fmt]}"
        writers[name] = lambda fmt=fmt, name=name: export(graph, fmt, out_dir / name, base_iri)
    def timed(names):
        seconds = {}
        for name in names:
            started = time.perf_counter()
            writers[name]()
            seconds[name] = time.perf_counter() - started
        return seconds

    parallel = forked.available() if parallel is None else parallel and not forked.unsafe()
    in_child = FORKED_OUTPUTS if parallel else ()
    try:
        with atomic_group(), paused_gc():
            child = None
            try:
                if in_child:
                    child = forked.ForkedWriters([out_dir])
                    child.start(lambda: timed(in_child))
                seconds = timed([name for name in writers if name not in in_child])
                if child is not None:
                    seconds.update(child.finish())
            except BaseException:
                if child is not None:
                    child.abandon()
                raise
    finally:
        remove_unused_stores(out_dir)  # the one the new store replaced, or the new one if it was not switched
    if timings is not None:
        timings.update(seconds)
    return {name: out_dir / name for name in writers}
