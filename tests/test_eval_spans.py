"""kg eval-spans: exact mention spans on character-tagged NER files."""
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.span_eval import read_tagged_lines, score_spans

SENTENCE = "国务院总理李克强在北京会见了来访的法国客人。"


def tagged(text: str, spans: dict[str, str], scheme: str = "BIO") -> list[str]:
    """Tag ``text`` with ``spans`` (surface -> label) in BIO, BMES or BIOES notation."""
    tags = ["O"] * len(text)
    for surface, label in spans.items():
        start = text.index(surface)
        end = start + len(surface)
        for i in range(start, end):
            inside = "M" if scheme == "BMES" else "I"
            tags[i] = f"{inside}-{label}"
        tags[start] = f"B-{label}"
        if scheme in ("BMES", "BIOES"):
            if end - start == 1:
                tags[start] = f"S-{label}"
            else:
                tags[end - 1] = f"E-{label}"
    return [f"{ch} {tag}" for ch, tag in zip(text, tags)] + [""]


GOLD = {"国务院": "ORG", "李克强": "PER", "北京": "LOC", "法国": "LOC"}


@pytest.mark.parametrize("scheme", ["BIO", "BMES", "BIOES"])
def test_every_scheme_reads_the_same_spans(scheme):
    sentence = read_tagged_lines(tagged(SENTENCE, GOLD, scheme))[0]
    assert sentence.text == SENTENCE
    assert {(SENTENCE[s:e], kind) for s, e, kind in sentence.spans} == {
        ("国务院", "organization"), ("李克强", "person"), ("北京", "place"), ("法国", "place")}


def test_scores_count_exact_spans_only():
    exact = score_spans(read_tagged_lines(tagged(SENTENCE, GOLD)))
    assert exact["scores"]["overall"]["tp"] == 4 and exact["scores"]["overall"]["fn"] == 0
    wider = score_spans(read_tagged_lines(tagged(SENTENCE, {"国务院总理": "ORG"})))
    assert wider["scores"]["organization"]["tp"] == 0 and wider["scores"]["organization"]["fn"] == 1


def test_cli_prints_a_table_and_json(tmp_path):
    path = tmp_path / "test.bio"
    path.write_text("\n".join(tagged(SENTENCE, GOLD) + tagged("他说：", {})), encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(cli, ["eval-spans", str(path)])
    assert table.exit_code == 0, table.output
    assert "overall" in table.output and "2 sentences" in table.output
    result = json.loads(runner.invoke(cli, ["eval-spans", str(path), "--json"]).output)
    assert result["sentences"] == 2 and result["scores"]["person"]["tp"] == 1


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.bio"
    path.write_text("中 B-LOC\n国 I-LOC X\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-spans", str(path)])
    assert result.exit_code != 0 and "bad.bio, line 2" in result.output
