"""The streamed writers give the bytes of the reference writers: GraphML as networkx's (lxml) writer,
graph.json as ``json.dumps(indent=1, sort_keys=True)``; streamed Turtle parses to the same triples."""
from __future__ import annotations

import io
import json
import math

import networkx as nx
import pyoxigraph as ox
import pytest

from adversarial import HOSTILE, hostile_graph
from kg.export.graphml import flatten, graphml_chunks, read_graphml, write_graphml
from kg.export.json import indented
from kg.graph import build_graph
from kg.rdfstream import ntriples, write_turtle


@pytest.fixture(scope="module")
def seeds_graph(seeds_extraction):
    return build_graph(seeds_extraction)


def odd_graph() -> nx.MultiDiGraph:
    """Attribute types and names networkx's writer handles in its own way: booleans, None, empty data,
    one name with two types, a graph id, markup and control characters in ids and values."""
    graph = nx.MultiDiGraph(home="呼<&>\r\n\t", id="g\"1", count=3, articles={"x": {}})
    graph.add_node("plain")
    graph.add_node('a&<>"\n\t\r\'b\x00', label='x&<>"\n\t\r\'y ]]>\x01', flag=True, none=None, size=1.5)
    graph.add_node("n2", label=7, flag=False, nested={"z": [1, {}]}, aliases=["甲", "乙"])
    graph.add_edge("plain", "n2", key='k"&\n', weight=2, evidence=[["a#a0", 1, 2]], relation="co_occurs")
    graph.add_edge("plain", "n2", key="bare")
    graph.add_edge("n2", "plain", key="part_of", weight=0.5, basis="gazetteer", evidence=[])
    return graph


def reference_graphml(graph) -> bytes:
    handle = io.BytesIO()
    nx.readwrite.graphml.write_graphml_lxml(flatten(graph), handle, encoding="utf-8")
    return handle.getvalue()


@pytest.mark.parametrize("name", ["seeds", "hostile", "odd", "empty"])
def test_streamed_graphml_is_networkx_output_byte_for_byte(name, seeds_graph):
    pytest.importorskip("lxml")
    graph = {"seeds": lambda: seeds_graph, "hostile": hostile_graph, "odd": odd_graph,
             "empty": nx.MultiDiGraph}[name]()
    streamed = "".join(graphml_chunks(graph)).encode("utf-8")
    assert streamed == reference_graphml(graph)


def test_streamed_graphml_reads_back(tmp_path, seeds_graph):
    path = write_graphml(seeds_graph, tmp_path / "g.graphml")
    back = read_graphml(path)
    assert back.number_of_nodes() == seeds_graph.number_of_nodes() > 100
    assert back.number_of_edges() == seeds_graph.number_of_edges()
    node, data = next(iter(sorted(seeds_graph.nodes(data=True))))
    assert back.nodes[node]["label"] == data["label"]
    assert json.loads(back.nodes[node]["article_keys"]) == data["article_keys"]
    odd = read_graphml(write_graphml(odd_graph(), tmp_path / "odd.graphml"))
    assert odd.nodes["n2"]["flag"] is False and odd.nodes["n2"]["label"] == 7


@pytest.mark.parametrize("value", [
    {"b": [1, "x", 2.5, None, True], "a": {}, "c": [], "d": [[], [{}]], "e": {"z": {"y": [False]}}},
    [math.nan, math.inf, -math.inf, -0.0, 1e-06, 10**30],
    {"k": HOSTILE}, {1: "int key"}, {"mixed": (1, 2)}, "text", 3, None,
])
def test_indented_is_jsons_indented_text(value):
    for pad in ("\n", "\n  "):
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", pad)
        assert indented(value, pad) == expected


def test_streamed_turtle_holds_the_ntriples_of_hostile_ids(tmp_path):
    graph = hostile_graph()
    graph.add_node("person-~.x", type="person", label="波浪", aliases=[], mentions=1, articles=0,
                   article_keys=[], roles=[])
    graph.add_node("9-digit", type="place", label="数字", aliases=[], mentions=1, articles=0,
                   article_keys=[], roles=[])
    path = write_turtle(graph, tmp_path / "g.ttl")
    turtle = set(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    lines = "".join(ntriples(graph)).encode("utf-8")
    assert turtle == set(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)) and len(turtle) > 20
    assert "<https://w3id.org/kg-news/id/person-~.x>" in path.read_text(encoding="utf-8")
