"""How the tagger's spans and the rules' candidates are merged (kg.extract.merge)."""
import numpy as np

from kg.extract.candidates import Candidate
from kg.extract.merge import FIT_CONFIDENCE, MIN_CONFIDENCE, OUTGROWN, TAGGER_RULE, VETO, merge_tagged, probes
from kg.extract.tagger import LABELS

TEXT = "市长王建国在杭州会见宏博电气负责人。"
SURE = 0.99  # the tagger's confidence in a span


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_a_person_with_a_post_keeps_the_rules_span_and_roles():
    start, end = at(TEXT, "王建国")
    rule = Candidate(start, end, "person", "王建国", "title-before", 3, roles=[("市长", None)])
    # The tagger reads a longer (wrong) span over the name: the rules' ground is not given up.
    merged = merge_tagged(TEXT, [rule], [(start, end + 1, "organization", SURE)])
    assert merged == [rule]


def test_the_same_span_keeps_the_rule_candidate_with_the_taggers_type():
    start, end = at(TEXT, "杭州")
    rule = Candidate(start, end, "organization", "杭州", "suffix", 1)
    merged = merge_tagged(TEXT, [rule], [(start, end, "place", SURE)])
    assert [(c.start, c.end, c.type, c.rule) for c in merged] == [(start, end, "place", "suffix")]
    assert rule.type == "organization"  # the caller's candidate is not changed


def test_a_span_only_the_tagger_finds_is_added():
    start, end = at(TEXT, "王建国")
    merged = merge_tagged(TEXT, [], [(start, end, "person", SURE)])
    assert [(c.start, c.end, c.type, c.rule) for c in merged] == [(start, end, "person", TAGGER_RULE)]


def test_an_overlapping_weaker_rule_gives_way_and_a_trusted_one_stays():
    start, end = at(TEXT, "宏博电气")
    weak = Candidate(start, end + 3, "organization", "宏博电气负责人", "suffix", 1)
    trusted = Candidate(*at(TEXT, "杭州"), "organization", "杭州", "lexicon", 2)
    merged = merge_tagged(TEXT, [weak, trusted], [(start, end, "organization", SURE), (trusted.start, trusted.end + 2, "place", SURE)])
    rules = {c.rule for c in merged}
    assert weak not in merged and trusted in merged and TAGGER_RULE in rules
    # The gazetteer is no longer trusted: an overlapping sure tagger span wins over it.
    place = Candidate(*at(TEXT, "杭州"), "place", "杭州", "gazetteer", 1)
    assert place not in merge_tagged(TEXT, [place], [(place.start, place.end + 2, "place", SURE)])


def test_projects_are_the_rules_ground():
    text = "推进“幸福家园”工程建设。"
    start, end = at(text, "幸福家园")
    project = Candidate(start, end, "project", "幸福家园", "quoted", 2)
    assert merge_tagged(text, [project], [(start, end, "organization", SURE)]) == [project]


def test_a_span_only_the_tagger_finds_needs_its_confidence():
    start, end = at(TEXT, "王建国")
    unsure = merge_tagged(TEXT, [], [(start, end, "person", MIN_CONFIDENCE - 0.01)])
    assert unsure == []
    # A rule's span of the same extent takes the tagger's type, however unsure the tagger is.
    rule = Candidate(start, end, "organization", "王建国", "suffix", 1)
    merged = merge_tagged(TEXT, [rule], [(start, end, "person", MIN_CONFIDENCE - 0.01)])
    assert [(c.type, c.rule) for c in merged] == [("person", "suffix")]


def reading(length: int, no_name: float) -> np.ndarray:
    """Label probabilities of a span's characters: O with ``no_name``, the rest on B/I-ORG."""
    rows = np.zeros((length, len(LABELS)))
    rows[:, LABELS.index("O")] = no_name
    rows[:, LABELS.index("I-ORG")] = 1 - no_name
    return rows


def test_a_rule_span_the_tagger_reads_as_no_name_is_dropped():
    start, end = at(TEXT, "负责人")
    rule = Candidate(start, end, "organization", "负责人", "suffix", 2)
    assert merge_tagged(TEXT, [rule], [], {(start, end): reading(3, VETO)}) == []
    assert merge_tagged(TEXT, [rule], [], {(start, end): reading(3, VETO - 0.01)}) == [rule]
    assert merge_tagged(TEXT, [rule], []) == [rule]  # no reading, no veto


