"""The build folder's graph store: written with the other outputs, read by kg query and kg load as it is."""
import os

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import cli
from kg.export.rdf import to_store
from kg.graph import build_graph
from kg.store import STORE, open_store


def test_the_store_holds_the_triples_of_graph_ttl_but_the_scores(built):
    """The store keeps counts; graph.ttl, a file, also holds the scores computed from them."""
    store = open_store(built)
    from_turtle = ox.Store()
    from_turtle.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    computed = {ox.NamedNode("https://w3id.org/kg-news/ontology#" + name) for name in ("npmi", "score")}
    in_store = {quad.triple for quad in store}
    assert len(in_store) > 1000 and not any(triple.predicate in computed for triple in in_store)
    assert in_store == {quad.triple for quad in from_turtle if quad.predicate not in computed}


def test_kg_query_reads_the_store_without_graph_ttl_or_graph_json(tmp_path, seeds_dir):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--workers", "1"]).exit_code == 0
    expected = CliRunner().invoke(cli, ["query", str(seeds_dir), "--name", "person-roles", "--param", "name=贺海东"])
    for name in ("graph.ttl", "graph.json", "entities.jsonl"):
        (out / name).unlink()
    result = CliRunner().invoke(cli, ["query", str(out), "--name", "person-roles", "--param", "name=贺海东"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout and "市长" in result.stdout


def test_a_rebuild_switches_the_store_and_deletes_the_one_it_replaced(tmp_path, seeds_dir):
    out = tmp_path / "out"
    pages = sorted(seeds_dir.glob("*.txt"))
    assert CliRunner().invoke(cli, ["build", str(pages[0]), "-o", str(out), "--workers", "1"]).exit_code == 0
    first = os.readlink(out / STORE)
    small = len(open_store(out))
    assert CliRunner().invoke(cli, ["build", *map(str, pages[:2]), "-o", str(out), "--workers", "1"]).exit_code == 0
    second = os.readlink(out / STORE)
    assert second != first and not (out / first).exists()
    assert len(open_store(out)) > small
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == [second]


def test_a_failed_build_leaves_the_previous_store(tmp_path, seeds_dir, monkeypatch):
    import kg.store

    out = tmp_path / "out"
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    assert CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"]).exit_code == 0
    before, triples = os.readlink(out / STORE), len(open_store(out))

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", str(out / "graph.html"))

    monkeypatch.setattr("kg.export.write_html", broken)
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert os.readlink(out / STORE) == before and len(kg.store.open_store(out)) == triples


def test_a_store_of_a_graph_answers_as_the_in_memory_store(seeds_extraction, tmp_path):
    from kg.store import write_store

    graph = build_graph(seeds_extraction)
    write_store(graph, tmp_path)
    assert set(open_store(tmp_path)) == set(to_store(graph))
