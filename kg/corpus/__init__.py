"""Corpus stage: read inputs into Documents and split them into Articles and Sentences.

Public API::

    read_documents(paths, encoding=None, on_error=None, include=(), exclude=(), year=None) -> Iterator[Document]
    segment_document(document) -> list[Article]      # sentences filled in
    read_articles(paths, ...) -> Iterator[Article]
    format_articles(articles) -> str                  # what ``kg articles`` prints
"""
from __future__ import annotations

from .errors import InputError
from .report import format_articles
from .segment import segment_document
from .sources import read_documents

__all__ = ["InputError", "read_documents", "segment_document", "read_articles", "format_articles"]


def read_articles(paths, encoding=None, on_error=None, **options):
    """Read every input under ``paths`` and yield its articles in order."""
    for document in read_documents(paths, encoding=encoding, on_error=on_error, **options):
        yield from segment_document(document)
