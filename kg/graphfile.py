"""What ``GRAPH`` means for ``kg export``, ``kg query`` and ``kg load``.

GRAPH is, in order of precedence:

1. a folder written by ``kg build``: ``kg query`` and ``kg load`` open its graph store (``store``,
   :mod:`kg.store`) as it is; the other commands read the graph back from its ``graph.json``;
2. a ``graph.json`` file (or any ``*.json`` file written by ``kg build`` / ``kg export --format json``);
3. an RDF file (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``/``.xml``): used as is — by ``kg query`` and
   ``kg load``, and by ``kg export`` to the RDF formats only;
4. anything else (a corpus folder such as ``seeds/``, text, HTML or JSON-lines files): extracted and
   built on the fly, exactly as ``kg build`` would.
"""
from __future__ import annotations

import json
from pathlib import Path

GRAPH_JSON = "graph.json"


class GraphError(ValueError):
    """GRAPH cannot be read as asked."""


def is_graph_json(path: Path) -> bool:
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with open(path, encoding="utf-8") as handle:
        head = handle.read(4096)
    return '"format": "kg-graph"' in head or '"format":"kg-graph"' in head or _json_format(path) == "kg-graph"


def _json_format(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle).get("format")
    except (ValueError, AttributeError, OSError):
        return None


def rdf_file(path: str | Path) -> Path | None:
    """``path`` if it is an RDF file kg can read as is, else None."""
    from .export.rdf import format_of

    path = Path(path)
    if path.is_file() and format_of(path) and not is_graph_json(path):
        return path
    return None


def open_graph(paths, skipped: list | None = None, **options):
    """The networkx graph GRAPH names (see the module doc). ``options`` go to :func:`kg.pipeline.extract`;
    the inputs it skipped (InputErrors) are appended to ``skipped`` when given."""
    from .export.json import read_json

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if len(paths) == 1:
        path = paths[0]
        if path.is_dir() and (path / GRAPH_JSON).is_file():
            return read_json(path / GRAPH_JSON)
        if is_graph_json(path):
            return read_json(path)
        if rdf_file(path):
            raise GraphError(f"{path} is RDF: give the kg build folder, its graph.json or the corpus instead")
    for path in paths:
        if not path.exists():
            raise GraphError(f"{path}: no such file or folder")
    from .graph import build_graph
    from .pipeline import extract

    extraction = extract([str(p) for p in paths], **options)
    if skipped is not None:
        skipped.extend(extraction.errors)
    return build_graph(extraction)


def open_store(paths, base_iri: str | None = None, skipped: list | None = None, **options):
    """A pyoxigraph Store with GRAPH's triples: a build folder's store opened as it is (a function that opens
    it, read-only, so that a query process opens its own), RDF files bulk-loaded, the rest converted."""
    import functools

    import pyoxigraph as ox

    from . import store as graph_store
    from .export.rdf import format_of, to_store

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if len(paths) == 1 and paths[0].is_dir() and graph_store.has_store(paths[0]) and base_iri is None:
        return functools.partial(graph_store.open_store, paths[0])
    if paths and all(rdf_file(p) for p in paths):
        store = ox.Store()
        formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                   "xml": ox.RdfFormat.RDF_XML}
        for path in paths:
            store.bulk_load(path=str(path), format=formats[format_of(path)])
        return store
    return to_store(open_graph(paths, skipped=skipped, **options), base_iri)
