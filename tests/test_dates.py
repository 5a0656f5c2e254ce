"""Article dates: the day from the text, the year from --year, a banner, the file name, the metadata or the
folder's other files; undated articles take their page's date. Pages written for the tests."""
import json

import pytest

from kg.corpus import read_articles
from kg.corpus.dates import date_articles, dated_share, name_date, real_date

PAGE = ("市长林望舒会见远方客人\n\n本报讯 1月9日下午，市长林望舒会见青禾精工株式会社副社长崔原一行。\n\n"
        "县城新建一座公园\n\n本报讯（记者 王小明）近日，县城新建的一座公园对市民开放，受到欢迎。\n")


def dated(folder, year=None) -> dict[str, str | None]:
    articles = list(read_articles([str(folder)], year=year))
    date_articles(articles)
    return {article.key.split("/")[-1]: article.date for article in articles}


def test_real_dates_only():
    assert real_date(2024, 2, 29) == "2024-02-29"
    assert real_date(2023, 2, 29) is None and real_date(None, 1, 9) is None


@pytest.mark.parametrize("name, date", [
    ("2024-01-10.txt", "2024-01-10"), ("rmrb20240110.html", "2024-01-10"), ("paper_2024_01_10_p3.txt", "2024-01-10"),
    ("page3.txt", None), ("20241399.txt", None), ("id120240110999.txt", None),
])
def test_a_full_date_in_the_file_name(name, date):
    assert name_date(f"in/{name}#2") == date


def test_a_dateline_takes_the_year_given_and_the_page_dates_its_other_articles(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert dated(tmp_path) == {"page.txt#a0": None, "page.txt#a1": None}
    assert dated(tmp_path, 2024) == {"page.txt#a0": "2024-01-09", "page.txt#a1": "2024-01-09"}


def test_the_year_from_the_file_name(tmp_path):
    (tmp_path / "daily-2023.txt").write_text(PAGE, encoding="utf-8")
    assert set(dated(tmp_path).values()) == {"2023-01-09"}


def test_an_undated_article_takes_the_issue_date_of_the_file_name(tmp_path):
    (tmp_path / "2024-01-10.txt").write_text(PAGE, encoding="utf-8")
    assert dated(tmp_path) == {"2024-01-10.txt#a0": "2024-01-09", "2024-01-10.txt#a1": "2024-01-10"}


def test_a_day_printed_after_the_issue_belongs_to_the_year_before(tmp_path):
    (tmp_path / "2024-01-03.txt").write_text(PAGE.replace("1月9日", "12月28日"), encoding="utf-8")
    assert dated(tmp_path)["2024-01-03.txt#a0"] == "2023-12-28"


def test_a_page_without_a_year_takes_the_year_of_its_folder(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b-2022.txt").write_text(PAGE.replace("1月9日", "3月2日"), encoding="utf-8")
    found = dated(tmp_path)
    assert found["a.txt#a0"] == "2022-01-09" and found["b-2022.txt#a0"] == "2022-03-02"


def test_a_day_opening_the_first_sentence(tmp_path):
    (tmp_path / "p.txt").write_text("商务运行总体平稳\n\n记者从1月4日召开的发布会获悉，全区外贸增长。\n", encoding="utf-8")
    assert dated(tmp_path, 2024) == {"p.txt#a0": "2024-01-04"}


def test_json_lines_dates_and_impossible_days(tmp_path):
    records = [{"id": "x", "title": "一", "text": "本报讯 2月30日，市长林望舒调研。", "date": None},
               {"id": "y", "title": "二", "text": "近日，县城新建一座公园。", "date": "2024年3月5日"},
               {"id": "z", "title": "三", "text": "本报讯 2月3日，市长林望舒调研。", "date": "2024-02-04T08:00:00"}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    found = dated(tmp_path, 2024)
    # 2月30日 is no day; the field dates an article without a dateline; a dateline's day comes first
    assert found == {"feed.jsonl#x#a0": None, "feed.jsonl#y#a0": "2024-03-05", "feed.jsonl#z#a0": "2024-02-03"}


def test_the_seeds_are_dated_given_the_year(seeds_dir, tmp_path):
    articles = list(read_articles([str(seeds_dir)], year=2024))
    ways = date_articles(articles)
    share = dated_share(articles)
    print(f"seeds dated with --year 2024: {share:.3f} ({sum(1 for a in articles if a.date)} of {len(articles)}; "
          f"{ways['own']} from their own text, {ways['page']} from their page)")
    assert share >= 0.95
    assert all(real_date(int(a.date[:4]), int(a.date[5:7]), int(a.date[8:])) == a.date for a in articles if a.date)
