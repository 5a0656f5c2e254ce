"""An interactive HTML view of the graph (pyvis / vis-network), one self-contained file."""
from __future__ import annotations

import html
from pathlib import Path

from .atomic import atomic_open

COLORS = {"person": "#e15759", "organization": "#4e79a7", "place": "#59a14f", "project": "#f28e2b"}
SHAPES = {"person": "dot", "organization": "square", "place": "triangle", "project": "diamond"}


def to_pyvis(graph, max_nodes: int = 500):
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line", directed=False)
    ranked = sorted(graph.nodes(data=True), key=lambda item: (-item[1].get("mentions", 0), item[0]))[:max_nodes]
    keep = {node for node, _ in ranked}
    for node, data in ranked:
        title = f"{data['type']}: {data['label']}"
        net.add_node(node, label=data["label"], title=html.escape(title), color=COLORS.get(data["type"]),
                     shape=SHAPES.get(data["type"], "dot"), size=8 + min(data.get("mentions", 1), 40))
    for u, v, data in graph.edges(data=True):
        if u in keep and v in keep and data.get("relation") == "co_occurs":
            net.add_edge(u, v, value=data.get("weight", 1), title=f"{data.get('sentences', 0)} sentences")
    net.toggle_physics(True)
    return net


def write_html(graph, path: str | Path, max_nodes: int = 500) -> Path:
    net = to_pyvis(graph, max_nodes=max_nodes)
    page = net.generate_html(notebook=False)
    with atomic_open(path) as handle:
        handle.write(page)
    return Path(path)
