"""JSON-lines dumps: one record per line, ``text`` required.

A bad line is reported (file and line) and skipped; the other lines are kept.
"""
from __future__ import annotations

import json

from ..model import Document
from .errors import InputError
from .meta import year_of


def parse_jsonl(text: str, source: str, on_error, year: int | None = None):
    """Yield a Document per good record; report bad ones to ``on_error`` (or raise)."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            _report(on_error, InputError(f"{source}:{number}: malformed JSON ({error.msg})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            _report(on_error, InputError(f"{source}:{number}: record has no \"text\" string"))
            continue
        ident = record.get("id")
        ident = number if ident in (None, "") else ident
        date = _text(record.get("date"))
        yield Document(source=f"{source}#{ident}", text=record["text"].replace("\r\n", "\n"),
                       title=_text(record.get("title")), date=date, url=_text(record.get("url")),
                       year=year_of(date) or year,
                       meta={k: record[k] for k in ("id", "source") if record.get(k) is not None})


def _text(value):
    return None if value is None else str(value).strip() or None


def _report(on_error, error: InputError) -> None:
    if on_error is None:
        raise error
    on_error(error)
