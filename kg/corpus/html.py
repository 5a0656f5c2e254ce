"""Saved web pages: the main text via trafilatura (boilerplate removed).

trafilatura is imported lazily so that plain-text users do not pay for it,
and its date search is kept to the page's own metadata (no guessing).
"""
from __future__ import annotations

from ..model import Document
from .errors import InputError
from .meta import year_of


def parse_html(html: str, source: str, year: int | None = None) -> Document:
    try:
        import trafilatura
    except ImportError as error:  # pragma: no cover - dependency missing
        raise InputError(f"{source}: reading HTML needs trafilatura ({error})") from None
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError(f"{source}: no article text found in the HTML page")
    title = getattr(result, "title", None) or None
    date = getattr(result, "date", None) or None
    url = getattr(result, "url", None) or None
    # One paragraph per line with a blank line between, like the text pages.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return Document(source=source, text=text, title=title, date=date, url=url,
                    year=year_of(date) or year, meta={"format": "html"})
