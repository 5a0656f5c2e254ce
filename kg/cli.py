"""The ``kg`` command: a thin layer over the Python API."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__

ENTITY_TYPES = ("person", "organization", "place", "project")


def input_options(function):
    """Options shared by every command that reads a corpus."""
    function = click.option("--encoding", default=None, help="Input encoding (default: detect).")(function)
    function = click.option("--home", default=None,
                            help="The paper's home city or region, e.g. 呼和浩特市 (default: inferred).")(function)
    return function


def report_errors(extraction) -> None:
    for error in extraction.errors:
        click.echo(f"kg: skipped {error}", err=True)


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli():
    """Build a knowledge graph of people, organizations, places and projects from Chinese news."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl, graph.html, graph.graphml and entities.jsonl to.")
@click.option("--base-iri", default=None, help="Base IRI of the RDF resources.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on large inputs).")
@click.option("--max-nodes", default=500, show_default=True, type=click.IntRange(min=0),
              help="Most important entities to show in graph.html (0: all).")
@input_options
def build(paths, out_dir, base_iri, progress, max_nodes, encoding, home):
    """Extract PATHS (default: seeds/) and write the graph files to OUTPUT."""
    from .pipeline import build as run_build

    extraction, graph, written = run_build(list(paths) or ["seeds"], out_dir, encoding=encoding, home=home,
                                           progress=progress, base_iri=base_iri, max_nodes=max_nodes)
    report_errors(extraction)
    click.echo(summary(extraction, graph))
    for name, path in written.items():
        click.echo(f"wrote {path}")
    if extraction.errors:
        sys.exit(1)


def summary(extraction, graph) -> str:
    types = Counter(e.type for e in extraction.entities)
    relations = Counter(data.get("relation") for _, _, data in graph.edges(data=True))
    parts = [f"{len(extraction.articles)} articles from {len({a.source for a in extraction.articles})} sources",
             "entities: " + ", ".join(f"{types.get(t, 0)} {t}" for t in ENTITY_TYPES),
             "edges: " + ", ".join(f"{count} {name}" for name, count in sorted(relations.items()))
             if relations else "edges: none"]
    return "\n".join(parts)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="-", show_default=True, help="JSON-lines file to write ('-' for stdout).")
@input_options
def extract(paths, output, encoding, home):
    """Write the extraction contract of PATHS: one JSON object per article."""
    from .export.contract import article_records, write_jsonl
    from .pipeline import extract as run_extract

    extraction = run_extract(list(paths), encoding=encoding, home=home)
    report_errors(extraction)
    write_jsonl(article_records(extraction), output)
    if extraction.errors:
        sys.exit(1)


@cli.command("eval")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold annotation JSON files.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.option("--details", is_flag=True, help="List false positives and negatives per page.")
@input_options
def evaluate(paths, gold_dir, as_json, details, encoding, home):
    """Score extraction on PATHS (default: seeds/) against the gold annotations."""
    from .evaluate import evaluate as run_eval, format_table

    result = run_eval(gold_dir, list(paths) or None, encoding=encoding, home=home)
    if not as_json:
        click.echo(format_table(result))
        if details:
            for page, detail in result["details"].items():
                click.echo(f"\n{page}")
                for kind in ("false_positives", "false_negatives"):
                    for type_, names in detail[kind].items():
                        if names:
                            label = "FP" if kind == "false_positives" else "FN"
                            click.echo(f"  {label} {type_}: {' '.join(names)}")
        return
    if not details:
        result.pop("details")
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("name")
@click.argument("paths", nargs=-1, type=click.Path())
@input_options
def show(name, paths, encoding, home):
    """Show the entity called NAME (or with NAME as an alias) in PATHS (default: seeds/)."""
    from .pipeline import extract as run_extract

    extraction = run_extract(list(paths) or ["seeds"], encoding=encoding, home=home)
    matches = [e for e in extraction.entities if e.name == name or name in e.aliases]
    if not matches:
        click.echo(f"kg: no entity named {name}", err=True)
        sys.exit(1)
    for entity in matches:
        click.echo(describe(entity))


def describe(entity) -> str:
    lines = [f"{entity.name} ({entity.type}, {entity.id})", f"  mentions: {entity.count} in "
             f"{len({m.article.key for m in entity.mentions})} articles"]
    for alias in sorted(entity.aliases):
        lines.append(f"  alias {alias}: {entity.merge_reasons.get(alias, '')}")
    for title, org in sorted({(r.title, r.org or '') for r in entity.roles}):
        lines.append(f"  role {title}" + (f" at {org}" if org else ""))
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--top", default=5, show_default=True, help="Leaders to list per type.")
@input_options
def stats(paths, top, encoding, home):
    """Counts, degree and PageRank leaders per type for PATHS (default: seeds/)."""
    from .graph import build_graph
    from .pipeline import extract as run_extract
    from .stats import graph_stats

    extraction = run_extract(list(paths) or ["seeds"], encoding=encoding, home=home)
    click.echo(summary(extraction, build_graph(extraction)))
    click.echo(graph_stats(build_graph(extraction), top))


def main():
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
