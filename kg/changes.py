"""Which named graphs of the store a rebuild must make again: those whose inputs changed since the build
that wrote the previous store.

What the mapping (:func:`kg.rdfstream.named_graphs`) puts in each graph comes from few places:

- an entity's graph: its mentions and roles (their articles, offsets, sentences, surfaces), its
  co-occurrences (the mentions of both entities in the articles that name both) and its other edges
  (positions, placements, stated relations; a position also reads the labels and aliases of its
  organisation);
- an article's graph: the article's record (title, date ...), the entities that name it and the evidence
  spans the edges cite in it, with their text.

So a build records (:func:`record`, kept in the store folder as :data:`INPUTS`) a digest of each article's
text and resolved mentions and roles, the ids of the entities it names, a digest of each entity's other
edges, a digest of each article's graph inputs, and the home region. A rebuild makes again the graphs of the
entities named, before or now, in an article whose mentions changed (an edited page, a new one, one whose
mentions resolve otherwise), of the entities whose other edges changed, and of the articles whose graph
inputs changed (:func:`changed_graphs`); every other graph's triples, digest and count stay as the previous
store holds them. Another home region, format or base IRI makes everything again.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from .vocabulary import entity_local, resource_key

INPUTS = "kg-inputs.json"  # beside the store's digests
FORMAT = 1
NO_ARTICLE = ""  # the article key of roles that name none


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def record(extraction, graph, base: str) -> dict:
    """The inputs of every named graph of ``graph`` (built from ``extraction``), as :data:`INPUTS` keeps them."""
    from .graph import typed_edges

    texts: dict[int, str] = {}  # id(document) -> digest of its text
    found: dict[str, list] = defaultdict(list)  # article key -> its resolved mentions and roles
    for entity in extraction.entities:
        entity_id = entity.id
        for mention in entity.mentions:
            found[mention.article.key].append((entity_id, mention.start, mention.end, mention.sentence,
                                               mention.surface))
        for role in entity.roles:
            key = role.article.key if role.article is not None else NO_ARTICLE
            found[key].append((entity_id, "role", role.title, role.org, role.start, role.end))
    mentions, names = {}, {}
    for article in extraction.articles:
        document = article.document
        text = texts.get(id(document))
        if text is None:
            text = texts[id(document)] = hashlib.sha1(
                document.text.encode("utf-8", "surrogatepass")).hexdigest()
        held = found.pop(article.key, [])
        mentions[article.key] = _digest([text, article.start, article.end, held])
        names[article.key] = sorted({item[0] for item in held})
    for key, held in found.items():  # roles without an article, or of an article not read
        mentions[key] = _digest(["", held])
        names[key] = sorted({item[0] for item in held})
    edges: dict[str, list] = defaultdict(list)
    nodes = graph.nodes
    for u, v, key, data in typed_edges(graph):
        if data.get("relation") == "co_occurs":
            continue
        item = (v, key, sorted(data.items()))
        if data.get("relation") == "holds_position":
            item += (nodes[v].get("label"), nodes[v].get("aliases"))
        edges[str(u)].append(repr(item))
    cited = graph.graph.get("evidence_text") or {}
    named_in: dict[str, list] = defaultdict(list)
    for node, data in nodes(data=True):
        for key in data.get("article_keys", ()):
            named_in[key].append(node)
    table = graph.graph.get("articles") or {}
    articles = {key: _digest([table.get(key), sorted(named_in.get(key, ())), cited.get(key)])
                for key in set(table) | set(named_in) | set(cited)}
    return {"format": FORMAT, "base": base, "home": graph.graph.get("home"), "mentions": mentions,
            "names": names, "edges": {owner: _digest(sorted(items)) for owner, items in edges.items()},
            "articles": articles}


def changed_graphs(previous: dict | None, now: dict, base: str):
    """The IRIs of the graphs to make again (:func:`kg.rdfstream.graph_iri`, without ``<>``), or None
    (all of them) when ``previous`` does not tell."""
    if (not isinstance(previous, dict) or any(previous.get(name) != now[name] for name in ("format", "base", "home"))
            or not all(isinstance(previous.get(name), dict) for name in ("mentions", "names", "edges", "articles"))):
        return None
    entities: set = set()
    old_mentions, old_names = previous["mentions"], previous["names"]
    for key in set(old_mentions) | set(now["mentions"]):
        if old_mentions.get(key) != now["mentions"].get(key):
            entities.update(old_names.get(key) or ())
            entities.update(now["names"].get(key) or ())
    old_edges = previous["edges"]
    for owner in set(old_edges) | set(now["edges"]):
        if old_edges.get(owner) != now["edges"].get(owner):
            entities.add(owner)
    old_articles = previous["articles"]
    articles = [key for key, digest in now["articles"].items() if old_articles.get(key) != digest]
    return ({f"{base}graph/entity/{entity_local(entity)}" for entity in entities}
            | {f"{base}graph/article/{resource_key(key)}" for key in articles} | {f"{base}graph/corpus"})


def read(folder) -> dict | None:
    """The inputs recorded in a store folder, or None."""
    try:
        with open(f"{folder}/{INPUTS}", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write(folder, inputs: dict) -> None:
    import os

    with open(f"{folder}/{INPUTS}", "w", encoding="utf-8") as handle:
        # ASCII: a file name that is not UTF-8 (bad\udcff.txt) is written as the escape JSON reads back
        handle.write(json.dumps(inputs, ensure_ascii=True, separators=(",", ":"), sort_keys=True))
        handle.flush()
        os.fsync(handle.fileno())
