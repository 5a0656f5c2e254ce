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


REDIRECTS_FOLLOWED = 5
KEEPS_METHOD_AND_BODY = (307, 308)  # 301, 302 and 303 let clients turn the upload into a GET


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect reaches :func:`push` as an HTTPError, which decides."""

    def redirect_request(self, *args, **kwargs):
        return None


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of ``url``, the port filled in for http and https."""
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def push(data: bytes, endpoint: str, graph: str | None = None, replace: bool = True,
         content_type: str = "application/n-triples", user: str | None = None, timeout: float = 300) -> int:
    """Send ``data`` (RDF in ``content_type``) to the store; returns the HTTP status of the request that
    carried it.

    A redirect is followed only when it keeps the method and the body (307, 308) and stays on the
    endpoint's origin; the credentials are never sent anywhere else. Any other redirect is an error: the
    data would not be stored where it was sent.
    """
    opener = urllib.request.build_opener(_NoRedirects)
    url = target_url(endpoint, graph)
    home = origin(url)
    method = "PUT" if replace else "POST"
    for _ in range(REDIRECTS_FOLLOWED + 1):
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": f"{content_type}; charset=utf-8"})
        if user and origin(url) == home:
            request.add_header("Authorization", "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii"))
        try:
            with opener.open(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if 300 <= error.code < 400 else None
            if location is None:
                body = error.read().decode("utf-8", "replace")[:500]
                raise LoadError(f"{mask(endpoint)} answered {error.code} {error.reason}: {body}") from None
            following = urllib.parse.urljoin(url, location)
            if error.code not in KEEPS_METHOD_AND_BODY or origin(following) != home:
                raise LoadError(f"{mask(endpoint)} answered {error.code} {error.reason}, redirecting to "
                                f"{mask(following)}: not followed, nothing was stored (give that address as "
                                f"--endpoint if it is the store)") from None
            url = following
            continue
        except urllib.error.URLError as error:
            raise LoadError(f"cannot reach {mask(endpoint)}: {error.reason}") from None
        except OSError as error:
            raise LoadError(f"cannot reach {mask(endpoint)}: {error}") from None
        if not 200 <= status < 300:
            raise LoadError(f"{mask(endpoint)} answered {status}: nothing was stored")
        return status
    raise LoadError(f"{mask(endpoint)} redirected more than {REDIRECTS_FOLLOWED} times: nothing was stored")


def mask(url: str) -> str:
    from .endpoint import mask_url

    return mask_url(url)


def load(paths, endpoint: str, graph: str | None = None, replace: bool = True, base_iri: str | None = None,
         user: str | None = None, **options) -> tuple[int, int]:
    """Load GRAPH (see :mod:`kg.graphfile`) into the store at ``endpoint``; returns (triples, HTTP status).

    ``endpoint`` must be http or https; a ``user:password@`` in it is sent as basic authentication (as
    ``user`` is), to that origin only."""
    import pyoxigraph as ox

    from .endpoint import check_endpoint, split_credentials
    from .graphfile import open_store
    from .scores import score_triples

    endpoint, in_url = split_credentials(check_endpoint(endpoint))
    store = open_store(paths, base_iri, **options)
    store = store() if callable(store) else store  # a build folder's store, opened here
    data = ox.serialize(triples_of(store), format=ox.RdfFormat.N_TRIPLES)
    scores = score_triples(store)  # the store keeps counts; the copy sent carries the scores, as files do
    data += ox.serialize(scores, format=ox.RdfFormat.N_TRIPLES)
    return len(store) + len(scores), push(data, endpoint, graph, replace=replace, user=user or in_url)


def triples_of(store):
    """Every triple of ``store``, whatever graph holds it (a build's store keeps one named graph per
    article and per entity, each triple in one of them), as triples for one target graph."""
    import pyoxigraph as ox

    for quad in store:
        yield ox.Triple(quad.subject, quad.predicate, quad.object)
