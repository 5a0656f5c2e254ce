"""Benchmark: how fast a 2,000-node / 10,000-edge explorer page becomes interactive in headless Chromium.

    python bench/html_bench.py [--nodes 2000] [--edges 10000] [--runs 3]

Builds a random graph shaped like kg's (four entity types, skewed mention counts, co-occurrence edges with
weights and evidence), writes it with ``kg.export.html.write_html`` (timed), opens the file in Debian's
chromium through Playwright with every network request blocked, and prints:

- write time and file size;
- time to interactive: from navigation start until the first frame is drawn (``kgExplorer.ready``) and a
  node click has opened the side panel;
- the time of one more click and of one redraw after moving the weight slider.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.html import write_html  # noqa: E402

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
        graph.add_edge(ids[a], ids[b], key="co_occurs", relation="co_occurs", sentences=sentences, articles=1,
                       weight=sentences + 1, npmi=round(rng.random(), 6), evidence=[])
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
            node = page.evaluate("kgExplorer.data.nodes[0].id")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    if shutil.which("chromium") is None:
        sys.exit("chromium not on PATH: apt-get install chromium")
    graph = random_graph(options.nodes, options.edges)
    out = Path(tempfile.mkdtemp()) / "bench.html"
    started = time.perf_counter()
    write_html(graph, out, max_nodes=options.nodes)
    written = time.perf_counter() - started
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print(f"write_html: {written:.2f} s, {out.stat().st_size / 1e6:.2f} MB")

    times = time_to_interactive(out, options.runs)
    print(f"time to interactive: best {min(times):.2f} s, worst {max(times):.2f} s (target < 3 s)")


if __name__ == "__main__":
    main()
