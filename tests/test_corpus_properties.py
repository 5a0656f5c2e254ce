"""Properties on generated pages: spans lie inside the text and map back exactly."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from kg.corpus import segment_document
from kg.model import Document

PIECES = ["市长王明会见客商一行", "本报讯(记者 张华)3月5日,", "我市将为企", "业提供服务。", "(刘洋)",
          "——访市发改委主任刘强", "(上接第1版)", "■本报记者 冯雪 摄", "“项目已开工。”他说。",
          "回眸2023", "短评", "该企业今年计划投资五亿元建设新生产线,预计年底投产。", "（下转第4版）",
          "今年以来,全市经济稳中向好", "本报5月6日讯 ", "　", " ", "。", "，", "“", "”", "(", ")"]
SEPARATORS = ["\n", "\n\n", "\n\n\n\n", "", " ", "\r\n"]

pages = st.lists(st.tuples(st.sampled_from(PIECES) | st.text(alphabet="城市发展。，“”（）\n 　", max_size=12),
                           st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))


def without_gaps(document_text: str, sentence) -> str:
    """The source slice of a sentence with its recorded gaps cut out."""
    out, position = [], sentence.start
    for offset, removed in sentence.gaps:
        cut = sentence.to_source(offset, is_end=True)
        out.append(document_text[position:cut])
        position = cut + removed
    out.append(document_text[position:sentence.end])
    return "".join(out)


def check(text: str, year=None) -> None:
    articles = segment_document(Document(source="p.txt", text=text, year=year))
    previous_end = 0
    for index, article in enumerate(articles):
        assert article.index == index
        assert previous_end <= article.start < article.end <= len(text)
        assert article.start <= (article.body_start or article.start) <= article.end
        previous_end = article.end
        for start, end in article.duplicate_spans:
            assert article.start <= start < end <= article.end
        for sentence in article.sentences:
            assert article.start <= sentence.start < sentence.end <= article.end
            assert sentence.text and sentence.text == sentence.text.strip()
            assert without_gaps(text, sentence) == sentence.text
            for offset in range(len(sentence.text)):
                assert text[sentence.to_source(offset)] == sentence.text[offset]


@settings(max_examples=300, deadline=None)
@given(pages)
def test_spans_lie_inside_and_map_back(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    check(text, year=2024)


def test_seed_pages(seeds_dir: Path):
    for path in sorted(seeds_dir.glob("*.txt")):
        check(path.read_text(encoding="utf-8"))
