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
    ``graph``, its strongest links (:func:`kg.ranking.strongest_links`: the explorer's and the neighbors
    query's order)."""
    lines = [f"{data.get('label', node_id)} ({data.get('type', '')}, {node_id})",
             f"  mentions: {data.get('mentions', 0)} in {data.get('articles', 0)} articles"]
    reasons = data.get("merge_reasons") or {}
    for alias in sorted(data.get("aliases", [])):
        lines.append(f"  alias {alias}: {reasons.get(alias, '')}")
    for title, org in sorted({(r.get("title", ""), r.get("org") or "") for r in data.get("roles", [])}):
        lines.append(f"  role {title}" + (f" at {org}" if org else ""))
    if graph is not None and node_id in graph:
        from .ranking import strongest_links

        for other, link in strongest_links(graph, node_id, limit=SHOW_LINKS):
            other_data = graph.nodes[other]
            lines.append(f"  link {other_data.get('label', other)} ({other_data.get('type', '')}): "
                         f"score {link.get('score', 0)}, {link.get('sentences', 0)} sentences, "
                         f"{link.get('articles', 0)} articles")
    return "\n".join(lines)
