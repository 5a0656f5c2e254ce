"""Run the stages in order: corpus -> extract -> resolve -> graph -> export."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import InputError, read_documents, segment_document
from .extract import extract_article
from .model import Article, Entity, Mention, Role
from .resolve import Home, infer_home, resolve

LARGE_INPUT_ARTICLES = 200  # show a progress bar past this many articles


@dataclass
class Extraction:
    """Everything the extraction stages found in a corpus."""

    articles: list[Article] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[tuple[Mention, Role]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    home: Home = field(default_factory=Home)
    errors: list[InputError] = field(default_factory=list)

    def entities_by_article(self) -> dict[str, list[Entity]]:
        """Article key -> entities mentioned in it, in order of first mention."""
        table: dict[str, dict[str, tuple[int, Entity]]] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                seen = table.setdefault(mention.article.key, {})
                if entity.id not in seen or mention.start < seen[entity.id][0]:
                    seen[entity.id] = (mention.start, entity)
        return {key: [e for _, e in sorted(v.values(), key=lambda item: (item[0], item[1].id))]
                for key, v in table.items()}


def read_corpus(paths, encoding=None, on_error=None, **options) -> list[Article]:
    articles: list[Article] = []
    for document in read_documents(paths, encoding=encoding, on_error=on_error, **options):
        articles.extend(segment_document(document))
    return articles


def extract(paths, encoding: str | None = None, home: str | None = None, progress: bool | None = None,
            **options) -> Extraction:
    """Read, extract and resolve everything under ``paths``.

    >>> result = extract(["seeds/"])            # doctest: +SKIP
    >>> sorted({e.type for e in result.entities})  # doctest: +SKIP
    ['organization', 'person', 'place', 'project']
    """
    result = Extraction()
    result.articles = read_corpus(paths, encoding=encoding, on_error=result.errors.append, **options)
    articles = result.articles
    if progress or (progress is None and len(articles) > LARGE_INPUT_ARTICLES and sys.stderr.isatty()):
        from tqdm import tqdm
        articles = tqdm(articles, desc="extract", unit="article")
    for article in articles:
        mentions, roles = extract_article(article)
        result.mentions.extend(mentions)
        result.roles.extend(roles)
    result.home = infer_home(result.mentions, home)
    result.entities = resolve(result.mentions, result.roles, result.home)
    return result


def build(paths, out_dir: str | Path = "output", encoding: str | None = None, home: str | None = None,
          progress: bool | None = None, base_iri: str | None = None, max_nodes: int | None = None, **options):
    """Extract ``paths`` and write graph.ttl, graph.html, graph.graphml and entities.jsonl to ``out_dir``."""
    from .export import write_all
    from .graph import build_graph

    extraction = extract(paths, encoding=encoding, home=home, progress=progress, **options)
    graph = build_graph(extraction)
    written = write_all(extraction, graph, Path(out_dir), base_iri=base_iri, max_nodes=max_nodes)
    return extraction, graph, written
