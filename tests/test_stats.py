from click.testing import CliRunner

from kg.cli import cli


def test_stats_lists_leaders_per_type(seeds_dir):
    result = CliRunner().invoke(cli, ["stats", str(seeds_dir), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "person:" in result.output and "pagerank" in result.output


def test_stats_reads_graph_json_as_the_graph_not_as_news(built, seeds_dir):
    from_json = CliRunner().invoke(cli, ["stats", str(built / "graph.json")])
    assert from_json.exit_code == 0, from_json.output
    from_corpus = CliRunner().invoke(cli, ["stats", str(seeds_dir)])
    assert from_json.stdout == from_corpus.stdout
    assert from_json.stdout.startswith("48 articles from 5 sources")
    from_folder = CliRunner().invoke(cli, ["stats", str(built)])
    assert from_folder.stdout == from_corpus.stdout and "skipped" not in from_folder.stderr


def test_stats_on_a_build_folder_without_graph_json_reads_its_store(built, built_store_only):
    from_store = CliRunner().invoke(cli, ["stats", str(built_store_only)])
    from_json = CliRunner().invoke(cli, ["stats", str(built / "graph.json")])
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stdout == from_json.stdout and from_store.stdout.startswith("48 articles from 5 sources")
    assert "skipped" not in from_store.stderr
