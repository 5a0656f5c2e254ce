"""Reading a build folder's graph store against reading the build as before, and adding one page.

    python bench/store_bench.py            # a 10 MB synthetic corpus (bench/synth.py), about 10 minutes
    python bench/store_bench.py --mb 2     # smaller

In one run, on one corpus built once with ``kg build``, each command as a user runs it (a new process):

- ``kg query BUILD --name neighbors --param name=<the most mentioned place>`` on the build folder, which
  opens its graph store, against the same query on ``graph.json`` (the graph read back and converted to a
  store first: what a build folder cost before it held a store);
- ``kg show NAME BUILD`` (looks the entity up in the store) against ``kg show NAME BUILD/graph.json`` (reads
  the whole graph back: what it did before), for the most mentioned person and the most mentioned place
  (the entity with the most links); the outputs must be the same;
- ``kg stats`` and ``kg export -f json`` on the build folder (the graph read back from the store, scores
  computed from counts) against the same on ``graph.json``; the outputs must be the same;
- ``kg build`` again after one new page was added (the extraction cache holds every other page), as a share
  of the first, full build (wall time, and processor time of the process and those it waited for: steadier
  when other work shares the machine), and the seconds of each stage and output of both builds
  (``kg build --timings``).

``--builds-only`` measures the two builds alone.

The names are read from the store, and ``graph.json`` is made with ``kg export`` when the build did not
write it.
"""
from __future__ import annotations

import argparse
import json
import os
import re
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
    """Wall seconds of ``kg ARGS`` in a new process, and the process (its processor seconds, user and
    system, of it and every process it waited for, as ``done.cpu``)."""
    import resource

    env = dict(os.environ, PYTHONPATH=str(ROOT.parent))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"kg {' '.join(map(str, args))} failed: {done.stderr[-2000:]}")
    return seconds, done


def best(runs: int, *args) -> tuple[float, subprocess.CompletedProcess]:
    results = [kg(*args) for _ in range(runs)]
    return min(r[0] for r in results), results[-1][1]


def stages(done: subprocess.CompletedProcess) -> dict[str, float]:
    """The seconds ``kg build --timings`` printed: stage or output name -> seconds."""
    line = next(line for line in done.stderr.splitlines() if line.startswith("timings (s): "))
    found = {}
    for part in re.split(r"[,;()]\s*|\s*outputs:\s*", line[len("timings (s): "):]):
        match = re.fullmatch(r"\s*(.+?) (\d+\.\d)\s*", part)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def stage_table(full: dict[str, float], again: dict[str, float]) -> list[tuple[str, str]]:
    """One row per stage and output: seconds of the full build and of the build after one page was added."""
    rows = []
    for name in dict.fromkeys([*full, *again]):
        first, second = full.get(name), again.get(name)
        rows.append((f"  {name} (s): full / one page added",
                     f"{'-' if first is None else f'{first:.1f}'} / {'-' if second is None else f'{second:.1f}'}"))
    return rows


def most_mentioned(out: Path, kind: str) -> str:
    """The label of the most mentioned entity of class ``kind`` (Person, Place) in the build's store."""
    from kg.store import open_store

    query = f"""PREFIX kg: <https://w3id.org/kg-news/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE {{ ?e a kg:{kind} ; kg:mentionCount ?m ; kg:entityId ?id ; rdfs:label ?label }}
        ORDER BY DESC(?m) DESC(?id) LIMIT 1"""
    rows = list(open_store(out).query(query, use_default_graph_as_union=True))
    return rows[0]["label"].value


