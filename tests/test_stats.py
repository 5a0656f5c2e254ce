from click.testing import CliRunner

from kg.cli import cli


def test_stats_lists_leaders_per_type(seeds_dir):
    result = CliRunner().invoke(cli, ["stats", str(seeds_dir), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "person:" in result.output and "pagerank" in result.output
