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

import re
from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from ..io.atomic import atomic_open
from ..vocabulary import CLASSES as CLASS_NAMES, KG as KG_IRI, STATED_PROPERTIES

KG = Namespace(KG_IRI)
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DEFAULT_BASE = "https://w3id.org/kg-news/id/"
CLASSES = {kind: KG[local] for kind, local in CLASS_NAMES.items()}
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


def clean(text: str) -> str:
    """Drop characters no RDF syntax can carry (control characters, lone surrogates, U+FFFE/U+FFFF).

    Tabs, newlines and carriage returns are kept.

    >>> clean('a\\x00b\\n"<c>"')
    'ab\\n"<c>"'
    """
    return _BAD_CHARS.sub("", text)


def position_orgs(graph, node_id) -> dict[tuple[str, str], str]:
    """(title, name or alias of the org) -> the org's label, from the person's holds_position edges."""
    resolved: dict[tuple[str, str], str] = {}
    for _, target, edge in graph.out_edges(node_id, data=True):
        if edge.get("relation") == "holds_position":
            target_data = graph.nodes[target]
            for name in (target_data.get("label", ""), *target_data.get("aliases", [])):
                resolved.setdefault((edge.get("title", ""), name), target_data.get("label", ""))
    return resolved


def ntriples_lines(graph, base: str | None = None, scores: bool = False):
    """N-Triples lines of ``graph``: the one kg -> RDF mapping, :func:`kg.rdfstream.statements`."""
    from ..rdfstream import ntriples

    return ntriples(graph, base, scores)


def to_rdf(graph, base: str | None = None, scores: bool = True) -> Graph:
    """An rdflib Graph of ``graph`` (the triples of :func:`kg.rdfstream.statements`; with ``scores``, the
    co-occurrences' NPMI and score too, as the files kg writes carry them)."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    rdf.bind("", Namespace(check_base(base)))
    rdf.parse(data="".join(ntriples_lines(graph, base, scores)), format="nt")
    return rdf


def to_store(graph, base: str | None = None, store=None):
    """A pyoxigraph Store holding the triples of ``graph`` (in the default graph): counts without computed
    scores, as a build folder's store holds them."""
    import pyoxigraph as ox

    store = store if store is not None else ox.Store()
    data = "".join(ntriples_lines(graph, base)).encode("utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def write_graph_rdf(graph, path: str | Path, format: str = "ttl", base: str | None = None) -> Path:
    """Write ``graph`` in ``format`` to ``path``, atomically: Turtle and N-Triples streamed from the mapping
    (:mod:`kg.rdfstream`), JSON-LD and RDF/XML serialised by Oxigraph from it (:func:`rdf_xml`).
    Deterministic bytes. A file is a snapshot: it carries each co-occurrence's ``kg:npmi`` and
    ``kg:score`` as computed from the counts, so that it answers the canned queries in any SPARQL store."""
    import pyoxigraph as ox

    from ..rdfstream import ntriples, stream_triples, write_turtle

    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r} (one of {', '.join(FORMATS)})")
    if format == "ttl":
        return write_turtle(graph, path, base)
    with atomic_open(path, "wb", encoding=None, newline=None) as handle:
        if format == "xml":  # in the mapping's order (rdflib's writer follows hash order: other bytes each run)
            handle.write(rdf_xml(stream_triples(graph, base, scores=True)))
        elif format == "nt":
            for line in ntriples(graph, base, scores=True):
                handle.write(line.encode("utf-8"))
        else:
            handle.write(_jsonld(ox.serialize(stream_triples(graph, base, scores=True), format=ox.RdfFormat.JSON_LD)))
    return Path(path)


def rdf_xml(triples) -> bytes:
    """RDF/XML of ``triples`` by Oxigraph, in their order, under kg's prefixes. Oxigraph writes a carriage
    return in a literal as is, which XML readers read as a line feed: it is written as ``&#13;``."""
    import pyoxigraph as ox

    prefixes = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    return data.replace(b"\r", b"&#13;")


def _jsonld(data: bytes) -> bytes:
    """Oxigraph's expanded JSON-LD, indented, with the characters JSON readers split lines at escaped."""
    import json

    from .text import json_safe

    return (json_safe(json.dumps(json.loads(data), ensure_ascii=False, indent=1)) + "\n").encode("utf-8")


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
    import pyoxigraph as ox

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
    return _jsonld(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))


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
