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


def test_streamed_turtle_holds_the_same_triples_as_rdflib(tmp_path, seeds_extraction):
    from kg.export.rdf import to_rdf
    from kg.graph import build_graph
    from kg.rdfstream import write_turtle

    graph = build_graph(seeds_extraction)
    path = write_turtle(graph, tmp_path / "graph.ttl", "http://example.org/kg/")
    streamed = rdflib.Graph().parse(path, format="turtle")
    assert set(streamed) == set(to_rdf(graph, "http://example.org/kg/")) and len(streamed) > 1000
    assert "\\/" not in path.read_text(encoding="utf-8")  # every IRI under a prefix without escapes
    again = write_turtle(graph, tmp_path / "again.ttl", "http://example.org/kg/")
    assert again.read_bytes() == path.read_bytes()


def test_context_place_takes_the_longest_name_before_or_after_a_cue():
    from kg.graph import context_place
    from kg.model import Entity

    places = {name: Entity(id=f"place-{n}", name=name, type="place")
              for n, name in enumerate(["和林格尔县", "林格尔县", "呼和浩特市", "和林"])}
    name, cue, place = context_place("位于呼和浩特市和林格尔县", "的项目", places, "project-1")
    assert (name, cue, place.id) == ("和林格尔县", None, "place-0")
    name, cue, place = context_place("建设", "落户呼和浩特市", places, "project-1")
    assert (name, cue) == ("呼和浩特市", 2)
    assert context_place("今天", "开工", places, "project-1") is None
    assert context_place("和林格尔县", "", places, "place-0")[0] == "林格尔县"  # never the entity itself
    for before, after in [("位于呼和浩特市和林格尔县", "的项目"), ("建设", "落户呼和浩特市"), ("今天", "开工"),
                          ("市和林", "位于呼和浩特市")]:  # looking no further than the longest name finds the same
        assert context_place(before, after, places, "project-1", 5) == context_place(before, after, places, "project-1")


