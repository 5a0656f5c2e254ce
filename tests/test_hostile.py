"""Hostile text: markup, quotes, backslashes, newlines, control characters, bidi marks, emoji and unpaired
surrogates in names, titles, ids and sentences. Every export stays valid for rdflib, pyoxigraph and Raptor's
``rapper`` (and networkx / lxml for GraphML and GEXF); the HTML carries the text as inert data. The page in a
real browser is tested in test_hostile_browser.py.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from adversarial import HOSTILE, hostile_graph, hostile_records, write
from click.testing import CliRunner
from lxml import etree

from kg.cli import cli
from kg.corpus.checks import clean_surrogates
from kg.export import export
from kg.export.json import dumps, read_json
from kg.export.rdf import FORMATS, clean, to_rdf

OX = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
      "xml": ox.RdfFormat.RDF_XML}
RAPPER = {"ttl": "turtle", "nt": "ntriples", "xml": "rdfxml"}  # Raptor reads no JSON-LD


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """``kg build`` of JSON lines carrying every hostile string, then ``kg export`` to every format."""
    folder = tmp_path_factory.mktemp("hostile")
    source = write(folder / "hostile.jsonl", "\n".join(hostile_records()) + "\n")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for fmt in ("nt", "jsonld", "xml", "gexf"):
        exported = CliRunner().invoke(cli, ["export", str(out), "-f", fmt, "-o", str(out / f"graph.{fmt}")])
        assert exported.exit_code == 0, exported.output
    return source, out


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory):
    """Every export of :func:`adversarial.hostile_graph` (hostile names, aliases, roles, titles, sources)."""
    folder = tmp_path_factory.mktemp("hostile-graph")
    graph = hostile_graph()
    files = {fmt: export(graph, fmt, folder / f"graph.{fmt}")[0] for fmt in ("ttl", "nt", "jsonld", "xml", "graphml",
                                                                           "gexf", "json")}
    return graph, files


def rapper(path, fmt) -> rdflib.Graph:
    """The triples Raptor's ``rapper`` reads from ``path`` (written out as N-Triples and read back)."""
    binary = shutil.which("rapper")
    if binary is None:
        pytest.fail("rapper (Debian raptor2-utils) is missing: .ci/run installs it")
    result = subprocess.run([binary, "-i", RAPPER[fmt], "-o", "ntriples", str(path)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return rdflib.Graph().parse(data=result.stdout.decode("utf-8"), format="nt")


def check_rdf(path, fmt) -> rdflib.Graph:
    parsed = rdflib.Graph().parse(path, format=FORMATS[fmt])
    store = ox.Store()
    store.load(path=str(path), format=OX[fmt])
    assert len(store) == len(parsed)
    if fmt in RAPPER:
        assert set(rapper(path, fmt)) == set(parsed)
    return parsed


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_rdf_of_a_hostile_build_is_valid_for_every_parser(hostile_build, fmt):
    _, out = hostile_build
    parsed = check_rdf(out / f"graph.{fmt}", fmt)
    titles = {str(o) for o in parsed.objects(None, rdflib.DCTERMS.title)}
    assert {clean(clean_surrogates(f"标题{evil}")).strip() for evil in HOSTILE} == titles


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_rdf_of_hostile_names_is_valid_and_keeps_the_names(graph_files, fmt):
    graph, files = graph_files
    parsed = check_rdf(files[fmt], fmt)
    assert parsed.isomorphic(to_rdf(graph))
    labels = {str(o) for o in parsed.objects(None, rdflib.RDFS.label)}
    assert {clean(evil) for evil in HOSTILE} <= labels


def test_graphml_and_gexf_are_well_formed_xml_with_the_names(graph_files, hostile_build):
    graph, files = graph_files
    for path in (files["graphml"], files["gexf"], hostile_build[1] / "graph.graphml", hostile_build[1] / "graph.gexf"):
        etree.parse(str(path))  # raises on any character XML cannot carry
    back = nx.read_graphml(files["graphml"], force_multigraph=True)
    assert {data["label"] for _, data in back.nodes(data=True)} >= {clean(evil) for evil in HOSTILE}
    assert back.number_of_edges() == graph.number_of_edges()
    gexf = nx.read_gexf(files["gexf"])
    assert {data["label"] for _, data in gexf.nodes(data=True)} >= {clean(evil) for evil in HOSTILE}


def test_graph_json_keeps_even_unpaired_surrogates(graph_files):
    graph, files = graph_files
    assert dumps(read_json(files["json"])) == dumps(graph)
    files["json"].read_bytes().decode("utf-8")  # strict UTF-8


def test_entities_jsonl_spans_index_the_record_text(hostile_build):
    source, out = hostile_build
    texts = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        # offsets index the record's text as read: CRLF made LF, unpaired surrogates made U+FFFD
        texts[f"{source}#{clean_surrogates(record['id'])}"] = clean_surrogates(record["text"].replace("\r\n", "\n"))
    records = [json.loads(line) for line in (out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["source"] for r in records} == set(texts)
    names = set()
    for record in records:
        text = texts[record["source"]]
        for entity in record["entities"]:
            names.add(entity["name"])
            for start, end in entity["spans"]:
                assert text[start:end] in entity["mentions"]
    assert {"王明", "呼和浩特市"} <= names


def test_html_holds_the_hostile_text_only_as_json_data(hostile_build, graph_files):
    pages = [hostile_build[1] / "graph.html"]
    graph, _ = graph_files
    from kg.export.html import write_html

    pages.append(write_html(graph, hostile_build[1] / "names.html"))
    for page in pages:
        html = page.read_bytes().decode("utf-8")  # strict UTF-8: no surrogate got through
        assert len(re.findall(r"</script", html, re.I)) == 3  # only a closing tag could end a script early
        block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1)
        assert "<" not in block and ">" not in block
        data = json.loads(block)
        assert data["nodes"]
    labels = {node["label"] for node in json.loads(re.search(
        r'<script id="kg-data" type="application/json">(.*?)</script>', pages[1].read_text(encoding="utf-8"),
        re.S).group(1))["nodes"]}
    assert {clean_surrogates(evil) for evil in HOSTILE} <= labels
