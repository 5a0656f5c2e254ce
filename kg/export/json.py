"""``graph.json``: the whole knowledge graph, machine-readable, read back by ``kg export/query/load``.

The file is networkx's node-link form with stable ordering::

    {"format": "kg-graph", "version": 1,
     "graph": {"home": "呼和浩特市", "articles": {"<article key>": {"source": ..., "index": 0, "start": 0,
                                                               "end": 5913, "title": ..., "date": ...}}},
     "nodes": [{"id": "person-…", "type": "person", "label": "贺海东", "aliases": [], "mentions": 5,
                "articles": 1, "article_keys": ["…#a0"], "roles": [{"title": "市长", "org": "呼和浩特市"}]}],
     "edges": [{"source": "person-…", "target": "place-…", "key": "holds_position:市长",
                "relation": "holds_position", "title": "市长", "evidence": [["…#a0", 46, 49]]}]}
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .atomic import atomic_open
from .text import json_safe

FORMAT = "kg-graph"
VERSION = 1


def graph_to_dict(graph: nx.MultiDiGraph) -> dict:
    nodes = [{"id": node, **data} for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0])]
    edges = [{"source": u, "target": v, "key": key, **data}
             for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))]
    return {"format": FORMAT, "version": VERSION, "graph": dict(graph.graph), "nodes": nodes, "edges": edges}


def graph_from_dict(data: dict) -> nx.MultiDiGraph:
    if data.get("format") != FORMAT:
        raise ValueError("not a kg graph.json (missing \"format\": \"kg-graph\")")
    graph = nx.MultiDiGraph(**data.get("graph", {}))
    for node in data["nodes"]:
        attrs = dict(node)
        graph.add_node(attrs.pop("id"), **attrs)
    for edge in data["edges"]:
        attrs = dict(edge)
        graph.add_edge(attrs.pop("source"), attrs.pop("target"), key=attrs.pop("key"), **attrs)
    return graph


def dumps(graph: nx.MultiDiGraph) -> str:
    return json_safe(json.dumps(graph_to_dict(graph), ensure_ascii=False, indent=1, sort_keys=True)) + "\n"


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as ``graph.json``, atomically: the text of :func:`dumps`, one node or edge at a time."""
    with atomic_open(path) as handle:
        for chunk in dump_chunks(graph):
            handle.write(json_safe(chunk))
        handle.write("\n")
    return Path(path)


def dump_chunks(graph: nx.MultiDiGraph):
    """:func:`dumps` in pieces (without its final newline), so that a large graph is never one string."""
    def dump(value, depth):
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)

    def items(rows):
        empty = True
        for row in rows:
            yield ("\n  " if empty else ",\n  ") + dump(row, 2)
            empty = False
        yield "]" if empty else "\n ]"

    nodes = ({"id": node, **data} for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]))
    edges = ({"source": u, "target": v, "key": key, **data}
             for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    yield '{\n "edges": ['
    yield from items(edges)
    yield f',\n "format": {dump(FORMAT, 1)},\n "graph": {dump(dict(graph.graph), 1)},\n "nodes": ['
    yield from items(nodes)
    yield f',\n "version": {dump(VERSION, 1)}\n}}'


def read_json(path: str | Path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as handle:
        return graph_from_dict(json.load(handle))
