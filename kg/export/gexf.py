"""GEXF for Gephi: list and dict attributes become JSON strings, as in GraphML."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .atomic import atomic_open
from .graphml import flatten


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GEXF 1.2, atomically; each edge's id is ``source|target|relation key``."""
    flat = flatten(graph)
    for u, v, key, data in flat.edges(keys=True, data=True):
        data["id"] = f"{u}|{v}|{key}"
        data.pop("weight", None) if not isinstance(data.get("weight"), (int, float)) else None
    for node, data in flat.nodes(data=True):
        data.setdefault("label", node)
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        nx.write_gexf(flat, handle, encoding="utf-8", prettyprint=True)
    return Path(path)


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    return nx.read_gexf(path, node_type=str)
