"""kg eval-spans: exact mention spans on character-tagged NER files."""
import gzip
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.annotated import TaggedSentence, read_annotated, read_cluener_lines, write_cluener, write_tagged
from kg.span_eval import read_tagged_lines, score_spans, swap_person_names
from script_modules import load_script

SENTENCE = "国务院总理李克强在北京会见了来访的法国客人。"


def tagged(text: str, spans: dict[str, str], scheme: str = "BIO") -> list[str]:
    """Tag ``text`` with ``spans`` (surface -> label) in BIO, BMES or BIOES notation."""
    tags = ["O"] * len(text)
    for surface, label in spans.items():
        start = text.index(surface)
        end = start + len(surface)
        for i in range(start, end):
            inside = "M" if scheme == "BMES" else "I"
            tags[i] = f"{inside}-{label}"
        tags[start] = f"B-{label}"
        if scheme in ("BMES", "BIOES"):
            if end - start == 1:
                tags[start] = f"S-{label}"
            else:
                tags[end - 1] = f"E-{label}"
    return [f"{ch} {tag}" for ch, tag in zip(text, tags)] + [""]


GOLD = {"国务院": "ORG", "李克强": "PER", "北京": "LOC", "法国": "LOC"}


@pytest.mark.parametrize("scheme", ["BIO", "BMES", "BIOES"])
def test_every_scheme_reads_the_same_spans(scheme):
    sentence = read_tagged_lines(tagged(SENTENCE, GOLD, scheme))[0]
    assert sentence.text == SENTENCE
    assert {(SENTENCE[s:e], kind) for s, e, kind in sentence.spans} == {
        ("国务院", "organization"), ("李克强", "person"), ("北京", "place"), ("法国", "place")}


def test_scores_count_exact_spans_only():
    exact = score_spans(read_tagged_lines(tagged(SENTENCE, GOLD)))
    assert exact["scores"]["overall"]["tp"] == 4 and exact["scores"]["overall"]["fn"] == 0
    wider = score_spans(read_tagged_lines(tagged(SENTENCE, {"国务院总理": "ORG"})))
    assert wider["scores"]["organization"]["tp"] == 0 and wider["scores"]["organization"]["fn"] == 1


def test_cli_prints_a_table_and_json(tmp_path):
    path = tmp_path / "test.bio"
    path.write_text("\n".join(tagged(SENTENCE, GOLD) + tagged("他说：", {})), encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(cli, ["eval-spans", str(path)])
    assert table.exit_code == 0, table.output
    assert "overall" in table.output and "2 sentences" in table.output
    result = json.loads(runner.invoke(cli, ["eval-spans", str(path), "--json"]).output)
    assert result["sentences"] == 2 and result["scores"]["person"]["tp"] == 1


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.bio"
    path.write_text("中 B-LOC\n国 I-LOC X\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-spans", str(path)])
    assert result.exit_code != 0 and "bad.bio, line 2" in result.output


CLUENER_RECORD = {"text": "浙商银行的叶老桂在杭州西湖区说", "label": {
    "company": {"浙商银行": [[0, 3]]}, "name": {"叶老桂": [[5, 7]]}, "address": {"杭州西湖区": [[9, 13]]},
    "position": {"行长": []}}}


def test_cluener_json_lines_are_read_with_kg_types(tmp_path):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(CLUENER_RECORD, ensure_ascii=False) + "\n\n", encoding="utf-8")
    sentence = read_annotated(path)[0]
    assert {(sentence.text[s:e], kind) for s, e, kind in sentence.spans} == {
        ("浙商银行", "organization"), ("叶老桂", "person"), ("杭州西湖区", "place")}


def test_gzipped_files_and_both_layouts_round_trip(tmp_path):
    sentences = read_cluener_lines([json.dumps(CLUENER_RECORD, ensure_ascii=False)])
    tagged_path, json_path = tmp_path / "dev.bioes.gz", tmp_path / "dev.jsonl"
    with gzip.open(tagged_path, "wt", encoding="utf-8") as handle:
        write_tagged(sentences, handle)
    with open(json_path, "w", encoding="utf-8") as handle:
        write_cluener(sentences, handle)
    for path in (tagged_path, json_path):
        again = read_annotated(path)
        assert [(s.text, s.spans, s.positions) for s in again] == [(s.text, s.spans, s.positions) for s in sentences]


TITLED_RECORD = {"text": "浙商银行董事长王明会见了客人", "label": {
    "company": {"浙商银行": [[0, 3]]}, "position": {"董事长": [[4, 6]]}, "name": {"王明": [[7, 8]]}}}


def test_post_titles_are_read_round_trip_and_keep_their_offsets_when_names_are_swapped(tmp_path):
    sentences = read_cluener_lines([json.dumps(TITLED_RECORD, ensure_ascii=False)])
    assert sentences[0].positions == [(4, 7)] and (4, 7, "organization") not in sentences[0].spans
    tagged_path, json_path = tmp_path / "dev.bioes", tmp_path / "dev.jsonl"
    with open(tagged_path, "w", encoding="utf-8") as handle:
        write_tagged(sentences, handle)
    assert "董 B-TITLE" in tagged_path.read_text(encoding="utf-8")  # as Resume NER writes its TITLE
    with open(json_path, "w", encoding="utf-8") as handle:
        write_cluener(sentences, handle)
    for path in (tagged_path, json_path):
        assert read_annotated(path)[0].positions == [(4, 7)]
    assert swap_person_names(sentences)[0].positions == [(4, 7)]