def test_a_body_holding_a_name_the_tagger_reads_is_not_vetoed():
    text = "赤峰市人民政府发布通知。"
    start, end = at(text, "赤峰市人民政府")
    rule = Candidate(start, end, "organization", "赤峰市人民政府", "suffix", 2)
    rows = reading(7, 0.95)
    rows[:3, LABELS.index("O")] = 0.05  # 赤峰市 read as a place, the rest as no name
    rows[:3, LABELS.index("I-LOC")] = 0.95
    rows[:3, LABELS.index("I-ORG")] = 0.0
    assert merge_tagged(text, [rule], [], {(start, end): rows}) == [rule]


def test_the_veto_reaches_trusted_rules_and_people_with_posts_but_not_projects():
    start, end = at(TEXT, "王建国")
    sure_no = {(start, end): reading(3, 0.95)}
    for rule in (Candidate(start, end, "place", "王建国", "gazetteer", 1),
                 Candidate(start, end, "person", "王建国", "title-before", 3, roles=[("市长", None)])):
        assert probes(TEXT, [rule]) == [(start, end)]
        assert merge_tagged(TEXT, [rule], [], sure_no) == []
    project = Candidate(start, end, "project", "王建国", "quoted", 2)
    assert probes(TEXT, [project]) == []
    assert merge_tagged(TEXT, [project], [], sure_no) == [project]


def test_a_post_holder_takes_the_extent_of_the_taggers_person():
    text = "外交部长阿卜杜拉希莫夫抵达。"
    start, end = at(text, "阿卜杜拉")
    rule = Candidate(start, end, "person", "阿卜杜拉", "title-before", 3, roles=[("外交部长", None)])
    merged = merge_tagged(text, [rule], [(*at(text, "阿卜杜拉希莫夫"), "person", SURE)])
    assert [(text[c.start:c.end], c.name, c.rule, c.roles) for c in merged] == [
        ("阿卜杜拉希莫夫", "阿卜杜拉希莫夫", "title-before", [("外交部长", None)])]
    # A tagger span holding a bracket is no name: the rule's extent stays.
    text = "（记者若谷）"
    rule = Candidate(3, 5, "person", "若谷", "byline", 3, roles=[("记者", None)])
    assert merge_tagged(text, [rule], [(3, 6, "person", SURE)]) == [rule]


def test_the_rules_people_inside_one_taggers_person_become_that_one_person():
    text = "执行副总裁森曼·伊黛先生与记者交谈。"
    before = Candidate(*at(text, "森曼"), "person", "森曼", "title-before", 3, roles=[("执行副总裁", None)])
    after = Candidate(*at(text, "伊黛"), "person", "伊黛", "title-after", 3, roles=[("先生", None)])
    merged = merge_tagged(text, [before, after], [(*at(text, "森曼·伊黛"), "person", SURE)])
    assert [(c.name, c.roles) for c in merged] == [("森曼·伊黛", [("执行副总裁", None), ("先生", None)])]
    # Not when another kind of rule span lies under the tagger's person: the rules' spans stay.
    body = Candidate(*at(text, "伊黛先生"), "organization", "伊黛先生", "suffix", 2, roles=[("x", None)])
    assert merge_tagged(text, [before, body], [(*at(text, "森曼·伊黛"), "person", SURE)]) == [before, body]


def test_a_hyphenated_name_is_a_name_and_an_unsure_extent_is_taken_for_a_rules_person():
    text = "（国际论坛）坦冈米—雅麦夫人强调。"
    rule = Candidate(*at(text, "雅麦"), "person", "雅麦", "title-after", 3, roles=[("夫人", None)])
    unsure = (FIT_CONFIDENCE + MIN_CONFIDENCE) / 2
    merged = merge_tagged(text, [rule], [(*at(text, "坦冈米—雅麦"), "person", unsure)])
    assert [c.name for c in merged] == ["坦冈米—雅麦"]
    assert merge_tagged(text, [rule], [(*at(text, "坦冈米—雅麦"), "person", FIT_CONFIDENCE / 2)]) == [rule]


def test_home_region_words_and_a_division_after_its_parent_are_not_vetoed():
    text = "首府呼和浩特市赛罕区举办活动，赛罕区居民参加。"
    home = Candidate(*at(text, "首府"), "place", "首府", "gazetteer", 1)
    district = Candidate(*at(text, "赛罕区"), "place", "赛罕区", "gazetteer", 1)  # after 呼和浩特市
    alone = Candidate(text.rindex("赛罕区"), text.rindex("赛罕区") + 3, "place", "赛罕区", "gazetteer", 1)
    sure_no = {(c.start, c.end): reading(c.end - c.start, 0.99) for c in (home, district, alone)}
    assert probes(text, [home, district, alone]) == [(alone.start, alone.end)]
    assert merge_tagged(text, [home, district, alone], [], sure_no) == [home, district]


