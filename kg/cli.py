"""The ``kg`` command: a thin layer over the Python API."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .reporting import (NOTHING_WRITTEN, check_output_folder, exit_status, guarded, report_errors, report_skipped,
                        warn_if_empty, write_failed)

ENTITY_TYPES = ("person", "organization", "place", "project")


def input_options(function):
    """Options shared by every command that reads a corpus."""
    function = click.option("-j", "--workers", default=None, type=click.IntRange(min=1),
                            help="Processes that extract documents in parallel; the output is the same for any "
                                 "number [default: all cores, one for inputs under 1 MB].")(function)
    function = click.option("--encoding", default=None, help="Input encoding (default: detect).")(function)
    function = click.option("--home", default=None,
                            help="The paper's home city or region, e.g. 呼和浩特市 (default: inferred).")(function)
    return function


def strict_option(function):
    """``--strict``: stop at the first bad input, before any output is written or changed."""
    return click.option("--strict", is_flag=True,
                        help="Stop at the first bad input (exit status 2) before writing or changing any output; "
                             "by default bad inputs are reported, skipped (exit status 1) and the rest is "
                             "written.")(function)


def year_option(function):
    """``--year``: the publication year of pages that print dates without one (1月9日)."""
    return click.option("--year", type=click.IntRange(1900, 2099), default=None,
                        help="Publication year of inputs whose metadata, banner or file name gives none: "
                             "dates printed as 1月9日 become 2024-01-09.")(function)


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli():
    """Build a knowledge graph of people, organizations, places and projects from Chinese news."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write entities.jsonl, graph.html, the graph store and the whole files (see "
                   "--export) to.")
@click.option("--base-iri", default=None, help="Base IRI of the RDF resources.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on large inputs).")
@click.option("--max-nodes", default=500, show_default=True, type=click.IntRange(min=0),
              help="Most important entities to show in graph.html (0: all).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run extraction on the dask.distributed scheduler at ADDRESS (tcp://host:8786); every "
                   "worker needs the same kg installed (pip install 'kg[dask]'). The output is the same.")
@click.option("--cache", "cache_dir", default=None, type=click.Path(file_okay=False),
              help="Folder of the extraction cache [default: OUTPUT/.cache]. Unchanged documents are not "
                   "extracted again; entries depend on the kg version, the lexicons and the extraction code.")
@click.option("--no-cache", is_flag=True, help="Extract every document again and keep no cache.")
@click.option("--export", "exports", default=None, metavar="FORMATS",
              help="Whole files of the graph to write, comma-separated (ttl, graphml, json, nt, jsonld, xml, "
                   "gexf, or none), as OUTPUT/graph.<extension>. Default: json,ttl,graphml for a corpus under "
                   "5 MB of text, none for a larger one. A whole file a build does not write is removed; "
                   "kg export writes any format from the store later.")
@click.option("--timings", is_flag=True, help="Print the seconds each stage and each output took, on stderr.")
@click.option("--force", is_flag=True,
              help="Write an empty graph even when no article was read (by default such a build changes "
                   "nothing and exits with status 2 if every input failed or OUTPUT holds a graph).")
