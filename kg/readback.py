"""A build folder's store read back as the graph :func:`kg.graph.build_graph` made, for ``kg stats`` and
``kg export``.

The store holds what :func:`kg.rdfstream.statements` maps the graph to (counts, no computed score); this is
the inverse mapping. Each co-occurrence's ``npmi``, ``npmi_article``, ``score`` and ``weight`` are computed
from its counts, its entities' and the corpus's (:func:`kg.scores.link_scores`). Nodes, edges and every
attribute dictionary come in the order :func:`kg.export.json.read_json` gives them (sorted), so any export
of the graph read back is byte for byte the export of the build's ``graph.json``. Triples are read by
predicate from every graph of the store (the default graph and any named graph), a triple stated in several
graphs counting once. The store's text is what RDF can carry: a name holding a control character comes back
without it (:func:`kg.export.rdf.clean`).
"""
from __future__ import annotations

from collections import defaultdict

from .graph import MAX_EVIDENCE, add_new_edges, shared_articles
from .scores import link_scores
from .vocabulary import CLASSES, DCT, KG, RDF_TYPE, RDFS_LABEL, SKOS_ALT, STATED_PROPERTIES, pair_key

RELATION_OF = {f"{KG}{local}": relation for relation, local in STATED_PROPERTIES.items()}
PLACEMENTS = {f"{KG}locatedIn": "located_in", f"{KG}partOf": "part_of"}


class Triples:
    """The triples of a pyoxigraph store by predicate, as (subject IRI, object term) pairs."""

    def __init__(self, store):
        import pyoxigraph as ox

        self.store, self.ox = store, ox

    def pairs(self, predicate: str, obj=None):
        """(subject IRI, object term) of each triple (a triple stated in several graphs, as often).

        Read by a query rather than ``quads_for_pattern``, which gives each quad's predicate and graph name
        too, their text looked up every time: a third of the processor time."""
        if obj is not None:
            for row in self.store.query(f"SELECT ?s WHERE {{ ?s <{predicate}> {obj} }}",
                                        use_default_graph_as_union=True):
                yield row[0].value, obj
            return
        for row in self.store.query(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}", use_default_graph_as_union=True):
            yield row[0].value, row[1]

    def one(self, predicate: str, convert=None) -> dict:
        """subject -> the object's value (``convert``ed), for a functional property."""
        if convert is None:
            return {s: o.value for s, o in self.pairs(predicate)}
        return {s: convert(o.value) for s, o in self.pairs(predicate)}

    def many(self, predicate: str) -> dict:
        """subject -> the set of its objects' values."""
        found = defaultdict(set)
        for s, o in self.pairs(predicate):
            found[s].add(o.value)
        return found

    def of_class(self, local: str) -> list[str]:
        return sorted({s for s, _ in self.pairs(RDF_TYPE, self.ox.NamedNode(f"{KG}{local}"))})


