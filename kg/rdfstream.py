"""Stream a knowledge graph to Turtle without holding it as an rdflib Graph.

``kg build`` writes ``graph.ttl`` with :func:`write_turtle`: the triples of :func:`kg.export.rdf.triples`
(the same triples every RDF export writes) go in batches through Oxigraph's N-Triples parser into its
streaming Turtle serializer, so memory stays flat and the file is written tens of times faster than with
rdflib's serializer, which first loads every triple into an in-memory store. The output is deterministic
(the triples come in a fixed order); Turtle groups consecutive triples of one subject.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path

from .export.atomic import atomic_open
from .export.rdf import PREFIXES, check_base, ntriples_lines

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


def stream_triples(graph, base: str | None = None):
    """Oxigraph triples of ``graph`` in the order of :func:`kg.export.rdf.triples`."""
    import pyoxigraph as ox

    lines = ntriples_lines(graph, base)
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
