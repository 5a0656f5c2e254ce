"""The networkx graph: node attributes, co-occurrence scores, typed relations with evidence, kg stats."""
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import association, build_graph, relation_counts


@pytest.fixture(scope="module")
def graph(seeds_extraction):
    return build_graph(seeds_extraction)


def node_named(graph, label):
    found = [n for n, d in graph.nodes(data=True) if d["label"] == label]
    assert found, f"no node {label}"
    return found[0]


def test_nodes_carry_the_listed_attributes(graph):
    for node, data in graph.nodes(data=True):
        assert {"type", "label", "aliases", "mentions", "articles", "article_keys", "roles"} <= set(data), node
        assert data["articles"] == len(data["article_keys"]) >= 1
        assert data["mentions"] >= data["articles"]
    mayor = graph.nodes[node_named(graph, "贺海东")]
    assert mayor["type"] == "person"
    assert {"title": "市长", "org": "呼和浩特市"} in mayor["roles"] or any(
        r["title"] == "市长" for r in mayor["roles"])


def test_every_relation_kind_is_present_with_evidence(graph):
    counts = relation_counts(graph)
    assert {"co_occurs", "holds_position", "located_in", "part_of"} <= set(counts)
    articles = graph.graph["articles"]
    for u, v, data in graph.edges(data=True):
        assert "evidence" in data
        for key, start, end in data["evidence"]:
            assert key in articles and 0 <= start < end


def test_cooccurrence_counts_and_scores(graph):
    for u, v, key, data in graph.edges(keys=True, data=True):
        if key != "co_occurs":
            continue
        assert u < v
        assert 0 <= data["sentences"] and 1 <= data["articles"]
        assert -1 <= data["npmi"] <= 1 and 0 <= data["score"] <= 1
        assert (data["sentences"] == 0) == (data["score"] == 0) or data["npmi"] <= 0


def test_the_home_city_does_not_drown_real_links(graph):
    mayor = node_named(graph, "贺海东")
    links = sorted(((d["score"], graph.nodes[v if u == mayor else u]["label"])
                    for u, v, d in graph.edges(data=True) if d["relation"] == "co_occurs" and mayor in (u, v)),
                   reverse=True)
    top = [label for _, label in links[:5]]
    assert "丰田三共株式会社" in top, top
    scores = dict((label, score) for score, label in links)
    assert scores.get("呼和浩特市", 0) < scores["丰田三共株式会社"]


def test_association_is_normalised():
    assert association(1, 1, 1, 10) == 1.0
    assert association(0, 3, 3, 10) == -1.0
    assert -1 <= association(2, 9, 9, 10) < 0.1


def test_holds_position_person_to_org_with_title(graph):
    edges = {(graph.nodes[u]["label"], d["title"], graph.nodes[v]["label"])
             for u, v, d in graph.edges(data=True) if d["relation"] == "holds_position"}
    assert ("贺海东", "市长", "呼和浩特市") in edges
    for u, v, d in graph.edges(data=True):
        if d["relation"] == "holds_position":
            assert graph.nodes[u]["type"] == "person"
            assert graph.nodes[v]["type"] in ("organization", "place")
            assert d["evidence"]


def test_located_in_and_part_of_point_to_places(graph):
    for u, v, d in graph.edges(data=True):
        if d["relation"] == "located_in":
            assert graph.nodes[u]["type"] in ("organization", "project") and graph.nodes[v]["type"] == "place"
            assert d["basis"] in ("name", "context")
        if d["relation"] == "part_of":
            assert graph.nodes[u]["type"] == graph.nodes[v]["type"] == "place"
    part_of = {(graph.nodes[u]["label"], graph.nodes[v]["label"])
               for u, v, d in graph.edges(data=True) if d["relation"] == "part_of"}
    assert ("赛罕区", "呼和浩特市") in part_of
    assert ("呼和浩特市", "内蒙古自治区") in part_of


