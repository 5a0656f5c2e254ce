"""The body a title belongs to: never across a verb of meeting or a person's name, never cut short.

Sentences written for the tests (made-up people and companies), run with the rules alone and with the
shipped tagger.
"""
import pytest

import kg.extract
from extraction import run
from kg.extract.grammar import event_verbs


@pytest.fixture(params=["rules", "tagger"])
def mode(request, monkeypatch):
    if request.param == "rules":
        monkeypatch.setattr(kg.extract, "get_tagger", lambda: None)
    return request.param


def employers(text: str) -> dict[tuple[str, str], str | None]:
    return {(m.surface, r.title): r.org for m, r in run(text)[1]}


@pytest.mark.parametrize("text, person, title, body", [
    ("市长林望舒会见青禾精工株式会社副社长崔原一行。", "崔原", "副社长", "青禾精工株式会社"),
    ("赤峰市政府会见远景云达科技有限公司副总裁韩立春一行。", "韩立春", "副总裁", "远景云达科技有限公司"),
    ("区委书记宋明远在上海会见申通海运集团董事长郭文涛一行。", "郭文涛", "董事长", "申通海运集团"),
    ("副市长冯启明会见了北辰重工有限公司总经理聂云飞。", "聂云飞", "总经理", "北辰重工有限公司"),
    ("市长贾思远接见华清动力有限公司董事长庞立国。", "庞立国", "董事长", "华清动力有限公司"),
])
def test_a_body_never_crosses_a_verb_of_meeting(mode, text, person, title, body):
    assert employers(text)[(person, title)] == body


def test_a_body_cut_short_by_a_joining_word_is_the_whole_name(mode):
    found = employers("国家发展和改革委员会主任邱方远出席会议。")
    assert found[("邱方远", "主任")] == "国家发展和改革委员会"


def test_a_body_after_a_person_name_starts_after_it(mode):
    found = employers("董事长严嘉木、天衡电气有限公司总经理秦朗出席仪式。")
    assert found.get(("秦朗", "总经理")) in ("天衡电气有限公司", None)
    assert "严嘉木" not in (found.get(("秦朗", "总经理")) or "")


@pytest.mark.parametrize("text", [
    "市长林望舒会见青禾精工株式会社副社长崔原一行。",
    "赤峰市政府会见远景云达科技有限公司副总裁韩立春一行。",
    "自治区主席蔡文博会谈后会见了东岳能源集团总经理彭海一行。",
    "市委书记方知行调研金桥智造有限公司董事长宁静远陪同。",
    "县长温子健与青山环保有限公司签约总经理石磊出席。",
])
def test_no_employer_holds_a_verb_of_meeting_visiting_or_signing(mode, text):
    for body in employers(text).values():
        assert body is None or not any(verb in body for verb in event_verbs()), body


def test_bodies_named_before_their_titles_are_kept(mode):
    found = employers("市交通运输局党组书记、局长杜明川主持会议。")
    assert found[("杜明川", "局长")] == "市交通运输局"
    assert found[("杜明川", "党组书记")] == "市交通运输局"


@pytest.mark.parametrize("text, person, title, body", [
    ("——访市区域经济合作局党组书记、局长秦明川", "秦明川", "局长", "市区域经济合作局"),  # an interview's subtitle
    ("记者专访市文化和旅游局局长刘海波。", "刘海波", "局长", "市文化和旅游局"),
    ("金穗农机专业合作社理事长王春生介绍经验。", "王春生", "理事长", "金穗农机专业合作社"),  # 合作 names bodies
    ("省委政策调研室主任赵刚说。", "赵刚", "主任", "省委政策调研室"),  # 调研 inside a body's name
    ("市信访局局长刘海波说。", "刘海波", "局长", "市信访局"),
])
def test_words_of_visiting_end_a_body_only_outside_a_name(mode, text, person, title, body):
    assert employers(text)[(person, title)] == body
