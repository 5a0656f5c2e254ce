"""Find input files and decode them into Documents."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..model import Document

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}


class InputError(Exception):
    """An input that cannot be read; the message names the file (and line)."""


def iter_files(paths):
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                        yield str(candidate)
        else:
            yield str(given)


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    for candidate in ([encoding] if encoding else ["utf-8-sig", "gb18030"]):
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{source}: cannot decode the file")


def read_documents(paths, encoding=None, on_error=None, **options):
    for source in iter_files(paths):
        try:
            data = Path(source).read_bytes()
            text = decode(data, source, encoding)
        except (OSError, InputError) as error:
            if on_error is None:
                raise
            on_error(InputError(str(error)))
            continue
        if source.lower().endswith(tuple(JSONL_SUFFIXES)):
            for number, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                ident = record.get("id", number)
                yield Document(source=f"{source}#{ident}", text=record["text"],
                               title=record.get("title"), date=record.get("date"), url=record.get("url"))
        else:
            yield Document(source=source, text=text)
