import json

import rdflib
from click.testing import CliRunner

from kg.cli import cli


def test_build_writes_the_four_outputs(tmp_path, seeds_dir):
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.html", "graph.graphml", "entities.jsonl"):
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    assert "articles" in result.output and "person" in result.output and "edges" in result.output


def test_build_output_is_deterministic(tmp_path, seeds_dir):
    runner = CliRunner()
    for run in ("a", "b"):
        assert runner.invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / run)]).exit_code == 0
    for name in ("graph.ttl", "graph.graphml", "entities.jsonl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_turtle_parses_and_names_the_mayor(built):
    rdf = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    labels = {str(o) for o in rdf.objects(None, rdflib.RDFS.label)}
    assert "贺海东" in labels and "呼和浩特市" in labels


def test_end_to_end_facts_a_reader_can_check(built):
    records = [json.loads(line) for line in (built / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    types = {(e["name"], e["type"]) for r in records for e in r["entities"]}
    assert ("贺海东", "person") in types
    assert ("呼和浩特市", "place") in types
    together = [r for r in records if {"贺海东", "呼和浩特市"} <= {e["name"] for e in r["entities"]}]
    assert together, "贺海东 and 呼和浩特市 never share an article"
