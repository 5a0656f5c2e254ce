"""RDF under the kg ontology (``ontology/kg.ttl``): Turtle, N-Triples, JSON-LD, RDF/XML.

IRIs are built from stable hashes, so they are valid for any parser whatever a
name contains, and identical across runs.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .atomic import atomic_open

KG = Namespace("https://w3id.org/kg-news/ontology#")
DEFAULT_BASE = "https://w3id.org/kg-news/id/"
CLASSES = {"person": KG.Person, "organization": KG.Organization, "place": KG.Place, "project": KG.Project}
FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def clean(text: str) -> str:
    """Drop characters no RDF syntax can carry (control characters, lone surrogates)."""
    return "".join(ch for ch in text if (ch >= " " or ch in "\t\n") and not "\ud800" <= ch <= "\udfff")


def to_rdf(extraction, graph, base: str | None = None) -> Graph:
    base = base or DEFAULT_BASE
    rdf = Graph()
    rdf.bind("kg", KG)
    rdf.bind("skos", SKOS)
    rdf.bind("dcterms", DCTERMS)
    iri = {}
    for entity in extraction.entities:
        node = URIRef(base + entity.id)
        iri[entity.id] = node
        rdf.add((node, RDF.type, CLASSES[entity.type]))
        rdf.add((node, RDFS.label, Literal(clean(entity.name), lang="zh")))
        for alias in sorted(entity.aliases):
            rdf.add((node, SKOS.altLabel, Literal(clean(alias), lang="zh")))
        rdf.add((node, KG.mentionCount, Literal(entity.count, datatype=XSD.integer)))
    article_iri = {}
    for article in extraction.articles:
        node = URIRef(base + "article/" + _hash(article.key))
        article_iri[article.key] = node
        rdf.add((node, RDF.type, KG.Article))
        rdf.add((node, KG.source, Literal(clean(article.source))))
        rdf.add((node, KG.articleIndex, Literal(article.index, datatype=XSD.integer)))
        rdf.add((node, KG.start, Literal(article.start, datatype=XSD.integer)))
        rdf.add((node, KG.end, Literal(article.end, datatype=XSD.integer)))
        if article.title:
            rdf.add((node, DCTERMS.title, Literal(clean(article.title), lang="zh")))
        if article.date:
            rdf.add((node, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    for entity in extraction.entities:
        for key in sorted({m.article.key for m in entity.mentions}):
            rdf.add((iri[entity.id], KG.mentionedIn, article_iri[key]))
        for title, org in sorted({(r.title, r.org or "") for r in entity.roles}):
            position = URIRef(base + "position/" + _hash(entity.id, title, org))
            rdf.add((iri[entity.id], KG.holdsPosition, position))
            rdf.add((position, RDF.type, KG.Position))
            rdf.add((position, KG.title, Literal(clean(title), lang="zh")))
            if org:
                rdf.add((position, KG.organizationName, Literal(clean(org), lang="zh")))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        relation = data.get("relation")
        if relation == "co_occurs":
            rdf.add((iri[u], KG.coOccursWith, iri[v]))
            node = URIRef(base + "cooccurrence/" + _hash(u, v))
            rdf.add((node, RDF.type, KG.CoOccurrence))
            rdf.add((node, KG.entity, iri[u]))
            rdf.add((node, KG.entity, iri[v]))
            rdf.add((node, KG.sentenceCount, Literal(data["sentences"], datatype=XSD.integer)))
            rdf.add((node, KG.articleCount, Literal(data["articles"], datatype=XSD.integer)))
            rdf.add((node, KG.npmi, Literal(data["npmi"], datatype=XSD.double)))
        elif relation == "holds_position":
            position = URIRef(base + "position/" + _hash(u, data["title"], graph.nodes[v]["label"]))
            rdf.add((position, KG.organization, iri[v]))
        elif relation == "located_in":
            rdf.add((iri[u], KG.locatedIn, iri[v]))
        elif relation == "part_of":
            rdf.add((iri[u], KG.partOf, iri[v]))
    return rdf


def write_rdf(rdf: Graph, path: str | Path, format: str = "ttl") -> Path:
    """Serialise ``rdf`` to ``path`` in ``format`` (ttl, nt, jsonld, xml), atomically."""
    data = rdf.serialize(format=FORMATS[format], encoding="utf-8")
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        handle.write(data)
    return Path(path)


def read_rdf(path: str | Path, format: str | None = None) -> Graph:
    rdf = Graph()
    rdf.parse(str(path), format=FORMATS.get(format or Path(path).suffix.lstrip("."), "turtle"))
    return rdf
