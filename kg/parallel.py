"""Extract documents one by one, in local worker processes or on a dask.distributed cluster.

Each document is segmented and extracted on its own (nothing in that depends on other documents), so the
work splits per document and the results, taken back in input order, are exactly those of a single
process: ``kg build --workers N`` and ``kg build --dask ADDRESS`` write the same bytes as ``--workers 1``.
Corpus-wide steps (the home region, entity resolution, the graph) run afterwards in the calling process.

A worker returns the pickled ``(articles, mentions, roles)`` of its document, unpickled once by the caller
(the pickles only travel between this process and the workers it started), and, when there is a cache,
that result as a cache entry (:func:`kg.cache.encode_result`: JSON, which the cache may read back safely).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from .corpus import segment_document
from .extract import extract_articles
from .extract.tokens import get_tokenizer

AUTO_PARALLEL_BYTES = 1_000_000  # below this much input, one process is faster than starting workers


def extract_document(document) -> tuple[list, list, list]:
    """Segment one Document and extract every article: ``(articles, mentions, roles)`` in text order.

    Each article also gets ``stated``: the typed relations its sentences state between its mentions
    (:func:`kg.extract.relations.find_relations`, which reads nothing but the article and its mentions), found
    here once and kept in the cache with the rest, instead of by every build for every article."""
    from .extract.relations import find_relations

    articles = segment_document(document)
    mentions, roles = [], []
    for found, held in extract_articles(articles):
        mentions.extend(found)
        roles.extend(held)
    by_article: dict[int, list] = {}
    for mention in mentions:
        by_article.setdefault(id(mention.article), []).append(mention)
    for article in articles:
        article.stated = find_relations(article, by_article[id(article)]) if id(article) in by_article else []
    return articles, mentions, roles


def extract_document_bytes(document) -> bytes:
    """:func:`extract_document`, pickled (what workers send back)."""
    return pickle.dumps(extract_document(document), protocol=pickle.HIGHEST_PROTOCOL)


def extract_document_entry(document) -> tuple[bytes, bytes | None]:
    """:func:`extract_document`, pickled, and as a cache entry's content (encoded by the worker)."""
    from .cache import encode_result

    result = extract_document(document)
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), encode_result(result)


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def auto_workers(input_bytes: int) -> int:
    """The default worker count: every core for inputs of 1 MB or more, else one."""
    return cpu_count() if input_bytes >= AUTO_PARALLEL_BYTES else 1


class Done:
    """An already-known result that looks like a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def ordered(submit, items, window: int):
    """``submit(item)`` for every item with at most ``window`` running; yield the results in input order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _warm() -> None:
    get_tokenizer()


def _start_worker(parent: int | None = None) -> None:
    """Die with ``parent`` (a worker outliving a killed build would hold its pipes and memory for good);
    load the dictionaries; freeze them out of the cyclic collector's walks (they live as long as we do)."""
    if parent is not None:
        from .sandbox import die_with_parent

        die_with_parent(parent)
    _warm()
    gc.enable()  # the parent may have paused it while it collects results (kg.gcpause)
    gc.freeze()


def local_results(documents, workers: int, task=extract_document_bytes):
    """``task(document)`` (pickled results) of ``documents`` in order, from ``workers`` processes (1: in
    this process)."""
    documents = list(documents)
    if workers <= 1 or len(documents) <= 1:
        for document in documents:
            yield task(document)
        return
    context = None
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        _warm()  # forked workers inherit the loaded dictionaries instead of loading them again
    with ProcessPoolExecutor(max_workers=min(workers, len(documents)), mp_context=context,
                             initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        yield from ordered(lambda d: pool.submit(task, d), documents, window=workers * 4)


def dask_results(documents, address, task=extract_document_bytes):
    """Pickled results of ``documents`` in order, computed on the dask.distributed cluster at ``address``.

    ``address`` is a scheduler address (``tcp://host:8786``) or a ``distributed.Client``. Every worker
    needs kg installed (the same version: the results are compared byte for byte in the tests).
    """
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - depends on the install
        raise RuntimeError("--dask needs dask.distributed: pip install 'kg[dask]'") from error
    client = address if isinstance(address, Client) else Client(address)
    try:
        window = max(sum(client.nthreads().values()), 1) * 4
        yield from ordered(lambda d: client.submit(task, d, pure=False), documents, window)
    finally:
        if client is not address:
            client.close()


def extract_documents(documents, workers: int = 1, dask=None, cache=None, progress=None):
    """``(articles, mentions, roles)`` of every document, in input order.

    ``cache`` (a :class:`kg.cache.Cache`) supplies results it holds and stores the new ones; the rest are
    extracted by ``dask`` (a scheduler address or Client) when given, else by ``workers`` local
    processes. ``progress`` is a callable told how many documents are done.
    """
    from .cache import document_key

    documents = list(documents)
    if cache is None and dask is None and (workers <= 1 or len(documents) <= 1):
        for document in documents:  # one process, nothing to store: no need to pickle the results
            result = extract_document(document)
            if progress is not None:
                progress(1)
            yield result
        return
    if cache is None:
        computed = dask_results(documents, dask) if dask is not None else local_results(documents, workers)
        for blob in computed:
            result = pickle.loads(blob)
            if progress is not None:
                progress(1)
            yield result
        return
    keys = [document_key(d) for d in documents]
    cached: list = [cache.get(key, document) for key, document in zip(keys, documents)]
    todo = [documents[i] for i, result in enumerate(cached) if result is None]
    computed = iter(dask_results(todo, dask, extract_document_entry) if dask is not None and todo
                    else local_results(todo, workers, extract_document_entry))
    for index in range(len(documents)):
        result = cached[index]
        cached[index] = None
        if result is None:
            blob, entry = next(computed)
            result = pickle.loads(blob)
            cache.put(keys[index], entry)
        if progress is not None:
            progress(1)
        yield result
