"""The one kg -> RDF mapping, streamed as text terms: every RDF output is made from :func:`statements`.

:func:`statements` gives the triples of a :func:`kg.graph.build_graph` graph under the kg ontology as
ready-made text terms, without making an rdflib term for each; Turtle (:func:`write_turtle`) and N-Triples
(:func:`ntriples`) are written from them directly, the other syntaxes and the rdflib and Oxigraph graphs are
parsed or serialised from them (:mod:`kg.export.rdf`). Any edge relation flows through: the known ones have
their own terms, any other becomes ``kg:<relationInCamelCase>`` from the first entity to the second. Evidence
spans carry the text they cover (``kg:text``) when the graph holds it (``evidence_text``). :func:`ntriples` writes them as N-Triples lines; :func:`write_turtle` as Turtle,
directly: IRIs under the prefixes of :func:`turtle_prefixes` where the local name is a plain word (else in
full), integers bare, consecutive triples of one subject grouped with ``;`` and of one subject and predicate
with ``,``. Memory stays flat and the output is deterministic (the triples come in a fixed order).
"""
from __future__ import annotations

import re
from pathlib import Path

from .graph import edge_items
from .io.atomic import atomic_open
from .export.rdf import PREFIXES, check_base, clean, position_orgs
from .vocabulary import (CLASSES, DCT, PROV_DERIVED, RDF_TYPE, RDFS_LABEL, SKOS_ALT, STATED_PROPERTIES, XSD, entity_local,
                         pair_key, resource_key)

BATCH = 20_000  # statements written at a time
RESOURCE_KINDS = ("article", "cooccurrence", "evidence", "merge", "placement", "position", "statement")  # IRIs under BASE<kind>/
PREDICATES = ("articleKey", "source", "articleIndex", "start", "end", "entityId", "mentionCount", "articleCount",
              "mentionedIn", "holdsPosition", "title", "organizationName", "coOccursWith", "participant",
              "sentenceCount", "npmi", "score", "evidence", "organization", "locatedIn", "partOf", "inArticle",
              "text", "statedSubject", "statedObject", "statedProperty", "verb", "home", "aliasMerge", "alias",
              "mergeReason", "placed", "placedIn", "placementProperty", "basis", *STATED_PROPERTIES.values())
_TURTLE_DOUBLE = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+\Z")  # written bare
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")  # a local name Turtle takes without escapes


def turtle_prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes of ``graph.ttl``: the ontologies', ``:`` for the base IRI and one per resource kind."""
    base = check_base(base)
    prefixes = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    for kind in RESOURCE_KINDS:  # so that no local name needs an escaped "/"
        prefixes[kind] = f"{base}{kind}/"
    prefixes[""] = base
    return prefixes


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


class NTriplesTerms:
    """Terms written as N-Triples: every IRI in full, every literal quoted with its datatype."""

    def __init__(self, base: str):
        self.base = base
        kg = str(PREFIXES["kg"])
        self.a = f"<{RDF_TYPE}>"
        self.classes = {kind: f"<{kg}{local}>" for kind, local in CLASSES.items()}
        self.kg = {name: f"<{kg}{name}>" for name in ("Entity", "Article", "Evidence", "Position", "CoOccurrence",
                                                        "StatedRelation", "Corpus", "AliasMerge", "Placement")}
        self.p = {name: f"<{kg}{name}>" for name in PREDICATES}
        self.label, self.alt_label = f"<{RDFS_LABEL}>", f"<{SKOS_ALT}>"
        self.title, self.date_of, self.derived = f"<{DCT}title>", f"<{DCT}date>", f"<{PROV_DERIVED}>"
        self._integer, self._double, self._date = f"^^<{XSD}integer>", f"^^<{XSD}double>", f"^^<{XSD}date>"
        self._entities: dict[str, str] = {}
        self._relations: dict[str, str] = {}

    def resource(self, kind: str, digest: str) -> str:
        return f"<{self.base}{kind}/{digest}>"

    def property(self, relation: str) -> str:
        """The property of an edge relation without a term of its own: ``signs_with`` -> ``kg:signsWith``."""
        found = self._relations.get(relation)
        if found is None:
            found = self._relations[relation] = self.kg_term(camel(relation))
        return found

    def kg_term(self, local: str) -> str:
        return f"<{PREFIXES['kg']}{local}>"

    def entity(self, node_id) -> str:
        found = self._entities.get(node_id)
        if found is None:
            found = self._entities[node_id] = self.entity_iri(entity_local(node_id))
        return found

    def entity_iri(self, local: str) -> str:
        return f"<{self.base}{local}>"

    def integer(self, value) -> str:
        return f'"{int(value)}"{self._integer}'

    def double(self, value) -> str:
        return f'"{float(value)}"{self._double}'

    def date(self, value: str) -> str:
        return f'"{_text(value)}"{self._date}'

    @staticmethod
    def zh(text: str) -> str:
        return f'"{_text(clean(text))}"@zh'

    @staticmethod
    def plain(text: str) -> str:
        return f'"{_text(clean(text))}"'


