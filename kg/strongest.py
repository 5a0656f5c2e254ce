"""An entity's strongest links read from a store without scoring each of its links.

A hub such as the home city has 100,000 co-occurrences; scoring each (``kg:score``, a Python function
Oxigraph calls once per link) and reading the other entity's name, type and counts took 20-40 s on a 100 MB
build. A link's score can only be as high as :func:`ceiling` of its shared sentences: the score falls as the
other entity's sentence count grows, and that count is at least the shared sentences. So the links are read
most shared sentences first (one scan of the entity's links, :data:`FETCH` of them kept), the other entity's
counts read and the link scored for the first of them, and the rest skipped once none of them can rank
before the last one shown (:func:`rest_needed`). An entity in a tenth of the sentences or more is not
scanned: its links with the most mentioned entities are looked up by their IRIs, and a link shares no more
sentences than its entities are mentioned in (:meth:`Links.through_others`). The answers are those of
scoring every link (``tests/test_strongest.py``).

:func:`neighbors` answers ``ontology/queries/neighbors.rq`` so, for ``kg query --name neighbors`` (the
canned query runs unchanged on the candidate links); ``kg show`` ranks its links the same way
(:func:`kg.lookup.strongest`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .scores import score
from .vocabulary import KG, RDFS_LABEL, SKOS_ALT, entity_local, pair_key

FETCH = 2000  # links kept per entity, most shared sentences first; if more may rank, neighbors lists them all
FIRST = 200  # links scored first, per entity
PREFIXES = f"PREFIX kg: <{KG}>\n"
BY_SENTENCES = PREFIXES + """SELECT ?link ?sentences WHERE { ?link kg:participant $entity ; kg:sentenceCount ?sentences }
ORDER BY DESC(?sentences) LIMIT $limit"""
# Read for listed links: the same patterns in an OPTIONAL after BY_SENTENCES read every link of the store.
ENDS = PREFIXES + """SELECT ?link ?other ?articles ?inOther WHERE {
  VALUES ?link { $links }
  ?link kg:participant ?other ; kg:articleCount ?articles . ?other kg:sentenceCount ?inOther .
  FILTER (?other != $entity)
}"""


class Link(NamedTuple):
    """A co-occurrence of an entity: its IRI, shared sentences, and (other entity, shared articles, the other
    entity's sentences) for its other end, once read."""

    link: object
    sentences: int
    ends: list


BUSY = 0.1  # an entity in this share of the sentences or more: its links are looked for from the others' side
TOP_OTHERS = 2000
TOP = PREFIXES + """SELECT ?other ?id ?mentions WHERE {
  { SELECT ?other ?mentions WHERE { ?other kg:mentionCount ?mentions } ORDER BY DESC(?mentions) LIMIT $limit }
  ?other kg:entityId ?id }"""
FOUND = PREFIXES + """SELECT ?link ?sentences ?other ?articles ?inOther WHERE {
  VALUES ?link { $links }
  ?link kg:sentenceCount ?sentences ; kg:articleCount ?articles ; kg:participant ?other .
  FILTER (?other != $entity)
  ?other kg:sentenceCount ?inOther }"""  # (?link kg:participant $entity first: every link of $entity read)


class Links:
    """An entity's links, most shared sentences first (at most :data:`FETCH`, and the next one, which
    stands for those not kept when ``complete`` is False); the ends of the first ``read`` are read."""

    def __init__(self, store, entity, owns: list[int], totals: list[int], found: list[Link], fetch: int | None = FETCH):
        self.store, self.entity, self.owns, self.totals = store, entity, owns, totals
        self.links, self.complete, self.read = found, fetch is None or len(found) <= fetch, 0

    @classmethod
    def of(cls, store, entity, owns: list[int], totals: list[int], fetch: int | None = FETCH):
        """The links of ``entity`` (mentioned in ``owns`` sentences; corpus ``totals``), the first ``fetch``
        (None: all), or None if a count is not an integer or a link has two."""
        query = BY_SENTENCES.replace("$entity", str(entity))
        query = query.replace("$limit", str(fetch + 1)) if fetch is not None else query.replace("LIMIT $limit", "")
        found: dict = {}
        for row in store.query(query, use_default_graph_as_union=True):
            count = integer(row["sentences"])
            link = found.setdefault(row["link"], Link(row["link"], count, []))
            if count is None or count != link.sentences:
                return None
        return cls(store, entity, owns, totals, sorted(found.values(), key=lambda link: -link.sentences), fetch)

    @classmethod
    def through_others(cls, store, entity, owns: list[int], totals: list[int]):
        """The links of a busy entity with the :data:`TOP_OTHERS` most mentioned entities, found by their
        IRIs (the mapping makes them from the pair's ids), their ends read; the next one stands for the
        links not found: their other entity is mentioned no more often than the next most mentioned one, and
        a link shares no more sentences than its entities are mentioned in. None where the store's IRIs are
        not the mapping's."""
        own_id = next(iter(store.quads_for_pattern(entity, _node(f"{KG}entityId"), None, None)), None)
        if own_id is None or not entity.value.endswith("/" + entity_local(own_id.object.value)):
            return None
        own_id = own_id.object.value
        base = entity.value[:-len(entity_local(own_id))]
        rows = list(store.query(TOP.replace("$limit", str(TOP_OTHERS + 1)), use_default_graph_as_union=True))
        mentions = sorted(integer(row["mentions"]) for row in rows)
        if len(rows) <= TOP_OTHERS or None in mentions:
            return None
        least = mentions[0]  # the links not found share at most this many sentences
        pairs = {_node(f"{base}cooccurrence/{pair_key(own_id, row['id'].value)}"): row["other"] for row in rows
                 if integer(row["mentions"]) > least and row["id"].value != own_id}
        found: dict = {}
        query = FOUND.replace("$entity", str(entity)).replace("$links", " ".join(map(str, pairs)))
        for row in store.query(query, use_default_graph_as_union=True):
            count, articles, in_other = integer(row["sentences"]), integer(row["articles"]), integer(row["inOther"])
            if None in (count, articles, in_other) or row["link"] in found or row["other"] != pairs[row["link"]]:
                return None  # not the pair the IRI was made of
            if count > least:
                found[row["link"]] = Link(row["link"], count, [(row["other"], articles, in_other)])
        kept = sorted(found.values(), key=lambda link: -link.sentences)
        links = cls(store, entity, owns, totals, kept + [Link(None, least, [])])
        links.complete, links.read = False, len(kept)
        return links

    def read_to(self, count: int) -> bool:
        """Read the ends of the first ``count`` links; False if a count is not an integer."""
        count = min(count, len(self.links) if self.complete else len(self.links) - 1)
        if count <= self.read:
            return True
        links = {link.link: link for link in self.links[self.read:count]}
        query = ENDS.replace("$entity", str(self.entity)).replace("$links", " ".join(map(str, links)))
        for row in self.store.query(query, use_default_graph_as_union=True):
            articles, in_other = integer(row["articles"]), integer(row["inOther"])
            if articles is None or in_other is None:
                return False
            links[row["link"]].ends.append((row["other"], articles, in_other))
        self.read = count
        return True

    def keys(self):
        """(score, shared sentences) of each link read, the highest score over the entity's counts."""
        for link in self.links[:self.read]:
            yield from self.link_keys(link)

    def link_keys(self, link: Link):
        """(score, shared sentences) of each end of ``link``, the highest score over the entity's counts."""
        for _, _, in_other in link.ends:
            yield max(score(link.sentences, own, in_other, total) for own in self.owns for total in self.totals), \
                link.sentences

    def split(self, count: int, cut) -> tuple[list, list]:
        """The first ``count`` links (ends read) as (those whose (score, shared sentences) may reach ``cut``,
        the highest key of each of the others)."""
        kept, below = [], []
        for link in self.links[:count]:
            best = max(self.link_keys(link), default=None)
            if cut is None or best is None or best >= cut:
                kept.append(link.link)
            else:
                below.append(best)
        return kept, below

    def needed(self, scored: int, last) -> int | None:
        """:func:`rest_needed` of these links, over each of the entity's counts."""
        counts = [rest_needed(self.links, scored, self.complete, own, self.totals, last) for own in self.owns]
        return None if None in counts else max(counts)


def settle(entities: list[Links], shown: int) -> dict | None:
    """Read the ends of each entity's first links until none of the others can rank among the first
    ``shown`` of them all (links ranked by score and shared sentences); each entity -> how many; None
    when more than those kept may rank."""
    for entity in entities:
        if not entity.read_to(min(FIRST, len(entity.links))):
            return None
    while True:
        keys = sorted((key for entity in entities for key in entity.keys()), reverse=True)
        last = keys[shown - 1] if len(keys) >= shown else None
        needed = {entity: entity.needed(entity.read, last) for entity in entities}
        if None in needed.values():
            return None
        if all(needed[entity] == entity.read for entity in entities):  # and fewer may do:
            return {entity: entity.needed(0, last) for entity in entities}
        for entity in entities:
            if not entity.read_to(needed[entity]):
                return None


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def strongest_links(store, owns: dict, totals: list[int], shown: int, read_all: bool = False):
    """Each entity's :class:`Links` (entity -> its sentence counts ``owns``) and how many of them can rank
    among the first ``shown`` (:func:`settle`), or None. A busy entity's links are looked for from the most
    mentioned entities first; if that does not settle it, they are read as for any other entity, and with
    ``read_all``, if the first :data:`FETCH` do not settle it either (many links share as many sentences as
    the last one kept), every link is listed and only those that may rank are scored."""
    busy = any(own >= BUSY * max(totals) for counts in owns.values() for own in counts)
    ways = ((True, FETCH), (False, FETCH)) if busy else ((False, FETCH),)
    for through_others, fetch in ways + (((False, None),) if read_all else ()):
        entities = []
        for entity, own in owns.items():
            links = None
            if through_others and max(own) >= BUSY * max(totals):
                links = Links.through_others(store, entity, own, totals)
            links = links or Links.of(store, entity, own, totals, fetch)
            if links is None:
                return None
            entities.append(links)
        counted = settle(entities, shown)
        if counted is not None:
            return entities, counted
    return None


def ceiling(sentences: int, own: int, totals) -> float:
    """The highest score a link of an entity mentioned in ``own`` sentences can have with ``sentences``
    shared sentences, over the corpus totals ``totals``: its score if the other entity were mentioned in
    those sentences only. Never lower for more shared sentences."""
    return max(score(sentences, own, sentences, total) for total in totals)


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
    every link is the only way (or the faster): a store holding stored scores (``kg:score``, which the
    query prefers) or counts that are not integers, or every link counting. An entity whose strongest
    links may not be among its first :data:`FETCH` has every link listed (``read_all``).

    The links to run the query on are those :func:`settle` finds from the counts, less those read that
    score below the last one shown; the query's rows tell whether they were enough (a link may give no
    row, or several), and more are taken if not."""
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
    owns: dict = {}
    for row in _evaluate(store, ENTITIES, {"name": params["name"]}).raw:
        owns.setdefault(row[0], []).append(integer(row[1]))
    totals = [integer(row[0]) for row in _evaluate(store, TOTALS, {}).raw]
    if any(c is None for counts in owns.values() for c in counts) or None in totals or not totals:
        return None
    settled = strongest_links(store, owns, totals, shown, read_all=True)
    if settled is None:
        return None
    entities, scored = settled
    names = terms_of(params["name"])
    while scored is not None:
        if all(entity.complete and scored[entity] == len(entity.links) for entity in entities):
            return None  # every link counts: the query as it is reads them faster than a list of them
        # Links scoring lower than the shown-th best link read are left out; the rows tell if that was right.
        keys = sorted((key for entity in entities for key in entity.keys()), reverse=True)
        cuts = (keys[shown - 1], None) if len(keys) >= shown else (None,)
        for cut in cuts:
            parts = [entity.split(scored[entity], cut) for entity in entities]
            candidates = dict.fromkeys(link for kept, _ in parts for link in kept)
            result = _evaluate(store, with_rows(text, ("link", "name"), [(link, name) for link in candidates
                                                                         for name in names]), {})
            last = None
            if len(result.rows) == shown:
                at = result.variables.index("score"), result.variables.index("sentences")
                values = [result.raw[-1][i] for i in at]
                if any(v is None for v in values):
                    return None
                last = (float(values[0].value), integer(values[1]))
            if all(last is not None and best < last for _, below in parts for best in below):
                break  # none of the links left out could be shown
        needed = {entity: entity.needed(scored[entity], last) for entity in entities}
        if needed == scored:
            return result
        scored = None if None in needed.values() else needed
    return None