@year_option
@strict_option
@input_options
def build(paths, out_dir, base_iri, progress, max_nodes, workers, dask_address, cache_dir, no_cache, exports,
          timings, force, strict, encoding, home, year):
    """Extract PATHS (default: seeds/) and write the graph to OUTPUT: entities.jsonl, graph.html, the graph
    store (OUTPUT/store) and, for a corpus under 5 MB of text or as --export says, whole files of the graph.

    Rebuilding the same OUTPUT re-extracts only new or changed documents (see --cache), then rebuilds the
    graph; the store replaces only the named graphs (articles, entities) that changed. Everything is
    switched together at the end: an interrupted build leaves the previous outputs as they were. Exit status: 0 done, 1 some inputs skipped (named on stderr),
    2 nothing written (--strict, OUTPUT not writable, or no article read; see --force), 130 interrupted.
    """
    from .pipeline import NothingToBuild, build as run_build

    from .export import BUILD_EXPORTS

    cache = False if no_cache else (cache_dir or True)
    if exports is not None:
        exports = [fmt.strip() for fmt in exports.split(",") if fmt.strip()]
        unknown = [fmt for fmt in exports if fmt not in (*BUILD_EXPORTS, "none")]
        if unknown or ("none" in exports and len(exports) > 1):
            raise click.BadParameter(f"{', '.join(unknown) or ','.join(exports)}: kg build exports "
                                     f"{', '.join(BUILD_EXPORTS)}, or none (kg export writes csv)",
                                     param_hint="'--export'")
        exports = [fmt for fmt in exports if fmt != "none"]
    check_output_folder(out_dir)
    started = time.perf_counter()
    import gc

    # The process ends with the build: a collection after it (or at exit) would walk millions of objects
    # for nothing; reference counting frees what the build drops.
    gc.disable()
    with guarded(strict):
        try:
            extraction, graph, written = run_build(list(paths) or ["seeds"], out_dir, encoding=encoding,
                                                   home=home, progress=progress, base_iri=base_iri,
                                                   max_nodes=max_nodes, workers=workers, dask=dask_address,
                                                   cache=cache, strict=strict, force=force, year=year,
                                                   exports=exports, release=True)
        except NothingToBuild as refused:
            report_errors(refused.extraction)
            click.echo(f"kg: error: {refused}", err=True)
            sys.exit(NOTHING_WRITTEN)
    report_errors(extraction)
    warn_if_empty(extraction)
    click.echo(summary(graph))
    for name, path in written.items():
        note = getattr(written, "notes", {}).get(name)
        click.echo(f"wrote {path}" + (f" ({note})" if note else ""))
    for fmt, path in getattr(written, "removed", {}).items():
        click.echo(f"removed {path} (not written by this build; kg export {path.parent} -f {fmt} writes it)")
    if timings:
        click.echo(timing_line(extraction.timings, time.perf_counter() - started), err=True)
    sys.exit(exit_status(extraction))


def timing_line(timings: dict[str, float], total: float) -> str:
    """``timings (s): read 0.3, extract 18.7, ... export 26.0 (store 21.8, ...); total 51.2``: the stages,
    then the outputs (written side by side in two processes, so they add up to more than ``export``)."""
    stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items() if not name.startswith("write "))
    outputs = ", ".join(f"{name[6:]} {seconds:.1f}" for name, seconds in timings.items() if name.startswith("write "))
    return f"timings (s): {stages}" + (f" (outputs: {outputs})" if outputs else "") + f"; total {total:.1f}"


def summary(graph) -> str:
    """Articles and sources, entities per type and edges per relation of a graph."""
    from .graph import relation_counts

    types = Counter(data.get("type") for _, data in graph.nodes(data=True))
    relations = relation_counts(graph)
    articles = graph.graph.get("articles", {})
    sources = {meta.get("source") for meta in articles.values()}
    parts = [f"{len(articles)} articles from {len(sources)} sources",
             "entities: " + ", ".join(f"{types.get(t, 0)} {t}" for t in ENTITY_TYPES),
             "edges: " + ", ".join(f"{count} {name}" for name, count in sorted(relations.items()))
             if relations else "edges: none"]
    days = sorted(meta["date"] for meta in articles.values() if meta.get("date"))
    if articles:
        parts.append(f"dates: {len(days)} of {len(articles)} articles dated"
                     + (f", {days[0]} to {days[-1]}" if days else " (see --year)"))
    return "\n".join(parts)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="-", show_default=True, help="JSON-lines file to write ('-' for stdout).")
@year_option
@strict_option
@input_options
def extract(paths, output, strict, encoding, home, workers, year):
    """Write the extraction contract of PATHS: one JSON object per article.

    Exit status: 0 done, 1 some inputs skipped (named on stderr), 2 nothing written (--strict).
    """
    from .export.contract import article_records, write_jsonl
    from .pipeline import extract as run_extract

    with guarded(strict):
        extraction = run_extract(list(paths), encoding=encoding, home=home, strict=strict, workers=workers,
                                 year=year)
        report_errors(extraction)
        warn_if_empty(extraction)
        write_jsonl(article_records(extraction), output)
    sys.exit(exit_status(extraction))


