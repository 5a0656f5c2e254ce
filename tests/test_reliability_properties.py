"""Properties (hypothesis) on generated graphs, inputs and texts.

- Export round trips: for any knowledge graph (names of any characters), parse(serialize(g)) is
  isomorphic to g for every RDF format with rdflib and with pyoxigraph, the build's streamed Turtle holds
  the same triples, graph.json reads back equal, GraphML reads back with the same (XML-safe) attributes.
- Reading: any bytes, under any name, give Documents or InputErrors, never another exception; any JSON
  line gives a Document whose text is the record's (surrogates replaced) or one error naming file:line.
- Spans: for generated JSON-lines corpora, every span in entities.jsonl indexes its record's text.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib
from adversarial import HOSTILE
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from rdflib.compare import isomorphic

from kg.corpus import InputError, read_documents
from kg.corpus.checks import clean_surrogates
from kg.export.graphml import flatten, read_graphml, write_graphml
from kg.export.layout import VISUAL_KEYS
from kg.export.json import dumps, graph_from_dict
from kg.export.rdf import FORMATS, serialize, to_rdf

OX = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
      "xml": ox.RdfFormat.RDF_XML}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = (st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
            | st.sampled_from(HOSTILE) | st.text("王明市长<>&\"'\\\n\r\t\x00\u202e🚄 ", max_size=10))
types = st.sampled_from(["person", "organization", "place", "project"])
keys = st.lists(any_text, min_size=1, max_size=3, unique=True)


@st.composite
def knowledge_graphs(draw):
    """A graph shaped like kg.graph.build_graph's, every string drawn from ``any_text``."""
    article_keys = draw(keys)
    articles = {key: {"source": draw(any_text), "index": draw(st.integers(0, 9)), "start": 0,
                      "end": draw(st.integers(0, 10_000)), "title": draw(st.none() | any_text),
                      "date": draw(st.none() | st.sampled_from(["2024-01-09", "1999-12-31"]))}
                for key in article_keys}
    graph = nx.MultiDiGraph(home=draw(any_text), articles=articles)
    count = draw(st.integers(1, 5))
    ids = [f"{draw(types)}-{number:012x}" for number in range(count)]
    for node in ids:
        graph.add_node(node, type=node.split("-")[0], label=draw(any_text),
                       aliases=draw(st.lists(any_text, max_size=2, unique=True)),
                       mentions=draw(st.integers(0, 50)), articles=draw(st.integers(0, 5)),
                       article_keys=draw(st.lists(st.sampled_from(article_keys), max_size=2, unique=True)),
                       roles=draw(st.lists(st.fixed_dictionaries({"title": any_text, "org": st.none() | any_text}),
                                           max_size=2)))
    for _ in range(draw(st.integers(0, 6))):
        u, v = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        span = [draw(st.sampled_from(article_keys)), draw(st.integers(0, 99)), draw(st.integers(100, 199))]
        relation = draw(st.sampled_from(["co_occurs", "holds_position", "located_in", "part_of"]))
        if relation == "co_occurs":
            if u == v:
                continue
            u, v = sorted((u, v))
            graph.add_edge(u, v, key="co_occurs", relation=relation, sentences=draw(st.integers(0, 5)),
                           articles=1, npmi=draw(st.floats(-1, 1)), npmi_article=0.0,
                           score=draw(st.floats(0, 1)), weight=draw(st.integers(1, 9)), evidence=[span])
        elif relation == "holds_position":
            title = draw(any_text)
            graph.add_edge(u, v, key=f"holds_position:{title}", relation=relation, title=title, evidence=[span])
        else:
            graph.add_edge(u, v, key=relation, relation=relation, basis=draw(any_text), evidence=[])
    return graph


def oxigraph_triples(data: bytes, fmt: str) -> rdflib.Graph:
    store = ox.Store()
    store.load(data, format=OX[fmt])
    return rdflib.Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES,
                                                from_graph=ox.DefaultGraph()).decode("utf-8"), format="nt")


@SETTINGS
@given(knowledge_graphs())
def test_every_rdf_format_round_trips_with_rdflib_and_pyoxigraph(graph):
    rdf = to_rdf(graph)
    for fmt in FORMATS:
        data = serialize(rdf, fmt)
        assert isomorphic(rdflib.Graph().parse(data=data, format=FORMATS[fmt]), rdf), fmt
        assert isomorphic(oxigraph_triples(data, fmt), rdf), fmt


