"""Reading a build folder's graph store against reading the build as before, and adding one page.

    python bench/store_bench.py            # a 10 MB synthetic corpus (bench/synth.py), about 5 minutes
    python bench/store_bench.py --mb 2     # smaller

In one run, on one corpus built once with ``kg build``:

- ``kg query BUILD --name neighbors --param name=<the most mentioned place>`` as a user runs it (a new
  process): on the build folder, which opens its graph store, against the same query on ``graph.json`` (the
  graph read back and converted to a store first: what a build folder cost before it held a store);
- ``kg show NAME BUILD`` (reads ``graph.json``) and ``kg show NAME CORPUS`` (extracts);
- ``kg build`` again after one new page was added (the extraction cache holds every other page), as a share
  of the first, full build.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent))


def kg(*args) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(ROOT.parent))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kg {' '.join(map(str, args))} failed: {done.stderr[-2000:]}")
    return seconds, done


def best(runs: int, *args) -> tuple[float, subprocess.CompletedProcess]:
    results = [kg(*args) for _ in range(runs)]
    return min(r[0] for r in results), results[-1][1]


def main(argv=None) -> None:
    from scale_bench import add_page
    from synth import generate

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10, help="Corpus size in MB.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each read command (the best is shown).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        generate(args.mb, corpus)
        full, _ = kg("build", corpus, "-o", out)
        graph = json.loads((out / "graph.json").read_text("utf-8"))
        places = [n for n in graph["nodes"] if n["type"] == "place"]
        busiest = max(places, key=lambda n: (n["mentions"], n["id"]))["label"]
        person = max((n for n in graph["nodes"] if n["type"] == "person"), key=lambda n: (n["mentions"], n["id"]))
        triples = sum(1 for _ in open(out / "graph.ttl", encoding="utf-8"))
        query = ("query", "--name", "neighbors", "--param", f"name={busiest}")
        on_store, answer = best(args.runs, query[0], out, *query[1:])
        on_json, before = best(args.runs, query[0], out / "graph.json", *query[1:])
        assert answer.stdout == before.stdout, "the store and graph.json answer differently"
        show_build, shown = best(args.runs, "show", person["label"], out)
        empty, _ = best(args.runs, "--version")
        add_page(corpus)
        again, _ = kg("build", corpus, "-o", out)
        rows = [
            ("corpus (MB) / entities / edges / Turtle lines", f"{args.mb:g} / {len(graph['nodes']):,} / "
                                                              f"{len(graph['edges']):,} / {triples:,}"),
            ("kg build, full (s)", f"{full:.1f}"),
            ("kg build, one page added (s, share of full)", f"{again:.1f}, {again / full:.0%}"),
            (f"kg query BUILD neighbors of {busiest} (s)", f"{on_store:.2f}"),
            ("the same on graph.json, converted to a store first (s)", f"{on_json:.2f} ({on_json / on_store:.1f}x)"),
            (f"kg show {person['label']} BUILD (s)", f"{show_build:.2f}"),
            ("kg --version, the start-up alone (s)", f"{empty:.2f}"),
        ]
        width = max(len(r[0]) for r in rows)
        for label, value in rows:
            print(f"{label:<{width}}  {value}")
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