def test_graph_is_deterministic(seeds_extraction, graph):
    from kg.export.json import dumps

    assert dumps(build_graph(seeds_extraction)) == dumps(graph)


def test_stats_prints_counts_and_leaders(seeds_dir):
    result = CliRunner().invoke(cli, ["stats", str(seeds_dir), "--top", "2"])
    assert result.exit_code == 0, result.output
    assert "co_occurs" in result.output and "pagerank" in result.output and "place:" in result.output


def test_new_edges_go_in_as_networkx_puts_them():
    import networkx as nx

    from kg.graph import add_new_edges

    edges = [("a", "b", "co_occurs", {"w": 1}), ("b", "c", "co_occurs", {"w": 2}), ("a", "c", "co_occurs", {"w": 3})]
    ours, theirs = nx.MultiDiGraph(), nx.MultiDiGraph()
    for graph in (ours, theirs):
        graph.add_nodes_from("abc")
        graph.add_edge("a", "c", "part_of", basis="gazetteer")  # a pair that already has an edge
    add_new_edges(ours, edges)
    theirs.add_edges_from(edges)
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(ours.in_edges(keys=True, data=True)) == list(theirs.in_edges(keys=True, data=True))
    ours["a"]["b"]["co_occurs"]["w"] = 9  # one dict seen from both ends, as networkx keeps it
    assert ours.pred["b"]["a"]["co_occurs"]["w"] == 9


def test_a_pair_with_one_edge_keeps_its_key_in_slots_and_reads_and_changes_as_a_dict():
    """add_new_edges(copy=False) puts a new pair's edge in a kg.linkdata.OneEdge, not a dict of one key: networkx
    reads, adds to and removes from it as from the dict, in the same order."""
    import networkx as nx

    from kg.graph import add_new_edges, edge_items, typed_edges
    from kg.linkdata import OneEdge

    edges = [("a", "b", "co_occurs", {"w": 1}), ("b", "c", "co_occurs", {"w": 2}), ("a", "c", "co_occurs", {"w": 3})]
    ours, theirs = nx.MultiDiGraph(), nx.MultiDiGraph()
    for graph in (ours, theirs):
        graph.add_nodes_from("abc")
    add_new_edges(ours, edges, copy=False)
    theirs.add_edges_from(edges)
    assert type(ours._succ["a"]["b"]) is OneEdge and ours._succ["a"]["b"] is ours._pred["b"]["a"]
    for graph in (ours, theirs):
        graph.add_edge("a", "b", "holds_position:市长", title="市长")  # a second key
        graph.add_edge("b", "c", "co_occurs", w=5)  # the same key again
        graph.remove_edge("a", "c", "co_occurs")  # the pair's only edge
        graph.add_edge("a", "c", "located_in", basis="name")
    for read in (lambda g: list(g.edges(keys=True, data=True)), lambda g: list(g.in_edges(keys=True, data=True)),
                 lambda g: list(edge_items(g)), lambda g: list(typed_edges(g)), lambda g: g.number_of_edges(),
                 lambda g: (g.has_edge("a", "b", "co_occurs"), g.has_edge("a", "c", "co_occurs")),
                 lambda g: g.get_edge_data("a", "b"), lambda g: dict(g["a"]["b"]), lambda g: list(g["a"]["b"])):
        assert read(ours) == read(theirs)
    assert list(ours["a"]["b"]) == ["co_occurs", "holds_position:市长"] and ours.edges["b", "c", "co_occurs"]["w"] == 5


