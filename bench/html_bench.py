"""Benchmark of the HTML explorer: its picture, how fast it opens, and a page of every entity.

    python bench/html_bench.py [--nodes 2000] [--edges 10000] [--runs 3] [--layout-mb 5] [--scale-mb 6]
                               [--skip-layout] [--skip-browser] [--skip-scale]

Prints three parts:

- **layout**: on the seeds and on a synthetic build of ``--layout-mb`` MB (``bench/synth.py``), each written
  with the default ``--max-nodes``: the mean distance between two shown nodes of one community / the mean
  distance between any two shown nodes (positions read from the page's data; target <= 0.5), the number of
  shown nodes and communities, and the most links any shown node shows (target <= 3);
- **page ready**: a random graph shaped like kg's (``--nodes``, ``--edges``, four entity types, skewed
  mention counts) written with ``kg.export.html.write_html`` and opened in Debian's chromium through
  Playwright, every network request blocked: time until the first frame is drawn and a node click has
  opened the side panel (target < 2 s at 2,000 nodes), plus a search focus and a weight-slider redraw;
- **every entity**: a synthetic corpus of ``--scale-mb`` MB (about 10,000 entities at 6 MB) extracted in a
  child process, then its page written with ``max_nodes=0``: seconds and the child's peak memory before and
  after writing (targets < 60 s and < 2 GB).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export.html import write_html  # noqa: E402
from kg.export.layout import grouping_ratio  # noqa: E402

TYPES = ["person", "organization", "place", "project"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def random_graph(nodes: int, edges: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(home="测试市")
    ids = [f"e{number:05d}" for number in range(nodes)]
    for number, node in enumerate(ids):
        graph.add_node(node, label=f"实体{number}号" + rng.choice("局委会厅市县区村公司项目工程"),
                       type=rng.choice(TYPES), aliases=[f"别名{number}"], mentions=int(rng.paretovariate(1.2)),
                       articles=rng.randint(1, 5), roles=[])
    pairs = set()
    while len(pairs) < edges:
        a, b = sorted(rng.sample(range(nodes), 2))
        # preferential: half the edges touch the first tenth of the nodes, as hubs do in news
        if rng.random() < 0.5:
            a = rng.randrange(nodes // 10)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    for a, b in sorted(pairs):
        sentences = rng.choice([0, 0, 0, 1, 1, 2, 3])
        npmi = round(rng.random(), 6)
        graph.add_edge(ids[a], ids[b], key="co_occurs", relation="co_occurs", sentences=sentences, articles=1,
                       weight=sentences + 1, npmi=npmi, score=round(npmi * sentences / (sentences + 1), 6),
                       evidence=[])
    return graph


def time_to_interactive(path, runs: int = 3, report=print) -> list[float]:
    """Open ``path`` (an explorer page) ``runs`` times in headless Chromium; seconds until interactive each time.

    Interactive: the first frame is drawn (``kgExplorer.ready``) and a click on a node has opened the side
    panel. ``report`` gets one line per run (first frame, search focus and weight slider times too).
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("chromium not on PATH: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        times = []
        for run in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            blocked = []
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else (blocked.append(route.request.url), route.abort()))
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            started = time.perf_counter()
            page.goto(Path(path).as_uri())
            page.wait_for_function("window.kgExplorer && window.kgExplorer.ready", timeout=120000, polling=10)
            drawn = time.perf_counter() - started
            node = page.evaluate("(() => { const drawn = new Set(kgExplorer.drawnNodeIds()); "
                                 "return kgExplorer.data.nodes.find(n => drawn.has(n.id)).id; })()")
            x, y = page.evaluate("""id => { const n = kgExplorer.network;
                const p = n.canvasToDOM(n.getPositions([id])[id]);
                const r = document.getElementById('network').getBoundingClientRect();
                return [p.x + r.left, p.y + r.top]; }""", node)
            page.mouse.click(x, y)
            page.wait_for_function("() => !!document.getElementById('panel').dataset.node", timeout=60000,
                                   polling=10)
            interactive = time.perf_counter() - started
            click_started = time.perf_counter()
            other = page.evaluate("kgExplorer.data.nodes[1].id")
            page.evaluate("id => kgExplorer.focusNode(id)", other)
            page.wait_for_function("id => document.getElementById('panel').dataset.node === id", arg=other,
                                   polling=10)
            focus = time.perf_counter() - click_started
            slider_started = time.perf_counter()
            page.fill("#min-weight", "3")
            page.evaluate("() => new Promise(r => { kgExplorer.network.once('afterDrawing', r); "
                          "kgExplorer.network.redraw(); })")
            slider = time.perf_counter() - slider_started
            nodes_drawn = page.evaluate("kgExplorer.drawnNodeIds().length")
            report(f"run {run + 1}: first frame {drawn:.2f} s, interactive (node click answered) "
                   f"{interactive:.2f} s, search focus {focus * 1000:.0f} ms, weight slider {slider * 1000:.0f} ms, "
                   f"{nodes_drawn} nodes drawn, {len(blocked)} requests blocked, {len(errors)} errors")
            times.append(interactive)
            context.close()
        browser.close()
    return times


