"""Run the stages in order: corpus -> extract -> resolve -> graph -> export."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .gcpause import paused_gc
from .corpus import InputError, read_documents, segment_document
from .corpus.dates import date_articles
from .model import Article, Entity, Mention, Relation, Role
from .resolve import Home, infer_home, resolve

LARGE_INPUT_DOCUMENTS = 50  # show a progress bar past this many documents (on a terminal)
CACHE_FOLDER = ".cache"  # kg build's extraction cache, inside the output folder


@dataclass
class Extraction:
    """Everything the extraction stages found in a corpus."""

    articles: list[Article] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[tuple[Mention, Role]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)  # typed relations the sentences state (meets ...)
    home: Home = field(default_factory=Home)
    errors: list[InputError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage ("write NAME": per output)
    released: dict[str, int] = field(default_factory=dict)  # list name -> its length when released

    def release(self) -> None:
        """Empty the lists of articles, mentions, roles, entities and relations, which hold the documents'
        text and are the most of a build's memory besides the graph (1.4 GiB at 100 MB of news), once every
        output that reads them is written; :meth:`count` still tells how many there were."""
        for name in ("articles", "mentions", "roles", "entities", "relations"):
            found = getattr(self, name)
            self.released[name] = len(found)
            found.clear()
        give_back_memory()

    def count(self, name: str) -> int:
        """How many ``articles`` (``mentions`` ...) were found, released or not."""
        return len(getattr(self, name)) or self.released.get(name, 0)

    def entities_by_article(self) -> dict[str, list[Entity]]:
        """Article key -> entities mentioned in it, in order of first mention."""
        table: dict[str, dict[str, tuple[int, Entity]]] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                seen = table.setdefault(mention.article.key, {})
                if entity.id not in seen or mention.start < seen[entity.id][0]:
                    seen[entity.id] = (mention.start, entity)
        return {key: [e for _, e in sorted(v.values(), key=lambda item: (item[0], item[1].id))]
                for key, v in table.items()}


def give_back_memory() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``): the large blocks just freed
    (the documents' text) would otherwise stay with the thread that freed them, unused by the others."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def read_corpus(paths, encoding=None, on_error=None, **options) -> list[Article]:
    articles: list[Article] = []
    for document in read_documents(paths, encoding=encoding, on_error=on_error, **options):
        articles.extend(segment_document(document))
    return articles


def extract(paths, encoding: str | None = None, home: str | None = None, progress: bool | None = None,
            workers: int | None = 1, dask=None, cache=None, **options) -> Extraction:
    """Read, extract and resolve everything under ``paths``.

    ``workers`` processes extract the documents (``None``: every core on inputs of 1 MB or more);
    ``dask`` (a scheduler address or ``distributed.Client``) runs extraction on that cluster instead;
    ``cache`` (a :class:`kg.cache.Cache` or a folder) reuses the extraction of unchanged documents. The
    result is the same whichever is used.

    >>> result = extract(["seeds/"])            # doctest: +SKIP
    >>> sorted({e.type for e in result.entities})  # doctest: +SKIP
    ['organization', 'person', 'place', 'project']
    """
    from .cache import Cache
    from .parallel import auto_workers, extract_documents

    result = Extraction()
    started = time.perf_counter()
    documents = list(read_documents(paths, encoding=encoding, on_error=result.errors.append, **options))
    result.timings["read"] = time.perf_counter() - started
    if workers is None:
        workers = auto_workers(sum(len(d.text) for d in documents) * 3)
    if cache is not None and not isinstance(cache, Cache):
        cache = Cache(cache)
    if cache is not None:
        cache.remove_stale()  # left by a build that was killed
    started = time.perf_counter()
    bar = None
    if progress or (progress is None and len(documents) > LARGE_INPUT_DOCUMENTS and sys.stderr.isatty()):
        from tqdm import tqdm
        bar = tqdm(total=len(documents), desc="extract", unit="document")
    try:
        with paused_gc():
            _collect(result, extract_documents(documents, workers=workers, dask=dask, cache=cache,
                                               progress=bar.update if bar else None))
    finally:
        if bar is not None:
            bar.close()
    date_articles(result.articles)  # corpus-wide: a page's other articles, a folder's other files
    result.timings["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    with paused_gc():
        result.home = infer_home(result.mentions, home)
        result.entities = resolve(result.mentions, result.roles, result.home)
        result.relations = stated_relations(result)
    result.timings["resolve"] = time.perf_counter() - started
    return result


def stated_relations(result: Extraction) -> list[Relation]:
    """The typed relations (meets, visits, signs_with ...) the sentences state between resolved entities:
    those extraction found in each article (``article.stated``, kept in the cache), else found here."""
    from .extract.relations import entity_relations, find_relations

    entity_of = {id(mention): entity for entity in result.entities for mention in entity.mentions}
    by_article: dict[int, list[Mention]] | None = None
    found = []
    for article in result.articles:
        stated = getattr(article, "stated", None)
        if stated is None:
            if by_article is None:
                by_article = {}
                for mention in result.mentions:
                    by_article.setdefault(id(mention.article), []).append(mention)
            stated = find_relations(article, by_article[id(article)]) if id(article) in by_article else []
        found.extend(stated)
    return entity_relations(found, entity_of)


def _collect(result: Extraction, extracted) -> None:
    """Gather what the workers extracted; each distinct surface, name, type and rule becomes one string
    (a worker's results arrive with a copy per document: the home city's name thousands of times)."""
    strings: dict[str, str] = {}
    held = strings.setdefault
    for articles, mentions, roles in extracted:
        for mention in mentions:
            mention.surface, mention.type, mention.rule = (held(mention.surface, mention.surface),
                                                           held(mention.type, mention.type),
                                                           held(mention.rule, mention.rule))
            if mention.name is not None:
                mention.name = held(mention.name, mention.name)
        result.articles.extend(articles)
        result.mentions.extend(mentions)
        result.roles.extend(roles)


class NothingToBuild(Exception):
    """A build read no article and would replace something (or report nothing but failures) with an
    empty graph: nothing was written or changed. ``extraction`` holds what was read (its errors)."""

    def __init__(self, message: str, extraction: Extraction):
        super().__init__(message)
        self.extraction = extraction


def holds_graph(out_dir: str | Path) -> bool:
    """Whether ``out_dir`` already holds the outputs of a build."""
    from .export import OUTPUTS
    from .store import has_store

    return has_store(out_dir) or any((Path(out_dir) / name).is_file() for name in OUTPUTS)


def check_something_read(extraction: Extraction, out_dir: str | Path, force: bool = False) -> None:
    """Refuse (:class:`NothingToBuild`) to write an empty graph when every input failed, or when no article
    was read and ``out_dir`` holds a graph, unless ``force``: a typo in a path must not replace a good graph."""
    if extraction.articles or force:
        return
    if extraction.errors:
        raise NothingToBuild("no input could be read: nothing was written or changed "
                             "(--force writes an empty graph)", extraction)
    if holds_graph(out_dir):
        raise NothingToBuild(f"no article was read and {out_dir} holds a graph: it was left as it was "
                             "(--force replaces it with an empty graph)", extraction)


def build(paths, out_dir: str | Path = "output", encoding: str | None = None, home: str | None = None,
          progress: bool | None = None, base_iri: str | None = None, max_nodes: int | None = None,
          workers: int | None = None, dask=None, cache: str | Path | bool | None = True, force: bool = False,
          exports=None, release: bool = False, **options):
    """Extract ``paths`` and write entities.jsonl, graph.html, the graph store and the whole files of
    ``exports`` to ``out_dir`` (:func:`kg.export.write_all`).

    ``cache=True`` keeps the extraction cache in ``out_dir/.cache`` (and drops the entries of documents no
    longer in the corpus, when some article was read), a folder keeps it there, ``False``/``None`` uses none.
    ``workers`` and ``dask`` as in :func:`extract`. A build that reads no article raises
    :class:`NothingToBuild` and changes nothing when every input failed or ``out_dir`` holds a graph;
    ``force`` writes the empty graph anyway. ``exports`` lists whole-file formats (``("gexf", "nt")``; None: graph.json, graph.ttl and graph.graphml
    for a small corpus, :func:`kg.export.default_exports`). ``release`` empties the extraction returned
    (:meth:`Extraction.release`) as soon as the outputs that read it are written, while the store is still
    being written: a caller that needs only its errors, timings and counts (``kg build``) keeps less memory.
    """
    from .cache import Cache
    from .export import write_all
    from .graph import build_graph

    store = None
    if cache is True:
        store = Cache(Path(out_dir) / CACHE_FOLDER)
    elif cache:
        store = Cache(cache)
    own_folders = [out_dir] + ([store.folder] if store is not None else [])  # never read as input
    with paused_gc():  # one pause for every stage: the collector would walk each stage's objects on resuming
        extraction = extract(paths, encoding=encoding, home=home, progress=progress, workers=workers, dask=dask,
                             cache=store, skip_folders=own_folders, **options)
        check_something_read(extraction, out_dir, force)
        started = time.perf_counter()
        graph = build_graph(extraction)
        extraction.timings["graph"] = time.perf_counter() - started
        started = time.perf_counter()
        outputs: dict[str, float] = {}
        written = write_all(extraction, graph, Path(out_dir), base_iri=base_iri, max_nodes=max_nodes, exports=exports,
                            timings=outputs, release=release)
        extraction.timings["export"] = time.perf_counter() - started
        extraction.timings.update({f"write {name}": seconds for name, seconds in outputs.items()})
        if cache is True and extraction.count("articles"):  # never emptied because nothing was read
            started = time.perf_counter()
            store.prune(store.used)  # entries of documents no longer in the corpus
            extraction.timings["prune cache"] = time.perf_counter() - started
    return extraction, graph, written