def test_the_one_mapping_takes_any_relation_and_gives_evidence_its_text():
    import networkx as nx
    import pyoxigraph as ox

    from kg.export.rdf import to_rdf
    from kg.rdfstream import ntriples

    hostile = nx.MultiDiGraph(home="", articles={'a"b\\c#a0': {"source": "x\ny", "index": 0, "start": 0,
                                                               "end": 9, "title": "标题\r\x00\"", "date": "2024-01-09"}},
                              evidence_text={'a"b\\c#a0': {"1:3": "会见\n"}})
    hostile.add_node("person-1", type="person", label='张"三\\\n', aliases=["\x01张三"], mentions=2, articles=1,
                     article_keys=['a"b\\c#a0', "missing#a3"], roles=[{"title": "市长", "org": "某市"}])
    hostile.add_node("place-2", type="place", label="某市", aliases=[], mentions=1, articles=1, article_keys=[],
                     roles=[])
    hostile.add_node("thing-3", type="other", label="x", mentions=0)
    hostile.add_edge("person-1", "place-2", key="co_occurs", relation="co_occurs", sentences=1, articles=1,
                     npmi=1e-06, score=-0.5, evidence=[['a"b\\c#a0', 1, 3], ["other#a1", 2, 4]])
    hostile.add_edge("person-1", "place-2", key="signs_with", relation="signs_with", evidence=[['a"b\\c#a0', 1, 3]])
    hostile.add_edge("place-2", "thing-3", key="part_of", relation="part_of", evidence=[])
    for base in (None, "http://example.org/kg#"):
        text = "".join(ntriples(hostile, base))
        assert len(list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))) == len(to_rdf(hostile, base))
    query = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
        SELECT ?text ?partner WHERE { ?e kg:text ?text . ?p kg:signsWith ?partner }"""
    rows = list(to_rdf(hostile).query(query))
    assert [(str(text), str(partner)) for text, partner in rows] == \
        [("会见\n", "https://w3id.org/kg-news/id/place-2")]


def test_graph_json_is_written_piece_by_piece_with_the_same_bytes(tmp_path, seeds_extraction):
    import networkx as nx

    from kg.export.json import dumps, read_json, write_json
    from kg.graph import build_graph

    hostile = nx.MultiDiGraph(home="\ud800市\u2028", articles={})
    hostile.add_node("n\u2029", label="\ud800", aliases=[], roles=[{"title": "市长", "org": ""}], empty={})
    hostile.add_edge("n\u2029", "m", key="k", relation="co_occurs", evidence=[["a", 1, 2]], nested={"z": [1, {}]})
    for graph in (build_graph(seeds_extraction), hostile, nx.MultiDiGraph()):
        path = write_json(graph, tmp_path / "graph.json")
        assert path.read_text(encoding="utf-8") == dumps(graph)
    assert read_json(path).number_of_nodes() == 0


def _good_build(tmp_path, seeds_dir):
    """seeds/ built into tmp_path/out; returns the folder and the bytes of every file in it and its cache."""
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out, _files(out)


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_mistyped_input_leaves_a_good_graph_and_its_cache_as_they_were(tmp_path, seeds_dir):
    out, before = _good_build(tmp_path, seeds_dir)
    assert any(name.startswith(".cache/") for name in before)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nwes.jsonl"), "-o", str(out)])
    assert result.exit_code == 2
    assert "nwes.jsonl: no such file" in result.stderr
    assert "no input could be read: nothing was written or changed" in result.stderr
    assert "wrote" not in result.stdout
    assert _files(out) == before


def test_no_article_read_over_a_good_graph_changes_nothing_unless_forced(tmp_path, seeds_dir):
    out, before = _good_build(tmp_path, seeds_dir)
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "empty"), "-o", str(out)])
    assert result.exit_code == 2
    assert f"no article was read and {out} holds a graph: it was left as it was" in result.stderr
    assert _files(out) == before
    forced = CliRunner().invoke(cli, ["build", str(tmp_path / "empty"), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "0 articles" in forced.stdout
    assert json.loads((out / "graph.json").read_text("utf-8"))["nodes"] == []
    after = _files(out)
    assert {n: b for n, b in after.items() if n.startswith(".cache/")} == \
        {n: b for n, b in before.items() if n.startswith(".cache/")}, "the cache was emptied"


PAGE = ("市长林望舒会见远方客人\n\n本报讯 1月9日下午，市长林望舒会见青禾精工株式会社副社长崔原一行。\n\n"
        "县城新建一座公园\n\n本报讯（记者 王小明）近日，县城新建的一座公园对市民开放，受到欢迎。\n")


def test_kg_build_year_dates_the_graph_articles(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-cache",
                                 "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "dates: 2 of 2 articles dated, 2024-01-09 to 2024-01-09" in result.output
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert {meta["date"] for meta in graph["graph"]["articles"].values()} == {"2024-01-09"}
    bad = runner.invoke(cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--year", "24"])
    assert bad.exit_code == 2 and "--year" in bad.output


def test_build_export_names_the_whole_files_written(tmp_path, seeds_dir):
    import pyoxigraph as ox

    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1", "--export", "nt,gexf,ttl"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'graph.nt'}" in result.stdout and f"wrote {out / 'graph.gexf'}" in result.stdout
    assert not (out / "graph.json").exists() and not (out / "graph.graphml").exists()
    from_nt = set(ox.parse(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    from_ttl = set(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert from_nt == from_ttl and from_nt
    bad = CliRunner().invoke(cli, ["build", page, "-o", str(tmp_path / "x"), "--export", "csv"])
    assert bad.exit_code == 2 and "kg build exports ttl, graphml, json, nt, jsonld, xml, gexf, or none" in bad.output
    assert not (tmp_path / "x").exists()


def test_a_whole_file_a_build_no_longer_writes_is_removed_with_the_switch(tmp_path, seeds_dir):
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    out = tmp_path / "out"
    first = CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1", "--export", "json,gexf"])
    assert first.exit_code == 0 and (out / "graph.gexf").is_file()
    result = CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1", "--export", "none"])
    assert result.exit_code == 0, result.output
    assert f"removed {out / 'graph.gexf'} (not written by this build; kg export {out} -f gexf writes it)" in result.stdout
    assert f"removed {out / 'graph.json'}" in result.stdout
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["entities.jsonl", "graph.html", "store"]


def test_a_large_corpus_gets_no_whole_file_by_default(tmp_path, seeds_dir, monkeypatch):
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"]).exit_code == 0
    assert all((out / name).is_file() for name in ("graph.json", "graph.ttl", "graph.graphml"))
    monkeypatch.setattr("kg.export.SMALL_CORPUS", 1000)  # bytes of text: the page is larger
    result = CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("removed ") == 3
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["entities.jsonl", "graph.html", "store"]


def test_build_timings_name_each_stage_and_output_on_stderr(tmp_path, seeds_dir):
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    result = CliRunner().invoke(cli, ["build", page, "-o", str(tmp_path / "out"), "--workers", "1", "--timings"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stderr.splitlines() if line.startswith("timings (s): "))
    for name in ("read", "extract", "resolve", "graph", "export", "outputs: entities.jsonl", "graph.html", "store",
                 "total"):
        assert f"{name} " in line, name
    assert "timings (s)" not in result.stdout


def test_a_build_that_releases_its_extraction_writes_the_same_outputs(tmp_path, seeds_dir):
    """kg build lets go of the articles and mentions once entities.jsonl, graph.html and the store's record of
    its inputs are written, while the store is still being written; the outputs do not change."""
    from kg.pipeline import build

    kept = {}
    for release in (False, True):
        out = tmp_path / str(release)
        extraction, _, written = build([str(seeds_dir)], out, workers=1, cache=False, release=release)
        kept[release] = extraction
        store = (out / "store").resolve()
        files = [out / name for name in ("entities.jsonl", "graph.html", "graph.ttl")]
        files += [store / "kg-graphs.json", store / "kg-inputs.json"]
        kept[release, "bytes"] = [path.read_bytes() for path in files]
    assert kept[False, "bytes"] == kept[True, "bytes"]
    held, released = kept[False], kept[True]
    assert held.articles and held.entities and not released.articles and not released.mentions
    assert not released.entities and not released.roles and not released.relations
    for name in ("articles", "mentions", "entities", "roles"):
        assert released.count(name) == held.count(name) == len(getattr(held, name)) > 0
