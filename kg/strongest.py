"""An entity's strongest links read from a store without scoring each of its links.

A hub such as the home city has 100,000 co-occurrences; scoring each (``kg:score``, a Python function
Oxigraph calls once per link) and reading the other entity's name, type and counts took 20-40 s on a 100 MB
build. A link's score can only be as high as :func:`ceiling` of its shared sentences: the score falls as the
other entity's sentence count grows, and that count is at least the shared sentences. So the links are read
most shared sentences first (one scan of the entity's links, no other reads), the first of them scored,
and the rest skipped once the last shown link's score is above what any of them could reach
(:func:`rest_needed`). The answers are those of scoring every link (``tests/test_strongest.py``).

:func:`neighbors` answers ``ontology/queries/neighbors.rq`` so, for ``kg query --name neighbors`` (the
canned query runs unchanged on the candidate links); ``kg show`` ranks its links the same way
(:func:`kg.lookup.strongest`).
"""
from __future__ import annotations

import re

from .scores import score
from .vocabulary import KG, RDFS_LABEL, SKOS_ALT

FETCH = 2000  # links read per entity, most shared sentences first; beyond them, every link is scored
FIRST = 200  # links scored first, per entity
PREFIXES = f"PREFIX kg: <{KG}>\n"
BY_SENTENCES = PREFIXES + """SELECT ?link ?sentences WHERE { ?link kg:participant $entity ; kg:sentenceCount ?sentences }
ORDER BY DESC(?sentences) LIMIT $limit"""


def ceiling(sentences: int, own: int, totals) -> float:
    """The highest score a link of an entity mentioned in ``own`` sentences can have with ``sentences``
    shared sentences, over the corpus totals ``totals``: its score if the other entity were mentioned in
    those sentences only. Never lower for more shared sentences."""
    return max(score(sentences, own, sentences, total) for total in totals)


def by_sentences(store, entity, limit: int) -> list[tuple] | None:
    """``entity``'s first ``limit`` links as (link, shared sentences), most shared sentences first; None if
    a count is not an integer."""
    query = BY_SENTENCES.replace("$entity", str(entity)).replace("$limit", str(limit))
    found = []
    for row in store.query(query, use_default_graph_as_union=True):
        count = integer(row["sentences"])
        if count is None:
            return None
        found.append((row["link"], count))
    return found


def integer(term) -> int | None:
    try:
        return int(term.value)
    except (AttributeError, TypeError, ValueError):
        return None


def rest_needed(links: list[tuple], scored: int, complete: bool, own: int, totals, last) -> int | None:
    """How many of ``links`` (most shared sentences first; ``complete``: all of the entity's, else all but
    the last one read, which stands for those not read) must be scored so that none of the others can rank
    before ``last``, the (score, shared sentences) of the last link shown (None: fewer were shown than
    asked, so every link counts). At least ``scored``; all that were read when they may not be enough yet;
    None when more than were read are needed."""
    most = len(links) if complete else len(links) - 1
    if last is not None:
        last_score, last_sentences = last
        for count in range(scored, most + 1):
            if count == len(links):
                break
            sentences = links[count][1]  # the most any link not scored shares
            high = ceiling(sentences, own, totals)
            if high < last_score or (high == last_score and sentences < last_sentences):
                return count
        if not complete and scored < most and links[scored][1] == links[-1][1] and \
                ceiling(links[scored][1], own, totals) <= last_score:
            return None  # the links not read may rank before `last`, and those read cannot lift it past them
    if complete or scored < most:
        return most
    return None


# neighbors.rq ----------------------------------------------------------------------------------------------

ENTITIES = PREFIXES + f"""SELECT DISTINCT ?entity ?inEntity WHERE {{
  ?entity <{RDFS_LABEL}>|<{SKOS_ALT}> ?name ; kg:sentenceCount ?inEntity }}"""
TOTALS = PREFIXES + "SELECT DISTINCT ?total WHERE { ?corpus a kg:Corpus ; kg:sentenceCount ?total }"


def neighbors(store, text: str, params: dict):
    """The :class:`kg.query.Result` of ``neighbors.rq`` (``text``) with ``params``, or None where scoring
    every link is the only way: a store holding stored scores (``kg:score``, which the query prefers) or
    counts that are not integers, or an entity whose strongest links are not among its first
    :data:`FETCH`."""
    import pyoxigraph as ox

    from .query import _evaluate, terms_of, with_rows

    if "name" not in params or set(params) != {"name"}:
        return None
    if next(iter(store.quads_for_pattern(None, ox.NamedNode(f"{KG}score"), None, None)), None) is not None:
        return None
    limit = re.search(r"\bLIMIT\s+(\d+)\s*$", text)
    if limit is None:
        return None
    shown = int(limit.group(1))
    names = terms_of(params["name"])
    owns: dict = {}
    for row in _evaluate(store, ENTITIES, {"name": params["name"]}).raw:
        owns.setdefault(row[0], []).append(integer(row[1]))
    totals = [integer(row[0]) for row in _evaluate(store, TOTALS, {}).raw]
    if any(c is None for counts in owns.values() for c in counts) or None in totals or not totals:
        return None
    links, complete, scored = {}, {}, {}
    for entity in owns:
        found = by_sentences(store, entity, FETCH + 1)
        if found is None:
            return None
        complete[entity] = len(found) <= FETCH
        links[entity] = found
        scored[entity] = min(FIRST, len(found))
    while True:
        candidates = dict.fromkeys(link for entity in owns for link, _ in links[entity][:scored[entity]])
        rows = [(link, name) for link in candidates for name in names]
        result = _evaluate(store, with_rows(text, ("link", "name"), rows), {})
        last = None
        if len(result.rows) == shown:
            at = result.variables.index("score"), result.variables.index("sentences")
            values = [result.raw[-1][i] for i in at]
            if any(v is None for v in values):
                return None
            last = (float(values[0].value), integer(values[1]))
        needed = {}
        for entity, own in owns.items():
            counts = [rest_needed(links[entity], scored[entity], complete[entity], c, totals, last) for c in own]
            if None in counts:
                return None
            needed[entity] = max(counts)
        if needed == scored:
            return result
        if all(complete[entity] and needed[entity] == len(links[entity]) for entity in owns):
            return None  # every link counts: the query as it is reads them faster than a list of them
        scored = needed