def page_data(path) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S).group(1))


def first_view_figures(path) -> dict:
    """Grouping ratio, shown nodes and communities, most links per node, of a page's first view."""
    data = page_data(path)
    shown_edges = [e for e in data["edges"] if e.get("v") == 1]
    per_node = Counter(end for e in shown_edges for end in (e["from"], e["to"]))
    nodes = [n for n in data["nodes"] if n["id"] in per_node]
    return {"ratio": grouping_ratio([(n["x"], n["y"]) for n in nodes], [n["c"] for n in nodes]),
            "nodes": len(nodes), "of": len(data["nodes"]), "communities": len({n["c"] for n in nodes}),
            "links": len(shown_edges), "most": max(per_node.values(), default=0)}


def build_page(corpus, out: Path, max_nodes=None) -> dict:
    """Extract ``corpus`` and write its page; seconds and sizes."""
    from kg.graph import build_graph
    from kg.pipeline import extract

    started = time.perf_counter()
    extraction = extract([str(corpus)], workers=None)
    graph = build_graph(extraction)
    built = time.perf_counter() - started
    started = time.perf_counter()
    write_html(graph, out, extraction, max_nodes=max_nodes)
    return {"entities": graph.number_of_nodes(), "links": graph.number_of_edges(), "build": built,
            "write": time.perf_counter() - started}


def layout_part(layout_mb: float, folder: Path) -> None:
    print("== layout: first view of the default page (--max-nodes 500)")
    corpora = [("seeds", ROOT / "seeds")]
    if layout_mb > 0:
        synthetic = folder / f"synth-{layout_mb:g}mb"
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), f"{layout_mb:g}", "-o", str(synthetic)],
                       check=True, stdout=subprocess.DEVNULL)
        corpora.append((f"synthetic {layout_mb:g} MB", synthetic))
    for name, corpus in corpora:
        page = folder / f"{name.split()[0]}.html"
        sizes = build_page(corpus, page)
        figures = first_view_figures(page)
        print(f"{name}: {sizes['entities']} entities; first view {figures['nodes']} of {figures['of']} nodes, "
              f"{figures['links']} links, {figures['communities']} communities, at most {figures['most']} links "
              f"per node (target <= 3); same-community / all mean distance {figures['ratio']:.3f} "
              f"(target <= 0.5); page written in {sizes['write']:.2f} s")


SCALE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from kg.export.html import write_html
from kg.graph import build_graph
from kg.pipeline import extract
extraction = extract([sys.argv[1]], workers=None)
graph = build_graph(extraction)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
write_html(graph, sys.argv[2], extraction, max_nodes=0)
print(json.dumps({"entities": graph.number_of_nodes(), "links": graph.number_of_edges(),
                  "seconds": time.perf_counter() - started, "peak_before": before,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def scale_part(scale_mb: float, folder: Path) -> None:
    print(f"== every entity: synthetic {scale_mb:g} MB, page written with max_nodes=0 (kg build --max-nodes 0)")
    corpus = folder / f"synth-{scale_mb:g}mb"
    if not corpus.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), f"{scale_mb:g}", "-o", str(corpus)],
                       check=True, stdout=subprocess.DEVNULL)
    page = folder / "all.html"
    result = subprocess.run([sys.executable, "-c", SCALE_CHILD, str(corpus), str(page), str(ROOT)],
                            check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{figures['entities']} entities, {figures['links']} links: write_html {figures['seconds']:.1f} s "
          f"(target < 60 s), peak memory {figures['peak'] / 1024:.0f} MB (extraction and graph alone "
          f"{figures['peak_before'] / 1024:.0f} MB; target < 2048 MB), page {page.stat().st_size / 1e6:.1f} MB")


def browser_part(nodes: int, edges: int, runs: int, folder: Path) -> None:
    print(f"== page ready: random graph of {nodes} nodes and {edges} edges")
    graph = random_graph(nodes, edges)
    out = folder / "bench.html"
    started = time.perf_counter()
    write_html(graph, out, max_nodes=nodes)
    written = time.perf_counter() - started
    print(f"write_html: {written:.2f} s, {out.stat().st_size / 1e6:.2f} MB")
    times = time_to_interactive(out, runs)
    print(f"time to interactive: best {min(times):.2f} s, worst {max(times):.2f} s (target < 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--layout-mb", type=float, default=5.0, help="synthetic build for the layout figures")
    parser.add_argument("--scale-mb", type=float, default=6.0, help="synthetic build written with every entity")
    parser.add_argument("--skip-layout", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kg-html-bench-"))
    try:
        if not options.skip_layout:
            layout_part(options.layout_mb, folder)
        if not options.skip_browser:
            if shutil.which("chromium") is None:
                sys.exit("chromium not on PATH: apt-get install chromium")
            browser_part(options.nodes, options.edges, options.runs, folder)
        if not options.skip_scale:
            scale_part(options.scale_mb, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