class TurtleTerms(NTriplesTerms):
    """Terms written as Turtle under :func:`turtle_prefixes`: prefixed names, ``a``, bare integers."""

    def __init__(self, base: str):
        super().__init__(base)
        self.a = "a"
        self.classes = {kind: f"kg:{local}" for kind, local in CLASSES.items()}
        self.kg = {name: f"kg:{name}" for name in self.kg}
        self.p = {name: f"kg:{name}" for name in PREDICATES}
        self.label, self.alt_label = "rdfs:label", "skos:altLabel"
        self.title, self.date_of, self.derived = "dcterms:title", "dcterms:date", "prov:wasDerivedFrom"
        self._double, self._date = "^^xsd:double", "^^xsd:date"

    def resource(self, kind: str, digest: str) -> str:
        return f"{kind}:{digest}"  # a hex digest: always a plain local name

    def kg_term(self, local: str) -> str:
        return f"kg:{local}" if _PLAIN_LOCAL.match(local) else f"<{PREFIXES['kg']}{local}>"

    def entity_iri(self, local: str) -> str:
        return f":{local}" if _PLAIN_LOCAL.match(local) else f"<{self.base}{local}>"

    def integer(self, value) -> str:
        return str(int(value))

    def double(self, value) -> str:
        text = repr(float(value))
        return text if _TURTLE_DOUBLE.match(text) else f'"{text}"{self._double}'


def camel(relation: str) -> str:
    """``signs_with`` -> ``signsWith``; anything but letters, digits and ``_`` dropped.

    >>> camel("invests_in")
    'investsIn'
    """
    words = [w for w in re.split(r"[^A-Za-z0-9]+", relation) if w]
    return (words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])) if words else "relatedTo"


KNOWN_RELATIONS = ("co_occurs", "holds_position", "located_in", "part_of")


CORPUS = "corpus"  # the corpus node's IRI: BASE + CORPUS


def statements(graph, base: str | None = None, terms: NTriplesTerms | None = None, scores: bool = False):
    """``(subject, predicate, object)`` text terms of ``graph`` under the kg ontology, in a fixed order:
    the triples of :func:`named_graphs`, one named graph after the other.

    Counts only, by default: each co-occurrence's shared sentences and articles, each entity's sentences and
    articles, the corpus's totals (:mod:`kg.scores` computes NPMI from them when read). With ``scores``, each
    co-occurrence also carries the ``kg:npmi`` and ``kg:score`` the graph holds: a snapshot, for files
    loaded into stores that cannot compute them."""
    for _, triples in named_graphs(graph, base, terms, scores):
        yield from triples


def graph_iri(base: str, kind: str, local: str = "") -> str:
    """The IRI of a named graph of the store: ``{base}graph/article/{hash}``, ``{base}graph/entity/{id}``
    or ``{base}graph/corpus``."""
    return f"<{base}graph/{kind}{'/' + local if local else ''}>"


def edge_owner(u, v, relation):
    """The entity whose named graph holds an edge's statements: the smaller id of a co-occurring pair,
    the subject of any other edge."""
    return min(u, v) if relation == "co_occurs" else u


