"""Graph stage: one node per entity, co-occurrence and typed relations as edges.

The graph is a ``networkx.MultiDiGraph``; each edge's key is its relation
(``co_occurs``, ``holds_position``, ``located_in``, ``part_of``). Co-occurrence
edges run from the smaller entity id to the larger and carry sentence and
article counts, an NPMI association score and a few evidence sentences.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from .lexicon import gazetteer

MAX_EVIDENCE = 5  # sentences kept per co-occurrence edge


def build_graph(extraction) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(home=extraction.home.city.name if extraction.home.city else "")
    entity_of = {}
    for entity in extraction.entities:
        articles = {m.article.key for m in entity.mentions}
        graph.add_node(entity.id, label=entity.name, type=entity.type, aliases=sorted(entity.aliases),
                       mentions=entity.count, articles=len(articles),
                       roles=sorted({(r.title, r.org or "") for r in entity.roles}))
        for mention in entity.mentions:
            entity_of[id(mention)] = entity
    add_cooccurrence(graph, extraction, entity_of)
    add_typed_relations(graph, extraction)
    return graph


def add_cooccurrence(graph, extraction, entity_of) -> None:
    sentence_pairs: Counter = Counter()
    article_pairs: Counter = Counter()
    article_count: Counter = Counter()
    evidence = defaultdict(list)
    by_article = defaultdict(lambda: defaultdict(set))  # article key -> sentence -> entity ids
    articles = {}
    for mention in extraction.mentions:
        entity = entity_of.get(id(mention))
        if entity is not None:
            by_article[mention.article.key][mention.sentence].add(entity.id)
            articles[mention.article.key] = mention.article
    for key in sorted(by_article):
        sentences = by_article[key]
        in_article = sorted(set().union(*sentences.values()))
        article_count.update(in_article)
        article_pairs.update(combinations(in_article, 2))
        for number in sorted(sentences):
            pairs = list(combinations(sorted(sentences[number]), 2))
            sentence_pairs.update(pairs)
            sentence = articles[key].sentences[number]
            for pair in pairs:
                if len(evidence[pair]) < MAX_EVIDENCE:
                    evidence[pair].append((key, sentence.start, sentence.end))
    total = max(len(by_article), 1)
    for pair, together in sorted(article_pairs.items()):
        a, b = pair
        npmi = association(together, article_count[a], article_count[b], total)
        in_sentence = sentence_pairs.get(pair, 0)
        graph.add_edge(a, b, key="co_occurs", relation="co_occurs", sentences=in_sentence, articles=together,
                       weight=in_sentence + together, npmi=round(npmi, 6), evidence=evidence.get(pair, []))


def association(together: int, count_a: int, count_b: int, total: int) -> float:
    """Normalised pointwise mutual information of two entities over articles, in [-1, 1]."""
    p_ab = together / total
    if p_ab >= 1.0:
        return 1.0
    pmi = math.log(p_ab / ((count_a / total) * (count_b / total)))
    return pmi / -math.log(p_ab)


def add_typed_relations(graph, extraction) -> None:
    by_name = {(e.type, e.name): e for e in extraction.entities}
    place_names = {e.name: e for e in extraction.entities if e.type == "place"}
    for entity in extraction.entities:
        for role in entity.roles:
            target = by_name.get(("organization", role.org)) or by_name.get(("place", role.org))
            if target is None or target.id == entity.id:
                continue
            key = f"holds_position:{role.title}"
            if not graph.has_edge(entity.id, target.id, key):
                graph.add_edge(entity.id, target.id, key=key, relation="holds_position", title=role.title,
                               evidence=[(role.article.key, role.start, role.end)])
        if entity.type in ("organization", "project"):
            place = longest_place_prefix(entity.name, place_names)
            if place is not None and place.id != entity.id:
                graph.add_edge(entity.id, place.id, key="located_in", relation="located_in", evidence=[])
    gaz = gazetteer()
    for entity in extraction.entities:
        if entity.type != "place":
            continue
        divisions = [d for d in gaz.lookup(entity.name) if d.name == entity.name]
        if not divisions:
            continue
        for ancestor in gaz.ancestors(divisions[0]):
            parent = place_names.get(ancestor.name)
            if parent is not None:
                graph.add_edge(entity.id, parent.id, key="part_of", relation="part_of", evidence=[])
                break


def longest_place_prefix(name: str, places: dict):
    for length in range(len(name) - 1, 1, -1):
        if name[:length] in places:
            return places[name[:length]]
    return None
