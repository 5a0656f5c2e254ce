"""Split a Document into Articles and Sentences."""
from __future__ import annotations

import re

from ..model import Article, Document, Sentence

SENTENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』]?|\n|$)")


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    sentences = []
    for match in SENTENCE_END.finditer(text, start, end):
        s, e = match.span()
        piece = text[s:e]
        if piece.strip():
            sentences.append(Sentence(s, e, piece))
    return sentences


def segment_document(document: Document) -> list[Article]:
    article = Article(document=document, index=0, start=0, end=len(document.text),
                      title=document.title, date=document.date)
    article.sentences = split_sentences(document.text, 0, len(document.text))
    return [article]
