import pytest
from click.testing import CliRunner

from kg.cli import cli


def test_show_lists_type_and_mentions(seeds_dir):
    result = CliRunner().invoke(cli, ["show", "贺海东", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "贺海东 (person" in result.output and "mentions:" in result.output


def test_show_unknown_name_fails_cleanly(seeds_dir):
    result = CliRunner().invoke(cli, ["show", "不存在的名字", str(seeds_dir)])
    assert result.exit_code == 1 and "no entity named" in result.output


def test_show_reads_a_build_folder_without_extracting_it(built, seeds_dir):
    from_folder = CliRunner().invoke(cli, ["show", "贺海东", str(built)])
    assert from_folder.exit_code == 0, from_folder.output
    assert "skipped" not in from_folder.stderr
    assert "贺海东 (person" in from_folder.stdout and "role 市长 at 呼和浩特市" in from_folder.stdout
    from_corpus = CliRunner().invoke(cli, ["show", "贺海东", str(seeds_dir)])
    assert from_folder.stdout == from_corpus.stdout


def test_show_gives_each_alias_with_the_reason_it_was_merged(built):
    result = CliRunner().invoke(cli, ["show", "首府", str(built)])
    assert result.exit_code == 0, result.output
    assert "呼和浩特市 (place" in result.stdout
    alias_line = next(line for line in result.stdout.splitlines() if line.startswith("  alias 首府:"))
    assert alias_line.split(":", 1)[1].strip(), "the alias has no reason"


def test_show_lists_the_strongest_links_in_the_one_ranking(built, seeds_extraction):
    from kg.graph import build_graph
    from kg.ranking import strongest_links

    result = CliRunner().invoke(cli, ["show", "贺海东", str(built)])
    assert result.exit_code == 0, result.output
    listed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("  link ")]
    graph = build_graph(seeds_extraction)
    mayor = next(e for e in seeds_extraction.entities if e.name == "贺海东")
    assert listed == [graph.nodes[o]["label"] for o, _ in strongest_links(graph, mayor.id, limit=5)]
    assert len(listed) == 5 and "呼和浩特市" not in listed  # the home city: many sentences, by chance


SHOWN = ["贺海东", "衞昌辰隆", "首府", "呼和浩特市", "丰田三共株式会社", "张玮", "内蒙古社会服务公益基金会", "刘继英"]


@pytest.mark.parametrize("name", SHOWN)
def test_show_on_a_build_folder_without_graph_json_reads_its_store(built, built_store_only, name):
    from_store = CliRunner().invoke(cli, ["show", name, str(built_store_only)])
    from_json = CliRunner().invoke(cli, ["show", name, str(built / "graph.json")])
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stdout == from_json.stdout and from_store.stdout.startswith(name.replace("首府", "呼和浩特市"))
    assert "skipped" not in from_store.stderr


def test_show_on_the_store_gives_the_text_of_the_graph_for_every_name(built):
    from kg.entities import describe, find_entities
    from kg.export.json import read_json
    from kg.lookup import show_entities
    from kg.store import open_store

    graph, store = read_json(built / "graph.json"), open_store(built)
    names = sorted({name for _, data in graph.nodes(data=True) for name in [data["label"], *data["aliases"]]})
    assert len(names) > 400
    for name in names:
        assert show_entities(store, name) == [describe(i, d, graph) for i, d in find_entities(graph, name)], name
    assert show_entities(store, "不存在的名字") == []


def test_show_unknown_name_in_a_build_folder_fails_cleanly(built_store_only):
    result = CliRunner().invoke(cli, ["show", "不存在的名字", str(built_store_only)])
    assert result.exit_code == 1 and "no entity named 不存在的名字" in result.stderr


def test_a_build_folder_whose_store_is_gone_is_an_error_not_a_corpus(tmp_path, built_store_only):
    import os
    import shutil

    folder = tmp_path / "output"
    shutil.copytree(built_store_only, folder, symlinks=True)
    shutil.rmtree(folder / os.readlink(folder / "store"))
    result = CliRunner().invoke(cli, ["show", "贺海东", str(folder)])
    assert result.exit_code == 2
    assert "the graph store is missing" in result.stderr and "Traceback" not in result.output
    (folder / "store").unlink()
    result = CliRunner().invoke(cli, ["show", "贺海东", str(folder)])
    assert result.exit_code == 2 and "without its graph store" in result.stderr


def test_a_store_that_cannot_be_opened_is_reported_without_a_traceback(tmp_path, built_store_only):
    import shutil

    folder = tmp_path / "output"
    shutil.copytree(built_store_only, folder, symlinks=True)
    (folder / "store").unlink()
    (folder / "store").mkdir()
    (folder / "store" / "CURRENT").write_text("not a store\n")
    result = CliRunner().invoke(cli, ["show", "贺海东", str(folder)])
    assert result.exit_code == 2 and "cannot open the graph store" in result.stderr
    assert "Traceback" not in result.output


def test_a_store_written_before_the_corpus_totals_is_reported(tmp_path, seeds_extraction):
    """A store without the kg:Corpus node (an earlier kg's) would give scores of 0: kg says to build again."""
    import pyoxigraph as ox

    from kg.export.rdf import to_store
    from kg.graph import build_graph

    folder = tmp_path / "output"
    (folder / ".store-1-0").mkdir(parents=True)
    (folder / "store").symlink_to(".store-1-0")
    written = ox.Store(str(folder / ".store-1-0"))
    corpus = ox.NamedNode("https://w3id.org/kg-news/ontology#Corpus")
    written.extend(quad for quad in to_store(build_graph(seeds_extraction)) if quad.object != corpus)
    written.flush()
    del written
    for command in (["show", "贺海东", str(folder)], ["stats", str(folder)], ["export", str(folder), "-f", "json"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, (command, result.output)
        assert "written by an earlier kg" in result.stderr and "build" in result.stderr
