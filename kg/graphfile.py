"""What ``GRAPH`` means for ``kg show``, ``kg stats``, ``kg export``, ``kg query`` and ``kg load``.

GRAPH is, in order of precedence:

1. a folder written by ``kg build``: its graph store (``store``, :mod:`kg.store`). ``kg query`` and
   ``kg load`` open it as it is, ``kg show`` looks the entity up in it (:mod:`kg.lookup`), ``kg stats`` and
   ``kg export`` read the graph back from it (:mod:`kg.readback`). A build folder without a store (one
   written before builds had one) is read from its ``graph.json``; one whose store is missing or cannot be
   opened is an error (:class:`GraphError`), never a corpus to extract;
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


BUILD_FILES = ("entities.jsonl", "graph.html", GRAPH_JSON)  # a folder holding one of them is a build


def build_store(folder: str | Path):
    """The graph store of the build folder ``folder``, read-only; None if ``folder`` is no build folder or
    a build folder from before stores (it has ``graph.json`` and no ``store``). A :class:`GraphError` if
    the store is missing (a build folder without one, or a link to a deleted folder), cannot be opened, or
    was written before stores kept the corpus totals (its scores could not be computed)."""
    from . import store as graph_store

    folder = Path(folder)
    if not folder.is_dir():
        return None
    link = folder / graph_store.STORE
    if not link.is_dir():
        if link.is_symlink():
            raise GraphError(f"{link}: the graph store is missing (the link points to {link.readlink()}, which "
                             f"does not exist); build {folder} again with kg build")
        if link.exists():
            raise GraphError(f"{link} is not a graph store (not a folder); build {folder} again with kg build")
        if (folder / GRAPH_JSON).is_file() or not any((folder / name).is_file() for name in BUILD_FILES):
            return None
        raise GraphError(f"{folder} is a kg build folder without its graph store ({link}); build it again "
                         "with kg build")
    try:
        store = graph_store.open_store(folder)
    except ValueError as error:
        raise GraphError(str(error)) from None
    except (OSError, RuntimeError) as error:  # RocksDB's own errors: a damaged store
        raise GraphError(f"cannot open the graph store {link}: {error}") from None
    if not has_corpus(store):
        raise GraphError(f"{link} was written by an earlier kg (no kg:Corpus node, whose totals scores are "
                         f"computed from): build {folder} again with kg build")
    return store


def has_corpus(store) -> bool:
    """Whether ``store`` holds the corpus node (:data:`kg.rdfstream.CORPUS`): every store kg writes since
    scores are computed when read."""
    import pyoxigraph as ox

    kinds = store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                    ox.NamedNode("https://w3id.org/kg-news/ontology#Corpus"), None)
    return next(iter(kinds), None) is not None


def open_graph(paths, skipped: list | None = None, details: bool = True, **options):
    """The networkx graph GRAPH names (see the module doc). ``options`` go to :func:`kg.pipeline.extract`;
    the inputs it skipped (InputErrors) are appended to ``skipped`` when given. Without ``details`` a
    store is read for what ``kg stats`` needs only (:func:`kg.readback.read_graph`)."""
    from .export.json import read_json

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if len(paths) == 1:
        path = paths[0]
        store = build_store(path)
        if store is not None:
            from .readback import read_graph

            return read_graph(store, details)
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

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if len(paths) == 1 and paths[0].is_dir() and graph_store.has_store(paths[0]) and base_iri is None:
        build_store(paths[0])  # a store that cannot be opened: a GraphError here, not in the query's process
        return functools.partial(graph_store.open_store, paths[0])
    from .export.rdf import format_of, to_store  # not before: it loads rdflib, networkx and NumPy (0.25 s)

    if paths and all(rdf_file(p) for p in paths):
        store = ox.Store()
        formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                   "xml": ox.RdfFormat.RDF_XML}
        for path in paths:
            store.bulk_load(path=str(path), format=formats[format_of(path)])
        return store
    return to_store(open_graph(paths, skipped=skipped, **options), base_iri)
