"""How the tagger's spans and the rules' candidates are merged (kg.extract.merge)."""
from kg.extract.candidates import Candidate
from kg.extract.merge import MIN_CONFIDENCE, TAGGER_RULE, merge_tagged

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
    trusted = Candidate(*at(TEXT, "杭州"), "place", "杭州", "gazetteer", 1)
    merged = merge_tagged(TEXT, [weak, trusted], [(start, end, "organization", SURE), (trusted.start, trusted.end + 2, "place", SURE)])
    rules = {c.rule for c in merged}
    assert weak not in merged and trusted in merged and TAGGER_RULE in rules


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