def named_graphs(graph, base: str | None = None, terms: NTriplesTerms | None = None, scores: bool = False,
                 only=None):
    """``(graph IRI, [(subject, predicate, object), ...])`` for each named graph of the store, in a fixed
    order, each graph once and whole: the one kg -> RDF mapping (:func:`statements` is its triples).

    - ``graph/entity/{id}``, one per entity (sorted by id): its type, labels and counts, its positions,
      and the edges it owns (:func:`edge_owner`: a co-occurrence node, a position held, located in, part
      of, a stated relation);
    - ``graph/article/{hash}``, one per article (sorted by key): the article node, the ``kg:mentionedIn``
      triples that point to it and its evidence spans (the sentences that edges cite);
    - ``graph/corpus``: the corpus node (``kg:Corpus``: its sentence and article totals, its home region).

    A triple's graph depends only on what the triple says, so every triple is in exactly one graph and an
    added page changes only its articles' graphs, the graphs of the entities it touches and the corpus's.
    ``scores`` as in :func:`statements`. ``only`` (a test of a graph IRI) makes the triples of the graphs it
    passes alone: the others come as ``(IRI, None)`` (a rebuild's store keeps what it holds of them); the
    spans an article's graph holds are then those the graph's ``evidence_text`` lists for it (for a built
    graph: every span an edge cites).
    """
    base = check_base(base)
    t = terms or NTriplesTerms(base)
    p, a, kg = t.p, t.a, t.kg
    entity, integer, zh, plain = t.entity, t.integer, t.zh, t.plain
    mentioned = p["mentionedIn"]

    articles = graph.graph.get("articles", {})
    texts = graph.graph.get("evidence_text", {})
    article_iri = {key: t.resource("article", resource_key(key)) for key in articles}
    mentions: dict[str, list] = {}  # article key -> ids of the entities mentioned in it, in id order
    spans: dict[str, list] = {}  # article key -> (start, end) of its evidence spans

    def article_of(key):
        found = article_iri.get(key)
        if found is None:  # an article the graph's table lacks: typed and keyed in its own graph below
            found = article_iri[key] = t.resource("article", resource_key(key))
        return found

    evidence_iri: dict[tuple, str] = {}  # (article key, start, end) -> its IRI, made once

    def evidence(span):
        found = evidence_iri.get(span_key := tuple(span))
        if found is None:
            key, start, end = span_key
            article_of(key)
            spans.setdefault(key, []).append((start, end))
            found = evidence_iri[span_key] = t.resource("evidence", resource_key(key, start, end))
        return found

    if only is not None:
        if "evidence_text" not in graph.graph:
            raise ValueError("named_graphs(only=...) reads the spans edges cite from the graph's evidence_text")
        for key in texts:  # the spans the entity graphs left out cite: those of evidence_text
            article_of(key)

    for node_id, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        iri = graph_iri(base, "entity", entity_local(node_id))
        if only is not None:
            if not only(iri):
                for key in data.get("article_keys", []):  # what the articles' graphs need of this one
                    article_of(key)
                    mentions.setdefault(key, []).append(node_id)
                yield iri, None
                continue
        node = entity(node_id)
        out = [(node, a, t.classes.get(data.get("type"), kg["Entity"])), (node, p["entityId"], plain(node_id)),
               (node, t.label, zh(data.get("label", node_id)))]
        reasons = data.get("merge_reasons") or {}
        for alias in data.get("aliases", []):
            out.append((node, t.alt_label, zh(alias)))
            if reasons.get(alias):
                merge = t.resource("merge", resource_key(node_id, alias))
                out.append((node, p["aliasMerge"], merge))
                out.append((merge, a, kg["AliasMerge"]))
                out.append((merge, p["alias"], zh(alias)))
                out.append((merge, p["mergeReason"], plain(reasons[alias])))
        out.append((node, p["mentionCount"], integer(data.get("mentions", 0))))
        out.append((node, p["articleCount"], integer(data.get("articles", 0))))
        out.append((node, p["sentenceCount"], integer(data.get("sentences", 0))))
        for key in data.get("article_keys", []):
            article_of(key)
            mentions.setdefault(key, []).append(node_id)
        roles = data.get("roles", [])
        resolved = position_orgs(graph, node_id) if roles else {}
        for role in roles:
            title, org = role.get("title", ""), role.get("org") or ""
            position = t.resource("position", resource_key(node_id, title, resolved.get((title, org), org)))
            out.append((node, p["holdsPosition"], position))
            out.append((position, a, kg["Position"]))
            out.append((position, p["title"], zh(title)))
            if org:
                out.append((position, p["organizationName"], zh(org)))
        # each entity's edges found when its graph is made, not all of them first (millions of tuples at 100 MB)
        for u, v, key, data in sorted(owned_edges(graph, node_id), key=lambda e: (e[0], e[1], e[2])):
            _edge_statements(graph, t, u, v, data, out, article_of, evidence, scores)
        yield iri, out

    for key in sorted(article_iri):
        iri = graph_iri(base, "article", resource_key(key))
        if only is not None and not only(iri):
            yield iri, None
            continue
        node = article_iri[key]
        subjects = [entity(node_id) for node_id in mentions.get(key, ())]
        if only is not None:
            for span in texts.get(key, ()):
                start, end = span.split(":")
                evidence((key, int(start), int(end)))
        out = [(node, a, kg["Article"]), (node, p["articleKey"], plain(key))]
        meta = articles.get(key)
        if meta is not None:
            out.append((node, p["source"], plain(str(meta.get("source", "")))))
            for name, field in (("articleIndex", "index"), ("start", "start"), ("end", "end")):
                out.append((node, p[name], integer(meta.get(field, 0))))
            if meta.get("title"):
                out.append((node, t.title, zh(meta["title"])))
            if meta.get("date"):
                out.append((node, t.date_of, t.date(meta["date"])))
        out.extend((subject, mentioned, node) for subject in subjects)
        cited = texts.get(key, {})
        for start, end in sorted(spans.get(key, ())):
            span_node = evidence_iri[key, start, end]
            out.append((span_node, a, kg["Evidence"]))
            out.append((span_node, p["inArticle"], node))
            out.append((span_node, p["start"], integer(start)))
            out.append((span_node, p["end"], integer(end)))
            text = cited.get(f"{start}:{end}")
            if text:
                out.append((span_node, p["text"], zh(text)))
        yield iri, out

    corpus, totals, home = t.entity_iri(CORPUS), graph.graph.get("totals") or {}, graph.graph.get("home")
    out = [(corpus, a, kg["Corpus"]), (corpus, p["sentenceCount"], integer(totals.get("sentences", 0))),
           (corpus, p["articleCount"], integer(totals.get("articles", 0)))]
    if home:
        out.append((corpus, p["home"], zh(home)))
    yield graph_iri(base, "corpus"), out


