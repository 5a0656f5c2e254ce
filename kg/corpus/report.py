"""A plain listing of the articles found, for a person to check segmentation."""
from __future__ import annotations


def format_articles(articles, sentences: bool = False) -> str:
    """One block per article: key, span, date, byline, title (and sentences if asked)."""
    out = []
    for article in articles:
        date = article.date or (f"--{article.month_day}" if article.month_day else "-")
        flags = " (continued)" if article.continued else ""
        out.append(f"{article.key}\t[{article.start}, {article.end})\t{date}\t{article.byline or '-'}{flags}")
        out.append(f"  title: {article.title or '(untitled)'}")
        body = article.document.text[article.body_start or article.start:article.end][:30]
        out.append(f"  {len(article.sentences)} sentences; body starts {body!r}")
        if article.duplicate_spans:
            out.append(f"  repeated paragraphs skipped: {article.duplicate_spans}")
        if sentences:
            out.extend(f"    [{s.start}, {s.end}) {s.text}" for s in article.sentences)
    return "\n".join(out)
