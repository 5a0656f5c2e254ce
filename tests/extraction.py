"""Helpers for the extraction tests: extract one article made of a sentence or two."""
from __future__ import annotations

from kg.corpus.segment import split_sentences
from kg.extract import extract_article
from kg.model import Article, Document


def run(text: str):
    """Extract one article made of ``text``: (mentions, (mention, role) pairs)."""
    document = Document(source="test", text=text)
    article = Article(document=document, index=0, start=0, end=len(text))
    article.sentences = split_sentences(text, 0, len(text))
    return extract_article(article)


def found(text: str) -> dict[str, set[str]]:
    """Surfaces of the mentions found in ``text``, by type."""
    table: dict[str, set[str]] = {}
    for mention in run(text)[0]:
        table.setdefault(mention.type, set()).add(mention.surface)
    return table


def roles(text: str) -> set[tuple[str, str]]:
    """(person surface, title) of every role found in ``text``."""
    return {(m.surface, r.title) for m, r in run(text)[1]}


def stated(text: str) -> set[tuple[str, str, str]]:
    """(relation, subject surface, object surface) of every relation ``text`` states."""
    from kg.extract.relations import find_relations

    document = Document(source="test", text=text)
    article = Article(document=document, index=0, start=0, end=len(text))
    article.sentences = split_sentences(text, 0, len(text))
    mentions = extract_article(article)[0]
    return {(f.relation, f.subject.surface, f.object.surface) for f in find_relations(article, mentions)}
