"""kg export: every format, read back; GraphML/GEXF through networkx; CSV for Neo4j; graph.json round trip."""
import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import FORMATS, export
from kg.export.json import dumps, read_json
from kg.graph import build_graph


@pytest.fixture(scope="module")
def graph(seeds_extraction):
    return build_graph(seeds_extraction)


def test_build_writes_graph_json_that_reads_back_equal(built, graph):
    again = read_json(built / "graph.json")
    assert dumps(again) == dumps(graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_with_the_same_counts(tmp_path, graph, fmt):
    path = export(graph, fmt, tmp_path / f"g.{fmt}")[0]
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    mayor = [n for n, d in back.nodes(data=True) if d.get("label") == "贺海东"]
    assert mayor


def test_csv_for_neo4j(tmp_path, graph):
    written = export(graph, "csv", tmp_path / "neo4j")
    names = {p.name for p in written}
    assert names == {"nodes.csv", "articles.csv", "relationships.csv", "mentions.csv"}
    nodes = list(csv.reader(open(tmp_path / "neo4j" / "nodes.csv", encoding="utf-8")))
    rels = list(csv.reader(open(tmp_path / "neo4j" / "relationships.csv", encoding="utf-8")))
    assert nodes[0][0] == "id:ID" and ":LABEL" in nodes[0]
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(nodes) - 1 == graph.number_of_nodes() and len(rels) - 1 == graph.number_of_edges()
    ids = {row[0] for row in nodes[1:]}
    articles = {row[0] for row in csv.reader(open(tmp_path / "neo4j" / "articles.csv", encoding="utf-8"))}
    assert all(r[0] in ids and r[1] in ids for r in rels[1:])
    assert {r[2] for r in rels[1:]} >= {"CO_OCCURS", "HOLDS_POSITION", "LOCATED_IN", "PART_OF"}
    for row in csv.reader(open(tmp_path / "neo4j" / "mentions.csv", encoding="utf-8")):
        if row[0] != ":START_ID":
            assert row[0] in ids and row[1] in articles
    for row in nodes[1:] + rels[1:]:
        assert all("\n" not in cell for cell in row)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_every_format(tmp_path, built, fmt):
    out = tmp_path / ("csv" if fmt == "csv" else f"g.{fmt}")
    result = CliRunner().invoke(cli, ["export", str(built), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_cli_exports_a_corpus_and_a_graph_json_to_stdout(seeds_dir, built):
    from_corpus = CliRunner().invoke(cli, ["export", str(seeds_dir), "--format", "json"])
    from_json = CliRunner().invoke(cli, ["export", str(built / "graph.json"), "--format", "json"])
    assert from_corpus.exit_code == 0 and from_json.exit_code == 0
    assert json.loads(from_corpus.output)["format"] == "kg-graph"
    assert len(json.loads(from_corpus.output)["nodes"]) == len(json.loads(from_json.output)["nodes"])


def test_rdf_file_exports_to_rdf_only(tmp_path, built):
    ok = CliRunner().invoke(cli, ["export", str(built / "graph.ttl"), "-f", "nt", "-o", str(tmp_path / "g.nt")])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["export", str(built / "graph.ttl"), "-f", "gexf"])
    assert bad.exit_code != 0


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_export_of_a_build_folder_without_graph_json_is_the_export_of_graph_json(tmp_path, built, built_store_only, fmt):
    from_store, from_json = tmp_path / f"store.{fmt}", tmp_path / f"json.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(built_store_only), "-f", fmt, "-o", str(from_store)])
    assert result.exit_code == 0, result.output
    CliRunner().invoke(cli, ["export", str(built / "graph.json"), "-f", fmt, "-o", str(from_json)])
    assert from_store.read_bytes() == from_json.read_bytes()
    if fmt == "json":
        assert from_store.read_bytes() == (built / "graph.json").read_bytes()


def test_csv_export_of_a_build_folder_without_graph_json_is_the_export_of_graph_json(tmp_path, built, built_store_only):
    assert CliRunner().invoke(cli, ["export", str(built_store_only), "-f", "csv", "-o", str(tmp_path / "a")]).exit_code == 0
    CliRunner().invoke(cli, ["export", str(built / "graph.json"), "-f", "csv", "-o", str(tmp_path / "b")])
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["articles.csv", "mentions.csv", "nodes.csv", "relationships.csv"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_graph_read_back_from_the_store_is_the_built_graph(built, graph):
    from kg.readback import read_graph
    from kg.store import open_store

    assert dumps(read_graph(open_store(built))) == dumps(graph)


def test_rdf_xml_is_the_same_bytes_whatever_the_hash_seed(tmp_path, built):
    import os
    import subprocess
    import sys

    written = []
    for seed in ("1", "2"):
        path = tmp_path / f"graph{seed}.rdf"
        subprocess.run([sys.executable, "-m", "kg", "export", str(built), "-f", "xml", "-o", str(path)], check=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True)
        written.append(path.read_bytes())
    assert written[0] == written[1] and b"kg:Corpus" in written[0]


def test_the_pairs_found_from_articles_are_the_participants_the_store_holds(built):
    """read_graph finds each co-occurrence's pair from its entities' articles; kg:participant says the same."""
    from kg.readback import Triples, cooccurrences
    from kg.store import open_store

    t = Triples(open_store(built))
    ids = t.one("https://w3id.org/kg-news/ontology#entityId")
    keys = t.one("https://w3id.org/kg-news/ontology#articleKey")
    keys_of = {}
    for entity, articles in t.many("https://w3id.org/kg-news/ontology#mentionedIn").items():
        keys_of[ids[entity]] = sorted(keys[a] for a in articles)
    counted = t.one("https://w3id.org/kg-news/ontology#sentenceCount")
    found, first = cooccurrences(t, ids, keys_of, "https://w3id.org/kg-news/id/corpus", counted)
    read, none = cooccurrences(t, ids, keys_of, "", counted)  # no corpus IRI: kg:participant is read
    assert found == read and len(found) > 3000 and none is None
    assert all(1 <= len(shared) <= 5 and shared == sorted(shared) for shared in first.values())


def test_export_of_a_store_updated_page_by_page_is_the_graph_the_build_made(tmp_path, seeds_dir):
    """A page added, then one removed: the store, updated graph by graph, reads back as the build's graph."""
    import shutil

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    pages = sorted(seeds_dir.glob("*.txt"))[:3]
    for page in pages[:2]:
        shutil.copy(page, corpus)
    runner = CliRunner()
    for change in (lambda: shutil.copy(pages[2], corpus), lambda: (corpus / pages[0].name).unlink()):
        assert runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
        change()
        assert runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
        result = runner.invoke(cli, ["export", str(out), "-f", "json", "-o", str(tmp_path / "back.json")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "back.json").read_bytes() == (out / "graph.json").read_bytes()