def test_a_name_inside_a_trade_name_body_gives_way_to_the_body():
    # 华希 the tagger reads as a person, the rules read 华希生物 as a company named after it: the company.
    text = "金宇保灵、华希生物的口服疫苗产能占全国的八成。"
    start, end = at(text, "华希生物")
    company = Candidate(start, end, "organization", "华希生物", "trade-name", 1)
    merged = merge_tagged(text, [company], [(start, start + 2, "person", SURE)])
    assert [(c.start, c.end, c.type) for c in merged] == [(start, end, "organization")]
    # A suffix rule's body (琼斯会 of 琼斯会赢得) is no such company: the tagger's person stays.
    text = "人们没想到琼斯会赢得如此轻松。"
    start, end = at(text, "琼斯会")
    body = Candidate(start, end, "organization", "琼斯会", "suffix", 1)
    merged = merge_tagged(text, [body], [(start, start + 2, "person", SURE)])
    assert [(c.start, c.end, c.type) for c in merged] == [(start, start + 2, "person")]


def test_the_organisation_lexicon_keeps_its_type():
    text = "视频登上央视新闻。"
    start, end = at(text, "央视新闻")
    media = Candidate(start, end, "organization", "央视新闻", "lexicon", 2)
    merged = merge_tagged(text, [media], [(start, end, "place", SURE)])
    assert [(c.start, c.end, c.type) for c in merged] == [(start, end, "organization")]


def test_a_tagger_body_ends_before_the_party_group_of_a_post():
    text = "市财政局党组书记、局长王明出席。"
    start, end = at(text, "市财政局党组")
    merged = merge_tagged(text, [], [(start, end, "organization", SURE)])
    assert [c.name for c in merged] == ["市财政局"]
    # The regional party committee is itself the body of 党委书记.
    text = "自治区党委书记孙明出席。"
    start, end = at(text, "自治区党委")
    assert [c.name for c in merge_tagged(text, [], [(start, end, "organization", SURE)])] == ["自治区党委"]


def outgrown(text: str, inner: tuple[str, str, str], outer: tuple[str, str, str], added_o: float = 0.99):
    """Merge an inner name the tagger agrees on (surface, type, rule) and a longer rule span over it whose
    added characters the tagger reads as O with probability ``added_o``: (inner, longer, merged)."""
    start, end = at(text, inner[0])
    first = Candidate(start, end, inner[1], inner[0], inner[2], 1)
    longer = Candidate(start, start + len(outer[0]), outer[1], outer[0], outer[2], 1)
    rows = reading(len(outer[0]), added_o)
    rows[:end - start, LABELS.index("O")] = 0.0  # the inner name is read as a name
    readings = {(longer.start, longer.end): rows}
    return first, longer, merge_tagged(text, [first, longer], [(start, end, inner[1], SURE)], readings)


def test_a_rule_span_adding_only_what_the_tagger_reads_as_no_name_to_an_agreed_name_gives_way():
    text = "中国市场的竞争越来越激烈。"
    place, longer, sure = outgrown(text, ("中国", "place", "gazetteer"), ("中国市场", "place", "feature-suffix"))
    assert place in sure and longer not in sure
    # The tagger not sure of 市场: the longer span stays; nor without a reading.
    _, longer, unsure = outgrown(text, ("中国", "place", "gazetteer"), ("中国市场", "place", "feature-suffix"),
                                 OUTGROWN - 0.01)
    assert longer in unsure
    assert longer in merge_tagged(text, [place, longer], [(place.start, place.end, "place", SURE)])


def test_a_named_feature_agreed_on_may_start_another():
    _, area, merged = outgrown("提升中山路商圈功能。", ("中山路", "place", "feature-suffix"),
                               ("中山路商圈", "place", "feature-suffix"), 1.0)
    assert area in merged


def test_the_government_of_a_place_is_not_outgrown():
    _, body, merged = outgrown("赤峰市人民政府与企业签约。", ("赤峰市", "place", "gazetteer"),
                               ("赤峰市人民政府", "organization", "suffix"))
    assert body in merged


def test_outgrowing_reads_the_text_not_a_normalised_name_of_another_length():
    """A body written across a page break (赤峰市人民政\\n府) is named without the break: what it adds is read
    from the text, never from the shorter name."""
    text = "赤峰市人民政\n府与企业签约。"
    place = Candidate(0, 3, "place", "赤峰市", "gazetteer", 1)
    body = Candidate(0, 8, "organization", "赤峰市人民政府", "suffix", 1)
    rows = reading(8, 0.99)
    rows[:3, LABELS.index("O")] = 0.0
    assert place in merge_tagged(text, [place, body], [(0, 3, "place", SURE)], {(0, 8): rows})


