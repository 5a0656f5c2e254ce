"""The HTML explorer in a real browser: Playwright for Python driving Debian's chromium.

Every request that is not for a file: URL is blocked and recorded; the tests assert none was made. Without
chromium or Playwright these tests skip, except under CI where they fail (``.ci/run`` installs chromium).
The seeds' page is also saved as docs/graph.png, the screenshot the README shows.
"""
from __future__ import annotations

import os
import shutil

import pytest
from conftest import ROOT
from test_html import EVIL, tiny_graph

from kg.export.html import write_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--font-render-hinting=none"]


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        unavailable("chromium not on PATH (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page of the explorer with its non-file requests and console errors recorded."""

    def __init__(self, browser, path, viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           device_scale_factor=1)
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgExplorer && window.kgExplorer.ready", timeout=30000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def network_requests(self) -> list[str]:
        return self.blocked + [url for url in self.requests if not url.startswith("file:")]

    def click_node(self, node_id):
        x, y = self.js("""id => { const n = kgExplorer.network;
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; }""", node_id)
        self.page.mouse.click(x, y)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seeds_graph(seeds_extraction):
    from kg.graph import build_graph

    return build_graph(seeds_extraction)


@pytest.fixture(scope="module")
def seeds_page(browser, seeds_graph, seeds_extraction, tmp_path_factory):
    path = write_html(seeds_graph, tmp_path_factory.mktemp("html") / "graph.html", seeds_extraction, max_nodes=0)
    page = Page(browser, path)
    yield page
    page.close()


@pytest.fixture
def tiny_page(browser, tmp_path):
    graph, extraction = tiny_graph()
    page = Page(browser, write_html(graph, tmp_path / "tiny.html", extraction), viewport=(1000, 700))
    yield page
    page.close()


def test_loads_offline_without_errors_and_draws_every_node(seeds_page, seeds_graph):
    assert seeds_page.network_requests() == []
    assert seeds_page.errors == []
    drawn = seeds_page.js("kgExplorer.drawnNodeIds()")
    assert len(drawn) == seeds_graph.number_of_nodes()
    assert set(drawn) == set(seeds_graph.nodes)
    count = seeds_page.js("document.getElementById('count').textContent")
    assert count == f"showing {seeds_graph.number_of_nodes()} of {seeds_graph.number_of_nodes()} entities"


def test_screenshot_for_the_readme(seeds_page):
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    seeds_page.js("kgExplorer.network.fit({animation: false})")
    top = seeds_page.js("kgExplorer.data.nodes.filter(n => n.type === 'person').sort((a, b) => b.m - a.m)[0].id")
    seeds_page.js("id => { kgExplorer.network.selectNodes([id]); kgExplorer.showNode(id); }", top)
    seeds_page.page.screenshot(path=str(docs / "graph.png"))
    assert (docs / "graph.png").stat().st_size > 10_000
    seeds_page.js("document.getElementById('panel').hidden = true; kgExplorer.network.unselectAll()")


def test_search_focuses_the_node(seeds_page, seeds_graph):
    node, data = max(seeds_graph.nodes(data=True), key=lambda item: (item[1]["mentions"], item[0]))
    if data["type"] != "person":
        node, data = max(((n, d) for n, d in seeds_graph.nodes(data=True) if d["type"] == "person"),
                         key=lambda item: (item[1]["mentions"], item[0]))
    seeds_page.page.fill("#search", data["label"])
    seeds_page.page.press("#search", "Enter")
    assert seeds_page.js("kgExplorer.network.getSelectedNodes()") == [node]
    centre = seeds_page.js("kgExplorer.network.getViewPosition()")
    position = seeds_page.js("id => kgExplorer.network.getPositions([id])[id]", node)
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1
    assert seeds_page.js("document.querySelector('#panel h2').textContent") == data["label"]
    assert seeds_page.errors == []


def test_type_filter_hides_that_type(seeds_page, seeds_graph):
    places = {n for n, d in seeds_graph.nodes(data=True) if d["type"] == "place"}
    assert places
    seeds_page.page.uncheck('input.type-filter[data-type="place"]')
    drawn = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    assert drawn == set(seeds_graph.nodes) - places
    edges = seeds_page.js("kgExplorer.drawnEdgeIds().map(id => kgExplorer.data.edges[+id.slice(1)])")
    assert all(e["from"] not in places and e["to"] not in places for e in edges)
    seeds_page.page.check('input.type-filter[data-type="place"]')
    assert len(seeds_page.js("kgExplorer.drawnNodeIds()")) == seeds_graph.number_of_nodes()


def test_weight_slider_hides_weak_links(seeds_page):
    shown = seeds_page.js("kgExplorer.drawnEdgeIds().length")
    seeds_page.page.fill("#min-weight", "3")  # fires input on a range
    weights = seeds_page.js("kgExplorer.drawnEdgeIds().map(id => kgExplorer.data.edges[+id.slice(1)])"
                            ".filter(e => e.rel === 'co_occurs').map(e => e.w)")
    assert weights and min(weights) >= 3 and len(weights) < shown
    seeds_page.page.fill("#min-weight", str(seeds_page.js("kgExplorer.data.minWeight")))


def test_node_click_shows_evidence_sentences(seeds_page, seeds_graph, seeds_extraction):
    def on_top(entity):  # brought to the centre, and not covered by another node
        return seeds_page.js("""id => { kgExplorer.focusNode(id); const n = kgExplorer.network;
            return n.getNodeAt(n.canvasToDOM(n.getPositions([id])[id])) === id; }""", entity.id)

    people = sorted((e for e in seeds_extraction.entities if e.type == "person"), key=lambda e: (-e.count, e.id))
    entity = next(e for e in people if on_top(e))
    seeds_page.js("document.getElementById('panel').hidden = true")
    seeds_page.click_node(entity.id)
    assert seeds_page.js("document.getElementById('panel').dataset.node") == entity.id
    sentences = seeds_page.js("[...document.querySelectorAll('#panel .evidence blockquote')].map(b => b.textContent)")
    mention = entity.mentions[0]
    expected = "".join(line.strip() for line in mention.article.sentences[mention.sentence].text.splitlines())
    assert sentences and expected in sentences
    assert all(any(name in s for name in [entity.name, *entity.aliases, *(m.surface for m in entity.mentions)])
               for s in sentences)
    neighbours = seeds_page.js("[...document.querySelectorAll('#panel ul.neighbours li')].length")
    assert neighbours == min(10, sum(1 for u, v, k in seeds_graph.edges(keys=True) if k == "co_occurs"
                                     and entity.id in (u, v)))
    assert seeds_page.errors == [] and seeds_page.network_requests() == []


def test_colour_by_community(seeds_page):
    seeds_page.page.select_option("#color-by", "community")
    assert seeds_page.js("!document.getElementById('community-legend').hidden")
    colours = seeds_page.js("kgExplorer.network.body.data.nodes.get().map(n => n.color)")
    assert len(set(colours)) > 1
    seeds_page.page.select_option("#color-by", "type")
    assert seeds_page.errors == []


def test_script_in_a_name_shows_as_text_and_runs_nothing(tiny_page):
    page = tiny_page
    assert page.js("window.__pwned") is None
    page.page.fill("#search", "<b>alias")  # found by its alias
    assert page.js("document.querySelector('#results li span').textContent") == EVIL
    page.page.press("#search", "Enter")
    assert page.js("document.querySelector('#panel h2').textContent") == EVIL
    assert page.js("document.querySelector('#panel blockquote').textContent").startswith(EVIL)
    page.click_node("p_evil")
    assert page.js("document.getElementById('panel').dataset.node") == "p_evil"
    assert page.js("document.querySelectorAll('img, b, i').length") == 0
    assert page.js("document.scripts.length") == 3
    assert page.js("document.title") == "知识图谱 Knowledge graph · <b>家</b>"
    assert page.js("window.__pwned") is None
    assert page.errors == [] and page.network_requests() == []


def test_edge_click_shows_the_sentences_where_both_occur(tiny_page):
    page = tiny_page
    x, y = page.js("""() => { const n = kgExplorer.network; const p = n.getPositions(['g_city', 'p_mayor']);
        const r = document.getElementById('network').getBoundingClientRect();
        const a = n.canvasToDOM(p.g_city), b = n.canvasToDOM(p.p_mayor);
        return [(a.x + b.x) / 2 + r.left, (a.y + b.y) / 2 + r.top]; }""")
    page.page.mouse.click(x, y)
    assert page.js("document.getElementById('panel').dataset.edge") is not None
    sentences = page.js("[...document.querySelectorAll('#panel .evidence blockquote')].map(b => b.textContent)")
    assert sentences == ["贺海东在呼和浩特市调研。"]
    assert page.errors == []
