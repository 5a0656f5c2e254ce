"""The strongest links read without scoring every link (kg.strongest): the neighbors query's answers, for
every name of the seeds' build, are those of scoring every link (the query as written) and those of the
graph itself (graph.json's scores), however few links are read and scored first."""
import random

import pytest

from kg import strongest
from kg.export.json import read_json
from kg.query import _evaluate, canned, execute
from kg.ranking import link_key
from kg.scores import score
from kg.store import open_store


@pytest.fixture(scope="module")
def store(built):
    return open_store(built)


@pytest.fixture(scope="module")
def graph(built):
    return read_json(built / "graph.json")


def names_of(graph) -> list[str]:
    found = set()
    for _, data in graph.nodes(data=True):
        found.add(data["label"])
        found.update(data.get("aliases", ()))
    return sorted(found)


def expected_rows(graph, name: str, limit: int = 20) -> list[tuple]:
    """neighbors.rq's rows computed from the graph: each co-occurrence of each entity named ``name``, as
    (neighbor, type, score, sentences, articles), ranked as kg.ranking ranks links, then by name and type (two
    entities may share a name: 包钢 the company and 包钢 read as a person)."""
    rows = []
    for node, data in graph.nodes(data=True):
        if name != data["label"] and name not in data.get("aliases", ()):
            continue
        for _, other, edge in graph.edges(node, data=True):
            if edge.get("relation") == "co_occurs":
                rows.append((graph.nodes[other], edge))
        for other, _, edge in graph.in_edges(node, data=True):
            if edge.get("relation") == "co_occurs":
                rows.append((graph.nodes[other], edge))
    found = [(other["label"], other["type"], edge["score"], edge["sentences"], edge["articles"])
             for other, edge in rows]
    found.sort(key=lambda row: link_key({"score": row[2], "sentences": row[3], "articles": row[4]}, row[0]) + (row[1],))
    return found[:limit]


def as_values(result) -> list[tuple]:
    return [(row[0], row[1], float(row[2]), int(row[3]), int(row[4])) for row in result.rows]


READ_FIRST = [(1, 1, 1, 0), (1, 3, 1, 0), (2, 10, 1, 0), (5, 40, 1, 0), (strongest.FIRST, strongest.FETCH, 1, 0),
              (2, 10, 0, 10), (5, 40, 0, 40), (strongest.FIRST, strongest.FETCH, 0, 200),
              (strongest.FIRST, strongest.FETCH, strongest.BUSY, strongest.TOP_OTHERS)]


def read_first(monkeypatch, first, fetch, busy, top):
    """Links scored first, kept per entity, the share of the sentences from which an entity's links are
    looked for from the most mentioned entities (1: none), how many of those."""
    monkeypatch.setattr(strongest, "FIRST", first)
    monkeypatch.setattr(strongest, "FETCH", fetch)
    monkeypatch.setattr(strongest, "BUSY", busy)
    monkeypatch.setattr(strongest, "TOP_OTHERS", top)


@pytest.mark.parametrize("first,fetch,busy,top", READ_FIRST)
def test_neighbors_answers_as_scoring_every_link_and_as_the_graph(store, graph, monkeypatch, first, fetch, busy,
                                                                  top):
    """The canned query (20 rows) and the same with 5 rows, where most entities have more links that can
    rank than are shown (on the seeds few have 20 links sharing a sentence: the others' every link counts)."""
    read_first(monkeypatch, first, fetch, busy, top)
    answered = {}
    for shown in (20, 5):
        text = canned("neighbors").replace("LIMIT 20", f"LIMIT {shown}")
        answered[shown] = 0
        for name in names_of(graph):
            fast = strongest.neighbors(store, text, {"name": name})
            whole = _evaluate(store, text, {"name": name})
            if fast is not None:
                answered[shown] += 1
                assert [[str(t) for t in row] for row in fast.raw] == [[str(t) for t in row] for row in whole.raw]
            assert as_values(execute(store, text, {"name": name})) == expected_rows(graph, name, shown), name
    # reading three links or fewer, every entity with more may have others that rank: the query runs whole
    if fetch >= 10:
        assert answered[5] >= 90 and (answered[20] > 0 or fetch < 40), answered


def test_hubs_are_answered_from_a_few_scored_links(store, graph, monkeypatch):
    """The entity with the most links: its answer comes from scoring a few of them (the VALUES block the
    canned query runs with), not all."""
    import kg.query

    hub = max(graph.nodes, key=lambda node: graph.degree(node))
    name, degree = graph.nodes[hub]["label"], graph.degree(hub)
    listed = []
    with_rows = kg.query.with_rows

    def counted(text, names, rows):
        rows = list(rows)
        if "link" in names:
            listed.append(len({row[names.index("link")] for row in rows}))
        return with_rows(text, names, rows)

    monkeypatch.setattr(kg.query, "with_rows", counted)
    result = strongest.neighbors(store, canned("neighbors"), {"name": name})
    assert result is not None and as_values(result) == expected_rows(graph, name)
    assert degree > 100 and listed and max(listed) < degree / 2