def owned_edges(graph, node_id) -> list:
    """``(u, v, key, data)`` of the edges whose statements ``node_id``'s graph holds (:func:`edge_owner`)."""
    found = [(u, v, key, data) for u, v, key, data in edge_items(graph, (node_id,))
             if u <= v or data.get("relation") != "co_occurs"]
    pred = getattr(graph, "_pred", None) if graph.is_multigraph() else None
    if pred is None:
        found += [(u, v, key, data) for u, v, key, data in graph.in_edges(node_id, keys=True, data=True)
                  if v < u and data.get("relation") == "co_occurs"]
    else:  # the adjacency read directly, as edge_items does
        found += [(u, node_id, key, data) for u, keyed in pred[node_id].items() if node_id < u
                  for key, data in keyed.items() if data.get("relation") == "co_occurs"]
    return found


def _edge_statements(graph, t, u, v, data, out, article_of, evidence, scores) -> None:
    """Append the statements of the edge ``u -> v`` to ``out``."""
    p, a, kg, entity, integer, zh = t.p, t.a, t.kg, t.entity, t.integer, t.zh
    relation = data.get("relation")
    if relation == "co_occurs":
        first, second = entity(u), entity(v)
        node = t.resource("cooccurrence", pair_key(u, v))
        participant = p["participant"]
        out.extend(((first, p["coOccursWith"], second), (second, p["coOccursWith"], first),
                    (node, a, kg["CoOccurrence"]), (node, participant, first), (node, participant, second),
                    (node, p["sentenceCount"], integer(data.get("sentences", 0))),
                    (node, p["articleCount"], integer(data.get("articles", 0)))))
        if scores:
            out.append((node, p["npmi"], t.double(data.get("npmi", -1.0))))
            out.append((node, p["score"], t.double(data.get("score", 0.0))))
        in_sentences = data.get("sentences", 0)
        for span in data.get("evidence", []):
            out.append((node, t.derived, article_of(span[0])))
            if in_sentences:
                out.append((node, p["evidence"], evidence(span)))
    elif relation == "holds_position":
        title = data.get("title", "")
        position = t.resource("position", resource_key(u, title, graph.nodes[v].get("label", "")))
        out.append((entity(u), p["holdsPosition"], position))
        out.append((position, a, kg["Position"]))
        out.append((position, p["title"], zh(title)))
        out.append((position, p["organization"], entity(v)))
        for span in data.get("evidence", []):
            out.append((position, p["evidence"], evidence(span)))
    elif relation in ("located_in", "part_of"):
        placed_in = p["locatedIn" if relation == "located_in" else "partOf"]
        out.append((entity(u), placed_in, entity(v)))
        # Why: the basis (name, context, gazetteer) and the words that show it.
        node = t.resource("placement", resource_key(u, relation, v))
        out.append((node, a, kg["Placement"]))
        out.append((node, p["placed"], entity(u)))
        out.append((node, p["placementProperty"], placed_in))
        out.append((node, p["placedIn"], entity(v)))
        if data.get("basis"):
            out.append((node, p["basis"], t.plain(data["basis"])))
        for span in data.get("evidence", []):
            out.append((node, p["evidence"], evidence(span)))
    elif relation in STATED_PROPERTIES:
        out.append((entity(u), p[STATED_PROPERTIES[relation]], entity(v)))
        # The statement itself, so that SPARQL reaches the sentences that state it.
        node = t.resource("statement", resource_key(u, relation, v))
        out.append((node, a, kg["StatedRelation"]))
        out.append((node, p["statedSubject"], entity(u)))
        out.append((node, p["statedProperty"], p[STATED_PROPERTIES[relation]]))
        out.append((node, p["statedObject"], entity(v)))
        if data.get("verb"):
            out.append((node, p["verb"], zh(data["verb"])))
        for span in data.get("evidence", []):
            out.append((node, p["evidence"], evidence(span)))
    elif relation:
        out.append((entity(u), t.property(relation), entity(v)))


