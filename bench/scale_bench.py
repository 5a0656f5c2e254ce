"""Benchmark kg on synthetic corpora of 1, 10 and 100 MB (``bench/synth.py``), in one run.

    python bench/scale_bench.py                                  # 1, 10 and 100 MB
    python bench/scale_bench.py --sizes 1 10 --workdir /tmp/kg-scale

For each size it prints:

- extraction throughput: kg (one process: read, extract, resolve and graph) against plain ``jieba.cut`` and
  ``jieba.posseg.cut`` over the same documents, timed one after the other in this process, and the ratios
  (over the first ``--ratio-mb`` MB of corpora larger than that);
- a full build with ``--workers 2`` (cache on) in a child process: seconds per stage (read, extract, resolve,
  graph, each file and the whole export stage as ``kg build`` writes them: graph.ttl and graph.graphml in a
  second process meanwhile), the peak resident memory of the main process and of the largest other process
  (an extraction worker or that writer), output sizes;
- the same build with ``--workers 1`` (a cold cache too, up to ``--compare-max`` MB): the speed-up of 2 workers;
- incremental: one new page added to the built corpus and the build run again (up to ``--incremental-max``
  MB), as a share of the full build;
- graph.html: its size and time to interactive in headless Chromium (``bench/html_bench.py``);
- SPARQL: loading graph.ttl into Oxigraph and the canned queries (``bench/sparql_bench.py``'s way).

It ends with a Markdown table of the figures and the checks against the targets of the issue. Not a unit test:
it takes about half an hour with 100 MB on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")
QUERY_TIMEOUT = 60  # seconds a canned query may take in the benchmark
TARGET_STAGES = ("read", "extract", "resolve", "graph", "ttl", "html")  # the 100 MB <= 10 min target


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def staged_build(corpus: str, out: str, workers: int, cache: bool) -> dict:
    """What ``kg build`` does, each stage timed (runs in a child process of the benchmark)."""
    from kg.cache import Cache
    from kg.export import write_all
    from kg.graph import build_graph
    from kg.pipeline import CACHE_FOLDER, extract

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = Cache(out_dir / CACHE_FOLDER) if cache else None
    started = time.perf_counter()
    extraction = extract([corpus], workers=workers, cache=store)
    stages = dict(extraction.timings)
    rss = {"extract": peak_rss_mb()}
    step = time.perf_counter()
    graph = build_graph(extraction)
    stages["graph"] = time.perf_counter() - step
    rss["graph"] = peak_rss_mb()
    print(f"    [{corpus}] extract {stages['extract']:.1f} s, graph {stages['graph']:.1f} s, peak RSS "
          f"{rss['graph'][0]:.0f} MB", file=sys.stderr, flush=True)
    step = time.perf_counter()
    seconds = {}
    write_all(extraction, graph, out_dir, max_nodes=500, timings=seconds,  # as kg build writes them
              exports=("json", "ttl", "graphml"))  # at every size: the files this benchmark times
    stages["export"] = time.perf_counter() - step
    for name, key in (("ttl", "graph.ttl"), ("html", "graph.html"), ("jsonl", "entities.jsonl"),
                      ("json", "graph.json"), ("graphml", "graph.graphml")):
        stages[name] = seconds[key]
    rss["export"] = peak_rss_mb()
    print(f"    [{corpus}] export {stages['export']:.1f} s (" + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
          + f"), peak RSS {rss['export'][0]:.0f} MB", file=sys.stderr, flush=True)
    if store is not None:
        store.prune(store.used)
    total = time.perf_counter() - started
    sizes = {name: (out_dir / name).stat().st_size for name in OUTPUTS}
    if store is not None:
        sizes["cache"] = sum(p.stat().st_size for p in (out_dir / CACHE_FOLDER).glob("*/*"))
    return {"stages": stages, "total": total, "rss": rss, "sizes": sizes,
            "articles": len(extraction.articles), "mentions": len(extraction.mentions),
            "entities": len(extraction.entities), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "cache_hits": store.hits if store else 0, "cache_misses": store.misses if store else 0}


def child_build(corpus: Path, out: Path, workers: int, cache: bool) -> dict:
    """Run :func:`staged_build` in a fresh Python process and return its figures."""
    command = [sys.executable, __file__, "--child", str(corpus), str(out), str(workers), "1" if cache else "0"]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)  # stderr: stage by stage
    return json.loads(done.stdout.strip().splitlines()[-1])


def throughput(corpus: Path, limit_mb: float) -> dict:
    """MB/s of kg (one process, extraction + graph), jieba.cut and jieba.posseg.cut on the same documents."""
    import jieba
    import jieba.posseg

    from kg.extract.tokens import get_tokenizer
    from kg.graph import build_graph
    from kg.lexicon import gazetteer
    from kg.pipeline import extract

    files, size = [], 0
    for path in sorted(corpus.glob("*.txt")):
        if size >= limit_mb * 1e6:
            break
        files.append(path)
        size += path.stat().st_size
    texts = [path.read_text(encoding="utf-8") for path in files]
    jieba.initialize()
    list(jieba.posseg.cut("呼和浩特市市长"))
    get_tokenizer()
    gazetteer()
    timings = {}
    started = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    timings["jieba.cut"] = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        for _ in jieba.posseg.cut(text):
            pass
    timings["jieba.posseg"] = time.perf_counter() - started
    started = time.perf_counter()
    build_graph(extract([str(p) for p in files], workers=1))
    timings["kg"] = time.perf_counter() - started
    mb = size / 1e6
    return {"mb": mb, **{f"{name} MB/s": mb / seconds for name, seconds in timings.items()},
            "kg/cut": timings["jieba.cut"] / timings["kg"], "kg/posseg": timings["jieba.posseg"] / timings["kg"]}


def add_page(corpus: Path) -> Path:
    """One new page (fresh names) written into ``corpus``."""
    from synth import generate

    scratch = corpus.parent / f"{corpus.name}-extra"
    shutil.rmtree(scratch, ignore_errors=True)
    page = generate(0.02, scratch, seed=99)[0]
    target = corpus / "page-extra.txt"
    shutil.move(str(page), target)
    shutil.rmtree(scratch, ignore_errors=True)
    return target


def html_and_sparql(out: Path) -> dict:
    """Time to interactive of graph.html, and Oxigraph load and canned queries on graph.ttl."""
    from kg.graphfile import open_store
    from kg.query import QueryError, canned, run_query

    figures = {}
    try:
        from html_bench import time_to_interactive
        figures["html_tti"] = min(time_to_interactive(out / "graph.html", runs=2, report=lambda line: None))
    except Exception as error:  # no chromium or playwright here
        print(f"  html: not measured ({error})")
    started = time.perf_counter()
    store = open_store([str(out / "graph.ttl")])
    figures["sparql_load"] = time.perf_counter() - started
    figures["triples"] = len(store)
    top = {}  # the most mentioned person and place, asked of the store itself
    for kind in ("Person", "Place"):
        rows = run_query(store, "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
                                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                                f"SELECT ?label WHERE {{ ?e a kg:{kind} ; rdfs:label ?label ; kg:mentionCount ?n }} "
                                "ORDER BY DESC(?n) ?label LIMIT 1").rows
        top[kind.lower()] = str(rows[0][0]) if rows else ""
    queries = (("neighbors", {"name": top.get("person", "")}), ("neighbors", {"name": top.get("place", "")}),
               ("person-roles", {}), ("org-people", {}), ("projects-in-place", {"place": top.get("place", "")}),
               ("articles-mentioning", {"a": top.get("person", ""), "b": top.get("place", "")}))
    figures["queries"] = []
    for name, params in queries:
        started = time.perf_counter()
        try:
            rows = len(run_query(store, canned(name), params, timeout=QUERY_TIMEOUT).rows)
        except QueryError:  # timed out
            rows = None
        figures["queries"].append((name, rows, time.perf_counter() - started))
    return figures


def bench_size(size: float, args) -> dict:
    from synth import generate

    corpus = args.workdir / f"corpus-{size:g}mb"
    marker = corpus / ".complete"
    if not marker.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(size, corpus)
        marker.write_text("ok\n")
    print(f"\n== {size:g} MB: {corpus}", flush=True)
    result = {"size": size}
    result["ratio"] = ratio = throughput(corpus, min(size, args.ratio_mb))
    print(f"  one process over {ratio['mb']:.1f} MB: kg {ratio['kg MB/s']:.3f} MB/s, jieba.cut "
          f"{ratio['jieba.cut MB/s']:.3f} MB/s, jieba.posseg {ratio['jieba.posseg MB/s']:.3f} MB/s -> "
          f"kg/cut {ratio['kg/cut']:.2f}x, kg/posseg {ratio['kg/posseg']:.2f}x", flush=True)
    out = args.workdir / f"out-{size:g}mb"
    shutil.rmtree(out, ignore_errors=True)
    result["build"] = build = child_build(corpus, out, 2, cache=True)
    print(f"  build --workers 2: {build['total']:.1f} s; " +
          ", ".join(f"{k} {v:.1f}" for k, v in build["stages"].items()), flush=True)
    print(f"  {build['articles']} articles, {build['mentions']} mentions, {build['entities']} entities, "
          f"{build['nodes']} nodes, {build['edges']} edges; peak RSS main {build['rss']['export'][0]:.0f} MB, "
          f"worker {build['rss']['export'][1]:.0f} MB; sizes " +
          ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in build["sizes"].items()), flush=True)
    if size <= args.compare_max:
        shutil.rmtree(args.workdir / f"out-{size:g}mb-w1", ignore_errors=True)  # a cold cache, as for 2 workers
        one = child_build(corpus, args.workdir / f"out-{size:g}mb-w1", 1, cache=True)
        shutil.rmtree(args.workdir / f"out-{size:g}mb-w1", ignore_errors=True)
        result["workers1"] = one
        print(f"  build --workers 1: {one['total']:.1f} s (extract {one['stages']['extract']:.1f} s); speed-up of "
              f"2 workers: extract {one['stages']['extract'] / build['stages']['extract']:.2f}x, "
              f"build {one['total'] / build['total']:.2f}x", flush=True)
    if size <= args.incremental_max:
        page = add_page(corpus)
        try:
            result["incremental"] = inc = child_build(corpus, out, 2, cache=True)
        finally:
            page.unlink()
        print(f"  incremental (one page added): {inc['total']:.1f} s = {inc['total'] / build['total']:.0%} of the "
              f"full build; extracted {inc['cache_misses']} document(s), {inc['cache_hits']} from the cache; " +
              ", ".join(f"{k} {v:.1f}" for k, v in inc["stages"].items()), flush=True)
    result.update(html_and_sparql(out))
    print(f"  graph.html {build['sizes']['graph.html'] / 1e6:.1f} MB, time to interactive "
          f"{result.get('html_tti', float('nan')):.2f} s; SPARQL: {result['triples']} triples loaded in "
          f"{result['sparql_load']:.1f} s; " + ", ".join(f"{n} {r} rows {t:.3f} s" if r is not None else f"{n} > {QUERY_TIMEOUT} s"
                    for n, r, t in result["queries"]),
          flush=True)
    return result


def table(results: list[dict]) -> str:
    """The Markdown table of the README."""
    def row(label, cell):
        return f"| {label} | " + " | ".join(cell(r) for r in results) + " |"

    def stage(name):
        return lambda r: f"{r['build']['stages'].get(name, 0):.1f}"

    def slowest(r):
        if any(rows is None for _, rows, _ in r["queries"]):
            return f"> {QUERY_TIMEOUT} ({', '.join(n for n, rows, _ in r['queries'] if rows is None)})"
        name, _, seconds = max(r["queries"], key=lambda q: q[2])
        return f"{seconds:.3f} ({name})"

    def target_time(r):
        return sum(r["build"]["stages"].get(s, 0) for s in TARGET_STAGES)

    lines = ["| | " + " | ".join(f"{r['size']:g} MB" for r in results) + " |",
             "|---|" + "---:|" * len(results),
             row("articles / entities / edges", lambda r: f"{r['build']['articles']:,} / {r['build']['entities']:,}"
                 f" / {r['build']['edges']:,}"),
             row("kg, one process (extract + graph), MB/s", lambda r: f"{r['ratio']['kg MB/s']:.3f}"),
             row("jieba.cut, MB/s", lambda r: f"{r['ratio']['jieba.cut MB/s']:.3f}"),
             row("jieba.posseg, MB/s", lambda r: f"{r['ratio']['jieba.posseg MB/s']:.3f}"),
             row("kg / jieba.cut (target >= 0.5)", lambda r: f"{r['ratio']['kg/cut']:.2f}"),
             row("kg / jieba.posseg (target >= 2)", lambda r: f"{r['ratio']['kg/posseg']:.2f}")]
    for name in ("read", "extract", "resolve", "graph", "ttl", "html", "jsonl", "json", "graphml"):
        lines.append(row(f"build, {name} (s)", stage(name)))
    lines.append(row("build, export: the five files, two in a second process (s)", stage("export")))
    lines += [row("build, total (s)", lambda r: f"{r['build']['total']:.1f}"),
              row("extract + graph + Turtle + HTML (s)", lambda r: f"{target_time(r):.1f}"),
              row("peak RSS, main / worker (MB)", lambda r: f"{max(v[0] for v in r['build']['rss'].values()):.0f}"
                  f" / {max(v[1] for v in r['build']['rss'].values()):.0f}"),
              row("--workers 2 vs 1, extract / build", lambda r: f"{r['workers1']['stages']['extract'] / r['build']['stages']['extract']:.2f}x"
                  f" / {r['workers1']['total'] / r['build']['total']:.2f}x" if "workers1" in r else "-"),
              row("incremental, one page added (s, share)", lambda r: f"{r['incremental']['total']:.1f}, "
                  f"{r['incremental']['total'] / r['build']['total']:.0%}" if "incremental" in r else "-"),
              row("graph.ttl / graph.html (MB)", lambda r: f"{r['build']['sizes']['graph.ttl'] / 1e6:.0f} / "
                  f"{r['build']['sizes']['graph.html'] / 1e6:.1f}"),
              row("all outputs / cache (MB)", lambda r: f"{sum(r['build']['sizes'][n] for n in OUTPUTS) / 1e6:.0f} / "
                  f"{r['build']['sizes'].get('cache', 0) / 1e6:.0f}"),
              row("graph.html time to interactive (s)", lambda r: f"{r['html_tti']:.2f}" if "html_tti" in r else "-"),
              row("SPARQL: load graph.ttl (s, triples)", lambda r: f"{r['sparql_load']:.1f}, {r['triples']:,}"),
              row("SPARQL: slowest canned query (s)", slowest)]
    if len(results) >= 2 and {r["size"] for r in results} >= {10, 100}:
        by = {r["size"]: r for r in results}
        lines.append(f"\n100 MB build / 10 MB build: {by[100]['build']['total'] / by[10]['build']['total']:.1f}x "
                     f"(target <= 11x); extract + graph + Turtle + HTML: "
                     f"{target_time(by[100]) / target_time(by[10]):.1f}x")
    return "\n".join(lines)


def main(argv=None) -> None:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child":
        corpus, out, workers, cache = sys.argv[2:6]
        print(json.dumps(staged_build(corpus, out, int(workers), cache == "1")))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100], help="Corpus sizes in MB.")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-scale"), help="Corpora and outputs.")
    parser.add_argument("--ratio-mb", type=float, default=10, help="Measure the jieba ratios on at most this.")
    parser.add_argument("--compare-max", type=float, default=10, help="Largest size built with --workers 1 too.")
    parser.add_argument("--incremental-max", type=float, default=10, help="Largest size rebuilt incrementally.")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"kg scale benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start",
          flush=True)
    results = [bench_size(size, args) for size in args.sizes]
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end\n")
    print(table(results))


if __name__ == "__main__":
    main()
