"""Graph stage: one node per entity, co-occurrence and typed relations as edges.

The graph is a ``networkx.MultiDiGraph``.

Nodes (key: the entity id) carry ``type``, ``label``, ``aliases`` (with ``merge_reasons``: alias -> why it
was merged), ``mentions`` (mention count),
``articles`` (article count), ``sentences`` (how many sentences mention it), ``article_keys`` (the articles it is mentioned in) and ``roles``
(``[{"title": ..., "org": ...}]``).

Edges are keyed by relation and carry a ``relation`` attribute and ``evidence``, a list of
``[article key, start, end]`` source offsets (a co-occurrence's spans are lists shared by every edge they are
evidence of: read them, never change them in place; a co-occurrence's attributes are a read-only mapping,
:class:`kg.linkdata.CoOccurrence`):

- ``co_occurs`` (smaller id -> larger id; read it as undirected): ``sentences`` and ``articles`` (how many
  sentences and articles mention both), ``npmi`` (normalised PMI over sentences), ``npmi_article`` (over
  articles), ``score`` (``max(npmi, 0) * n / (n + 1)`` with ``n`` = sentences: an association that ranks
  rare chance pairs and hubs such as the home city low) and ``weight`` (sentences + articles), the last
  four computed from the counts when read (:func:`kg.scores.link_scores`' values);
- ``holds_position`` (person -> organization or place): ``title``, key ``holds_position:<title>``;
- ``located_in`` (organization or project -> place): ``basis`` = ``name`` (the name starts with the
  place's name) or ``context`` (the place is written right before it, or it is 位于/落户 the place);
- ``part_of`` (place -> place): from the gazetteer's hierarchy, to the nearest enclosing division
  the corpus mentions; ``basis`` = ``gazetteer``;
- relations a sentence states (:mod:`kg.extract.relations`), key = relation, ``verb`` (the verb of the
  first evidence) and ``evidence`` (the words stating it): ``meets`` (person -> person: 会见, 会谈 ...),
  ``visits`` (person -> place or organization: 调研, 考察, 走访, 视察), ``signs_with`` and
  ``cooperates_with`` (subject -> partner: 签约, 签署…协议, 合作), ``invests_in`` and ``builds``
  (organization -> project).

Graph attributes: ``home``, ``articles`` (article key -> source, index, start, end, title, date), ``totals``
(how many ``sentences`` and ``articles`` mention an entity: the corpus totals NPMI needs) and
``evidence_text`` (article key -> ``"start:end"`` -> the text of that evidence span).
"""
from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from .gcpause import paused_gc
from .lexicon import gazetteer
from .model import STATED_RELATIONS
from .linkdata import CoOccurrence, OneEdge
from .scores import add_link_scores, association, link_scores, link_values  # noqa: F401 (kg.graph's API)

MAX_EVIDENCE = 5  # evidence spans kept per edge
RELATIONS = ("co_occurs", "holds_position", "located_in", "part_of") + STATED_RELATIONS
CONTEXT = 24  # characters around a name searched for its place
CONTEXT_CUES = re.compile(r"(?:位于|落户|落地于|落地|坐落于|地处|建在|在)")


def build_graph(extraction) -> nx.MultiDiGraph:
    """The knowledge graph of an :class:`~kg.pipeline.Extraction`."""
    with paused_gc():
        return _build_graph(extraction)


def _build_graph(extraction) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(home=extraction.home.city.name if extraction.home.city else "",
                            articles=article_table(extraction.articles))
    entity_of = {}
    key_of = {id(article): article.key for article in extraction.articles}  # one string per key, not per entity
    for entity in sorted(extraction.entities, key=lambda e: e.id):
        keys = sorted({key_of.get(id(m.article)) or m.article.key for m in entity.mentions})
        roles = sorted({(r.title, r.org or "") for r in entity.roles})
        aliases = sorted(entity.aliases)
        graph.add_node(entity.id, type=entity.type, label=entity.name, aliases=aliases,
                       merge_reasons={a: entity.merge_reasons.get(a, "") for a in aliases},
                       mentions=entity.count, articles=len(keys), article_keys=keys,
                       roles=[{"title": t, "org": o} for t, o in roles])
        for mention in entity.mentions:
            entity_of[id(mention)] = entity
    cited = add_cooccurrence(graph, extraction, entity_of)
    add_typed_relations(graph, extraction)
    graph.graph["evidence_text"] = evidence_texts(graph, extraction.articles, cited)
    return graph


