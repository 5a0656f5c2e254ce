"""Sentence splitting with offsets, quotes and brackets, and stitched paragraphs."""
from __future__ import annotations

from kg.corpus.sentences import paragraph_sentences, split_points, split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_points(text)]


def test_splits_after_final_punctuation():
    assert texts("今天下雨。明天晴！后天呢？再说;好的；完") == ["今天下雨。", "明天晴！", "后天呢？", "再说;", "好的；", "完"]


def test_no_split_inside_quotes_or_brackets():
    assert texts("他说:“项目已开工。明年投产。”大家很高兴。") == ["他说:“项目已开工。明年投产。”", "大家很高兴。"]
    assert texts("会议(详见附件。另有说明。)圆满结束。") == ["会议(详见附件。另有说明。)圆满结束。"]
    assert texts("专家（含外地。）共十人。随后散会。") == ["专家（含外地。）共十人。", "随后散会。"]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "他说“" + "很长的话。" * 60
    assert len(texts(text)) > 1


def test_repeated_marks_and_spaces():
    assert texts("  真的吗？！ 是的。 ") == ["真的吗？！", "是的。"]


def test_line_ends_split():
    text = "第一行没有句号\n第二行。第三句。"
    assert [s.text for s in split_sentences(text, 0, len(text))] == ["第一行没有句号", "第二行。", "第三句。"]


def test_stitched_pieces_record_gaps_and_map_back():
    text = "甲公司为企\n\n（上接第1版）业提供服务。乙方同意。"
    second = text.index("业")
    (first, other) = paragraph_sentences(text, [(0, text.index("\n")), (second, len(text))])
    assert first.text == "甲公司为企业提供服务。"
    assert first.gaps == ((5, second - 5),)
    assert (first.start, first.end) == (0, text.index("。") + 1)
    assert text[first.to_source(5)] == "业" and first.to_source(5, is_end=True) == 5
    assert other.text == "乙方同意。" and other.gaps == ()
    assert text[other.start:other.end] == "乙方同意。"
