"""Export stage: one module per format, each with ``write_x`` (and ``read_x`` where it reads back)."""
from __future__ import annotations

from pathlib import Path

from .contract import article_records, read_jsonl, write_jsonl
from .graphml import read_graphml, write_graphml
from .html import write_html
from .rdf import read_rdf, to_rdf, write_rdf

__all__ = ["article_records", "read_jsonl", "write_jsonl", "read_graphml", "write_graphml", "write_html",
           "read_rdf", "to_rdf", "write_rdf", "write_all"]


def write_all(extraction, graph, out_dir: Path, base_iri: str | None = None,
              max_nodes: int | None = None) -> dict[str, Path]:
    """Write the four build outputs; returns name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "entities.jsonl": write_jsonl(article_records(extraction), out_dir / "entities.jsonl"),
        "graph.ttl": write_rdf(to_rdf(extraction, graph, base_iri), out_dir / "graph.ttl", "ttl"),
        "graph.graphml": write_graphml(graph, out_dir / "graph.graphml"),
        "graph.html": write_html(graph, out_dir / "graph.html", extraction=extraction, max_nodes=max_nodes),
    }
