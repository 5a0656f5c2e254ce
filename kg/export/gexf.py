"""GEXF for Gephi: list and dict attributes become JSON strings, as in GraphML; each node's ``viz`` position,
size and colour are the explorer's picture, so Gephi opens the graph laid out as the page shows it."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..io.atomic import atomic_open
from .graphml import flatten, scalar
from .layout import visual_attributes


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, picture: bool = True) -> Path:
    """Write ``graph`` as GEXF 1.2, atomically; each edge's id is ``source|target|relation key``; with
    ``picture``, nodes carry ``viz`` position, size and colour (:func:`kg.export.layout.visual_attributes`)."""
    flat = flatten(graph)
    visual = visual_attributes(graph) if picture and graph.number_of_nodes() else {}
    for u, v, key, data in flat.edges(keys=True, data=True):
        data["id"] = f"{u}|{v}|{key}"
        data.pop("weight", None) if not isinstance(data.get("weight"), (int, float)) else None
    flat_ids = {scalar(node): node for node in graph}
    for node, data in flat.nodes(data=True):
        data.setdefault("label", node)
        seen = visual.get(flat_ids.get(node))
        if seen:
            data["viz"] = {"position": {"x": seen["x"], "y": seen["y"], "z": 0.0}, "size": seen["size"],
                           "color": {"r": seen["r"], "g": seen["g"], "b": seen["b"], "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)  # today's date: the same graph would give other bytes tomorrow
    writer.add_graph(flat)
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        writer.write(handle)
    return Path(path)


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    return nx.read_gexf(path, node_type=str)
