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


def test_a_one_character_place_is_read_as_the_abbreviation_table_says(tmp_path):
    # 澳 of 港澳 is 澳门, though 澳 is also a short form of 澳大利亚 among the countries.
    found = entities(tmp_path, "市委统战部举办港澳台侨理事座谈会，与港澳台侨胞共谋发展。")
    assert "澳大利亚" not in found


def test_generic_division_words_are_no_places(tmp_path):
    found = entities(tmp_path, "全市苏木乡镇区域养老服务中心覆盖率达到50%以上，旗县区全部建成。")
    assert not {"苏木乡镇", "旗县区", "苏木"} & set(found)


def test_regions_and_standing_bodies_are_entities(tmp_path):
    # Regions of China (华北, 东北) and bodies named by their kind alone (人大, 政协) are what the
    # annotated news corpora label; generic words (企业, 全国) stay out.
    found = entities(tmp_path, "受冷空气影响，华北、东北地区普降大雪。全国企业复工，人大、政协联合视察。")
    assert {"华北", "东北"} <= {name for name, e in found.items() if e.type == "place"}
    assert {"人大", "政协"} <= {name for name, e in found.items() if e.type == "organization"}
    assert not {"企业", "全国"} & set(found)