@SETTINGS
@given(knowledge_graphs())
def test_the_builds_streamed_turtle_holds_the_same_triples(graph):
    from kg.export import _write_turtle

    with tempfile.TemporaryDirectory() as folder:
        path = _write_turtle(graph, Path(folder) / "graph.ttl", None)
        data = Path(path).read_bytes()
    assert isomorphic(rdflib.Graph().parse(data=data, format="turtle"), to_rdf(graph))
    assert isomorphic(oxigraph_triples(data, "ttl"), to_rdf(graph))


@SETTINGS
@given(knowledge_graphs())
def test_graph_json_and_graphml_round_trip(graph):
    text = dumps(graph)
    text.encode("utf-8")  # strict: no unpaired surrogate left raw
    assert dumps(graph_from_dict(json.loads(text))) == text
    with tempfile.TemporaryDirectory() as folder:
        back = read_graphml(write_graphml(graph, Path(folder) / "g.graphml"))
    flat = flatten(graph)
    pictured = {node: {k: v for k, v in data.items() if k not in VISUAL_KEYS} for node, data in back.nodes(data=True)}
    assert all(set(VISUAL_KEYS) <= set(data) for _, data in back.nodes(data=True))  # Gephi's picture
    assert pictured == dict(flat.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(flat.edges(keys=True, data=True), key=repr)


SUFFIXES = st.sampled_from([".txt", ".md", ".jsonl", ".html", ".dat"])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
       SUFFIXES)
def test_any_bytes_give_documents_or_input_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        errors = []
        documents = list(read_documents([str(path)], on_error=errors.append))
    assert all(isinstance(error, InputError) and str(error).startswith(str(path)) for error in errors)
    for document in documents:
        assert document.text.strip()
        document.text.encode("utf-8")  # decoded text is always valid Unicode
    if suffix != ".jsonl":
        assert len(documents) + len(errors) == 1


json_values = st.recursive(st.none() | st.booleans() | st.integers() | any_text,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
                           max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "id", "title", "date", "url", "other"]), json_values, max_size=5)
       | st.fixed_dictionaries({"text": any_text}, optional={"id": any_text, "title": any_text}))
def test_any_json_line_gives_a_document_or_one_error_naming_the_line(record):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.jsonl"
        path.write_text("{\"text\": \"第一条。\"}\n" + json.dumps(record) + "\n", encoding="utf-8")
        errors = []
        documents = list(read_documents([str(path)], on_error=errors.append))
    assert documents[0].text == "第一条。"
    text = record.get("text")
    if isinstance(text, str) and text.strip() and clean_surrogates(text).strip():
        assert errors == [] and len(documents) == 2
        assert documents[1].text == clean_surrogates(text.replace("\r\n", "\n"))
        documents[1].source.encode("utf-8")
    else:
        assert len(documents) == 1 and len(errors) == 1 and str(errors[0]).startswith(f"{path}:2: ")


pieces = st.sampled_from(["呼和浩特市", "市长", "王明", "会见了", "北京星河科技有限公司", "董事长李华", "。", ",",
                          "\n", "\n\n", "本报讯 ", "三环路工程", "交通运输局"]) | st.sampled_from(HOSTILE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(pieces, min_size=1, max_size=25).map("".join), min_size=1, max_size=3))
def test_spans_in_entities_jsonl_index_the_record_text(texts):
    from kg.export.contract import article_records
    from kg.pipeline import extract

    assume(any(t.strip() for t in texts))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)),
                        encoding="utf-8")
        extraction = extract([str(path)], workers=1)
    by_source = {f"{path}#{n}": clean_surrogates(t.replace("\r\n", "\n")) for n, t in enumerate(texts)}
    for record in article_records(extraction):
        text = by_source[record["source"]]
        assert 0 <= record["start"] <= record["end"] <= len(text)
        for entity in record["entities"]:
            assert entity["count"] == len(entity["spans"])
            for start, end in entity["spans"]:
                assert record["start"] <= start < end <= record["end"]
                assert text[start:end] in entity["mentions"]