def ntriples(graph, base: str | None = None, scores: bool = True):
    """N-Triples lines of ``graph``: :func:`statements`, written as text (a file's: ``scores`` included)."""
    for s, p, o in statements(graph, base, scores=scores):
        yield f"{s} {p} {o} .\n"


def turtle_chunks(graph, base: str | None = None, scores: bool = True):
    """The text of :func:`write_turtle`, a batch of statements at a time."""
    base = check_base(base)
    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in turtle_prefixes(base).items())
    out: list[str] = []
    subject = predicate = None
    for s, p, o in statements(graph, base, TurtleTerms(base), scores=scores):
        if s == subject:
            if p == predicate:
                out.append(f" , {o}")
            else:
                out.append(f" ;\n\t{p} {o}")
                predicate = p
            continue
        if subject is not None:
            out.append(" .\n")
            if len(out) >= BATCH:
                yield "".join(out)
                out = []
        out.append(f"{s} {p} {o}")
        subject, predicate = s, p
    if subject is not None:
        out.append(" .\n")
    yield "".join(out)


def stream_triples(graph, base: str | None = None, scores: bool = False):
    """Oxigraph triples of ``graph`` in the order of :func:`statements` (counts only: what a store keeps)."""
    from itertools import islice

    import pyoxigraph as ox

    lines = ntriples(graph, base, scores)
    while True:
        batch = list(islice(lines, 50_000))
        if not batch:
            return
        yield from ox.parse("".join(batch).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def write_turtle(graph, path: str | Path, base: str | None = None, scores: bool = True) -> Path:
    """Write ``graph`` (a :func:`kg.graph.build_graph` MultiDiGraph) as Turtle to ``path``, atomically; a
    file, so with the ``scores`` snapshot by default (see :func:`statements`)."""
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        for chunk in turtle_chunks(graph, base, scores):
            handle.write(chunk.encode("utf-8"))
    return Path(path)
