"""Association scores computed from counts: one function, used by the graph, the store readers and SPARQL."""
import math

import pyoxigraph as ox
import pytest

from kg.graph import build_graph
from kg.scores import KG, association, link_scores, score, sparql_functions


@pytest.fixture(scope="module")
def graph(seeds_extraction):
    return build_graph(seeds_extraction)


def test_score_is_npmi_discounted_for_rare_pairs():
    # 2 sentences together of 4 and 5, in 100: p = .02, pmi = log(.02 / (.04 * .05)) = log(10)
    expected = math.log(10) / -math.log(0.02)
    assert association(2, 4, 5, 100) == pytest.approx(expected)
    assert score(2, 4, 5, 100) == round(expected * 2 / 3, 6)
    assert score(0, 4, 5, 100) == 0.0 and association(0, 4, 5, 100) == -1.0
    assert score(5, 50, 50, 100) == 0.0  # hubs together no more than chance: negative NPMI counts as 0
    assert score(1, 1, 1, 0) == 0.5  # no total recorded: counted as 1, never a division by zero


def test_every_edge_of_the_graph_has_the_scores_its_counts_give(graph):
    totals = graph.graph["totals"]
    assert totals["articles"] == 48 and totals["sentences"] > 300
    checked = 0
    for u, v, data in graph.edges(data=True):
        if data["relation"] == "co_occurs":
            expected = link_scores(data["sentences"], data["articles"], graph.nodes[u], graph.nodes[v], totals)
            assert {k: data[k] for k in expected} == expected
            checked += 1
    assert checked > 3000
    mayor = next(d for _, d in graph.nodes(data=True) if d["label"] == "贺海东")
    assert 0 < mayor["sentences"] <= mayor["mentions"]


def query_score(store, *values):
    text = "PREFIX kg: <%s> SELECT ?s WHERE { BIND (kg:score(%s) AS ?s) }" % (KG, ", ".join(map(str, values)))
    rows = list(store.query(text, custom_functions=sparql_functions()))
    return rows[0]["s"]


def test_the_sparql_function_computes_the_same_score():
    store = ox.Store()
    value = query_score(store, 2, 4, 5, 100)
    assert float(value.value) == score(2, 4, 5, 100) and value.datatype.value.endswith("#double")
    assert query_score(store, 1, 1, 1, 1).value == "0.5"
    assert float(query_score(store, 0, 4, 5, 100).value) == 0.0
    assert query_score(store, '"x"', 4, 5, 100) is None  # not a count: unbound


def test_the_store_keeps_counts_and_files_keep_a_snapshot_of_the_scores(built):
    from kg.store import open_store

    store = open_store(built)
    assert not list(store.quads_for_pattern(None, ox.NamedNode(f"{KG}score"), None, None))
    assert not list(store.quads_for_pattern(None, ox.NamedNode(f"{KG}npmi"), None, None))
    corpus = list(store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                          ox.NamedNode(f"{KG}Corpus"), None))
    assert len(corpus) == 1
    assert "kg:score" in (built / "graph.ttl").read_text("utf-8")


def test_neighbors_computes_scores_in_the_store_as_the_graph_ranks_them(built, graph):
    """The canned query on the store (scores computed by kg:score, in the query's own process) and on
    graph.ttl (scores as written) give the one ranking, with the graph's scores."""
    from kg.query import canned, run_query
    from kg.ranking import strongest_links
    from kg.store import open_store

    on_store = run_query(lambda: open_store(built), canned("neighbors"), {"name": "贺海东"})
    from_file = ox.Store()
    from_file.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    on_file = run_query(from_file, canned("neighbors"), {"name": "贺海东"})
    assert on_store.rows == on_file.rows and len(on_store.rows) == 20
    mayor = next(n for n, d in graph.nodes(data=True) if d["label"] == "贺海东")
    expected = [(graph.nodes[o]["label"], d["score"]) for o, d in strongest_links(graph, mayor, limit=20)]
    assert [(row[0], float(row[2])) for row in on_store.rows] == expected


def test_score_triples_give_what_graph_ttl_holds(built):
    from kg.scores import score_triples
    from kg.store import open_store

    computed = {(t.subject, t.predicate, float(t.object.value)) for t in score_triples(open_store(built))}
    written = ox.Store()
    written.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    names = {ox.NamedNode(KG + name) for name in ("npmi", "score")}
    expected = {(q.subject, q.predicate, float(q.object.value)) for q in written if q.predicate in names}
    assert computed == expected and len(computed) > 6000
    assert score_triples(written) == []  # a file holds them already


def test_link_values_give_what_add_link_scores_gives_for_each_edge():
    """link_values scores each distinct set of counts once; every edge gets what add_link_scores gives it."""
    from itertools import product

    from kg.scores import add_link_scores, link_values

    values = link_values(40, 25)
    for sentences, articles, a, b in product(range(0, 4), range(1, 4), range(0, 5), range(1, 41, 13)):
        expected = {}
        add_link_scores(expected, sentences, articles, a, b, articles, b, 40, 25)
        wanted = (expected["npmi"], expected["npmi_article"], expected["score"])
        assert values(sentences, articles, a, b, articles, b) == wanted
        assert values(sentences, articles, a, b, articles, b) == wanted  # scored from what it kept