def test_a_lists_first_item_ends_with_the_name_the_tagger_is_sure_of():
    """The clause before a list's first item is no part of it: 坚决贯彻落实党中央 -> 党中央."""
    from kg.extract.enumeration import extend_enumerations
    from kg.extract.tokens import get_tokenizer

    text = "坚决贯彻落实党中央、国务院、中央军委决策部署。"
    tagged = Candidate(*at(text, "党中央"), "organization", "党中央", TAGGER_RULE, 1)
    known = [Candidate(*at(text, name), "organization", name, "lexicon", 2) for name in ("国务院", "中央军委")]
    extended = extend_enumerations(text, [tagged, *known], get_tokenizer())
    assert sorted(c.name for c in extended) == ["中央军委", "党中央", "国务院"]


def test_a_taggers_span_ends_at_a_bracket_it_does_not_close():
    text = "历任合肥会计师事务所（现华证会计师事务所）经理。"
    merged = merge_tagged(text, [], [(*at(text, "合肥会计师事务所（现华证会计师事务所"), "organization", SURE)])
    assert [c.name for c in merged] == ["合肥会计师事务所"]


def test_a_rules_body_loses_the_opening_characters_the_tagger_reads_as_no_name():
    text = "2004年7月，任中源协和细胞基因工程股份有限公司董事。"
    start, end = at(text, "任中源协和细胞基因工程股份有限公司")
    rule = Candidate(start, end, "organization", text[start:end], "suffix", 2)
    rows = reading(end - start, 0.95)  # 任 read as no name, the rest as the body
    rows[1:, LABELS.index("O")] = 0.05
    rows[1:, LABELS.index("I-ORG")] = 0.95
    assert merge_tagged(text, [rule], [], {(start, end): rows}) == [rule]  # no name read as beginning there
    rows[1, LABELS.index("I-ORG")], rows[1, LABELS.index("B-ORG")] = 0.0, 0.95
    merged = merge_tagged(text, [rule], [], {(start, end): rows})
    assert [(c.name, c.type, c.rule) for c in merged] == [("中源协和细胞基因工程股份有限公司", "organization", "suffix")]
    home_text = text[:start] + "市" + text[start + 1:]  # 市 + a body: resolution names the city
    home = Candidate(start, end, "organization", home_text[start:end], "suffix", 2)
    assert merge_tagged(home_text, [home], [], {(start, end): rows}) == [home]  # a home prefix stays
    rows[0, LABELS.index("O")] = VETO - 0.01  # unsure: the rule's span stays whole
    rows[0, LABELS.index("I-ORG")] = 1 - (VETO - 0.01)
    assert merge_tagged(text, [rule], [], {(start, end): rows}) == [rule]
    person = Candidate(start, start + 3, "person", "任中源", "surname-given", 2)  # people keep their extent
    assert merge_tagged(text, [person], [], {(start, start + 3): rows[:3]}) == [person]


def test_a_taggers_place_made_of_the_rules_divisions_gives_way_to_them():
    text = "位于河北省秦皇岛市的一家工厂。"
    province = Candidate(*at(text, "河北省"), "place", "河北省", "gazetteer", 1)
    city = Candidate(*at(text, "秦皇岛市"), "place", "秦皇岛市", "gazetteer", 1)
    merged = merge_tagged(text, [province, city], [(province.start, city.end, "place", SURE)])
    assert merged == [province, city]
    # a span the divisions do not cover to its end stays the tagger's
    longer = merge_tagged(text, [province, city], [(province.start, city.end + 2, "place", SURE)])
    assert [(c.start, c.end, c.rule) for c in longer] == [(province.start, city.end + 2, TAGGER_RULE)]


def test_place_tiling_covers_the_span_exactly_with_two_places_or_more():
    from kg.extract.candidates import place_tiling

    text = "山东胶州市铺集镇"
    pieces = [Candidate(*at(text, w), "place", w, "gazetteer", 1) for w in ("山东", "胶州", "胶州市", "铺集镇")]
    assert [c.name for c in place_tiling(0, len(text), pieces)] == ["山东", "胶州市", "铺集镇"]
    assert place_tiling(0, len(text) - 1, pieces) == []  # 铺集 is no piece: the span is not covered
    assert place_tiling(*at(text, "铺集镇"), pieces) == []  # one place is no tiling
    person = Candidate(*at(text, "铺集镇"), "person", "铺集镇", "tagger", 1)
    assert place_tiling(0, len(text), pieces[:3] + [person]) == []
