from click.testing import CliRunner

from kg.cli import cli


def test_show_lists_type_and_mentions(seeds_dir):
    result = CliRunner().invoke(cli, ["show", "贺海东", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "贺海东 (person" in result.output and "mentions:" in result.output


def test_show_unknown_name_fails_cleanly(seeds_dir):
    result = CliRunner().invoke(cli, ["show", "不存在的名字", str(seeds_dir)])
    assert result.exit_code == 1 and "no entity named" in result.output
