"""Entities of a graph by name, and what ``kg show`` prints of them.

Works on any :func:`kg.graph.build_graph` graph, whether just built from a corpus or read back from a build
folder, so that ``kg show NAME output`` needs no extraction.
"""
from __future__ import annotations


def find_entities(graph, name: str) -> list[tuple[str, dict]]:
    """The ``(id, data)`` of the entities named ``name`` or with ``name`` as an alias, by id."""
    return [(node, data) for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0])
            if data.get("label") == name or name in data.get("aliases", [])]


def describe(node_id: str, data: dict) -> str:
    """An entity's type and id, mentions, aliases with the reason each was merged, and roles."""
    lines = [f"{data.get('label', node_id)} ({data.get('type', '')}, {node_id})",
             f"  mentions: {data.get('mentions', 0)} in {data.get('articles', 0)} articles"]
    reasons = data.get("merge_reasons") or {}
    for alias in sorted(data.get("aliases", [])):
        lines.append(f"  alias {alias}: {reasons.get(alias, '')}")
    for title, org in sorted({(r.get("title", ""), r.get("org") or "") for r in data.get("roles", [])}):
        lines.append(f"  role {title}" + (f" at {org}" if org else ""))
    return "\n".join(lines)