def evidence_texts(graph, articles, cited=None) -> dict:
    """Article key -> ``"start:end"`` -> the text of every evidence span the RDF writes as ``kg:Evidence``
    (a sentence, a mention): every span but a co-occurrence's whole articles (pairs never in one sentence).

    ``cited``, the sentence spans the co-occurrences cite (:attr:`kg.cooccurrence.Cooccurrences.cited`),
    spares reading the evidence of every co-occurrence edge again (a million spans in a 10 MB corpus): only
    the other edges' is read then."""
    document_of = {article.key: article.document for article in articles}
    texts: dict = {}

    def add(spans):
        for key, start, end in spans:
            document = document_of.get(key)
            if document is not None:
                texts.setdefault(key, {})[f"{start}:{end}"] = document.text[start:end]

    if cited is None:
        for _, _, _, data in edge_items(graph):
            if data.get("relation") == "co_occurs" and not data.get("sentences"):
                continue
            add(data.get("evidence") or ())
    else:
        add(cited)
        for _, _, _, data in typed_edges(graph):
            add(data.get("evidence") or ())
    return {key: dict(sorted(spans.items())) for key, spans in sorted(texts.items())}


def article_table(articles) -> dict:
    return {a.key: {"source": a.source, "index": a.index, "start": a.start, "end": a.end,
                    "title": a.title, "date": a.date} for a in articles}


def entity_mentions(extraction, entity_of=None):
    """(mention, entity) for every mention that resolved to an entity."""
    for entity in extraction.entities:
        for mention in entity.mentions:
            yield mention, entity


def sentence_table(extraction) -> dict:
    """Article key -> (article, sentence number or None -> entity ids), each article's key made once."""
    table: dict = {}
    key_of: dict = {}  # id(article) -> (key, sentences)
    for entity in extraction.entities:
        entity_id = entity.id
        for mention in entity.mentions:
            article = mention.article
            found = key_of.get(id(article))
            if found is None:
                key = article.key
                if key not in table:
                    table[key] = (article, {})
                found = key_of[id(article)] = table[key][1]
            ids = found.get(mention.sentence)
            if ids is None:
                found[mention.sentence] = {entity_id}
            else:
                ids.add(entity_id)
    return table


def add_cooccurrence(graph, extraction, entity_of=None) -> list:
    """Add the co-occurrence edges; return the sentence spans they cite (:func:`evidence_texts`)."""
    from .cooccurrence import count

    by_article = sentence_table(extraction)
    found = count(by_article, MAX_EVIDENCE)
    totals = graph.graph["totals"] = found.totals
    nodes = graph.nodes
    sentence_count = found.sentences
    for node, data in nodes(data=True):
        data["sentences"] = sentence_count.get(node, 0)
    counts = {node: (data.get("sentences", 0), data.get("articles", 0)) for node, data in nodes(data=True)}
    scores = link_values(totals["sentences"], totals["articles"])  # each distinct set of counts scored once

    def scorer(edge) -> tuple:
        """An edge's scores, computed when read (:class:`kg.linkdata.CoOccurrence`)."""
        (sentences_a, articles_a), (sentences_b, articles_b) = counts[edge.a], counts[edge.b]
        return scores(edge.sentences, edge.articles, sentences_a, sentences_b, articles_a, articles_b)

    def edges():
        for a, b, in_sentence, together, proof in found.pairs:
            yield a, b, "co_occurs", CoOccurrence(in_sentence, together, proof, a, b, scorer)

    add_new_edges(graph, edges(), copy=False)
    return found.cited


def edge_items(graph, sources=None):
    """``(u, v, key, data)`` of every edge of a multigraph (of the edges out of ``sources``, nodes of the
    graph, when given), read from its adjacency without networkx's views, in the order of ``graph.edges``
    (``graph.out_edges(sources)``)."""
    succ = getattr(graph, "_succ", None) if graph.is_multigraph() else None
    if succ is None:
        if graph.is_multigraph():
            yield from (graph.edges if sources is None else graph.out_edges)(sources, keys=True, data=True)
        else:
            for u, v, data in (graph.edges if sources is None else graph.out_edges)(sources, data=True):
                yield u, v, None, data
        return
    for u in (succ if sources is None else sources):
        for v, keyed in succ[u].items():
            for key, data in keyed.items():
                yield u, v, key, data


def typed_edges(graph):
    """``(u, v, key, data)`` of every edge but the co-occurrences (key ``co_occurs``), in the order of
    ``graph.edges``: the few thousand positions, placements and stated relations among hundreds of
    thousands of co-occurrences, each pair's keys looked at only when it has more than one."""
    succ = getattr(graph, "_succ", None) if graph.is_multigraph() else None
    if succ is None:
        for u, v, key, data in edge_items(graph):
            if key != "co_occurs":
                yield u, v, key, data
        return
    for u, neighbours in succ.items():
        for v, keyed in neighbours.items():
            if len(keyed) == 1 and "co_occurs" in keyed:
                continue
            for key, data in keyed.items():
                if key != "co_occurs":
                    yield u, v, key, data


