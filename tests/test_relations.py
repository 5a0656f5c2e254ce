"""Typed relations a sentence states (kg.extract.relations), on sentences written for the tests with
made-up people and bodies; and how they reach the graph, the RDF and kg show."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extraction import stated
from kg.cli import cli
from kg.graph import build_graph
from kg.pipeline import extract


@pytest.mark.parametrize("text, expected", [
    ("1月9日下午，市委副书记、市长林望舒会见青禾精工株式会社副社长崔原一行，双方进行了交流。",
     {("meets", "林望舒", "崔原")}),
    ("区委书记宋明远、区长秦海峰会见了北辰重工有限公司董事长聂云飞一行。",
     {("meets", "宋明远", "聂云飞"), ("meets", "秦海峰", "聂云飞")}),
    ("省长方知远与华岳控股集团总裁白振宇举行会谈。", {("meets", "方知远", "白振宇")}),
    ("市长姜海涛在市政府会见中国建材集团董事长曹立明，双方进行了交流。", {("meets", "姜海涛", "曹立明")}),  # 中国, not 会见中
    ("市长林望舒会见了前来考察的青禾精工有限公司董事长崔原一行。", {("meets", "林望舒", "崔原")}),  # 考察的: no visit
    ("市长林望舒和夫人苏晴在市政府会见了青禾精工有限公司董事长崔原一行。",
     {("meets", "林望舒", "崔原"), ("meets", "苏晴", "崔原")}),  # a direct object: the hosts meet the guest
    ("副省长冯启明和秘书长聂云飞会见了远方来的客人。", set()),  # two hosts, the guests unnamed
    ("副省长冯启明和秘书长聂云飞举行会谈。", {("meets", "冯启明", "聂云飞")}),
])
def test_meetings_with_lists_and_delegations(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("市委书记温子健到和林格尔县调研乡村振兴工作。", {("visits", "温子健", "和林格尔县")}),
    ("副市长冯启明赴杭州市、宁波市考察数字经济发展。",
     {("visits", "冯启明", "杭州市"), ("visits", "冯启明", "宁波市")}),
    ("县长石磊调研县第一中学。", {("visits", "石磊", "县第一中学")}),
    ("市长林望舒赴浙江省湖州市考察。", {("visits", "林望舒", "湖州市")}),  # the inner place
])
def test_visits_to_places_and_bodies(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("赤峰市人民政府与青禾精工有限公司签署战略合作协议。",
     {("signs_with", "赤峰市人民政府", "青禾精工有限公司")}),
    ("开发区管委会分别与华希生物有限公司、金桥智造有限公司签约。",
     {("signs_with", "开发区管委会", "华希生物有限公司"), ("signs_with", "开发区管委会", "金桥智造有限公司")}),
    ("青山环保有限公司和天衡电气有限公司签约。", {("signs_with", "青山环保有限公司", "天衡电气有限公司")}),
    ("赤峰市与浙江省湖州市签订友好城市协议。", {("signs_with", "赤峰市", "湖州市")}),
    ("北辰重工有限公司和天衡电气有限公司的代表在杭州市签署合作协议。",
     {("signs_with", "北辰重工有限公司", "天衡电气有限公司")}),  # 在杭州市: where, not with whom
    ("北方理工大学与天衡电气有限公司开展合作。", {("cooperates_with", "北方理工大学", "天衡电气有限公司")}),
])
def test_signing_and_cooperating(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("青山环保有限公司投资建设的固废综合利用项目开工。", {("invests_in", "青山环保有限公司", "固废综合利用项目")}),
    ("由华建路桥集团承建的北环快速路工程通车。", {("builds", "华建路桥集团", "北环快速路工程")}),
])
def test_investing_and_building(text, expected):
    assert stated(text) == expected


@pytest.mark.parametrize("text", [
    "在会见中，林望舒介绍了本市发展情况。",  # a time, not a meeting
    "调研时，林望舒指出要抓好落实。",
    "县委召开民营企业座谈会。",  # a kind of meeting
    "调研组到达清水河县。",  # a team
    "该项目总投资5亿元。",  # an amount
    "会后，双方签署了合作协议。",  # no named party
    "深化与杭州市、宁波市等地合作。",  # no subject
    "北辰重工有限公司董事长聂云飞受到市长林望舒接见。",  # passive
    "市政府与青禾精工有限公司签署了一份文件。",  # 签署 without an agreement
    "林望舒会见日本客人市人大常委会副主任冯启明、市政府秘书长聂云飞等参加了会见。",  # attending
    "副市长冯启明、秘书长聂云飞和青禾精工有限公司董事长崔原会见时在座。",  # present
    "青禾精工有限公司董事长崔原与天衡电气有限公司总经理秦朗共同会见记者。",  # two hosts
    "北辰重工有限公司打算与天衡电气有限公司合作。",  # a plan
    "赤峰市希望同湖州市以及周边的包头市就生态问题加强合作。",  # a wish, however far from the verb
    "赤峰市和湖州市在建立友好合作关系方面取得进展。",  # 合作关系: a kind of thing
    "副市长冯启明和青禾精工有限公司董事长崔原等参加了会谈。",  # present at the talks
    "推动北方理工大学与天衡电气有限公司合作议案落地。",  # 合作议案: a kind of thing
    "北方理工大学和天衡电气有限公司举办交流与合作的座谈会。",  # 交流与合作
    "市长林望舒会见了远方客人（本报记者崔原摄）。",  # a photo credit
    "县委书记温子健考察港澳台地区的经验。",  # one-character places are not parties
    "县委书记温子健考察了在清水河县举办的农业展览。",  # what is visited is the show, not the county
    "市长林望舒视察与武川县接壤的边境地区。",  # the area next to the county
    "林望舒对“抓落实”的认识考察了武川县。",  # a quotation between the name and the verb
])
def test_sentences_that_state_no_relation(text):
    assert stated(text) == set()


def test_an_employer_named_with_the_guest_is_not_met():
    found = stated("市长林望舒会见青禾精工株式会社副社长崔原一行。")
    assert ("meets", "林望舒", "青禾精工株式会社") not in found


@pytest.fixture(scope="module")
def meeting_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    (folder / "page.txt").write_text(
        "市长林望舒会见远东客商\n\n本报讯 1月9日下午，市委副书记、市长林望舒会见青禾精工株式会社副社长崔原一行。"
        "双方就合作进行了交流。林望舒对崔原一行表示欢迎。\n\n"
        "市委书记温子健到和林格尔县调研乡村振兴工作。\n", encoding="utf-8")
    return folder


def test_relations_are_graph_edges_keyed_by_relation_with_evidence(meeting_corpus):
    extraction = extract([str(meeting_corpus)])
    graph = build_graph(extraction)
    label = {node: data["label"] for node, data in graph.nodes(data=True)}
    edges = {(data["relation"], label[u], label[v]): (key, data) for u, v, key, data in graph.edges(keys=True, data=True)}
    key, data = edges[("meets", "林望舒", "崔原")]
    assert key == "meets" and data["verb"] == "会见"
    text = (meeting_corpus / "page.txt").read_text(encoding="utf-8")
    [(article, start, end)] = data["evidence"]
    assert article.endswith("#a0") and "会见" in text[start:end] and "崔原" in text[start:end]
    assert ("visits", "温子健", "和林格尔县") in edges


def test_relations_reach_the_rdf_and_kg_show(meeting_corpus, tmp_path):
    from rdflib import Graph, Namespace

    result = CliRunner().invoke(cli, ["build", str(meeting_corpus), "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "1 meets" in result.output and "1 visits" in result.output
    rdf = Graph().parse(tmp_path / "out" / "graph.ttl")
    kg = Namespace("https://w3id.org/kg-news/ontology#")
    label = {str(s): str(o) for s, o in rdf.subject_objects(Namespace("http://www.w3.org/2000/01/rdf-schema#")["label"])}
    assert {(label[str(s)], label[str(o)]) for s, o in rdf.subject_objects(kg.meets)} == {("林望舒", "崔原")}
    assert {(label[str(s)], label[str(o)]) for s, o in rdf.subject_objects(kg.visits)} == {("温子健", "和林格尔县")}
    data = json.loads(Path(tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert any(edge["relation"] == "meets" for edge in data["edges"])
    shown = CliRunner().invoke(cli, ["show", "崔原", str(meeting_corpus)])
    assert "met by 林望舒" in shown.output, shown.output
    listed = CliRunner().invoke(cli, ["query", str(tmp_path / "out"), "--name", "relations", "--param", "name=崔原"])
    assert listed.exit_code == 0 and "林望舒" in listed.output and "meets" in listed.output, listed.output
    assert "温子健" not in listed.output


def test_every_relation_of_the_lexicon_has_an_rdf_property_and_a_wording():
    from kg.entities import RELATION_WORDING
    from kg.export.rdf import STATED_PROPERTIES
    from kg.lexicon import lexicons
    from kg.model import STATED_RELATIONS

    assert {relation for relation, _ in lexicons().relation_verbs.values()} == set(STATED_RELATIONS)
    assert set(STATED_PROPERTIES) == set(STATED_RELATIONS) == set(RELATION_WORDING)
