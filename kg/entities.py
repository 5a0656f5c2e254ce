"""Entities of a graph by name, and what ``kg show`` prints of them.

Works on any :func:`kg.graph.build_graph` graph, whether just built from a corpus or read back from a build
folder, so that ``kg show NAME output`` needs no extraction.
"""
from __future__ import annotations


def find_entities(graph, name: str) -> list[tuple[str, dict]]:
    """The ``(id, data)`` of the entities named ``name`` or with ``name`` as an alias, by id."""
    return [(node, data) for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0])
            if data.get("label") == name or name in data.get("aliases", [])]


SHOW_LINKS = 5  # strongest links kg show lists


def describe(node_id: str, data: dict, graph=None) -> str:
    """An entity's type and id, mentions, aliases with the reason each was merged, roles and, given the
    ``graph``, the relations sentences state (:func:`stated_lines`) and its strongest links (:func:`kg.ranking.strongest_links`: the explorer's and the neighbors
    query's order)."""
    lines = [f"{data.get('label', node_id)} ({data.get('type', '')}, {node_id})",
             f"  mentions: {data.get('mentions', 0)} in {data.get('articles', 0)} articles"]
    reasons = data.get("merge_reasons") or {}
    for alias in sorted(data.get("aliases", [])):
        lines.append(f"  alias {alias}: {reasons.get(alias, '')}")
    for title, org in sorted({(r.get("title", ""), r.get("org") or "") for r in data.get("roles", [])}):
        lines.append(f"  role {title}" + (f" at {org}" if org else ""))
    if graph is not None and node_id in graph:
        lines.extend(stated_lines(graph, node_id))
        from .ranking import strongest_links

        for other, link in strongest_links(graph, node_id, limit=SHOW_LINKS):
            other_data = graph.nodes[other]
            lines.append(f"  link {other_data.get('label', other)} ({other_data.get('type', '')}): "
                         f"score {link.get('score', 0)}, {link.get('sentences', 0)} sentences, "
                         f"{link.get('articles', 0)} articles")
    return "\n".join(lines)


# How a stated relation reads from each end: 贺海东 meets 衞昌辰隆, 衞昌辰隆 met by 贺海东.
RELATION_WORDING = {"meets": ("meets", "met by"), "visits": ("visits", "visited by"),
                    "signs_with": ("signs with", "signs with"), "cooperates_with": ("cooperates with", "cooperates with"),
                    "invests_in": ("invests in", "invested in by"), "builds": ("builds", "built by")}


def stated_lines(graph, node_id: str) -> list[str]:
    """One line per stated relation and other party, with the dates of the articles stating it:
    "meets 衞昌辰隆 (2024-01-09)"."""
    articles = graph.graph.get("articles") or {}
    found: dict[tuple[str, str], set] = {}
    edges = [(node_id, v, data, 0) for _, v, data in graph.out_edges(node_id, data=True)] \
        + [(u, node_id, data, 1) for u, _, data in graph.in_edges(node_id, data=True)]
    for u, v, data, side in edges:
        wording = RELATION_WORDING.get(data.get("relation"))
        if wording is None:
            continue
        other = v if side == 0 else u
        label = graph.nodes[other].get("label", other)
        days = found.setdefault((wording[side], label), set())
        days.update((articles.get(proof[0]) or {}).get("date") for proof in data.get("evidence", []))
    return [f"  {wording} {label}" + (f" ({', '.join(sorted(d for d in days if d))})" if any(days) else "")
            for (wording, label), days in sorted(found.items())]
