"""Reading an entity's strongest links from a build's store: ``kg query BUILD --name neighbors`` and
``kg show NAME BUILD`` on hubs, against the neighbors query as written (every link scored by ``kg:score``).

    python bench/reads_bench.py /tmp/o100                 # the 5 most mentioned entities and 5 drawn
    python bench/reads_bench.py BUILD --name 呼和浩特市 --name 李海鹰 --top 0 --drawn 0

For each entity: its links, the seconds of each command as a user runs it (a new process; the best of
``--runs``), and, in this process, the seconds of the neighbors query as written (``kg.query._evaluate``,
which scores every link) and of the answer kg gives (``kg.query.execute``), the ratio of the two, and
whether their rows are the same (they must be). Machine load changes every time; the ratios are from one
run.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

PREFIXES = ("PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


def command(runs: int, *args) -> float:
    """The best wall time of ``kg ARGS`` in a new process, over ``runs`` runs."""
    env = dict(os.environ, PYTHONPATH=str(ROOT.parent))
    best = None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                              env=env)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"kg {' '.join(map(str, args))} failed: {done.stderr[-2000:]}")
        best = seconds if best is None else min(best, seconds)
    return best


def names(store, top: int, drawn: int, seed: int) -> list[str]:
    """The labels of the ``top`` most mentioned entities and of ``drawn`` others drawn at random."""
    rows = store.query(PREFIXES + "SELECT ?label ?m WHERE { ?e kg:mentionCount ?m ; rdfs:label ?label }",
                       use_default_graph_as_union=True)
    found = sorted(((int(row["m"].value), row["label"].value) for row in rows), reverse=True)
    chosen = [label for _, label in found[:top]]
    rest = [label for _, label in found[top:]]
    return chosen + random.Random(seed).sample(rest, min(drawn, len(rest)))


def links_of(store, name: str) -> int:
    query = PREFIXES + f"""SELECT (COUNT(*) AS ?n) WHERE {{
      ?e rdfs:label "{name}"@zh . ?link kg:participant ?e }}"""
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


def main(argv=None) -> None:
    from kg.query import _evaluate, canned, display_width, execute, pad
    from kg.store import open_store

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", help="A kg build folder (with its store).")
    parser.add_argument("--name", action="append", default=[], help="An entity's name (repeatable).")
    parser.add_argument("--top", type=int, default=5, help="The most mentioned entities to time.")
    parser.add_argument("--drawn", type=int, default=5, help="Other entities, drawn at random, to time.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="Runs of each command (the best is shown).")
    args = parser.parse_args(argv)
    store = open_store(args.build)
    text = canned("neighbors")
    header = ("entity", "links", "kg query neighbors (s)", "kg show (s)", "query as written (s)",
              "kg's answer (s)", "ratio", "same rows")
    table = [header]
    for name in args.name + names(store, args.top, args.drawn, args.seed):
        started = time.perf_counter()
        written = _evaluate(store, text, {"name": name})
        whole = time.perf_counter() - started
        started = time.perf_counter()
        answer = execute(store, text, {"name": name})
        fast = time.perf_counter() - started
        same = [[str(t) for t in row] for row in written.raw] == [[str(t) for t in row] for row in answer.raw]
        table.append((name, f"{links_of(store, name):,}",
                      f"{command(args.runs, 'query', args.build, '--name', 'neighbors', '--param', f'name={name}'):.2f}",
                      f"{command(args.runs, 'show', name, args.build):.2f}", f"{whole:.2f}", f"{fast:.2f}",
                      f"{whole / max(fast, 1e-9):.1f}x", "yes" if same else "NO"))
        print("  ".join(table[-1]), file=sys.stderr, flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    widths = [max(display_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(pad(cell, width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
