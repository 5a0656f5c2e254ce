"""Positions named with or without a holder (kg.extract.positions), in the extraction contract."""
import json

from kg.extract import extract_article
from kg.extract.candidates import Candidate
from kg.extract.positions import find_positions
from kg.extract.tokens import get_tokenizer
from kg.model import Article, Document, Sentence


def positions(text: str, candidates=()) -> list[str]:
    return [title for _, _, title in find_positions(text, get_tokenizer().tokenize(text), list(candidates))]


def test_a_post_named_without_its_holder_is_a_position():
    assert positions("记者从市交通局获悉，专家提醒市民注意防寒。") == ["记者", "专家"]
    assert positions("一位收藏家表示，这件瓷器并非真品。") == ["收藏家"]


def test_modifiers_before_a_post_and_an_assistants_tail_belong_to_it():
    assert positions("原告代理律师表示不服。") == ["代理律师"]
    assert positions("公司营销总监和总经理助理出席了发布会。") == ["营销总监", "总经理助理"]


def test_a_post_inside_a_name_is_not_a_position():
    text = "市记者协会召开年会。"
    start = text.index("市记者协会")
    body = Candidate(start, start + len("市记者协会"), "organization", "市记者协会", "suffix", 1)
    assert positions(text, [body]) == []
    assert positions("今天天气很好，我们去公园散步。") == []


def test_extraction_keeps_each_positions_offsets_in_the_source():
    text = "本报讯 市长王建国会见客商，记者了解到合作事宜。"
    article = Article(document=Document(source="x.txt", text=text), index=0, start=0, end=len(text),
                      sentences=[Sentence(start=4, end=len(text), text=text[4:])])
    extract_article(article)
    assert [(text[s:e], title) for s, e, title in article.positions] == [("市长", "市长"), ("记者", "记者")]


def test_the_contract_lists_the_positions_of_each_article(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    page = tmp_path / "page.txt"
    page.write_text("专家提醒\n\n近日，专家提醒市民注意交通安全，记者了解到相关部门已作部署。\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    found = [(p["title"], text[p["start"]:p["end"]]) for r in records for p in r["positions"]]
    assert ("记者", "记者") in found and found.count(("专家", "专家")) >= 1
