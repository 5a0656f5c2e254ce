"""RDF under the kg ontology (``ontology/kg.ttl``): Turtle, N-Triples, JSON-LD, RDF/XML.

Every resource gets an IRI made of the base IRI and a stable, name-free key (the entity id, or a hash of
the article key, of a position, of a pair of entities, of a text span), so IRIs are identical across runs
and valid for any parser whatever a name contains. Names only ever appear in literals, cleaned of the
characters no RDF syntax can carry.

========================  ==================================================================
resource                  IRI
========================  ==================================================================
entity                    ``{base}{entity id}`` e.g. ``{base}person-1a2b3c4d5e6f``
article                   ``{base}article/{sha1(article key)[:16]}``
position                  ``{base}position/{sha1(person id, title, org)[:16]}``
co-occurrence             ``{base}cooccurrence/{sha1(id a, id b)[:16]}``
evidence (a text span)    ``{base}evidence/{sha1(article key, start, end)[:16]}``
========================  ==================================================================
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from ..io.atomic import atomic_open

KG = Namespace("https://w3id.org/kg-news/ontology#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DEFAULT_BASE = "https://w3id.org/kg-news/id/"
# Relations a sentence states, as a property from the first entity to the second (ontology/kg.ttl).
STATED_PROPERTIES = {"meets": "meets", "visits": "visits", "signs_with": "signsWith",
                     "cooperates_with": "cooperatesWith", "invests_in": "investsIn", "builds": "builds"}
CLASSES = {"person": KG.Person, "organization": KG.Organization, "place": KG.Place, "project": KG.Project}
FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
SUFFIXES = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml",
            ".owl": "xml"}
MEDIA_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "xml": "application/rdf+xml"}
PREFIXES = {"kg": KG, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV, "xsd": XSD, "owl": OWL}
RESOURCE_KINDS = ("article", "cooccurrence", "evidence", "position")
_USED_PREFIXES = {str(namespace) for namespace in PREFIXES.values()}
_BASE_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]$")
# Characters XML 1.0 (so RDF/XML) cannot carry, control characters and lone surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def check_base(base: str | None) -> str:
    """The base IRI to use: ``base`` if it is an absolute IRI ending in ``/``, ``#`` or ``:``.

    >>> check_base("http://example.org/kg/")
    'http://example.org/kg/'
    >>> check_base("http://example.org/a b/")
    Traceback (most recent call last):
    ...
    ValueError: base IRI must be an absolute IRI without spaces or <>"{}|\\^` ending in /, # or : (got 'http://example.org/a b/')
    """
    if base is None:
        return DEFAULT_BASE
    if not _BASE_OK.match(base):
        raise ValueError("base IRI must be an absolute IRI without spaces or <>\"{}|\\^` ending in /, # or : "
                         f"(got {base!r})")
    return base


def _hash(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clean(text: str) -> str:
    """Drop characters no RDF syntax can carry (control characters, lone surrogates, U+FFFE/U+FFFF).

    Tabs, newlines and carriage returns are kept.

    >>> clean('a\\x00b\\n"<c>"')
    'ab\\n"<c>"'
    """
    return _BAD_CHARS.sub("", text)


class Iris:
    """IRI factory under one base."""

    def __init__(self, base: str | None = None):
        self.base = check_base(base)

    def entity(self, entity_id: str) -> URIRef:
        return URIRef(self.base + quote(entity_id, safe="-._~"))

    def article(self, key: str) -> URIRef:
        return URIRef(f"{self.base}article/{_hash(key)}")

    def position(self, person: str, title: str, org: str) -> URIRef:
        return URIRef(f"{self.base}position/{_hash(person, title, org)}")

    def cooccurrence(self, a: str, b: str) -> URIRef:
        a, b = sorted((a, b))
        return URIRef(f"{self.base}cooccurrence/{_hash(a, b)}")

    def evidence(self, key: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}evidence/{_hash(key, start, end)}")


def _zh(text: str) -> Literal:
    return Literal(clean(text), lang="zh")


def _int(value) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _double(value) -> Literal:
    return Literal(float(value), datatype=XSD.double)


def position_orgs(graph, node_id) -> dict[tuple[str, str], str]:
    """(title, name or alias of the org) -> the org's label, from the person's holds_position edges."""
    resolved: dict[tuple[str, str], str] = {}
    for _, target, edge in graph.out_edges(node_id, data=True):
        if edge.get("relation") == "holds_position":
            target_data = graph.nodes[target]
            for name in (target_data.get("label", ""), *target_data.get("aliases", [])):
                resolved.setdefault((edge.get("title", ""), name), target_data.get("label", ""))
    return resolved


def triples(graph, base: str | None = None):
    """Yield the RDF triples (rdflib terms) of a knowledge graph built by :func:`kg.graph.build_graph`."""
    iris = Iris(base)
    articles = graph.graph.get("articles", {})
    article_iri = {key: iris.article(key) for key in articles}
    evidence_seen = set()

    def evidence(span):
        key, start, end = span
        node = iris.evidence(key, start, end)
        if node not in evidence_seen:
            evidence_seen.add(node)
            yield node, RDF.type, KG.Evidence
            yield node, KG.inArticle, article_of(key)
            yield node, KG.start, _int(start)
            yield node, KG.end, _int(end)
        return node

    def article_of(key):
        if key not in article_iri:  # evidence from an article the table does not list
            article_iri[key] = iris.article(key)
            yield_later.append(key)
        return article_iri[key]

    yield_later: list[str] = []
    for key in sorted(articles):
        meta = articles[key]
        node = article_iri[key]
        yield node, RDF.type, KG.Article
        yield node, KG.articleKey, Literal(clean(key))
        yield node, KG.source, Literal(clean(str(meta.get("source", ""))))
        yield node, KG.articleIndex, _int(meta.get("index", 0))
        yield node, KG.start, _int(meta.get("start", 0))
        yield node, KG.end, _int(meta.get("end", 0))
        if meta.get("title"):
            yield node, DCTERMS.title, _zh(meta["title"])
        if meta.get("date"):
            yield node, DCTERMS.date, Literal(meta["date"], datatype=XSD.date)
    for node_id, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        node = iris.entity(node_id)
        yield node, RDF.type, CLASSES.get(data.get("type"), KG.Entity)
        yield node, KG.entityId, Literal(clean(node_id))
        yield node, RDFS.label, _zh(data.get("label", node_id))
        for alias in data.get("aliases", []):
            yield node, SKOS.altLabel, _zh(alias)
        yield node, KG.mentionCount, _int(data.get("mentions", 0))
        yield node, KG.articleCount, _int(data.get("articles", 0))
        for key in data.get("article_keys", []):
            yield node, KG.mentionedIn, article_of(key)
        resolved = position_orgs(graph, node_id)
        for role in data.get("roles", []):
            title, org = role.get("title", ""), role.get("org") or ""
            position = iris.position(node_id, title, resolved.get((title, org), org))
            yield node, KG.holdsPosition, position
            yield position, RDF.type, KG.Position
            yield position, KG.title, _zh(title)
            if org:
                yield position, KG.organizationName, _zh(org)
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        relation = data.get("relation")
        if relation == "co_occurs":
            a, b = iris.entity(u), iris.entity(v)
            yield a, KG.coOccursWith, b
            yield b, KG.coOccursWith, a
            node = iris.cooccurrence(u, v)
            yield node, RDF.type, KG.CoOccurrence
            yield node, KG.participant, a
            yield node, KG.participant, b
            yield node, KG.sentenceCount, _int(data.get("sentences", 0))
            yield node, KG.articleCount, _int(data.get("articles", 0))
            yield node, KG.npmi, _double(data.get("npmi", -1.0))
            yield node, KG.score, _double(data.get("score", 0.0))
            for span in data.get("evidence", []):
                yield node, PROV.wasDerivedFrom, article_of(span[0])
                if data.get("sentences", 0):
                    span_node = yield from evidence(span)
                    yield node, KG.evidence, span_node
        elif relation == "holds_position":
            title = data.get("title", "")
            org = graph.nodes[v].get("label", "")
            position = iris.position(u, title, org)
            yield iris.entity(u), KG.holdsPosition, position
            yield position, RDF.type, KG.Position
            yield position, KG.title, _zh(title)
            yield position, KG.organization, iris.entity(v)
            for span in data.get("evidence", []):
                span_node = yield from evidence(span)
                yield position, KG.evidence, span_node
        elif relation == "located_in":
            yield iris.entity(u), KG.locatedIn, iris.entity(v)
        elif relation == "part_of":
            yield iris.entity(u), KG.partOf, iris.entity(v)
        elif relation in STATED_PROPERTIES:
            yield iris.entity(u), KG[STATED_PROPERTIES[relation]], iris.entity(v)
    for key in yield_later:  # articles known only from evidence
        yield article_iri[key], RDF.type, KG.Article
        yield article_iri[key], KG.articleKey, Literal(clean(key))


def to_rdf(graph, base: str | None = None, *legacy) -> Graph:
    """An rdflib Graph of ``graph``. (``to_rdf(extraction, graph, base)`` is accepted too.)"""
    if hasattr(graph, "entities"):  # old signature: (extraction, graph, base)
        graph, base = base, (legacy[0] if legacy else None)
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    rdf.bind("", Namespace(check_base(base)))
    for triple in triples(graph, base):
        rdf.add(triple)
    return rdf


def _nt_literal(value: Literal) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype is not None:
        return f'"{text}"^^<{value.datatype}>'
    return f'"{text}"'


def ntriples_lines(graph, base: str | None = None):
    """Yield N-Triples lines of ``graph`` fast (without rdflib's serializer), for bulk loading."""
    for s, p, o in triples(graph, base):
        obj = f"<{o}>" if isinstance(o, URIRef) else _nt_literal(o)
        yield f"<{s}> <{p}> {obj} .\n"


def to_store(graph, base: str | None = None, store=None):
    """A pyoxigraph Store holding the triples of ``graph`` (in the default graph)."""
    import pyoxigraph as ox

    store = store if store is not None else ox.Store()
    data = "".join(ntriples_lines(graph, base)).encode("utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def serialize(rdf: Graph, format: str = "ttl") -> bytes:
    """``rdf`` in ``format``; Turtle and JSON-LD through Oxigraph's writers (see :func:`oxigraph_bytes`)."""
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r} (one of {', '.join(FORMATS)})")
    if format in ("ttl", "jsonld"):
        return oxigraph_bytes(rdf, format)
    return rdf.serialize(format=FORMATS[format], encoding="utf-8")


def oxigraph_bytes(rdf: Graph, format: str) -> bytes:
    """Turtle or expanded JSON-LD of ``rdf`` written by Oxigraph, the triples in sorted order.

    rdflib's writers lose data: its Turtle shortens doubles (``7.456975097141242e-42`` becomes
    ``7.456975e-42``), and its JSON-LD, given a context, makes numbers native JSON, so that the double
    ``0.0`` reads back as the integer ``0``. Oxigraph keeps every lexical form and datatype.
    """
    import json

    import pyoxigraph as ox

    from .text import json_safe

    def term(value):
        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None)
        raise ValueError(f"cannot write {value!r} (kg uses no blank nodes)")

    def key(triple):
        return tuple((type(x).__name__, str(x), str(getattr(x, "datatype", "") or ""),
                      getattr(x, "language", "") or "") for x in triple)

    triples = [ox.Triple(term(s), term(p), term(o)) for s, p, o in sorted(rdf, key=key)]
    if format == "ttl":
        prefixes = {prefix: str(namespace) for prefix, namespace in rdf.namespaces()
                    if prefix == "" or (prefix in PREFIXES and str(namespace) in _USED_PREFIXES)}
        if "" in prefixes:  # one prefix per kind of resource, so that no local name needs an escaped "/"
            prefixes.update({kind: f"{prefixes['']}{kind}/" for kind in RESOURCE_KINDS})
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    return (json_safe(json.dumps(json.loads(data), ensure_ascii=False, indent=1)) + "\n").encode("utf-8")


def write_rdf(rdf: Graph, path: str | Path, format: str = "ttl") -> Path:
    """Serialise ``rdf`` to ``path`` in ``format`` (ttl, nt, jsonld, xml), atomically."""
    data = serialize(rdf, format)
    if format == "nt":  # rdflib writes N-Triples in hash order: sort for byte-stable output
        data = b"".join(sorted(set(data.splitlines(keepends=True))))
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        handle.write(data)
    return Path(path)


def format_of(path: str | Path) -> str | None:
    """The RDF format a file name says (``graph.ttl`` -> ``ttl``), or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


def read_rdf(path: str | Path, format: str | None = None) -> Graph:
    rdf = Graph()
    rdf.parse(str(path), format=FORMATS[format or format_of(path) or "ttl"])
    return rdf
