"""Find input files and turn each into Documents (text, JSON lines or HTML).

Errors are per file (or per JSON line): they go to ``on_error`` so that one
bad input never stops a corpus from being read.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from pathlib import Path

from ..model import Document
from .encoding import decode
from .errors import InputError
from .html import parse_html
from .jsonl import parse_jsonl
from .meta import page_year

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
ALL_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
STDIN = "-"

__all__ = ["InputError", "iter_files", "read_documents"]


def _matches(relative: str, patterns) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def iter_files(paths, include=(), exclude=()):
    """Files named in ``paths``; folders are walked recursively in sorted order.

    Inside folders only known suffixes (or ``include`` globs) are taken, hidden
    entries are skipped and ``exclude`` globs (on the name or the path relative
    to the folder) win. Files named explicitly are always taken.
    """
    for given in paths:
        path = Path(given)
        if given == STDIN or not path.is_dir():
            yield str(given)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                candidate = Path(root) / name
                relative = candidate.relative_to(path).as_posix()
                if include:
                    if not _matches(relative, include):
                        continue
                elif candidate.suffix.lower() not in ALL_SUFFIXES:
                    continue
                if exclude and _matches(relative, exclude):
                    continue
                yield str(candidate)


def read_documents(paths, encoding=None, on_error=None, include=(), exclude=(), year=None, **_options):
    """Yield Documents for every input under ``paths`` (``-`` is standard input).

    ``year`` is the publication year to assume where the input's metadata does
    not give one; a page's own dated banner is used only when neither does.
    Unreadable inputs raise InputError, or go to ``on_error`` when given.
    """
    for source in iter_files(paths, include, exclude):
        try:
            yield from _read_one(source, encoding, on_error, year)
        except OSError as error:
            problem = InputError(f"{source}: {error.strerror or error}")
            if on_error is None:
                raise problem from error
            on_error(problem)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)


def _read_one(source: str, encoding, on_error, year):
    if source == STDIN:
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        data = Path(source).read_bytes()
    text = decode(data, source, encoding)
    suffix = Path(source).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, source, on_error, year)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        yield parse_html(text, source, year)
    else:
        yield Document(source=source, text=text, year=year or page_year(text))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")