def kept_edges(graph, kept: list, keep: set):
    """``(u, v, key, data)`` of the edges out of the ``kept`` nodes (``keep``, as a set), as
    ``edge_items(graph, kept)`` gives them, less those to nodes not kept, which a multigraph's adjacency skips
    before making a tuple of them (the 500 kept entities have hundreds of thousands of links)."""
    succ = getattr(graph, "_succ", None) if graph.is_multigraph() else None
    if succ is None:
        yield from edge_items(graph, kept)
        return
    for u in kept:
        for v, keyed in succ[u].items():
            if v in keep:
                for key, data in keyed.items():
                    yield u, v, key, data


def add_new_edges(graph: nx.MultiDiGraph, edges, copy: bool = True) -> None:
    """``graph.add_edges_from(edges)`` for ``(u, v, key, data)`` edges between existing nodes.

    The co-occurrence edges are hundreds of thousands, each the first edge of its pair, so they go straight
    into networkx's adjacency dicts (as ``MultiDiGraph.add_edge`` puts them) without its per-edge checks;
    a pair that already has an edge takes the general path. Without ``copy`` each new pair's ``data``
    becomes its edge's attributes as it is (no second dict per edge: a :class:`kg.linkdata.CoOccurrence`
    stays one, in a :class:`kg.linkdata.OneEdge` instead of a dict of one key).
    """
    succ, pred = getattr(graph, "_succ", None), getattr(graph, "_pred", None)
    if succ is None or pred is None or not isinstance(graph, nx.MultiDiGraph):
        graph.add_edges_from(edges)
        return
    take = not copy and graph.edge_attr_dict_factory is dict and graph.edge_key_dict_factory is dict
    for u, v, key, data in edges:
        if v in succ[u]:
            graph.add_edge(u, v, key, **data)
            continue
        if take:
            keydict = OneEdge(key, data)
        else:
            datadict = graph.edge_attr_dict_factory()
            datadict.update(data)
            keydict = graph.edge_key_dict_factory()
            keydict[key] = datadict
        succ[u][v] = keydict
        pred[v][u] = keydict
    clear_cache = getattr(nx, "_clear_cache", None)
    if clear_cache is not None:
        clear_cache(graph)


def shared_articles(keys_of: dict, a: str, b: str, limit: int = MAX_EVIDENCE, sets: dict | None = None) -> list[str]:
    """The first ``limit`` article keys (in sorted order) that both ``a`` and ``b`` are in.

    ``keys_of`` maps an entity id to its sorted article keys; ``sets`` caches them as sets.

    >>> shared_articles({"a": ["k1", "k2", "k3"], "b": ["k2", "k3"]}, "a", "b", 1)
    ['k2']
    """
    shorter, longer = sorted((a, b), key=lambda e: len(keys_of[e]))
    sets = {} if sets is None else sets
    if longer not in sets:
        sets[longer] = set(keys_of[longer])
    other = sets[longer]
    found = []
    for key in keys_of[shorter]:
        if key in other:
            found.append(key)
            if len(found) == limit:
                break
    return found


def name_index(entities) -> dict:
    """(type, name or alias) -> entity; canonical names win over aliases."""
    index = {}
    for entity in sorted(entities, key=lambda e: e.id):
        for alias in sorted(entity.aliases):
            index.setdefault((entity.type, alias), entity)
    for entity in entities:
        index[(entity.type, entity.name)] = entity
    return index


def add_typed_relations(graph, extraction) -> None:
    by_name = name_index(extraction.entities)
    places = {name: e for (type_, name), e in by_name.items() if type_ == "place"}
    longest = max(map(len, places), default=0)
    for entity in sorted(extraction.entities, key=lambda e: e.id):
        for role in entity.roles:
            if not role.org:
                continue
            target = by_name.get(("organization", role.org)) or by_name.get(("place", role.org))
            if target is None or target.id == entity.id:
                continue
            add_evidenced_edge(graph, entity.id, target.id, f"holds_position:{role.title}", "holds_position",
                               evidence_of(role), title=role.title)
        if entity.type in ("organization", "project"):
            add_located_in(graph, entity, places, longest)
    add_part_of(graph, extraction, places)
    add_stated_relations(graph, getattr(extraction, "relations", ()))


