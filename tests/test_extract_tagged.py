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
    ("在邓小平理论指引下前进。", "person", "邓小平"),  # a name inside a doctrine's name
])
def test_names_the_rules_leave_to_the_tagger(text, kind, name):
    assert name in found(text).get(kind, set())


def test_a_person_only_the_tagger_finds_holds_the_post_written_before_it():
    # jieba knows 安南 as a place, so no rule reads it as a name; the tagger does
    mentions, roles = run("联合国秘书长安南抵达北京。")
    assert [(m.surface, m.rule) for m in mentions if m.type == "person"] == [("安南", "tagger")]
    assert {(m.surface, r.title, r.org) for m, r in roles} == {("安南", "秘书长", "联合国")}


def test_posts_go_to_the_taggers_people_right_after_them_only():
    from kg.extract.candidates import TAGGER_RULE, Candidate
    from kg.extract.person import posts_of_tagged_people
    from kg.extract.tokens import get_tokenizer

    text = "市长高峰会见了专家马力。"
    tokens = get_tokenizer().tokenize(text)
    after_post = Candidate(2, 4, "person", "高峰", TAGGER_RULE, 1)
    after_verb = Candidate(10, 12, "person", "马力", TAGGER_RULE, 1)  # 专家 is no post
    rule_person = Candidate(2, 4, "person", "高峰", "title-before", 3)
    settled = posts_of_tagged_people(tokens, [after_post, after_verb])
    assert settled[0].roles == [("市长", None)] and settled[1].roles == []
    assert posts_of_tagged_people(tokens, [rule_person]) == [rule_person]  # the rules' own posts stay theirs


def test_posts_and_their_holders_stay_with_the_rules():
    mentions, roles = run("市委副书记、市长王建国会见丰田汽车公司副社长一行。")
    assert {(m.surface, r.title) for m, r in roles} >= {("王建国", "市委副书记"), ("王建国", "市长")}
    assert "丰田汽车公司" in {m.surface for m in mentions if m.type == "organization"}


def test_quoted_projects_stay_projects():
    found_here = found("全市推进“幸福家园”工程建设。")
    assert any("幸福家园" in name for name in found_here.get("project", set()))
    assert not any("幸福家园" in name for kind in ("organization", "place", "person")
                   for name in found_here.get(kind, set()))


@pytest.mark.parametrize("text, word", [
    ("这家工厂扩大了生产（今日看点）。", "今日看点"),  # a column's name in brackets, read as a byline
    ("村民过着富裕的生活。", "过着"),  # a verb after a title-like word
])
def test_what_the_tagger_reads_as_no_name_is_dropped(text, word):
    assert word not in {name for names in found(text).values() for name in names}


@pytest.mark.parametrize("text, name, title", [
    ("该国总理阿卜杜拉希莫夫会见了代表团。", "阿卜杜拉希莫夫", "总理"),  # the rules cut it at 阿卜杜拉
    ("外长何塞·路易斯·门德斯抵达。", "何塞·路易斯·门德斯", "外长"),
])
def test_a_post_holder_takes_the_taggers_extent_and_keeps_the_post(text, name, title):
    mentions, roles = run(text)
    assert [m.surface for m in mentions if m.type == "person"] == [name]
    assert (name, title) in {(m.surface, r.title) for m, r in roles}


def test_a_rare_surname_with_a_title_is_read_as_a_common_one():
    # The tagger alone does not tag 亓 of 亓老; with 王 in its place it does (kg/extract/stand_in.py).
    assert "亓" in found("大家都来看望亓老，祝他健康长寿。").get("person", set())


def test_a_bare_surname_the_tagger_does_not_confirm_is_dropped():
    # The rules read 党 of 党领导 as a surname before a post; the tagger reads no person there, nor in 王领导.
    from kg.extract import read_sentences

    text = "要辩证地认识和处理党领导的事业与党的自身建设。"
    assert [c.rule for c in read_sentences([text])[2][0]].count("surname-title") == 1
    assert not found(text).get("person")


def test_a_bare_surname_the_tagger_reads_as_printed_is_kept():
    # jieba knows 毛主席 as one word, which the tagger reads as 毛 + a post; 王 + 主席 it does not tag
    assert "毛" in found("他坚决贯彻毛主席制定的方针。").get("person", set())


def test_either_reading_confirms_a_bare_surname():
    from kg.extract import candidate_spans, read_sentences
    from kg.extract.stand_in import STAND_IN, confirmed_references

    class ReadsOnly:  # tags the reference's character as a person when it is the one given
        def __init__(self, surname):
            self.surname = surname

        def tag(self, texts, tokens, spans):
            return [[(i, i + 1, "person") for i, ch in enumerate(text) if ch == self.surname] for text in texts]

    texts, _, found_candidates = read_sentences(["当时，毛主席亲自担任校长。"])
    assert [(c.start, c.rule) for c in found_candidates[0]] == [(3, "surname-title")]
    for surname, kept in (("毛", {(3, 4)}), (STAND_IN, {(3, 4)}), ("李", set())):
        assert confirmed_references(texts, found_candidates, ReadsOnly(surname), read_sentences,
                                    candidate_spans) == [kept]


def test_stand_in_text_writes_a_common_surname():
    from kg.extract.candidates import Candidate
    from kg.extract.stand_in import STAND_IN, stand_in_text

    reference = Candidate(3, 4, "person", "仉处长", "surname-title", 1)
    other = Candidate(0, 3, "organization", "体育局", "suffix", 1)
    assert stand_in_text("体育局仉处长说", [other, reference]) == f"体育局{STAND_IN}处长说"


def test_a_listed_place_is_named_without_the_part_of_it_meant():
    places = found("预计明天，四川东部、江南中北部、汉水流域等地将有中到大雨。").get("place", set())
    assert {"四川", "江南", "汉水"} <= places
    assert not {"四川东部", "江南中北部", "汉水流域"} & places


@pytest.mark.parametrize("text, places", [
    ("位于河北省秦皇岛市的一家工厂。", {"河北省", "秦皇岛市"}),  # the tagger reads one span
    ("浙江温州、福建泉州、广东东莞等地的企业纷纷到场。", {"浙江", "温州", "福建", "泉州", "广东", "东莞"}),  # a list
])
def test_divisions_written_together_are_each_a_place(text, places):
    assert found(text).get("place", set()) == places


def test_a_street_address_stays_one_place():
    assert "上海市长寿路" in found("会场设在上海市长寿路1号。").get("place", set())


def test_a_surname_jieba_keeps_with_a_form_of_address_names_the_person():
    from kg.extract import read_sentences

    # jieba writes 吴先生 as one word: the rules read its surname as a reference, which the tagger confirms
    candidates = read_sentences(["吴先生说，这件事他早忘了。"])[2][0]
    assert [(c.start, c.end, c.rule) for c in candidates if c.type == "person"] == [(0, 1, "surname-title")]
    assert found("吴先生说，这件事他早忘了。").get("person") == {"吴"}


@pytest.mark.parametrize("text, body", [
    ("后来，纪委的同志到我家。", "纪委"),  # MSRA's training split labels 纪委 standing alone 10 times of 11
    ("人民代表大会及其常委会在党的领导下工作。", "常委会"),  # and 常委会 11 of 13
])
def test_a_standing_body_named_by_its_kind_alone_is_an_organisation(text, body):
    assert body in found(text).get("organization", set())


def test_a_court_named_by_its_kind_alone_is_not():
    # 法院 standing alone is labelled 5 times of 81 in MSRA's training split: a generic noun
    assert not found("他们与法院取得了联系。").get("organization")
