"""Whole extraction with the shipped tagger: names no rule finds, the rules' ground kept."""
import pytest

from extraction import found, run
from kg.extract.tagger import get_tagger


def test_the_package_ships_a_tagger():
    assert get_tagger() is not None


@pytest.mark.parametrize("text, kind, name", [
    ("欧阳娜娜和李建国在上海签署了合作协议。", "person", "欧阳娜娜"),  # names without a title
    ("欧阳娜娜和李建国在上海签署了合作协议。", "person", "李建国"),
    ("张伟娟昨天在兰州参加了理工大学的校友聚会。", "person", "张伟娟"),
    ("联合国秘书长发表声明。", "organization", "联合国"),
    ("民盟中央负责人出席。", "organization", "民盟中央"),
    ("游客来到加利福尼亚州旅游。", "place", "加利福尼亚州"),
])
def test_names_the_rules_leave_to_the_tagger(text, kind, name):
    assert name in found(text).get(kind, set())


def test_posts_and_their_holders_stay_with_the_rules():
    mentions, roles = run("市委副书记、市长王建国会见丰田汽车公司副社长一行。")
    assert {(m.surface, r.title) for m, r in roles} >= {("王建国", "市委副书记"), ("王建国", "市长")}
    assert "丰田汽车公司" in {m.surface for m in mentions if m.type == "organization"}


def test_quoted_projects_stay_projects():
    found_here = found("全市推进“幸福家园”工程建设。")
    assert any("幸福家园" in name for name in found_here.get("project", set()))
    assert not any("幸福家园" in name for kind in ("organization", "place", "person")
                   for name in found_here.get(kind, set()))
