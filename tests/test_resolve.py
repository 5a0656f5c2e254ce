"""Resolution: short forms merged into one entity, and the forms that must not be."""
from kg.pipeline import extract


def entities(tmp_path, text, home="呼和浩特市"):
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    return {e.name: e for e in extract([str(page)], home=home).entities}


def test_a_bare_city_department_is_the_home_citys(tmp_path):
    found = entities(tmp_path, "呼和浩特市交通运输局召开会议。会上，市交通运输局通报了情况。")
    assert "市交通运输局" in found["呼和浩特市交通运输局"].aliases


def test_a_county_short_form_is_the_county(tmp_path):
    found = entities(tmp_path, "和林县新建道路10条。和林格尔县位于呼和浩特市南部。")
    assert "和林县" in found["和林格尔县"].aliases


def test_the_market_regulator_is_not_the_home_citys(tmp_path):
    found = entities(tmp_path, "国家市场监管总局发布通知。市场监管总局要求各地落实。")
    assert not any(name.startswith("呼和浩特市场") for name in found)


def test_a_river_is_not_the_township_named_after_it(tmp_path):
    found = entities(tmp_path, "大黑河两岸绿意盎然，市民沿大黑河散步。")
    assert "大黑河" in found and found["大黑河"].type == "place"
