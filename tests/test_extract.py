import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

TYPES = {"person", "organization", "place", "project"}


def check_contract(record: dict, text: str) -> None:
    assert set(record) == {"source", "article", "start", "end", "title", "date", "entities", "positions"}
    for position in record["positions"]:
        assert record["start"] <= position["start"] < position["end"] <= record["end"]
        assert position["title"]
    assert 0 <= record["start"] <= record["end"] <= len(text)
    assert record["date"] is None or len(record["date"]) == 10
    for entity in record["entities"]:
        assert set(entity) == {"id", "name", "type", "mentions", "count", "spans", "roles"}
        assert entity["type"] in TYPES
        assert entity["count"] == len(entity["spans"]) >= 1
        for start, end in entity["spans"]:
            assert text[start:end] in entity["mentions"]
        for role in entity["roles"]:
            assert set(role) == {"title", "org"} and role["title"]


def test_every_line_obeys_the_contract(seeds_dir):
    pages = sorted(seeds_dir.glob("*.txt"))
    result = CliRunner().invoke(cli, ["extract", *map(str, pages)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {r["source"] for r in records} == {str(p) for p in pages}
    for record in records:
        check_contract(record, Path(record["source"]).read_text(encoding="utf-8"))
    indexes = {}
    for record in records:
        indexes.setdefault(record["source"], []).append(record["article"])
    assert all(sorted(v) == list(range(len(v))) for v in indexes.values())


def test_jsonl_input_indexes_each_record_text(tmp_path):
    lines = [{"id": "n1", "text": "本报讯 市长张伟会见了来访的客人。", "title": "会见"},
             {"text": "北京市朝阳区举行活动。"}]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == [f"{source}#n1", f"{source}#2"]
    for record, line in zip(records, lines):
        check_contract(record, line["text"])
    assert "张伟" in {e["name"] for e in records[0]["entities"]}


def test_extract_year_dates_the_contract(tmp_path):
    (tmp_path / "page.txt").write_text("市长林望舒会见远方客人\n\n本报讯 1月9日下午，市长林望舒会见崔原一行。\n",
                                       encoding="utf-8")
    undated = CliRunner().invoke(cli, ["extract", str(tmp_path / "page.txt")])
    dated = CliRunner().invoke(cli, ["extract", str(tmp_path / "page.txt"), "--year", "2024"])
    assert [json.loads(line)["date"] for line in undated.stdout.splitlines()] == [None]
    assert [json.loads(line)["date"] for line in dated.stdout.splitlines()] == ["2024-01-09"]
