"""Reading inputs: folders, globs, stdin, JSON lines, HTML and encodings."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kg.corpus import InputError, read_articles, read_documents, segment_document

PAGE = ("\n\n2021年6月2日 星期三\n\n市政府召开常务会议\n\n本报讯(记者 林青)6月1日,市政府召开常务会议,"
        "研究部署安全生产工作。\n\n会议强调,要压实企\n\n业主体责任。\n\n(吴敏)\n\n"
        "臺北訪問團抵達本市\n\n本报讯 訪問團一行參觀了科技園區。\n")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(articles):
    return [(a.title, a.date, a.byline, a.start, a.end,
             [(s.start, s.end, s.text, s.gaps) for s in a.sentences]) for a in articles]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5"])
def test_encodings_give_identical_articles(tmp_path, encoding):
    text = PAGE
    if encoding in ("gbk", "big5"):  # keep to characters both code pages have
        text = PAGE if encoding == "gbk" else "\n\n臺北訪問團抵達本市\n\n本報訊 訪問團一行參觀了科技園區,並與企業座談。\n"
    reference = list(read_articles([str(write(tmp_path / "ref.txt", text))]))
    encoded = list(read_articles([str(write(tmp_path / f"page-{encoding}.txt", text, encoding))]))
    assert snapshot(encoded) == snapshot(reference)
    assert reference and reference[0].sentences


def test_seed_page_reencoded_gives_identical_articles(tmp_path, seeds_dir):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    reference = snapshot(read_articles([str(seed)]))
    for encoding in ("gb18030", "utf-16"):
        copy = write(tmp_path / f"{encoding}.txt", text, encoding)
        assert snapshot(read_articles([str(copy)])) == reference


def test_encoding_can_be_forced(tmp_path):
    path = write(tmp_path / "a.txt", PAGE, "gb18030")
    (document,) = read_documents([str(path)], encoding="gb18030")
    assert document.text == PAGE
    with pytest.raises(InputError, match="a.txt"):
        list(read_documents([str(path)], encoding="utf-8"))


def test_undecodable_file_is_reported_and_others_processed(tmp_path):
    write(tmp_path / "good.txt", PAGE)
    (tmp_path / "junk.txt").write_bytes(b"\x81" + bytes(range(128, 256)) * 3 + b"\xff\xfe\x00")
    errors = []
    documents = list(read_documents([str(tmp_path)], encoding="utf-8", on_error=errors.append))
    assert [Path(d.source).name for d in documents] == ["good.txt"]
    assert len(errors) == 1 and "junk.txt" in str(errors[0])


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        list(read_documents([str(tmp_path / "nope.txt")]))


def test_folders_are_walked_sorted_with_globs(tmp_path):
    for name in ["b/2.txt", "b/1.md", "a/x.jsonl", "a/.hidden.txt", "c/skip.txt", "notes.csv"]:
        write(tmp_path / name, "正文。" if not name.endswith("jsonl") else '{"text": "正文。"}\n')
    sources = [d.source for d in read_documents([str(tmp_path)])]
    names = [Path(s.split("#")[0]).relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["a/x.jsonl", "b/1.md", "b/2.txt", "c/skip.txt"]
    only = [d.source for d in read_documents([str(tmp_path)], include=["*.txt"], exclude=["c/*"])]
    assert [Path(s).name for s in only] == ["2.txt"]


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("gb18030"))))
    (document,) = read_documents(["-"])
    assert document.source == "<stdin>" and document.text == PAGE


def test_year_from_banner_option_and_metadata(tmp_path):
    path = write(tmp_path / "p.txt", PAGE)
    (document,) = read_documents([str(path)])
    assert document.year == 2021
    first = segment_document(document)[0]
    assert first.date == "2021-06-01" and first.title == "市政府召开常务会议"
    (forced,) = read_documents([str(path)], year=2020)
    assert forced.year == 2020
    plain = write(tmp_path / "q.txt", "标题\n\n本报讯 1月2日,正文。")
    (undated,) = read_documents([str(plain)])
    assert undated.year is None


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": "n1", "title": "标题一", "date": "2022-05-04", "url": "http://x/1",
                         "source": "某报", "text": "本报讯 5月3日,第一条。"}, ensure_ascii=False),
             "{not json",
             json.dumps({"title": "无正文"}, ensure_ascii=False),
             "",
             json.dumps({"text": "第二条正文。"}, ensure_ascii=False)]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    errors = []
    documents = list(read_documents([str(path)], on_error=errors.append))
    assert [d.source for d in documents] == [f"{path}#n1", f"{path}#5"]
    first = documents[0]
    assert (first.title, first.date, first.url, first.year, first.meta["source"]) == \
        ("标题一", "2022-05-04", "http://x/1", 2022, "某报")
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:2", f"{path}:3"]
    with pytest.raises(InputError, match="dump.jsonl:2"):
        list(read_documents([str(path)]))
    (article,) = segment_document(first)
    assert article.title == "标题一" and article.date == "2022-05-03"  # the dateline, year from metadata


HTML = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>市长会见客商 - 某某网</title>
<meta property="article:published_time" content="2023-08-15"></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<article><h1>市长会见客商</h1>
<p>本报讯 8月14日,市长会见了来访的客商代表团一行,双方就新能源产业合作进行了深入交流。</p>
<p>市长表示,我市将持续优化营商环境,为企业发展提供优质服务,欢迎更多企业来我市投资兴业。</p>
<p>客商代表表示,将加快推进项目落地,实现互利共赢。</p></article>
<footer>版权所有 某某网 联系我们</footer></body></html>"""


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_main_text(tmp_path, encoding):
    path = write(tmp_path / "page.html", HTML.replace("{charset}", encoding), encoding)
    (document,) = read_documents([str(path)])
    assert "市长表示" in document.text and "版权所有" not in document.text and "首页" not in document.text
    assert document.title and "市长会见客商" in document.title
    assert document.year == 2023
    (article,) = segment_document(document)
    assert any("互利共赢" in s.text for s in article.sentences)


def test_empty_html_is_an_input_error(tmp_path):
    path = write(tmp_path / "empty.htm", "<html><body></body></html>")
    errors = []
    assert list(read_documents([str(path)], on_error=errors.append)) == []
    assert "empty.htm" in str(errors[0])