def test_the_counted_cooccurrences_are_those_of_a_plain_recount(seeds_extraction, monkeypatch):
    """kg.cooccurrence counts with sorted integer codes; a recount with one dictionary entry per pair, article
    by article and sentence by sentence in key order, finds the same counts and the same first evidence."""
    from collections import Counter
    from itertools import combinations

    from kg.cooccurrence import count
    from kg.graph import MAX_EVIDENCE, sentence_table

    table = sentence_table(seeds_extraction)
    in_sentences, in_articles, evidence, first_articles, per_entity = Counter(), Counter(), {}, {}, Counter()
    sentences_total = 0
    for key in sorted(table):
        article, sentences = table[key]
        for pair in combinations(sorted(set().union(*sentences.values())), 2):
            in_articles[pair] += 1
            first_articles.setdefault(pair, []).append([key, article.start, article.end])
        for number in sorted(n for n in sentences if n is not None):
            sentences_total += 1
            per_entity.update(sentences[number])
            sentence = article.sentences[number]
            for pair in combinations(sorted(sentences[number]), 2):
                in_sentences[pair] += 1
                evidence.setdefault(pair, []).append([key, sentence.start, sentence.end])
    expected = [(a, b, in_sentences[(a, b)], together,
                 (evidence.get((a, b)) or first_articles[(a, b)])[:MAX_EVIDENCE])
                for (a, b), together in sorted(in_articles.items())]
    found = count(table, MAX_EVIDENCE)
    assert len(expected) > 1000 and any(len(p[4]) == MAX_EVIDENCE for p in expected)
    assert any(p[2] == 0 for p in expected) and any(p[2] > 1 for p in expected)
    assert list(found.pairs) == expected
    assert {e: n for e, n in found.sentences.items() if n} == dict(per_entity)
    assert found.totals == {"articles": len(table), "sentences": sentences_total}
    cited = [tuple(span) for p in expected if p[2] for span in p[4]]
    assert sorted(map(tuple, found.cited)) == sorted(set(cited)) and len(cited) > len(found.cited)
    assert list(count({}, MAX_EVIDENCE).pairs) == []
    monkeypatch.setattr("kg.cooccurrence.BLOCK", 7)  # the pairs are made a block at a time
    assert list(count(table, MAX_EVIDENCE).pairs) == expected


def test_evidence_texts_from_the_cited_sentences_are_those_of_every_edge(seeds_extraction, graph):
    """The graph keeps the texts of the spans its edges cite; read from the co-occurrences' cited sentences
    and the other edges' evidence, they are those read from every edge's evidence."""
    import json

    from kg.graph import evidence_texts

    whole = evidence_texts(graph, seeds_extraction.articles)
    assert whole and graph.graph["evidence_text"] == whole
    assert json.dumps(whole, ensure_ascii=False) == json.dumps(graph.graph["evidence_text"], ensure_ascii=False)


def test_cooccurrence_scores_read_lazily_are_those_of_the_counts(graph):
    """A co-occurrence's scores are computed when read: each is what link_scores gives its counts, the two
    entities' counts and the corpus totals, and the edge reads as the dict of every attribute."""
    from kg.linkdata import KEYS
    from kg.scores import link_scores

    totals, nodes, seen = graph.graph["totals"], graph.nodes, 0
    for u, v, key, data in graph.edges(keys=True, data=True):
        if key != "co_occurs":
            continue
        expected = link_scores(data["sentences"], data["articles"], nodes[u], nodes[v], totals)
        assert {name: data[name] for name in expected} == expected
        assert dict(data) == {name: data.get(name) for name in KEYS} and list(dict(data)) == list(KEYS)
        seen += 1
    assert seen > 1000


def test_typed_edges_are_every_edge_but_the_cooccurrences_in_order(graph):
    from kg.graph import typed_edges

    expected = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if k != "co_occurs"]
    assert len(expected) > 100 and list(typed_edges(graph)) == expected


def test_kept_edges_are_those_edge_items_gives_between_kept_nodes(graph):
    from kg.graph import edge_items, kept_edges

    kept = sorted(graph.nodes)[::3]
    keep = set(kept)
    expected = [edge for edge in edge_items(graph, kept) if edge[1] in keep]
    assert len(expected) > 100 and list(kept_edges(graph, kept, keep)) == expected
