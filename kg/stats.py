"""Summaries of a graph: counts, degree and PageRank leaders per entity type."""
from __future__ import annotations

import networkx as nx


def cooccurrence_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if data.get("relation") == "co_occurs":
            simple.add_edge(u, v, weight=data.get("weight", 1))
    return simple


def graph_stats(graph: nx.MultiDiGraph, top: int = 5) -> str:
    simple = cooccurrence_graph(graph)
    rank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {n: 0.0 for n in simple}
    lines = []
    for type_ in ("person", "organization", "place", "project"):
        nodes = [n for n, d in simple.nodes(data=True) if d.get("type") == type_]
        if not nodes:
            continue
        lines.append(f"{type_}:")
        for node in sorted(nodes, key=lambda n: (-rank[n], n))[:top]:
            data = simple.nodes[node]
            lines.append(f"  {data['label']}  degree {simple.degree(node)}  pagerank {rank[node]:.4f}"
                         f"  mentions {data.get('mentions', 0)}")
    return "\n".join(lines)
