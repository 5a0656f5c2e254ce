"""GraphML for Gephi, yEd and networkx: list and dict attributes become JSON strings."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .atomic import atomic_open


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all scalars, as GraphML requires."""
    flat = nx.MultiDiGraph()
    flat.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))})
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: scalar(val) for k, val in data.items()})
    return flat


def scalar(value):
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)


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