def add_stated_relations(graph, relations) -> None:
    """meets, visits, signs_with ... as edges keyed by relation, with the verb first seen and the evidence."""
    ordered = sorted(relations, key=lambda r: (r.type, r.source, r.target, r.evidence))
    for relation in ordered:
        if relation.type not in STATED_RELATIONS:
            continue
        for proof in relation.evidence or [None]:
            add_evidenced_edge(graph, relation.source, relation.target, relation.type, relation.type,
                               list(proof) if proof is not None else None, **relation.attrs)


def evidence_of(role):
    if role.article is None or role.start is None:
        return None
    return [role.article.key, role.start, role.end]


def add_evidenced_edge(graph, u, v, key, relation, proof, **attrs) -> None:
    if graph.has_edge(u, v, key):
        data = graph.edges[u, v, key]
    else:
        graph.add_edge(u, v, key=key, relation=relation, evidence=[], **attrs)
        data = graph.edges[u, v, key]
    if proof is not None and proof not in data["evidence"] and len(data["evidence"]) < MAX_EVIDENCE:
        data["evidence"].append(proof)
        data["evidence"].sort()


def add_located_in(graph, entity, places, longest: int | None = None) -> None:
    """Name prefix (呼和浩特市交通运输局 -> 呼和浩特市), else context (和林格尔县 + 数据中心项目)."""
    place = longest_place_prefix(entity.name, places)
    if place is not None and place.id != entity.id:
        for mention in sorted(entity.mentions, key=lambda m: (m.article.key, m.start)):
            add_evidenced_edge(graph, entity.id, place.id, "located_in", "located_in",
                               [mention.article.key, mention.start, mention.end], basis="name")
        if not graph.has_edge(entity.id, place.id, "located_in"):
            add_evidenced_edge(graph, entity.id, place.id, "located_in", "located_in", None, basis="name")
        return
    for mention in sorted(entity.mentions, key=lambda m: (m.article.key, m.start)):
        text = mention.article.document.text
        before = text[max(0, mention.start - CONTEXT):mention.start]
        after = text[mention.end:mention.end + CONTEXT]
        found = context_place(before, after, places, entity.id, longest)
        if found is None:
            continue
        name, after_cue, candidate = found
        if after_cue is None:  # 和林格尔县 + 数据中心项目
            span = [mention.article.key, mention.start - len(name), mention.end]
        else:  # 项目 + 落户 + 和林格尔县
            span = [mention.article.key, mention.start, mention.end + after_cue + len(name)]
        add_evidenced_edge(graph, entity.id, candidate.id, "located_in", "located_in", span, basis="context")


def context_place(before: str, after: str, places: dict, own_id: str, longest: int | None = None):
    """The longest place name (two characters or more) ending ``before``, or starting ``after`` behind a cue
    (位于, 落户 ...): ``(name, None, place)`` or ``(name, cue length, place)``; None if there is none.

    Between names of one length the alphabetically first wins, and a name found both ways counts as written
    before. One dictionary look-up per length, whatever the number of places; ``longest``, the length of the
    longest name in ``places``, spares the look-ups of lengths no name has.
    """
    cue = CONTEXT_CUES.match(after)
    rest = after[cue.end():] if cue else ""
    top = max(len(before), len(rest))
    for length in range(top if longest is None else min(top, longest), 1, -1):
        found = []
        if len(before) >= length:
            candidate = places.get(before[-length:])
            if candidate is not None and candidate.id != own_id:
                found.append((before[-length:], 0, candidate))
        if cue and len(rest) >= length:
            candidate = places.get(rest[:length])
            if candidate is not None and candidate.id != own_id:
                found.append((rest[:length], 1, candidate))
        if found:
            name, kind, candidate = min(found, key=lambda item: (item[0], item[1]))
            return name, (None if kind == 0 else cue.end()), candidate
    return None


def add_part_of(graph, extraction, places) -> None:
    gaz = gazetteer()
    for entity in sorted(extraction.entities, key=lambda e: e.id):
        if entity.type != "place":
            continue
        divisions = [d for d in gaz.lookup(entity.name) if d.name == entity.name]
        if not divisions:
            continue
        for ancestor in gaz.ancestors(divisions[0]):
            parent = places.get(ancestor.name)
            if parent is not None and parent.id != entity.id:
                graph.add_edge(entity.id, parent.id, key="part_of", relation="part_of", basis="gazetteer",
                               evidence=[])
                break


def longest_place_prefix(name: str, places: dict):
    for length in range(len(name) - 1, 1, -1):
        if name[:length] in places:
            return places[name[:length]]
    return None


def relation_counts(graph) -> Counter:
    return Counter(data.get("relation") for _, _, _, data in edge_items(graph))
