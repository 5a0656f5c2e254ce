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
import json.encoder as _json_encoder
from pathlib import Path

import networkx as nx

from ..io.atomic import atomic_open
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
    """Write ``graph`` as ``graph.json``, atomically: the text of :func:`dumps`, a batch of rows at a time."""
    with atomic_open(path) as handle:
        for chunk in dump_chunks(graph):
            handle.write(json_safe(chunk))
        handle.write("\n")
    return Path(path)


def dump_chunks(graph: nx.MultiDiGraph, batch: int = 2000):
    """:func:`dumps` in pieces (without its final newline), so that a large graph is never one string.

    Rows are formatted by :func:`indented`, which gives ``json.dumps(indent=1, sort_keys=True)``'s text
    several times faster (that encoder runs in pure Python when it indents).
    """
    def items(rows):
        out = []
        for row in rows:
            out.append(",\n  " + (cooccurrence_row(row) or indented(row, "\n  ")))
            if len(out) >= batch:
                yield "".join(out)
                out = []
        if out:
            yield "".join(out)

    def first_without_comma(chunks):
        empty = True
        for chunk in chunks:
            yield chunk[1:] if empty else chunk
            empty = False
        yield "]" if empty else "\n ]"

    nodes = ({"id": node, **data} for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]))
    edges = ({"source": u, "target": v, "key": key, **data}
             for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    yield '{\n "edges": ['
    yield from first_without_comma(items(edges))
    yield f',\n "format": {indented(FORMAT, chr(10) + " ")},\n "graph": {indented(dict(graph.graph), chr(10) + " ")},' \
          '\n "nodes": ['
    yield from first_without_comma(items(nodes))
    yield f',\n "version": {indented(VERSION, chr(10) + " ")}\n}}'


_encode = getattr(_json_encoder, "c_encode_basestring", None) or _json_encoder.py_encode_basestring
_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_SCALARS = {str: _encode, int: int.__repr__, float: _float, bool: lambda v: "true" if v else "false",
            type(None): lambda v: "null"}


_COOCCURRENCE_KEYS = ("articles", "evidence", "key", "npmi", "npmi_article", "relation", "score", "sentences",
                      "source", "target", "weight")
_COOCCURRENCE_TYPES = (int, list, str, float, float, str, float, int, str, str, int)


def cooccurrence_row(row: dict) -> str | None:
    """:func:`indented` of a co-occurrence edge row at depth 2, by template; None for any other row."""
    if len(row) != 11 or type(row.get("evidence")) is not list:
        return None
    values = []
    for key, kind in zip(_COOCCURRENCE_KEYS, _COOCCURRENCE_TYPES):
        value = row.get(key)
        if type(value) is not kind:
            return None
        values.append(value)
    articles, evidence, key, npmi, npmi_article, relation, score, sentences, source, target, weight = values
    spans = []
    for span in evidence:
        if type(span) is not list or len(span) != 3 or type(span[0]) is not str or type(span[1]) is not int \
                or type(span[2]) is not int:
            return None
        spans.append(f"[\n     {_encode(span[0])},\n     {span[1]},\n     {span[2]}\n    ]")
    proof = "[\n    " + ",\n    ".join(spans) + "\n   ]" if spans else "[]"
    return (f'{{\n   "articles": {articles},\n   "evidence": {proof},\n   "key": {_encode(key)},\n   '
            f'"npmi": {_float(npmi)},\n   "npmi_article": {_float(npmi_article)},\n   '
            f'"relation": {_encode(relation)},\n   "score": {_float(score)},\n   "sentences": {sentences},\n   '
            f'"source": {_encode(source)},\n   "target": {_encode(target)},\n   "weight": {weight}\n  }}')


def indented(value, pad: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`` with every line break followed
    by ``pad`` (a line break and the indentation of ``value``'s first line).

    >>> indented({"b": [1, "x"], "a": {}}, "\\n") == json.dumps({"b": [1, "x"], "a": {}}, indent=1, sort_keys=True)
    True
    """
    kind = type(value)
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return scalar(value)
    inner = pad + " "
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        parts = []
        for item in value:
            scalar = _SCALARS.get(type(item))
            parts.append(scalar(item) if scalar is not None else indented(item, inner))
        return "[" + inner + ("," + inner).join(parts) + pad + "]"
    if kind is dict and all(type(key) is str for key in value):
        if not value:
            return "{}"
        parts = []
        for key in sorted(value):
            item = value[key]
            scalar = _SCALARS.get(type(item))
            parts.append(_encode(key) + ": " + (scalar(item) if scalar is not None else indented(item, inner)))
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    # anything else (other key types, subclasses, objects json cannot encode): json's own answer
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", pad)


def read_json(path: str | Path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as handle:
        return graph_from_dict(json.load(handle))