def test_post_titles_are_scored_apart_when_the_set_labels_them(tmp_path):
    record = dict(TITLED_RECORD, label={**TITLED_RECORD["label"], "position": {"董事长": [[4, 6]], "客人": [[12, 13]]}})
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = json.loads(runner.invoke(cli, ["eval-spans", str(path), "--json"]).output)
    assert result["positions"]["tp"] == 1 and result["positions"]["fn"] == 1  # 董事长 found, 客人 is no post
    assert result["scores"]["overall"]["tp"] + result["scores"]["overall"]["fn"] == 2  # titles not in the overall
    assert "post titles" in runner.invoke(cli, ["eval-spans", str(path)]).output
    plain = tmp_path / "test.bio"
    plain.write_text("\n".join(tagged(SENTENCE, GOLD)), encoding="utf-8")
    assert "positions" not in json.loads(runner.invoke(cli, ["eval-spans", str(plain), "--json"]).output)


def test_a_cluener_record_whose_offsets_do_not_match_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    record = {"text": "叶老桂说", "label": {"name": {"叶老桂": [[1, 3]]}}}
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-spans", str(path)])
    assert result.exit_code == 1 and "bad.jsonl, line 2" in result.output and "Traceback" not in result.output


def test_cli_scores_cluener_files(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(CLUENER_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    result = json.loads(CliRunner().invoke(cli, ["eval-spans", str(path), "--json"]).output)
    assert result["sentences"] == 1
    assert sum(result["scores"]["overall"][k] for k in ("tp", "fn")) == 3


def test_swapped_names_are_made_up_consistent_and_keep_offsets():
    text = "李克强说，李克强和王毅在北京。"
    sentence = TaggedSentence(text, [(0, 3, "person"), (5, 8, "person"), (9, 11, "person"), (12, 14, "place")])
    swapped = swap_person_names([sentence])[0]
    assert len(swapped.text) == len(text) and swapped.spans == sentence.spans
    first, second, third = (swapped.text[s:e] for s, e, _ in swapped.spans[:3])
    assert first == second != "李克强" and third != "王毅"
    assert swapped.text[12:14] == "北京" and swapped.text[3:5] == "说，"
    assert swap_person_names([sentence])[0].text == swapped.text  # the same stand-ins every run


def test_foreign_names_get_made_up_foreign_names_of_the_same_shape():
    from kg.lexicon import lexicons

    foreign = lexicons().transliteration_chars
    text = "约翰·史密斯和Erik会见王毅。"
    spans = [(0, 6, "person"), (7, 11, "person"), (13, 15, "person")]
    swapped = swap_person_names([TaggedSentence(text, spans)])[0]
    dotted, latin, chinese = (swapped.text[s:e] for s, e, _ in spans)
    assert dotted[2] == "·" and dotted != "约翰·史密斯" and all(ch in foreign for ch in dotted.replace("·", ""))
    assert latin != "Erik" and latin[0].isupper() and latin[1:].islower() and latin.isascii()
    assert chinese != "王毅" and len(chinese) == 2 and not all(ch in foreign for ch in chinese)


def test_cli_swap_names_scores_the_same_number_of_gold_names(tmp_path):
    path = tmp_path / "test.bio"
    path.write_text("\n".join(tagged(SENTENCE, GOLD)), encoding="utf-8")
    plain = json.loads(CliRunner().invoke(cli, ["eval-spans", str(path), "--json"]).output)
    swapped = json.loads(CliRunner().invoke(cli, ["eval-spans", str(path), "--json", "--swap-names"]).output)
    gold = lambda r: r["scores"]["person"]["tp"] + r["scores"]["person"]["fn"]  # noqa: E731
    assert gold(plain) == gold(swapped) == 1


def test_the_conventions_recount_reads_an_address_found_as_its_divisions_as_found_and_drops_unlabelled_countries():
    recount_conventions = load_script("recount_conventions")
    text = "他从法国回到江苏省盐城市东台县住了三年。"
    gold = {(6, 15, "place")}  # CLUENER style: the whole address, 法国 unlabelled
    predicted = {(2, 4, "place"), (6, 9, "place"), (9, 12, "place"), (12, 15, "place")}
    again, addresses, countries = recount_conventions.recount(text, gold, predicted, {"法国"})
    assert again == gold and (addresses, countries) == (1, 1)
    # a span crossing the address, or places covering less than half of it, leave it missed
    crossing = {(4, 9, "place"), (9, 12, "place")}
    assert recount_conventions.recount(text, gold, crossing, set())[0] == crossing
    sparse = {(12, 15, "place")}
    assert recount_conventions.recount(text, gold, sparse, set())[0] == sparse