@cli.command("articles")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--encoding", default=None, help="Input encoding (default: detect).")
@year_option
@click.option("--include", multiple=True, help="Glob of files to read inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders (repeatable).")
@click.option("--sentences", is_flag=True, help="List each article's sentences too.")
def articles_command(paths, encoding, year, include, exclude, sentences):
    """Print the articles found in PATHS (title, date, byline, offsets) to check segmentation."""
    from .corpus import format_articles, read_articles
    from .corpus.dates import date_articles
    errors = []
    found = list(read_articles(paths, encoding=encoding, on_error=errors.append, year=year,
                               include=include, exclude=exclude))
    date_articles(found)
    if found:
        click.echo(format_articles(found, sentences=sentences))
    for error in errors:
        click.echo(f"kg: skipped {error}", err=True)
    if errors:
        sys.exit(1)


@cli.command("eval")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold annotation JSON files.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.option("--details", is_flag=True, help="List false positives and negatives per page.")
@input_options
def evaluate(paths, gold_dir, as_json, details, encoding, home, workers):
    """Score extraction on PATHS (default: seeds/) against the gold annotations."""
    from .evaluate import evaluate as run_eval, format_table

    result = run_eval(gold_dir, list(paths) or None, encoding=encoding, home=home, workers=workers)
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


