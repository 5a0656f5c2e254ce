"""``kg articles``: what a user runs to check how pages were split."""
from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli

PAGE = "\n\n市政府召开常务会议\n\n本报讯(记者 林青)6月1日,会议研究安全生产。\n\n(吴敏)\n\n春季招聘会举行\n\n本报讯 招聘会今天举行。\n"


def test_articles_lists_titles_dates_bylines_offsets(tmp_path):
    (tmp_path / "page.txt").write_bytes(PAGE.encode("gb18030"))
    result = CliRunner().invoke(cli, ["articles", "--year", "2022", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "title: 市政府召开常务会议" in result.output and "title: 春季招聘会举行" in result.output
    assert "2022-06-01" in result.output and "记者 林青" in result.output
    start = PAGE.index("市政府")
    assert f"#a0\t[{start}, " in result.output


def test_articles_without_year_shows_month_day_only(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["articles", "--sentences", str(tmp_path / "page.txt")])
    assert result.exit_code == 0, result.output
    assert "--06-01" in result.output and "2022" not in result.output
    assert "会议研究安全生产。" in result.output


def test_articles_reports_unreadable_files(tmp_path):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["articles", str(tmp_path / "bad.jsonl")])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output