def read_graph(store, details: bool = True):
    """The :func:`kg.graph.build_graph` graph a store holds (see the module doc).

    Without ``details``, what ``kg stats`` reads: nodes with their counts, label and type, every edge with
    its relation, co-occurrences with their counts and weight; no evidence, texts, aliases, roles, NPMI."""
    import networkx as nx

    t = Triples(store)
    kg = KG
    keys = t.one(f"{kg}articleKey")
    starts, ends = t.one(f"{kg}start", int), t.one(f"{kg}end", int)
    sentence_counts, article_counts = t.one(f"{kg}sentenceCount", int), t.one(f"{kg}articleCount", int)
    evidence_of = t.many(f"{kg}evidence") if details else {}
    in_article = t.one(f"{kg}inArticle") if details else {}

    def spans(node):
        return sorted([keys[in_article[e]], starts[e], ends[e]] for e in evidence_of.get(node, ()))

    graph_data = {"articles": article_table(t, keys, starts, ends),
                  "evidence_text": evidence_text(t, keys, starts, ends, in_article) if details else {}}
    corpus = t.of_class("Corpus")
    homes = t.one(f"{kg}home")
    graph_data["home"] = homes.get(corpus[0], "") if corpus else ""
    graph_data["totals"] = {"articles": article_counts.get(corpus[0], 0) if corpus else 0,
                            "sentences": sentence_counts.get(corpus[0], 0) if corpus else 0}

    ids = t.one(f"{kg}entityId")
    nodes = entity_nodes(t, ids, keys, sentence_counts, article_counts, details)
    edges = []
    articles = graph_data["articles"]
    keys_of, sets = {node: data["article_keys"] for node, data in nodes.items()}, {}
    links, first_articles = cooccurrences(t, ids, keys_of, corpus[0] if corpus else "", sentence_counts)
    for link, (a, b) in links.items():
        sentences, together = sentence_counts.get(link, 0), article_counts.get(link, 0)
        if not details:
            edges.append((a, b, "co_occurs", {"articles": together, "relation": "co_occurs",
                                              "sentences": sentences, "weight": sentences + together}))
            continue
        if sentences:
            proof = spans(link)
        else:  # never in one sentence: the first shared articles are the evidence (what prov:wasDerivedFrom
            # says, found from the entities' own articles: far fewer triples to read)
            shared = first_articles[a, b] if first_articles is not None else \
                shared_articles(keys_of, a, b, MAX_EVIDENCE, sets)
            proof = [[key, articles[key]["start"], articles[key]["end"]] for key in shared]
        scores = link_scores(sentences, together, nodes[a], nodes[b], graph_data["totals"])
        edges.append((a, b, "co_occurs", {"articles": together, "evidence": proof, "npmi": scores["npmi"],
                                          "npmi_article": scores["npmi_article"], "relation": "co_occurs",
                                          "score": scores["score"], "sentences": sentences,
                                          "weight": scores["weight"]}))
    titles = t.one(f"{kg}title")
    holder = {position: person for person, positions in t.many(f"{kg}holdsPosition").items()
              for position in positions}
    for position, orgs in t.many(f"{kg}organization").items():
        title = titles.get(position, "")
        for org in orgs:
            edges.append((ids[holder[position]], ids[org], f"holds_position:{title}",
                          {"evidence": spans(position), "relation": "holds_position", "title": title}))
    placed, placed_in = t.one(f"{kg}placed"), t.one(f"{kg}placedIn")
    basis = t.one(f"{kg}basis")
    for placement, prop in t.one(f"{kg}placementProperty").items():
        relation = PLACEMENTS[prop]
        data = {"basis": basis[placement]} if placement in basis else {}
        data.update(evidence=spans(placement), relation=relation)
        edges.append((ids[placed[placement]], ids[placed_in[placement]], relation, data))
    subjects, objects = t.one(f"{kg}statedSubject"), t.one(f"{kg}statedObject")
    verbs = t.one(f"{kg}verb")
    for statement, prop in t.one(f"{kg}statedProperty").items():
        relation = RELATION_OF[prop]
        data = {"evidence": spans(statement), "relation": relation}
        if statement in verbs:
            data["verb"] = verbs[statement]
        edges.append((ids[subjects[statement]], ids[objects[statement]], relation, data))

    graph = nx.MultiDiGraph(**graph_data)
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    edges.sort(key=lambda edge: edge[:3])
    add_new_edges(graph, edges)  # as add_edge would, in this order
    return graph