def test_a_store_holding_scores_is_left_to_the_query(built):
    """graph.ttl carries each link's score (kg:score), which the query prefers to computing one."""
    import pyoxigraph as ox

    from_file = ox.Store()
    from_file.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert strongest.neighbors(from_file, canned("neighbors"), {"name": "贺海东"}) is None
    assert len(execute(from_file, canned("neighbors"), {"name": "贺海东"}).rows) == 20


def test_the_ceiling_is_above_every_score_and_grows_with_shared_sentences():
    draw = random.Random(7)
    for _ in range(20000):
        total = draw.randint(1, 10**6)
        own, other = draw.randint(1, total), draw.randint(1, total)
        together = draw.randint(0, min(own, other))
        assert score(together, own, other, total) <= strongest.ceiling(together, own, [total])
        if together < min(own, other):
            assert strongest.ceiling(together, own, [total]) <= strongest.ceiling(together + 1, own, [total])


@pytest.mark.parametrize("first,fetch,busy,top", READ_FIRST[:4] + READ_FIRST[5:7])
def test_show_gives_the_text_of_the_graph_however_few_links_are_read_first(store, graph, monkeypatch, first,
                                                                              fetch, busy, top):
    import kg.lookup
    from kg.entities import describe, find_entities

    read_first(monkeypatch, first, fetch, busy, top)
    every_link = kg.lookup.all_links
    read_whole = []

    def counted(*args):
        read_whole.append(args[1])
        return every_link(*args)

    monkeypatch.setattr(kg.lookup, "all_links", counted)
    names = names_of(graph)
    for name in names:
        assert kg.lookup.show_entities(store, name) == [describe(i, d, graph) for i, d in find_entities(graph, name)]
    assert 0 < len(read_whole) < len(names)  # some entities needed more links than were read, most did not


def test_a_busy_entity_is_answered_from_the_most_mentioned_entities(store, graph, monkeypatch):
    """The entity with the most links, its links looked for among the 200 most mentioned entities' (found
    by the IRI the mapping makes of the pair): its answer, and its links never scanned."""
    hub = max(graph.nodes, key=lambda node: graph.degree(node))
    name = graph.nodes[hub]["label"]
    monkeypatch.setattr(strongest, "BUSY", 0)
    monkeypatch.setattr(strongest, "TOP_OTHERS", 200)
    scanned = []
    scan = strongest.Links.of

    def counted(store, entity, owns, totals):
        scanned.append(entity)
        return scan(store, entity, owns, totals)

    monkeypatch.setattr(strongest.Links, "of", counted)
    result = strongest.neighbors(store, canned("neighbors").replace("LIMIT 20", "LIMIT 5"), {"name": name})
    assert result is not None and as_values(result) == expected_rows(graph, name, 5)
    assert scanned == []


def test_every_link_is_listed_when_those_kept_do_not_settle_and_only_those_that_may_rank_are_scored(
        store, graph, monkeypatch):
    """One link kept per entity: most entities have more sharing as many sentences, so all their links are
    listed (by shared sentences, no score) and the query runs on those that may rank, which leaves out the
    links read that score below the last one shown; the answers are those of scoring every link."""
    read_first(monkeypatch, 1, 1, 1, 0)
    fetched, left_out = [], []
    of, split = strongest.Links.of.__func__, strongest.Links.split

    def listed(cls, *args):
        fetched.append(args[-1] if len(args) == 5 else strongest.FETCH)
        return of(cls, *args)

    def parted(self, count, cut):
        kept, below = split(self, count, cut)
        left_out.append(len(below))
        return kept, below

    monkeypatch.setattr(strongest.Links, "of", classmethod(listed))
    monkeypatch.setattr(strongest.Links, "split", parted)
    text = canned("neighbors").replace("LIMIT 20", "LIMIT 5")
    answered = 0
    for name in names_of(graph):
        fast = strongest.neighbors(store, text, {"name": name})
        if fast is not None:
            answered += 1
            whole = _evaluate(store, text, {"name": name})
            assert [[str(t) for t in row] for row in fast.raw] == [[str(t) for t in row] for row in whole.raw]
    assert None in fetched and answered >= 90 and max(left_out) > 0, (answered, fetched.count(None))
