"""Entities of a graph by name, and what ``kg show`` prints of them.

Works on any :func:`kg.graph.build_graph` graph (a corpus extracted on the fly, a ``graph.json``); a build
folder's store is looked up entity by entity instead (:mod:`kg.lookup`), with the same text
(:func:`entity_text`).
"""
from __future__ import annotations


def find_entities(graph, name: str) -> list[tuple[str, dict]]:
    """The ``(id, data)`` of the entities named ``name`` or with ``name`` as an alias, by id."""
    return [(node, data) for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0])
            if data.get("label") == name or name in data.get("aliases", [])]


SHOW_LINKS = 5  # strongest links kg show lists


def describe(node_id: str, data: dict, graph=None) -> str:
    """An entity's type and id, mentions, aliases with the reason each was merged, roles and, given the
    ``graph``, the relations sentences state (:func:`stated_lines`) and its strongest links
    (:func:`kg.ranking.strongest_links`: the explorer's and the neighbors query's order)."""
    stated, links = [], []
    if graph is not None and node_id in graph:
        from .ranking import strongest_links

        stated = stated_lines(graph, node_id)
        for other, link in strongest_links(graph, node_id, limit=SHOW_LINKS):
            other_data = graph.nodes[other]
            links.append((other_data.get("label", other), other_data.get("type", ""), link))
    return entity_text(node_id, data, stated, links)


def entity_text(node_id: str, data: dict, stated: list[str], links: list[tuple]) -> str:
    """What ``kg show`` prints of an entity: ``data`` (its node data), the ``stated`` relation lines and its
    strongest ``links`` as (label, type, link data with ``score``, ``sentences``, ``articles``)."""
    lines = [f"{data.get('label', node_id)} ({data.get('type', '')}, {node_id})",
             f"  mentions: {data.get('mentions', 0)} in {data.get('articles', 0)} articles"]
    reasons = data.get("merge_reasons") or {}
    for alias in sorted(data.get("aliases", [])):
        lines.append(f"  alias {alias}: {reasons.get(alias, '')}")
    for title, org in sorted({(r.get("title", ""), r.get("org") or "") for r in data.get("roles", [])}):
        lines.append(f"  role {title}" + (f" at {org}" if org else ""))
    lines.extend(stated)
    for label, type_, link in links:
        lines.append(f"  link {label} ({type_}): score {link.get('score', 0)}, {link.get('sentences', 0)} sentences, "
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
    return stated_text(found)


def stated_text(found: dict) -> list[str]:
    """The lines of :func:`stated_lines` from (wording, other's label) -> the dates of the articles stating it."""
    return [f"  {wording} {label}" + (f" ({', '.join(sorted(d for d in days if d))})" if any(days) else "")
            for (wording, label), days in sorted(found.items())]
