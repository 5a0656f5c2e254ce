"""Push the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT`` replaces the target graph, ``POST`` adds to it. The target is ``?graph=IRI`` for a named graph or
``?default`` for the default graph, appended to the store's Graph Store endpoint, which is
``http://host:7878/store`` for Oxigraph server, ``http://host:3030/DATASET/data`` for Apache Jena Fuseki,
``http://host:7200/repositories/REPO/rdf-graphs/service`` for GraphDB and
``http://host:8890/sparql-graph-crud`` (or ``-auth``) for Virtuoso.
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request


class LoadError(RuntimeError):
    """The store refused the graph or could not be reached."""


def target_url(endpoint: str, graph: str | None = None) -> str:
    """The Graph Store URL for ``graph`` (None: the default graph).

    >>> target_url("http://localhost:7878/store", "https://example.org/g?x=1")
    'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fg%3Fx%3D1'
    >>> target_url("http://localhost:7878/store")
    'http://localhost:7878/store?default'
    """
    separator = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}graph={urllib.parse.quote(graph, safe='')}"


def push(data: bytes, endpoint: str, graph: str | None = None, replace: bool = True,
         content_type: str = "application/n-triples", user: str | None = None, timeout: float = 300) -> int:
    """Send ``data`` (RDF in ``content_type``) to the store; returns the HTTP status."""
    request = urllib.request.Request(target_url(endpoint, graph), data=data, method="PUT" if replace else "POST",
                                     headers={"Content-Type": f"{content_type}; charset=utf-8"})
    if user:
        request.add_header("Authorization", "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii"))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")[:500]
        raise LoadError(f"{endpoint} answered {error.code} {error.reason}: {body}") from None
    except urllib.error.URLError as error:
        raise LoadError(f"cannot reach {endpoint}: {error.reason}") from None


def load(paths, endpoint: str, graph: str | None = None, replace: bool = True, base_iri: str | None = None,
         user: str | None = None, **options) -> tuple[int, int]:
    """Load GRAPH (see :mod:`kg.graphfile`) into the store at ``endpoint``; returns (triples, HTTP status)."""
    import pyoxigraph as ox

    from .graphfile import open_store

    store = open_store(paths, base_iri, **options)
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return len(store), push(data, endpoint, graph, replace=replace, user=user)
