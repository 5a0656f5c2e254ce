"""One ranking of an entity's strongest links: score, then shared sentences, articles, name."""
from __future__ import annotations

import networkx as nx

from kg.ranking import backbone, link_key, strongest_links


def star() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, label in [("c", "市"), ("a", "甲"), ("b", "乙"), ("d", "丁"), ("e", "戊")]:
        graph.add_node(node, label=label)
    link = dict(key="co_occurs", relation="co_occurs")
    graph.add_edge("a", "c", score=0.1, sentences=9, articles=9, weight=18, **link)  # heavy but by chance
    graph.add_edge("b", "c", score=0.6, sentences=2, articles=1, weight=3, **link)
    graph.add_edge("c", "d", score=0.6, sentences=3, articles=1, weight=4, **link)
    graph.add_edge("c", "e", score=0.6, sentences=3, articles=1, weight=4, **link)
    graph.add_edge("c", "a", key="holds_position:市长", relation="holds_position", title="市长")
    return graph


def test_strongest_links_rank_by_score_not_weight():
    ranked = [other for other, _ in strongest_links(star(), "c")]
    assert ranked == ["d", "e", "b", "a"]  # 丁 before 戊 by name, both above 乙 (fewer sentences); 甲 last
    assert [other for other, _ in strongest_links(star(), "c", limit=2)] == ["d", "e"]
    assert [other for other, _ in strongest_links(star(), "a")] == ["c"]  # typed relations are not ranked


def test_link_key_orders_score_then_sentences_then_articles_then_name():
    keys = [link_key({"score": 0.5, "sentences": 1, "articles": 1}, "乙"),
            link_key({"score": 0.5, "sentences": 1, "articles": 1}, "甲"),
            link_key({"score": 0.5, "sentences": 1, "articles": 2}, "丙"),
            link_key({"score": 0.5, "sentences": 2, "articles": 1}, "丁"),
            link_key({"score": 0.9, "sentences": 1, "articles": 1}, "戊")]
    assert [key[-1] for key in sorted(keys)] == ["戊", "丁", "丙", "乙", "甲"]


def test_backbone_keeps_at_most_three_strong_links_per_node():
    links = [("hub", f"n{i}", link_key({"score": 1 - i / 10, "sentences": 1}, "")) for i in range(6)]
    links += [("n0", "n1", link_key({"score": 0.05, "sentences": 1}, "")),
              ("n4", "n5", link_key({"score": 0.0, "sentences": 4}, ""))]  # weak: never kept
    kept = backbone(links, per_node=3)
    assert kept[:3] == [("hub", "n0"), ("hub", "n1"), ("hub", "n2")]
    assert ("n0", "n1") in kept and ("n4", "n5") not in kept
    assert len([pair for pair in kept if "hub" in pair]) == 3


def test_the_neighbors_query_gives_the_same_order(seeds_extraction):
    from kg.export.rdf import to_store
    from kg.graph import build_graph
    from kg.query import canned, run_query

    graph = build_graph(seeds_extraction)
    store = to_store(graph)
    people = sorted((e for e in seeds_extraction.entities if e.type == "person"), key=lambda e: (-e.count, e.id))
    checked = 0
    for entity in people[:5]:
        if sum(1 for e in seeds_extraction.entities if e.name == entity.name) > 1:
            continue
        rows = run_query(store, canned("neighbors"), {"name": entity.name}).rows
        expected = [graph.nodes[other]["label"] for other, _ in strongest_links(graph, entity.id, limit=20)]
        assert [row[0] for row in rows] == expected
        checked += 1
    assert checked >= 3