def main(argv=None) -> None:
    from scale_bench import add_page
    from synth import generate

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10, help="Corpus size in MB.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each quick read command (the best is shown).")
    parser.add_argument("--builds-only", action="store_true", help="Time the full and the one-page builds alone.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        generate(args.mb, corpus)
        full, first = kg("build", corpus, "-o", out, "--timings")
        if args.builds_only:
            add_page(corpus)
            again, second = kg("build", corpus, "-o", out, "--timings")
            print_builds(args.mb, full, first, again, second)
            return
        graph_json = out / "graph.json"
        if not graph_json.is_file():
            graph_json = Path(tmp) / "graph.json"
            kg("export", out, "-f", "json", "-o", graph_json)
        graph = json.loads(graph_json.read_text("utf-8"))
        busiest, person = most_mentioned(out, "Place"), most_mentioned(out, "Person")
        query = ("query", "--name", "neighbors", "--param", f"name={busiest}")
        on_store, answer = best(args.runs, query[0], out, *query[1:])
        on_json, before = best(args.runs, query[0], graph_json, *query[1:])
        assert answer.stdout == before.stdout, "the store and graph.json answer differently"
        shows = []
        for name in (person, busiest):
            show_store, shown = best(args.runs, "show", name, out)
            show_json, shown_before = best(1, "show", name, graph_json)
            assert shown.stdout == shown_before.stdout, f"kg show {name}: the store and graph.json differ"
            shows.append((name, show_store, show_json))
        stats_store, stated = best(1, "stats", out)
        stats_json, stated_before = best(1, "stats", graph_json)
        assert stated.stdout == stated_before.stdout, "kg stats: the store and graph.json differ"
        exported = [Path(tmp) / "from-store.json", Path(tmp) / "from-json.json"]
        export_store, _ = best(1, "export", out, "-f", "json", "-o", exported[0])
        export_json, _ = best(1, "export", graph_json, "-f", "json", "-o", exported[1])
        assert exported[0].read_bytes() == exported[1].read_bytes(), "kg export: the store and graph.json differ"
        empty, _ = best(args.runs, "--version")
        add_page(corpus)
        again, second = kg("build", corpus, "-o", out, "--timings")
        rows = [
            ("corpus (MB) / entities / edges", f"{args.mb:g} / {len(graph['nodes']):,} / {len(graph['edges']):,}"),
            ("kg build, full (s)", f"{full:.1f}"),
            ("kg build, one page added (s, share of full)", f"{again:.1f}, {again / full:.0%}"),
            ("processor time, full / one page added (s, share)",
             f"{first.cpu:.1f} / {second.cpu:.1f}, {second.cpu / first.cpu:.0%}"),
            *stage_table(stages(first), stages(second)),
            ("the store, one page added", store_note(second)),
            (f"kg query BUILD neighbors of {busiest} (s)", f"{on_store:.2f}"),
            ("the same on graph.json, converted to a store first (s)", f"{on_json:.2f} ({on_json / on_store:.1f}x)"),
        ]
        for name, show_store, show_json in shows:
            rows.append((f"kg show {name} BUILD / on graph.json (s)",
                         f"{show_store:.2f} / {show_json:.2f} ({show_json / show_store:.1f}x)"))
        rows += [
            ("kg stats BUILD / on graph.json (s)", f"{stats_store:.2f} / {stats_json:.2f}"),
            ("kg export BUILD -f json / on graph.json (s)", f"{export_store:.2f} / {export_json:.2f}"),
            ("kg --version, the start-up alone (s)", f"{empty:.2f}"),
        ]
        print_rows(rows)
        shutil.rmtree(out, ignore_errors=True)


def store_note(done: subprocess.CompletedProcess) -> str:
    """What ``kg build`` said of the store (``108 of 22,772 named graphs replaced, 0 removed``)."""
    return next((line.split(" (", 1)[1].rstrip(")") for line in done.stdout.splitlines()
                 if line.startswith("wrote ") and line.split(" (", 1)[0].endswith("/store")), "?")


def print_builds(mb, full, first, again, second) -> None:
    print_rows([("corpus (MB)", f"{mb:g}"), ("kg build, full (s)", f"{full:.1f}"),
                ("kg build, one page added (s, share of full)", f"{again:.1f}, {again / full:.0%}"),
                ("processor time, full / one page added (s, share)",
                 f"{first.cpu:.1f} / {second.cpu:.1f}, {second.cpu / first.cpu:.0%}"),
                *stage_table(stages(first), stages(second)), ("the store, one page added", store_note(second))])


def print_rows(rows) -> None:
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