def cooccurrences(t: Triples, ids: dict, keys_of: dict, corpus: str, counted: dict) -> tuple[dict, dict]:
    """Co-occurrence IRI -> its two entity ids, smaller first; and each pair's first shared articles (at
    most :data:`kg.graph.MAX_EVIDENCE`, by key), or None.

    Every pair of entities that share an article has a co-occurrence (:func:`kg.graph.add_cooccurrence`),
    whose IRI the mapping makes from the pair (``BASE cooccurrence/<hash>``, BASE that of the corpus node):
    the pairs are found from the entities' articles, a few triples, where reading ``kg:participant`` would
    read two for each pair. When the store's co-occurrences are not exactly those, ``kg:participant`` is read.
    """
    from itertools import combinations

    from .rdfstream import CORPUS

    rows = t.store.query(f"SELECT (COUNT(DISTINCT ?link) AS ?n) WHERE {{ ?link a <{KG}CoOccurrence> }}",
                         use_default_graph_as_union=True)
    stored = int(next(iter(rows))["n"].value)
    if corpus.endswith(CORPUS):
        base = corpus[:-len(CORPUS)]
        in_article = defaultdict(list)
        for node in sorted(keys_of):
            for key in keys_of[node]:
                in_article[key].append(node)
        first: dict = {}  # pair -> its first shared articles, as add_cooccurrence keeps them
        for key in sorted(in_article):
            for pair in combinations(in_article[key], 2):
                shared = first.get(pair)
                if shared is None:
                    first[pair] = [key]
                elif len(shared) < MAX_EVIDENCE:
                    shared.append(key)
        links = {f"{base}cooccurrence/{pair_key(a, b)}": (a, b) for a, b in first}
        if len(links) == stored and all(link in counted for link in links):
            return links, first
    return {link: tuple(sorted(ids[e] for e in ends)) for link, ends in t.many(f"{KG}participant").items()}, None


def article_table(t: Triples, keys, starts, ends) -> dict:
    """Article key -> source, index, start, end, title, date, for the articles the graph was built from."""
    kg = KG
    indexes = t.one(f"{kg}articleIndex", int)
    titles, dates = t.one(f"{DCT}title"), t.one(f"{DCT}date")
    table = {}
    for article, source in t.one(f"{kg}source").items():
        table[keys[article]] = {"date": dates.get(article), "end": ends.get(article, 0),
                                "index": indexes.get(article, 0), "source": source,
                                "start": starts.get(article, 0), "title": titles.get(article)}
    return dict(sorted(table.items()))


def evidence_text(t: Triples, keys, starts, ends, in_article) -> dict:
    """Article key -> ``"start:end"`` -> the text of each evidence span that carries one."""
    texts: dict = {}
    for span, text in t.one(f"{KG}text").items():
        texts.setdefault(keys[in_article[span]], {})[f"{starts[span]}:{ends[span]}"] = text
    return {key: dict(sorted(spans.items())) for key, spans in sorted(texts.items())}


def entity_nodes(t: Triples, ids, keys, sentence_counts, article_counts, details: bool = True) -> dict:
    """Entity id -> its node data, keys sorted (without ``details``: no aliases, reasons or roles)."""
    kg = KG
    labels, aliases = t.one(RDFS_LABEL), t.many(SKOS_ALT) if details else {}
    mentions = t.one(f"{kg}mentionCount", int)
    mentioned_in = t.many(f"{kg}mentionedIn")
    alias_of, reason_of = (t.one(f"{kg}alias"), t.one(f"{kg}mergeReason")) if details else ({}, {})
    reasons = defaultdict(dict)
    for entity, merges in (t.many(f"{kg}aliasMerge") if details else {}).items():
        for merge in merges:
            reasons[entity][alias_of[merge]] = reason_of.get(merge, "")
    titles, org_names = t.one(f"{kg}title"), t.many(f"{kg}organizationName") if details else {}
    positions = t.many(f"{kg}holdsPosition") if details else {}
    types = {entity: kind for kind, local in CLASSES.items() for entity in t.of_class(local)}
    nodes = {}
    for entity, node_id in ids.items():
        names = sorted(set(aliases.get(entity, ())))
        roles = set()
        for position in positions.get(entity, ()):
            for org in org_names.get(position) or [""]:
                roles.add((titles.get(position, ""), org))
        data = {"aliases": names, "article_keys": sorted(keys[a] for a in mentioned_in.get(entity, ())),
                "articles": article_counts.get(entity, 0), "label": labels.get(entity, node_id),
                "mentions": mentions.get(entity, 0),
                "merge_reasons": {alias: reasons[entity].get(alias, "") for alias in names},
                "roles": [{"org": org, "title": title} for title, org in sorted(roles)],
                "sentences": sentence_counts.get(entity, 0)}
        if entity in types:
            data["type"] = types[entity]
        nodes[node_id] = data
    return nodes
