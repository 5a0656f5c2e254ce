"""Stream a knowledge graph to Turtle without holding it as an rdflib Graph.

``kg build`` writes ``graph.ttl`` with :func:`write_turtle`: :func:`ntriples` writes the triples of
:func:`kg.export.rdf.triples` (the same triples, in the same order, as every RDF export; the tests compare
them on the seeds and on a synthetic graph) as N-Triples text directly, without making an rdflib term for
each, and they go in batches through Oxigraph's N-Triples parser into its streaming Turtle serializer. So
memory stays flat and the file is written tens of times faster than with rdflib's serializer, which first
loads every triple into an in-memory store. The output is deterministic (the triples come in a fixed order);
Turtle groups consecutive triples of one subject.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path

from .export.atomic import atomic_open
from .export.rdf import PREFIXES, Iris, _hash, check_base, clean, position_orgs

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD = "http://www.w3.org/2001/XMLSchema#"

BATCH = 50_000  # triples parsed at a time
RESOURCE_KINDS = ("article", "cooccurrence", "evidence", "position")  # IRIs under BASE<kind>/


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


def ntriples(graph, base: str | None = None):
    """N-Triples lines of ``graph``: :func:`kg.export.rdf.triples`, written as text."""
    base = check_base(base)
    kg = str(PREFIXES["kg"])
    classes = {t: f"<{kg}{t.capitalize()}>" for t in ("person", "organization", "place", "project")}
    p = {name: f"<{kg}{name}>" for name in (
        "articleKey", "source", "articleIndex", "start", "end", "entityId", "mentionCount", "articleCount",
        "mentionedIn", "holdsPosition", "title", "organizationName", "coOccursWith", "participant",
        "sentenceCount", "npmi", "score", "evidence", "organization", "locatedIn", "partOf", "inArticle")}
    a = f"<{RDF}>"
    integer, double, date = f"^^<{XSD}integer>", f"^^<{XSD}double>", f"^^<{XSD}date>"
    iris = Iris(base)

    def zh(text):
        return f'"{_text(clean(text))}"@zh'

    def plain(text):
        return f'"{_text(clean(text))}"'

    def entity(node_id):
        return f"<{iris.entity(node_id)}>"

    articles = graph.graph.get("articles", {})
    article_iri = {key: f"<{base}article/{_hash(key)}>" for key in articles}
    evidence_seen = set()
    later: list[str] = []

    def article_of(key):
        if key not in article_iri:
            article_iri[key] = f"<{base}article/{_hash(key)}>"
            later.append(key)
        return article_iri[key]

    def evidence(span, out):
        key, start, end = span
        node = f"<{base}evidence/{_hash(key, start, end)}>"
        if node not in evidence_seen:
            evidence_seen.add(node)
            out.append(f"{node} {a} <{kg}Evidence> .\n")
            out.append(f"{node} {p['inArticle']} {article_of(key)} .\n")
            out.append(f'{node} {p["start"]} "{int(start)}"{integer} .\n')
            out.append(f'{node} {p["end"]} "{int(end)}"{integer} .\n')
        return node

    for key in sorted(articles):
        meta, node, out = articles[key], article_iri[key], []
        out.append(f"{node} {a} <{kg}Article> .\n")
        out.append(f"{node} {p['articleKey']} {plain(key)} .\n")
        out.append(f"{node} {p['source']} {plain(str(meta.get('source', '')))} .\n")
        for name, field in (("articleIndex", "index"), ("start", "start"), ("end", "end")):
            out.append(f'{node} {p[name]} "{int(meta.get(field, 0))}"{integer} .\n')
        if meta.get("title"):
            out.append(f"{node} <{DCT}title> {zh(meta['title'])} .\n")
        if meta.get("date"):
            out.append(f'{node} <{DCT}date> "{_text(meta["date"])}"{date} .\n')
        yield from out
    for node_id, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        node, out = entity(node_id), []
        out.append(f"{node} {a} {classes.get(data.get('type'), f'<{kg}Entity>')} .\n")
        out.append(f"{node} {p['entityId']} {plain(node_id)} .\n")
        out.append(f"{node} <{RDFS_LABEL}> {zh(data.get('label', node_id))} .\n")
        for alias in data.get("aliases", []):
            out.append(f"{node} <{SKOS_ALT}> {zh(alias)} .\n")
        out.append(f'{node} {p["mentionCount"]} "{int(data.get("mentions", 0))}"{integer} .\n')
        out.append(f'{node} {p["articleCount"]} "{int(data.get("articles", 0))}"{integer} .\n')
        for key in data.get("article_keys", []):
            out.append(f"{node} {p['mentionedIn']} {article_of(key)} .\n")
        resolved = position_orgs(graph, node_id)
        for role in data.get("roles", []):
            title, org = role.get("title", ""), role.get("org") or ""
            position = f"<{iris.position(node_id, title, resolved.get((title, org), org))}>"
            out.append(f"{node} {p['holdsPosition']} {position} .\n")
            out.append(f"{position} {a} <{kg}Position> .\n")
            out.append(f"{position} {p['title']} {zh(title)} .\n")
            if org:
                out.append(f"{position} {p['organizationName']} {zh(org)} .\n")
        yield from out
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        relation, out = data.get("relation"), []
        if relation == "co_occurs":
            first, second = entity(u), entity(v)
            out.append(f"{first} {p['coOccursWith']} {second} .\n")
            out.append(f"{second} {p['coOccursWith']} {first} .\n")
            node = f"<{iris.cooccurrence(u, v)}>"
            out.append(f"{node} {a} <{kg}CoOccurrence> .\n")
            out.append(f"{node} {p['participant']} {first} .\n")
            out.append(f"{node} {p['participant']} {second} .\n")
            out.append(f'{node} {p["sentenceCount"]} "{int(data.get("sentences", 0))}"{integer} .\n')
            out.append(f'{node} {p["articleCount"]} "{int(data.get("articles", 0))}"{integer} .\n')
            out.append(f'{node} {p["npmi"]} "{float(data.get("npmi", -1.0))}"{double} .\n')
            out.append(f'{node} {p["score"]} "{float(data.get("score", 0.0))}"{double} .\n')
            for span in data.get("evidence", []):
                out.append(f"{node} <{PROV_DERIVED}> {article_of(span[0])} .\n")
                if data.get("sentences", 0):
                    span_node = evidence(span, out)
                    out.append(f"{node} {p['evidence']} {span_node} .\n")
        elif relation == "holds_position":
            title = data.get("title", "")
            position = f"<{iris.position(u, title, graph.nodes[v].get('label', ''))}>"
            out.append(f"{entity(u)} {p['holdsPosition']} {position} .\n")
            out.append(f"{position} {a} <{kg}Position> .\n")
            out.append(f"{position} {p['title']} {zh(title)} .\n")
            out.append(f"{position} {p['organization']} {entity(v)} .\n")
            for span in data.get("evidence", []):
                span_node = evidence(span, out)
                out.append(f"{position} {p['evidence']} {span_node} .\n")
        elif relation == "located_in":
            out.append(f"{entity(u)} {p['locatedIn']} {entity(v)} .\n")
        elif relation == "part_of":
            out.append(f"{entity(u)} {p['partOf']} {entity(v)} .\n")
        yield from out
    for key in later:
        yield f"{article_iri[key]} {a} <{kg}Article> .\n"
        yield f"{article_iri[key]} {p['articleKey']} {plain(key)} .\n"


def stream_triples(graph, base: str | None = None):
    """Oxigraph triples of ``graph`` in the order of :func:`kg.export.rdf.triples`."""
    import pyoxigraph as ox

    lines = ntriples(graph, base)
    while True:
        batch = list(islice(lines, BATCH))
        if not batch:
            return
        yield from ox.parse("".join(batch).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def write_turtle(graph, path: str | Path, base: str | None = None) -> Path:
    """Write ``graph`` (a :func:`kg.graph.build_graph` MultiDiGraph) as Turtle to ``path``, atomically."""
    import pyoxigraph as ox

    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        ox.serialize(stream_triples(graph, base), handle, format=ox.RdfFormat.TURTLE,
                     prefixes=turtle_prefixes(base))
    return Path(path)