@cli.command("eval-spans")
@click.argument("tagged", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.option("--errors", "show_errors", default=0, show_default=True, type=click.IntRange(min=0),
              help="List this many sentences where prediction and gold differ.")
@click.option("--swap-names", is_flag=True,
              help="Replace every gold person name with a made-up one first (names never seen in training).")
def eval_spans(tagged, as_json, show_errors, swap_names):
    """Score person/place/organisation mention spans on annotated NER files.

    TAGGED files hold one 'character TAG' pair per line and a blank line between
    sentences, in BIO, BIOES or BMES notation (MSRA, People's Daily style), or
    CLUENER JSON lines; plain or gzipped. Spans must match exactly; nested gold
    spans count as the outermost one.
    """
    from .span_eval import format_span_scores, read_annotated, score_spans, swap_person_names

    try:
        sentences = [sentence for path in tagged for sentence in read_annotated(path)]
    except ValueError as error:
        raise click.ClickException(str(error))
    if swap_names:
        sentences = swap_person_names(sentences)
    result = score_spans(sentences)
    if as_json:
        scores = {"sentences": len(sentences), "scores": result["scores"]}
        if "positions" in result:
            scores["positions"] = result["positions"]
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
        return
    click.echo(format_span_scores(result, len(sentences), show_errors))


@cli.command()
@click.argument("name")
@click.argument("paths", metavar="[GRAPH...]", nargs=-1, type=click.Path())
@input_options
def show(name, paths, encoding, home, workers):
    """Show the entity called NAME (or with NAME as an alias) in GRAPH: a kg build folder (looked up in its
    store), its graph.json, or a corpus, extracted on the fly (default: seeds/). See kg.entities.describe
    and kg.lookup.show_entities."""
    from .entities import describe, find_entities
    from .graphfile import GraphError, build_store

    if len(paths) == 1:
        try:
            store = build_store(paths[0])
        except GraphError as error:
            raise click.UsageError(str(error)) from None
        if store is not None:
            from .lookup import show_entities

            shown = show_entities(store, name)
            if not shown:
                click.echo(f"kg: no entity named {name}", err=True)
                sys.exit(1)
            for text in shown:
                click.echo(text)
            sys.exit(0)
    skipped = []
    graph = open_graph_or_exit(list(paths) or ["seeds"], encoding, home, skipped, workers=workers)
    report_skipped(skipped)
    matches = find_entities(graph, name)
    if not matches:
        click.echo(f"kg: no entity named {name}", err=True)
        sys.exit(1)
    for node_id, data in matches:
        click.echo(describe(node_id, data, graph))
    sys.exit(1 if skipped else 0)


@cli.command()
@click.argument("paths", metavar="[GRAPH...]", nargs=-1, type=click.Path())
@click.option("--top", default=5, show_default=True, help="Leaders to list per type.")
@input_options
def stats(paths, top, encoding, home, workers):
    """Counts, degree and PageRank leaders per type of GRAPH: a kg build folder, its graph.json, or a corpus,
    extracted on the fly (default: seeds/)."""
    from .stats import graph_stats

    skipped = []
    graph = open_graph_or_exit(list(paths) or ["seeds"], encoding, home, skipped, workers=workers, details=False)
    click.echo(summary(graph))
    click.echo(graph_stats(graph, top))
    sys.exit(report_skipped(skipped))


def open_graph_or_exit(graph_paths, encoding, home, skipped=None, workers=None, details=True):
    from .graphfile import GraphError, open_graph

    try:
        return open_graph(list(graph_paths), skipped=skipped, details=details, encoding=encoding, home=home,
                          workers=workers)
    except GraphError as error:
        raise click.UsageError(str(error)) from None


@cli.command("export")
@click.argument("graph_paths", metavar="GRAPH...", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-f", "--format", "fmt", required=True,
              type=click.Choice(["ttl", "nt", "jsonld", "xml", "graphml", "gexf", "json", "csv"]),
              help="Output format (csv: Neo4j import files, written to a folder).")
@click.option("-o", "--output", default="-", show_default=True, help="File to write (csv: a folder); '-' for stdout.")
@click.option("--base-iri", default=None, help="Base IRI of the RDF resources (default https://w3id.org/kg-news/id/).")
@input_options
def export_command(graph_paths, fmt, output, base_iri, encoding, home, workers):
    """Write GRAPH (a kg build folder, its graph.json, an RDF file, or a corpus) in FORMAT.

    See kg.export.export."""
    from .export import RDF_FORMATS, export
    from .graphfile import rdf_file

    if len(graph_paths) == 1 and rdf_file(graph_paths[0]):
        if fmt not in RDF_FORMATS:
            raise click.UsageError(f"{graph_paths[0]} is RDF: it converts to {', '.join(RDF_FORMATS)} only")
        from .export.rdf import read_rdf, write_rdf
        rdf = read_rdf(graph_paths[0])
        try:
            write_rdf(rdf, output, fmt)  # "-": standard output
        except OSError as error:
            write_failed(error, output)
        return
    skipped = []
    try:
        written = export(open_graph_or_exit(graph_paths, encoding, home, skipped, workers), fmt, output,
                         base_iri=base_iri)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        write_failed(error, output)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    sys.exit(report_skipped(skipped))


RESULT_FORMATS = ("table", "csv", "tsv", "json")


def deprecated(old: str, new: str) -> None:
    click.echo(f"kg: warning: {old} is deprecated; use {new}", err=True)


@cli.command("query")
@click.argument("graph_path", metavar="GRAPH", required=False, type=click.Path(exists=True))
@click.argument("query", required=False)
@click.option("--query-file", type=click.File(encoding="utf-8"), help="Read the query from this file.")
@click.option("--file", "old_query_file", hidden=True, type=click.File(encoding="utf-8"))
@click.option("-n", "--name", help="A canned query (see --list), e.g. person-roles.")
@click.option("-p", "--param", "params", multiple=True, metavar="K=V", help="Bind ?K to V (repeatable).")
@click.option("-f", "--format", "fmt", default="table", show_default=True, metavar="[table|csv|tsv|json]",
              help="Result format (csv, tsv and json are the SPARQL 1.1 results formats).")
@click.option("-o", "--output", default="-", show_default=True, help="File to write the result to ('-': stdout).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True, metavar="SECONDS",
              help="Stop the query after this many seconds (exit status 2); 0: no time limit. A query that "
                   "needs more than half the memory available also stops (exit status 2).")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and their parameters (no GRAPH needed).")
@click.option("--base-iri", default=None, help="Base IRI when GRAPH is not RDF.")
@input_options
def query_command(graph_path, query, query_file, old_query_file, name, params, fmt, output, timeout, list_queries,
                  base_iri, encoding, home, workers):
    """Run a read-only SPARQL QUERY (or --query-file FILE, or --name NAME) on GRAPH with Oxigraph. See kg.query."""
    from . import query as q
    from .graphfile import GraphError, open_store

    if list_queries:
        for canned_name in q.canned_names():
            text = q.canned(canned_name)
            args = " ".join(f"--param {k}=…" + ("" if req else " (optional)") for k, (req, _) in q.parameters(text).items())
            click.echo(f"{canned_name}  {args}\n    {q.describe(text).split(' param ')[0]}")
        return
    if old_query_file is not None:
        deprecated("--file", "--query-file")
        query_file = query_file or old_query_file
    if fmt not in RESULT_FORMATS:
        if Path(fmt).is_file() and query_file is None:  # the old spelling: -f FILE
            deprecated("-f FILE", "--query-file FILE (-f is the result format)")
            query_file, fmt = open(fmt, encoding="utf-8"), "table"
        else:
            raise click.BadParameter(f"{fmt!r} is not one of {', '.join(RESULT_FORMATS)}", param_hint="'-f'")
    if output in RESULT_FORMATS and not Path(output).exists():  # the old spelling: -o FORMAT
        deprecated(f"-o {output}", f"-f {output} (-o is the file to write)")
        fmt, output = output, "-"
    if graph_path is None:
        raise click.UsageError("give the GRAPH to query (a kg build folder, an RDF file or a corpus)")
    if sum(x is not None for x in (query, query_file, name)) != 1:
        raise click.UsageError("give exactly one of QUERY, --query-file FILE or --name NAME")
    try:
        text = query if query is not None else query_file.read() if query_file else q.canned(name)
        bound = dict(item.split("=", 1) for item in params if "=" in item)
        if len(bound) != len(params):
            raise q.QueryError("--param takes K=V")
        q.check_read_only(text)
        q.check_params(text, bound)
        skipped = []
        store = open_store(graph_path, base_iri, skipped=skipped, encoding=encoding, home=home, workers=workers)
        answer = q.format_result(q.run_query(store, text, bound, timeout=timeout), fmt)
    except (q.QueryError, GraphError, ValueError) as error:
        click.echo(f"kg: {error}", err=True)
        sys.exit(2)
    write_text(answer + "\n", output)
    sys.exit(report_skipped(skipped))


def write_text(text: str, output) -> None:
    """``text`` to standard output (``-``) or to the file ``output``, atomically."""
    if output == "-":
        click.echo(text, nl=False)
        return
    from .io.atomic import atomic_open

    try:
        with atomic_open(output) as handle:
            handle.write(text)
    except OSError as error:
        write_failed(error, output)


@cli.command("load")
@click.argument("graph_paths", metavar="GRAPH...", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--endpoint", required=True,
              help="Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), .../DATASET/data (Fuseki).")
@click.option("--graph", "graph_iri", default=None, help="Named graph IRI (default: the default graph).")
@click.option("--append", is_flag=True, help="POST (add to the graph) instead of PUT (replace it).")
@click.option("--user", default=None, help="USER:PASSWORD for HTTP basic authentication.")
@click.option("--base-iri", default=None, help="Base IRI when GRAPH is not RDF.")
@input_options
def load_command(graph_paths, endpoint, graph_iri, append, user, base_iri, encoding, home, workers):
    """Push GRAPH into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol. See kg.load."""
    from .endpoint import mask_url
    from .load import LoadError, load

    skipped = []
    try:
        count, status = load(list(graph_paths), endpoint, graph_iri, replace=not append, base_iri=base_iri,
                             user=user, skipped=skipped, encoding=encoding, home=home, workers=workers)
    except (LoadError, ValueError) as error:
        click.echo(f"kg: {error}", err=True)
        sys.exit(2)
    click.echo(f"loaded {count} triples into {graph_iri or 'the default graph'} at {mask_url(endpoint)} (HTTP {status})")
    sys.exit(report_skipped(skipped))


def main():
    """The ``kg`` command. It ends without taking its objects apart one by one (a build holds millions:
    seconds of freeing memory the system frees at once): output flushed and exit handlers run, then
    ``os._exit``."""
    try:
        cli(prog_name="kg")
    except SystemExit as done:
        quick_exit(done.code)


def quick_exit(code) -> None:
    """Exit with ``code`` as ``sys.exit`` would (None: 0; a message: printed, 1), skipping the interpreter's
    teardown: streams flushed and :mod:`atexit` handlers run first."""
    import atexit
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout:
                status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
