"""One ranking of an entity's strongest links, the same in the explorer, ``kg show`` and the neighbors query.

Co-occurrence links rank by ``score`` (``max(npmi, 0) · n/(n + 1)``, n = shared sentences: a link that is
more than chance, seen in several sentences), then shared sentences, then shared articles, then the other
entity's name. Weight (sentences + articles) would put the home city first for everyone: it shares many
articles with every entity, by chance. ``ontology/queries/neighbors.rq`` orders its rows the same way, and
the explorer's page carries each entity's list in this order.
"""
from __future__ import annotations


def link_key(data: dict, other_label: str) -> tuple:
    """Sort key of a co-occurrence link (its edge data) to an entity labelled ``other_label``: strongest first."""
    return (-float(data.get("score", 0) or 0), -int(data.get("sentences", 0) or 0),
            -int(data.get("articles", 0) or 0), str(other_label))


def co_occurrences(graph, node):
    """(other node, edge data) for each co-occurrence link of ``node`` (stored in one direction only)."""
    for _, other, key, data in graph.out_edges(node, keys=True, data=True):
        if (data.get("relation") or key) == "co_occurs" and other != node:
            yield other, data
    for other, _, key, data in graph.in_edges(node, keys=True, data=True):
        if (data.get("relation") or key) == "co_occurs" and other != node:
            yield other, data


def strongest_links(graph, node, limit: int | None = None) -> list[tuple]:
    """``node``'s co-occurrence links as (other node, edge data), strongest first (:func:`link_key`)."""
    def label(other):
        return graph.nodes[other].get("label", other)

    ranked = sorted(co_occurrences(graph, node), key=lambda item: link_key(item[1], label(item[0])) + (item[0],))
    return ranked if limit is None else ranked[:limit]


def backbone(links, per_node: int = 3) -> list:
    """The links shown first: strongest first over the whole graph, each kept while both its ends have fewer
    than ``per_node`` kept links. ``links`` are (a, b, sort key) with any hashable a, b; returns the kept
    (a, b) pairs in rank order. A link whose score is 0 (never in one sentence, or no more than chance) is
    weak and never kept."""
    kept, count = [], {}
    for a, b, key in sorted(links, key=lambda link: (link[2], str(link[0]), str(link[1]))):
        if key[0] >= 0:  # score 0: weak
            continue
        if count.get(a, 0) < per_node and count.get(b, 0) < per_node:
            kept.append((a, b))
            count[a] = count.get(a, 0) + 1
            count[b] = count.get(b, 0) + 1
    return kept
