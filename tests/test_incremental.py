"""Rebuilding a built folder after pages are added, edited or removed writes the bytes of a clean build,
also when the change moves how an existing short form resolves (the home city, so 市交通运输局, flips), and
the graph store, updated graph by graph, holds the quads of a clean build's store and answers every canned
query as it does."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")
BAOTOU = ("2024年1月10日 星期三\n\n包头市推进春运工作\n\n本报讯 1月9日,包头市市长王明到市交通运输局调研。"
          "王明说,包头市要做好春运工作。\n")
OTHER = ("2024年1月9日 星期二\n\n星河科技扩大生产\n\n本报讯 星河科技有限公司董事长李华表示,公司将扩大生产。"
         "李华说,星河科技有限公司今年招聘工人。\n")
HOHHOT = ("2024年1月11日 星期四\n\n呼和浩特市召开春运会议\n\n本报讯 1月10日,呼和浩特市召开春运工作会议。"
          "呼和浩特市市长李强说,呼和浩特市各部门要保障呼和浩特市群众出行,呼和浩特市交通运输局要做好准备。\n")


PARAMS = {"articles-mentioning": {"a": "王明", "b": "李强"}, "neighbors": {"name": "王明"}}


def build(corpus, out, *options) -> str:
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1", *options])
    assert result.exit_code == 0, result.output
    return result.output


def assert_same_as_clean(corpus, out, tmp_path):
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(corpus, clean, "--no-cache")
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert quads(out) == quads(clean)
    assert answers(out) == answers(clean)
    assert store_records(out) == store_records(clean)


def store_records(out) -> list:
    """What the store folder keeps beside the quads: each named graph's digest and the inputs of each."""
    from kg.changes import INPUTS
    from kg.store import DIGESTS, STORE

    return [json.loads((out / STORE / name).read_text(encoding="utf-8")) for name in (DIGESTS, INPUTS)]


def remade(output: str) -> int:
    """How many named graphs a build said it made again."""
    return int(re.search(r"; ([\d,]+) made again", output).group(1).replace(",", ""))


def quads(out) -> set:
    from kg.store import open_store

    return set(open_store(out))


def answers(out) -> dict[str, list]:
    """Every canned query's rows on the build folder's store, sorted."""
    from kg.query import canned, canned_names, execute
    from kg.store import open_store

    store = open_store(out)
    found = {}
    for name in canned_names():
        rows = execute(store, canned(name), PARAMS.get(name, {})).rows
        found[name] = sorted(tuple("" if value is None else value for value in row) for row in rows)
    assert any(found.values())
    return found


@pytest.fixture(autouse=True, params=["patched", "patched from kept text", "replaced"])
def graph_by_graph(monkeypatch, request):
    """Every rebuild updates the store graph by graph, however much changed (a large change is otherwise
    written whole), so that the update is what these tests check: a changed graph patched quad by quad (its
    previous triples read out of the store, or from the text the store folder kept of it: every graph's,
    here), or replaced whole (as when the changed graphs are large)."""
    monkeypatch.setattr("kg.store.WHOLE_SHARE", 2.0)
    if request.param == "replaced":
        monkeypatch.setattr("kg.store.DIFF_LIMIT", -1)
    if request.param == "patched from kept text":
        monkeypatch.setattr("kg.storetext.MIN_TRIPLES", 1)


def labels(out) -> dict[str, list[str]]:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return {node["label"]: node["aliases"] for node in graph["nodes"]}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "0-other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "baotou.txt").write_text(BAOTOU, encoding="utf-8")
    return folder


def test_an_added_page_that_moves_a_short_form(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    assert "市交通运输局" in labels(out).get("包头市交通运输局", [])
    entries = set((out / ".cache").glob("*/*.json"))
    (corpus / "hohhot.txt").write_text(HOHHOT, encoding="utf-8")
    assert "named graphs replaced" in build(corpus, out)
    assert entries < set((out / ".cache").glob("*/*.json"))  # the old entries were kept and used
    after = labels(out)
    assert "市交通运输局" in after.get("呼和浩特市交通运输局", []) and "包头市交通运输局" not in after
    assert_same_as_clean(corpus, out, tmp_path)


def test_an_edited_page_and_a_removed_page(corpus, tmp_path):
    out = tmp_path / "out"
    (corpus / "hohhot.txt").write_text(HOHHOT, encoding="utf-8")
    build(corpus, out)
    page = corpus / "0-other.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n包头市市长王明会见李强。\n", encoding="utf-8")
    build(corpus, out)
    assert_same_as_clean(corpus, out, tmp_path)
    (corpus / "hohhot.txt").unlink()
    build(corpus, out)
    assert "市交通运输局" in labels(out).get("包头市交通运输局", [])
    assert_same_as_clean(corpus, out, tmp_path)


