"""Article dates: the day from the article's text, the year from wherever the corpus says it.

Pages print "1月9日" without a year. Each article's date is settled once the whole corpus is read, in this
order:

1. the article's own day: its dateline (本报1月9日讯, already read by segmentation), else a date that opens
   its first body sentence or the clause before it (记者从1月4日召开的发布会获悉);
2. the year of that day: the document's year (its metadata, ``--year``, its dated banner), else a date in
   its file name (``2024-01-10.txt``, ``rmrb20240110.html``), else the year most documents of the same
   folder have;
3. an article still without a date takes its page's: a full date in the file name or metadata, else the
   date most of the page's dated articles share (the latest among equals).

Dates are ISO ``YYYY-MM-DD`` strings of real days (2024-02-30 is none).
"""
from __future__ import annotations

import datetime
import os
import re
from collections import Counter

# 2024-01-10, 2024_01_10, 20240110 in a file name (not inside a longer number).
NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# A day written near the start of a body: "1月4日，" or "记者从1月4日…" (Arabic or full-width digits).
TEXT_DAY = re.compile(r"(?<![\d０-９年])([0-9０-９]{1,2})月([0-9０-９]{1,2})日")
OPENING = 40  # characters of the first body sentence searched for its day
ISO = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)")


def real_date(year: int | None, month: int, day: int) -> str | None:
    """"2024-01-09" when that day exists, else None.

    >>> real_date(2024, 2, 29), real_date(2023, 2, 29), real_date(None, 1, 9)
    ('2024-02-29', None, None)
    """
    if year is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def name_of(source: str) -> str:
    """The file name of a source ("dir/2024-01-10.jsonl#3" -> "2024-01-10.jsonl")."""
    return os.path.basename(source.split("#", 1)[0])


def name_date(source: str) -> str | None:
    """A full date the file name states: ``rmrb20240110.txt`` -> "2024-01-10"."""
    match = NAME_DATE.search(name_of(source))
    return real_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def name_year(source: str) -> int | None:
    match = NAME_YEAR.search(name_of(source))
    return int(match.group(1)) if match else None


def metadata_date(document) -> str | None:
    """The document's own date as ISO, when its metadata gives a full one ("2024-01-09", "2024年1月9日")."""
    if not document.date:
        return None
    match = ISO.match(document.date) or re.match(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日", document.date)
    return real_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def text_day(article) -> tuple[int, int] | None:
    """(month, day) opening the article's first body sentence: 1月4日，… or 记者从1月4日…获悉."""
    body = article.body_start if article.body_start is not None else article.start
    first = next((s for s in article.sentences if s.start >= body), None)
    if first is None:
        return None
    match = TEXT_DAY.search(first.text[:OPENING])
    if match is None:
        return None
    month, day = (int(group.translate(FULL_WIDTH)) for group in match.groups())
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def document_years(documents) -> dict[int, int | None]:
    """id(document) -> its publication year, from itself, its file name or its folder's other documents."""
    years = {id(d): d.year or (metadata_date(d) and int(metadata_date(d)[:4])) or name_year(d.source)
             for d in documents}
    by_folder: dict[str, Counter] = {}
    for document in documents:
        if years[id(document)]:
            folder = os.path.dirname(document.source.split("#", 1)[0])
            by_folder.setdefault(folder, Counter())[years[id(document)]] += 1
    for document in documents:
        if not years[id(document)]:
            counts = by_folder.get(os.path.dirname(document.source.split("#", 1)[0]))
            if counts:
                years[id(document)] = max(counts.items(), key=lambda item: (item[1], item[0]))[0]
    return years


def date_articles(articles) -> Counter:
    """Set ``Article.date`` of every article the text, the page and the corpus date (see the module).

    Returns how many articles were dated each way: ``own`` (its dateline, metadata or first sentence),
    ``page`` (its page's date) and ``none``.
    """
    documents = list({id(a.document): a.document for a in articles}.values())
    years = document_years(documents)
    pages: dict[int, list] = {}
    for article in articles:
        pages.setdefault(id(article.document), []).append(article)
        year = years[id(article.document)]
        own = ISO.match(article.date or "") and real_date(*(int(x) for x in ISO.match(article.date).groups()))
        if own:
            article.date = own
            continue
        article.date = None
        day = tuple(int(x) for x in article.month_day.split("-")) if article.month_day else text_day(article)
        if day is not None:
            article.date = before_issue(real_date(year, *day), page_date(article.document))
    ways: Counter = Counter()
    for page in pages.values():
        dated = Counter(a.date for a in page if a.date)
        fallback = page_date(page[0].document) \
            or (max(dated.items(), key=lambda item: (item[1], item[0]))[0] if dated else None)
        for article in page:
            ways["own" if article.date else "page" if fallback else "none"] += 1
            article.date = article.date or fallback
    return ways


def page_date(document) -> str | None:
    """The issue date a document states outside its text: its file name or its metadata."""
    return name_date(document.source) or metadata_date(document)


def before_issue(date: str | None, issue: str | None) -> str | None:
    """A day printed without a year lies before its issue: 12月28日 in a 2024-01-03 paper is 2023-12-28."""
    if date is None or issue is None or date <= issue:
        return date
    moved = real_date(int(date[:4]) - 1, int(date[5:7]), int(date[8:10]))
    return moved if moved and (datetime.date.fromisoformat(issue) - datetime.date.fromisoformat(moved)).days < 183 \
        else date


def dated_share(articles) -> float:
    """The share of ``articles`` with a date (1.0 for none)."""
    articles = list(articles)
    return sum(1 for a in articles if a.date) / len(articles) if articles else 1.0
