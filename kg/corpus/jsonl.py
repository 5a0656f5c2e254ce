"""JSON-lines dumps: one record per line, ``text`` required.

A bad line is reported (file and line) and skipped; the other lines are kept. Unpaired surrogates
(``"\\ud800"`` is valid JSON but no UTF-8) become U+FFFD, one character for one, so offsets into
``text`` stay those of the record.
"""
from __future__ import annotations

import json

from ..model import Document
from .checks import MAX_LINE_CHARS, clean_surrogates, long_line
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
            reason = error.msg.removesuffix(" at")
            _report(on_error, InputError(f"{source}:{number}: malformed JSON at column {error.colno}: "
                                         f"{reason[:1].lower()}{reason[1:]}"))
            continue
        except RecursionError:
            _report(on_error, InputError(f"{source}:{number}: malformed JSON (nested too deeply)"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            _report(on_error, InputError(f"{source}:{number}: record has no \"text\" string"))
            continue
        body = clean_surrogates(record["text"].replace("\r\n", "\n"))
        if not body.strip():
            _report(on_error, InputError(f"{source}:{number}: record has an empty \"text\""))
            continue
        long = long_line(body)
        if long is not None:
            _report(on_error, InputError(f"{source}:{number}: \"text\" has a line of {long[1]:,} characters "
                                         f"(the limit is {MAX_LINE_CHARS:,})"))
            continue
        ident = record.get("id")
        ident = number if ident in (None, "") else clean_surrogates(str(ident))
        date = _text(record.get("date"))
        meta = {k: _clean(record[k]) for k in ("id", "source") if record.get(k) is not None}
        yield Document(source=f"{source}#{ident}", text=body, title=_text(record.get("title")), date=date,
                       url=_text(record.get("url")), year=year_of(date) or year, meta=meta)


def _text(value):
    return None if value is None else clean_surrogates(str(value)).strip() or None


def _clean(value):
    return clean_surrogates(value) if isinstance(value, str) else value


def _report(on_error, error: InputError) -> None:
    if on_error is None:
        raise error
    on_error(error)