def test_a_rebuild_of_the_same_pages_replaces_no_graph(corpus, tmp_path):
    out = tmp_path / "out"
    assert "written whole: first build" in build(corpus, out)
    before = quads(out)
    assert "wrote " + str(out / "store") + " (0 of " in build(corpus, out)
    assert quads(out) == before


def test_an_added_page_replaces_its_graphs_and_those_of_the_entities_it_names(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    before = quads(out)
    (corpus / "hohhot.txt").write_text(HOHHOT, encoding="utf-8")
    output = build(corpus, out)
    after = quads(out)
    changed = {q.graph_name.value for q in before ^ after}

    def article_graph(page):
        found = {q.graph_name.value for q in after if q.predicate.value.endswith("#articleKey") and page in q.object.value}
        assert len(found) == 1 and "/graph/article/" in next(iter(found))
        return found.pop()

    assert article_graph("hohhot.txt") in changed
    assert article_graph("0-other.txt") not in changed  # a page that shares no entity with the new one
    gone = {q.graph_name.value for q in before} - {q.graph_name.value for q in after}
    assert gone and f"named graphs replaced, {len(gone)} removed" in output  # 包头市交通运输局 became 呼和浩特市's
    assert changed < {q.graph_name.value for q in before | after}
    assert_same_as_clean(corpus, out, tmp_path)


def test_the_store_says_how_many_graphs_it_replaced_either_way(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    before = {q.graph_name.value for q in quads(out)}
    (corpus / "hohhot.txt").write_text(HOHHOT, encoding="utf-8")
    output = build(corpus, out)
    after = quads(out)
    graphs = {q.graph_name.value for q in after}
    replaced, total, removed = map(int, re.search(r"(\d+) of (\d+) named graphs replaced, (\d+) removed", output).groups())
    assert total == len(graphs) and removed == len(before - graphs)
    assert len(graphs - before) < replaced < total  # the new graphs and some of the others


COUNTY_BODY = ("2024年1月12日 星期五\n\n乌兰察布市集宁区农牧局推进工作\n\n本报讯 集宁区农牧局局长赵刚表示,今年将扩大种植。"
               "赵刚说,集宁区农牧局要做好准备。\n")
COUNTY = "2024年1月13日 星期六\n\n集宁区召开会议\n\n本报讯 1月12日,集宁区召开工作会议。集宁区区长孙伟说,集宁区要发展经济。\n"


def test_a_page_that_places_a_body_another_page_names(corpus, tmp_path):
    """集宁区农牧局 is located in 集宁区 once a page names the county: an edge of an entity the new page does
    not name, so its graph is made again too."""
    out = tmp_path / "out"
    (corpus / "body.txt").write_text(COUNTY_BODY, encoding="utf-8")
    build(corpus, out)
    (corpus / "county.txt").write_text(COUNTY, encoding="utf-8")
    build(corpus, out)
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    label = {node["id"]: node["label"] for node in graph["nodes"]}
    assert ("集宁区农牧局", "集宁区") in {(label[e["source"]], label[e["target"]]) for e in graph["edges"]
                                      if e["relation"] == "located_in"}
    assert_same_as_clean(corpus, out, tmp_path)


def test_an_added_page_makes_again_only_the_graphs_of_what_it_names(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    assert remade(build(corpus, out)) == 1  # the same pages: the corpus's graph alone
    (corpus / "meeting.txt").write_text("2024年1月14日 星期日\n\n包头市市长会见客人\n\n本报讯 1月13日,包头市市长王明"
                                        "会见张伟一行。\n", encoding="utf-8")
    output = build(corpus, out)
    total = int(re.search(r"of ([\d,]+) named graphs replaced", output).group(1).replace(",", ""))
    assert 1 < remade(output) < total - 3  # not 星河科技有限公司, 李华 nor their article
    assert_same_as_clean(corpus, out, tmp_path)
