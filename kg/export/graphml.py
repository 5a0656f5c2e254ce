"""GraphML for Gephi, yEd and networkx: list and dict attributes become JSON strings; nodes carry the
explorer's picture (position, size, colour) as the attributes Gephi reads.

:func:`write_graphml` streams the file one node or edge at a time, with the bytes networkx's own (lxml)
writer gives for the flattened graph (:func:`flatten`; tested), without making that flattened copy: at
100 MB of news the copy was the peak of a build's memory.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from ..io.atomic import atomic_open
from .layout import visual_attributes
from .rdf import clean

HEADER = ("<?xml version='1.0' encoding='utf-8'?>\n"
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
BATCH = 5000  # nodes or edges per write
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile("[&<>\"\n\t\r]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


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


def xml_type(value) -> str:
    """The GraphML ``attr.type`` networkx gives a flattened value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _text(value) -> str:
    """A flattened value as XML element text (networkx writes ``str(value)``)."""
    text = str(scalar(value))
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], text) if _TEXT_SPECIAL.search(text) else text


def _attribute(value) -> str:
    text = str(scalar(value))
    if _ATTRIBUTE_SPECIAL.search(text):
        return _ATTRIBUTE_SPECIAL.sub(lambda m: _ATTRIBUTE_ESCAPES[m.group()], text)
    return text


class Keys:
    """GraphML ``<key>`` ids in networkx's order: one per (name, type, scope), numbered as first seen."""

    def __init__(self):
        self.ids: dict[tuple[str, str, str], str] = {}
        self._seen: set = set()  # (scope, names, value types) already registered

    def add_all(self, scope: str, rows) -> None:
        for data in rows:
            signature = (scope, tuple(data), tuple(map(type, data.values())))
            if signature in self._seen:
                continue
            self._seen.add(signature)
            for name, value in data.items():
                self.id(str(name), xml_type(scalar(value)), scope)

    def id(self, name: str, kind: str, scope: str) -> str:
        found = self.ids.get((name, kind, scope))
        if found is None:
            found = self.ids[(name, kind, scope)] = f"d{len(self.ids)}"
        return found

    def elements(self) -> str:
        return "".join(f'<key id="{key}" for="{scope}" attr.name="{_attribute(name)}" attr.type="{kind}"/>\n'
                       for (name, kind, scope), key in reversed(self.ids.items()))


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False)
_NEEDS_WORK = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _fast_text(value) -> str:
    """:func:`_text`, with the common types (str, int, float, list, dict) taken by the shortest path."""
    kind = type(value)
    if kind is int or kind is float:
        return repr(value)
    if kind is str:
        text = value
    elif kind is list or kind is dict:
        text = _dumps(value)
    else:
        return _text(value)
    return _text(text) if _NEEDS_WORK.search(text) else text


def _data(keys: Keys, scope: str, data: dict, pad: str, openings: dict | None = None) -> str:
    """The ``<data>`` lines of one element; ``openings`` caches each (name, type)'s opening tag."""
    if openings is None:
        openings = {}
    parts = []
    for name, value in data.items():
        opening = openings.get((name, type(value)))
        if opening is None:
            key = keys.id(str(name), xml_type(scalar(value)), scope)
            opening = openings[(name, type(value))] = f'{pad}<data key="{key}">'
        parts.append(f"{opening}{_fast_text(value)}</data>\n")
    return "".join(parts)


def graphml_chunks(graph: nx.MultiDiGraph, extra: dict | None = None):
    """The text of :func:`write_graphml`, a batch of nodes or edges at a time; ``extra`` (node -> attributes)
    is added to the nodes' own attributes."""
    if extra:
        nodes = [(node, {**data, **extra.get(node, {})}) for node, data in graph.nodes(data=True)]
    else:
        nodes = list(graph.nodes(data=True))
    attributes = {k: scalar(v) for k, v in graph.graph.items()
                  if isinstance(v, (str, int, float, bool)) and k not in ("node_default", "edge_default")}
    graph_id = attributes.pop("id", None)
    keys = Keys()
    keys.add_all("graph", [attributes])
    keys.add_all("node", (data for _, data in nodes))
    keys.add_all("edge", (data for _, _, data in graph.edges(data=True)))
    opening = '<graph edgedefault="directed"' + (f' id="{_attribute(graph_id)}"' if graph_id is not None else "")
    yield HEADER + keys.elements() + opening + ">" + _data(keys, "graph", attributes, "")
    out, node_tags, edge_tags = [], {}, {}
    ids = {node: _attribute(node) for node in graph}  # each node id escaped once
    edge_ids: dict = {}
    for node, data in nodes:
        if data:
            out.append(f'<node id="{ids[node]}">\n{_data(keys, "node", data, "  ", node_tags)}</node>\n')
        else:
            out.append(f'<node id="{ids[node]}"/>\n')
        if len(out) >= BATCH:
            yield "".join(out)
            out = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        edge_id = edge_ids.get(key)
        if edge_id is None:
            edge_id = edge_ids[key] = _attribute(key)
        opening = f'<edge source="{ids[u]}" target="{ids[v]}" id="{edge_id}"'
        out.append(f'{opening}>\n{_data(keys, "edge", data, "  ", edge_tags)}</edge>\n' if data else f"{opening}/>\n")
        if len(out) >= BATCH:
            yield "".join(out)
            out = []
    out.append("</graph></graphml>")
    yield "".join(out)


def write_graphml(graph: nx.MultiDiGraph, path: str | Path, picture: bool = True) -> Path:
    """Write ``graph`` as GraphML, atomically; with ``picture``, each node also carries the explorer's
    position, size and colour (``x``, ``y``, ``size``, ``r``, ``g``, ``b``: the attributes Gephi draws).

    >>> g = nx.MultiDiGraph(); g.add_node("a", label="甲", aliases=["A"])
    >>> import tempfile, os; p = os.path.join(tempfile.mkdtemp(), "g.graphml")
    >>> _ = write_graphml(g, p); read_graphml(p).nodes["a"]["label"]
    '甲'
    """
    extra = visual_attributes(graph) if picture and graph.number_of_nodes() else None
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        for chunk in graphml_chunks(graph, extra):
            handle.write(chunk.encode("utf-8"))
    return Path(path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return nx.read_graphml(path, force_multigraph=True)
