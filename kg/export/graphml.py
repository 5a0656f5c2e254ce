"""GraphML for Gephi, yEd and networkx: list and dict attributes become JSON strings."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .atomic import atomic_open
from .rdf import clean


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all scalars, as GraphML requires, and whose strings XML can carry.

    Characters XML 1.0 forbids (control characters, unpaired surrogates, U+FFFE/U+FFFF) are dropped
    from ids, keys and string values (:func:`kg.export.rdf.clean`); everything else, markup included,
    is kept and escaped by the XML writer.
    """
    flat = nx.MultiDiGraph()
    flat.graph.update({k: scalar(v) for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))})
    for node, data in graph.nodes(data=True):
        flat.add_node(scalar(node), **{k: scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(scalar(u), scalar(v), key=scalar(key), **{k: scalar(val) for k, val in data.items()})
    return flat


def scalar(value):
    """``value`` as a GraphML scalar: numbers and booleans as they are, the rest as XML-safe text."""
    if isinstance(value, (bool, int, float)):
        return value
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return clean(value)


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML, atomically.

    >>> g = nx.MultiDiGraph(); g.add_node("a", label="甲", aliases=["A"])
    >>> import tempfile, os; p = os.path.join(tempfile.mkdtemp(), "g.graphml")
    >>> _ = write_graphml(g, p); read_graphml(p).nodes["a"]["label"]
    '甲'
    """
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        nx.write_graphml(flatten(graph), handle, encoding="utf-8")
    return Path(path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return nx.read_graphml(path, force_multigraph=True)
