"""Find input files and turn each into Documents (text, JSON lines or HTML).

Errors are per file (or per JSON line): they go to ``on_error`` so that one
bad input never stops a corpus from being read.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..model import Document
from .checks import check_text
from .encoding import decode
from .errors import InputError
from .files import STDIN, describe, find_files, find_inputs
from .html import parse_html
from .jsonl import parse_jsonl
from .meta import page_year

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
ALL_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

__all__ = ["InputError", "iter_files", "read_documents"]


def iter_files(paths, include=(), exclude=(), on_error=None):
    """The files named in ``paths``, folders walked, sorted and each once (see :mod:`kg.corpus.files`).

    Inside folders only known suffixes (or ``include`` globs) are taken, hidden entries are skipped and
    ``exclude`` globs (on the name or the path relative to the folder) win. Files named explicitly are
    always taken.
    """
    return iter(find_files(paths, ALL_SUFFIXES, include, exclude, on_error))


def read_documents(paths, encoding=None, on_error=None, include=(), exclude=(), year=None, strict=False,
                   skip_folders=(), **_options):
    """Yield Documents for every input under ``paths`` (``-`` is standard input), in sorted path order.

    ``year`` is the publication year to assume where the input's metadata does not give one; a page's own
    dated banner is used only when neither does. An input that cannot be used (see :mod:`kg.corpus.checks`
    and :mod:`kg.corpus.files`) raises InputError, or goes to ``on_error`` when given and ``strict`` is
    false; the other inputs are read all the same. Folders in ``skip_folders`` are not walked into.
    """
    report = None if strict else on_error
    for source, problem in find_inputs(paths, ALL_SUFFIXES, include, exclude, skip_folders):
        if problem is not None:
            if report is None:
                raise problem
            report(problem)
            continue
        try:
            yield from _read_one(source, encoding, report, year)
        except OSError as error:
            problem = InputError(f"{source}: {describe(error, source)}")
            if report is None:
                raise problem from None
            report(problem)
        except InputError as error:
            if report is None:
                raise
            report(error)


def _read_one(source: str, encoding, on_error, year):
    if source == STDIN:
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        data = read_bytes(source)
    text = decode(data, source, encoding)
    suffix = Path(source).suffix.lower()
    check_text(text, source, lines=suffix not in JSONL_SUFFIXES | HTML_SUFFIXES and not _looks_like_html(text))
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, source, on_error, year)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        yield parse_html(text, source, year)
    else:
        yield Document(source=source, text=text, year=year or page_year(text))


def read_bytes(path: str) -> bytes:
    """The bytes of one input file (OSError when it cannot be read)."""
    with open(path, "rb") as handle:
        return handle.read()


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")
