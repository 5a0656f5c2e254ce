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
