import json

from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import match_type, segmentation


def test_matching_is_one_to_one_and_ignores_non_core():
    gold = [{"name": "呼和浩特市", "mentions": ["首府"], "core": True},
            {"name": "中国", "mentions": ["中国"], "core": False}]
    predicted = [{"name": "呼和浩特市", "mentions": ["首府"]}, {"name": "首府", "mentions": ["首府"]},
                 {"name": "中国", "mentions": ["中国"]}]
    counts, fps, fns = match_type(gold, predicted)
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)
    assert len(fps) == 1 and fps[0] in ("首府", "呼和浩特市") and fns == []


def test_quotes_and_spaces_are_normalised():
    counts, _, _ = match_type([{"name": "两进一出工程", "mentions": [], "core": True}],
                              [{"name": "x", "mentions": ["“两进一出” 工程"]}])
    assert counts.tp == 1


def test_segmentation_needs_exactly_one_span_without_other_first_lines():
    text = "标题一\n甲的正文。\n标题二\n乙的正文。"
    gold = [{"first_line": "甲的正文"}, {"first_line": "乙的正文"}]
    assert segmentation(gold, text, [{"start": 0, "end": len(text)}]) == 0
    assert segmentation(gold, text, [{"start": 0, "end": 9}, {"start": 9, "end": len(text)}]) == 2


def test_eval_prints_scores(gold_dir, seeds_dir):
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", "--gold", str(gold_dir), str(seeds_dir)])
    assert table.exit_code == 0, table.output
    assert "micro" in table.output and "segmentation rate" in table.output
    result = json.loads(runner.invoke(cli, ["eval", "--gold", str(gold_dir), str(seeds_dir), "--json"]).output)
    assert set(result["types"]) == {"person", "organization", "place", "project"}
    assert 0.0 <= result["micro"]["f1"] <= 1.0 and result["pages"]


def test_roles_count_titles_with_an_organisation_prefix_and_joint_titles():
    from kg.evaluate import score_roles
    gold = [{"entities": [{"name": "王明", "type": "person", "mentions": ["王明"],
                           "roles": ["统战部部长", "党组书记、主任", "记者"]}]}]
    predicted = [{"name": "王明", "type": "person", "mentions": ["王明"], "titles": {"部长", "党组书记"}}]
    found, total, missed = score_roles(gold, predicted)
    assert (found, total) == (1, 3) and missed == ["王明: 党组书记、主任", "王明: 记者"]


def test_eval_reports_roles(gold_dir, seeds_dir):
    from kg.evaluate import evaluate
    roles = evaluate(gold_dir, [str(seeds_dir)])["roles"]
    assert roles["total"] > 0 and roles["rate"] >= 0.8
