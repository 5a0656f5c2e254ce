"""The HTML explorer in a real browser: Playwright for Python driving Debian's chromium.

Every request that is not for a file: URL is blocked and recorded; the tests assert none was made. Without
chromium or Playwright these tests skip, except under CI where they fail (``.ci/run`` installs chromium).
The seeds' page is also photographed; with KG_UPDATE_SCREENSHOT=1 the picture is saved as docs/graph.png, the
screenshot the README shows (a test run leaves the repository's files as they are).
"""
from __future__ import annotations

import os
import shutil
from collections import Counter

import pytest
from conftest import ROOT
from test_html import EVIL, dated_graph, tiny_graph

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


def first_view(data) -> tuple[set, list]:
    """The node ids and edges of the page's first view, from its data: the edges marked ``v`` and their ends."""
    edges = [e for e in data["edges"] if e.get("v") == 1]
    return {end for e in edges for end in (e["from"], e["to"])}, edges


def drawn_edges(page) -> list[dict]:
    return page.js("kgExplorer.drawnEdgeIds().map(id => kgExplorer.data.edges[+id.slice(1)])")


def test_loads_offline_without_errors_and_draws_the_first_view(seeds_page, seeds_graph):
    assert seeds_page.network_requests() == []
    assert seeds_page.errors == []
    count = seeds_page.js("document.getElementById('count').textContent")
    assert count == f"showing {seeds_graph.number_of_nodes()} of {seeds_graph.number_of_nodes()} entities"
    data = seeds_page.js("kgExplorer.data")
    assert len(data["nodes"]) == seeds_graph.number_of_nodes()
    nodes, edges = first_view(data)
    assert 0 < len(nodes) < seeds_graph.number_of_nodes()
    assert set(seeds_page.js("kgExplorer.drawnNodeIds()")) == nodes
    assert sorted(e["id"] for e in drawn_edges(seeds_page)) == sorted(e["id"] for e in edges)


def test_first_view_has_at_most_three_strong_links_per_entity(seeds_page):
    edges = drawn_edges(seeds_page)
    per_node = Counter(end for e in edges for end in (e["from"], e["to"]))
    assert edges and max(per_node.values()) <= 3
    co = [e for e in edges if e["rel"] == "co_occurs"]
    assert co and all(e["sc"] > 0 for e in co)  # weak links (no shared sentence, chance) are hidden
    drawn = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    assert drawn == set(per_node)  # no entity is left without a shown link


def test_unlinked_and_all_links_switches_show_everything(seeds_page, seeds_graph):
    seeds_page.page.check("#lonely")
    assert len(seeds_page.js("kgExplorer.drawnNodeIds()")) == seeds_graph.number_of_nodes()
    seeds_page.page.uncheck("#backbone")
    shown = len(drawn_edges(seeds_page))
    assert shown == seeds_page.js("kgExplorer.data.edges.length")
    seeds_page.page.check("#backbone")
    seeds_page.page.uncheck("#lonely")
    assert len(drawn_edges(seeds_page)) < shown
    assert seeds_page.errors == []


def test_most_important_names_are_legible_at_the_default_zoom(seeds_page):
    seeds_page.js("kgExplorer.exitFocus(); kgExplorer.network.fit({animation: false})")
    seeds_page.js("kgExplorer.network.emit('zoom', {})")
    scale = seeds_page.js("kgExplorer.network.getScale()")
    drawn = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    ranked = [n["id"] for n in seeds_page.js("kgExplorer.data.nodes") if n["id"] in drawn][:10]
    on_screen = [seeds_page.js("id => kgExplorer.labelSize(id)", node) * scale for node in ranked]
    assert min(on_screen) >= 12, on_screen


def test_shown_communities_have_different_colours(seeds_page):
    colours = seeds_page.js("""() => { const d = kgExplorer.network.body.data.nodes; const seen = {};
        kgExplorer.drawnNodeIds().forEach(id => { const n = d.get(id);
            seen[kgExplorer.data.nodes.find(m => m.id === id).c] = n.color; }); return seen; }""")
    assert len(colours) > 1 and len(set(colours.values())) == len(colours)


def pixel(page, node) -> list[int]:
    """The red, green and blue of the canvas at the centre of ``node``."""
    return page.js("""id => new Promise(done => { const n = kgExplorer.network;
        n.once('afterDrawing', () => { const p = n.canvasToDOM(n.getPositions([id])[id]);
            const canvas = document.querySelector('#network canvas');
            const ratio = canvas.width / canvas.clientWidth;
            done([...canvas.getContext('2d').getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1)
                .data].slice(0, 3)); });
        n.redraw(); })""", node)


def test_hovering_an_entity_dims_all_but_its_neighbourhood(seeds_page):
    seeds_page.js("kgExplorer.network.fit({animation: false})")
    drawn = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    edges = drawn_edges(seeds_page)
    hub = Counter(end for e in edges for end in (e["from"], e["to"])).most_common(1)[0][0]
    hood = {hub} | {end for e in edges if hub in (e["from"], e["to"]) for end in (e["from"], e["to"])}
    seeds_page.js("id => kgExplorer.focusNode(id)", hub)  # centred, on top
    seeds_page.js("kgExplorer.network.unselectAll(); kgExplorer.network.emit('deselectNode', {nodes: []})")
    x, y = seeds_page.js("""id => { const n = kgExplorer.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('network').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }""",
                         hub)
    far = next(n for n in seeds_page.js("kgExplorer.drawnNodeIds()") if n not in hood and seeds_page.js(
        "id => { const n = kgExplorer.network; const p = n.canvasToDOM(n.getPositions([id])[id]); "
        "return n.getNodeAt(p) === id && p.x > 0 && p.y > 0 && p.x < 1400 && p.y < 800; }", n))
    before = pixel(seeds_page, far)
    seeds_page.page.mouse.move(x, y)
    seeds_page.page.wait_for_function("kgExplorer.dimmedNodeIds().length > 0")
    dimmed = set(seeds_page.js("kgExplorer.dimmedNodeIds()"))
    assert drawn - dimmed == hood
    after = pixel(seeds_page, far)
    assert sum(after) > sum(before) + 150, (before, after)  # drawn much paler: behind a veil
    seeds_page.page.mouse.move(2, 890)
    seeds_page.page.wait_for_function("kgExplorer.dimmedNodeIds().length === 0")
    assert seeds_page.errors == []


def test_focus_mode_shows_an_entity_and_its_neighbours_only(seeds_page, seeds_graph):
    from kg.ranking import co_occurrences

    node = max(seeds_graph.nodes, key=lambda n: (len(list(co_occurrences(seeds_graph, n))), n))
    neighbours = set(seeds_graph.successors(node)) | set(seeds_graph.predecessors(node))
    seeds_page.js("id => kgExplorer.focusNode(id)", node)
    seeds_page.page.click("#panel button.focus")
    assert set(seeds_page.js("kgExplorer.drawnNodeIds()")) == neighbours | {node}
    assert all(node in (e["from"], e["to"]) for e in drawn_edges(seeds_page))
    assert seeds_page.js("!document.getElementById('focus-bar').hidden")
    assert seeds_page.js("document.getElementById('focus-name').textContent") == seeds_graph.nodes[node]["label"]
    seeds_page.page.click("#focus-exit")
    assert set(seeds_page.js("kgExplorer.drawnNodeIds()")) == first_view(seeds_page.js("kgExplorer.data"))[0]
    assert seeds_page.js("document.getElementById('focus-bar').hidden")
    assert seeds_page.errors == []


def test_screenshot_for_the_readme(seeds_page, tmp_path):
    docs = ROOT / "docs" if os.environ.get("KG_UPDATE_SCREENSHOT") == "1" else tmp_path
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
    before = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    assert before & places
    seeds_page.page.uncheck('input.type-filter[data-type="place"]')
    drawn = set(seeds_page.js("kgExplorer.drawnNodeIds()"))
    assert drawn and not drawn & places and drawn <= before
    edges = drawn_edges(seeds_page)
    assert all(e["from"] not in places and e["to"] not in places for e in edges)
    seeds_page.page.check('input.type-filter[data-type="place"]')
    assert set(seeds_page.js("kgExplorer.drawnNodeIds()")) == before


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


def test_colour_by_community_or_type(seeds_page):
    assert seeds_page.js("document.getElementById('color-by').value") == "community"  # the default
    assert seeds_page.js("!document.getElementById('community-legend').hidden")
    seeds_page.page.select_option("#color-by", "type")
    colours = seeds_page.js("kgExplorer.network.body.data.nodes.get().map(n => n.color)")
    assert len(set(colours)) == len({n["type"] for n in seeds_page.js("kgExplorer.data.nodes")})
    assert seeds_page.js("document.getElementById('community-legend').hidden")
    seeds_page.page.select_option("#color-by", "community")
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


@pytest.fixture
def dated_page(browser, tmp_path):
    page = Page(browser, write_html(dated_graph(), tmp_path / "dated.html"), viewport=(1200, 800))
    yield page
    page.close()


def test_panel_lists_typed_relations_first_with_their_date_and_sentence(tiny_page):
    page = tiny_page
    page.js("kgExplorer.focusNode('p_mayor')")
    headings = page.js("[...document.querySelectorAll('#panel h3')].map(h => h.textContent)")
    assert headings.index("关系 relations (2)") < headings.index("最强关联 strongest links")
    items = page.js("[...document.querySelectorAll('#panel ul.relations li')].map(li => li.textContent)")
    assert "会见" in items[0]  # what the text states before posts
    meets = items[0]
    assert meets.startswith("← 会见 meets " + EVIL) and "· 2024-01-09" in meets
    assert any(item.startswith("任职 holds position（市长） 呼和浩特市") for item in items)
    page.page.click("#panel ul.relations li:has-text('会见') a:has-text('sentence')")
    assert page.js("document.getElementById('panel').dataset.edge") is not None
    assert page.js("document.querySelector('#panel h3').textContent") == "会见 meets"
    first = page.js("document.querySelector('#panel .evidence blockquote').textContent")
    assert first == f"{EVIL}会见了呼市市长贺海东。"
    assert page.js("window.__pwned") is None and page.errors == []


def test_a_relation_no_table_names_shows_by_its_name(dated_page):
    page = dated_page
    page.js("kgExplorer.focusNode('戊')")
    items = page.js("[...document.querySelectorAll('#panel ul.relations li')].map(li => li.textContent)")
    assert items and items[0].startswith("sponsors 己 · 2024-03-05")
    page.page.click("#panel ul.relations li a:has-text('details')")  # no extraction: no sentence to open
    assert page.js("document.querySelector('#panel h3').textContent") == "sponsors"
    assert page.errors == []


def test_timeline_shows_mentions_over_time(dated_page):
    page = dated_page
    page.js("kgExplorer.focusNode('甲')")
    bars = page.js("[...document.querySelectorAll('#panel .timeline .bar')].map(b => [b.dataset.key, +b.dataset.count])")
    assert bars == [["2024-01", 1], ["2024-02", 0], ["2024-03", 1]]  # over 45 days: one bar a month
    page.js("kgExplorer.focusNode('丙')")
    bars = page.js("[...document.querySelectorAll('#panel .timeline .bar')].map(b => [b.dataset.key, +b.dataset.count])")
    assert bars == [["2024-01-20", 1]]


def test_date_range_hides_what_is_outside_it(dated_page):
    page = dated_page
    assert page.js("!document.getElementById('date-range').hidden")
    assert page.js("document.getElementById('date-from').value") == "2024-01-09"
    assert page.js("document.getElementById('date-to').value") == "2024-03-05"
    assert set(page.js("kgExplorer.drawnNodeIds()")) == set("甲乙丙丁戊己")
    page.page.fill("#date-from", "2024-02-01")
    page.page.dispatch_event("#date-from", "change")
    assert set(page.js("kgExplorer.drawnNodeIds()")) == set("甲戊己")
    edges = drawn_edges(page)
    assert edges and all(e["td"][0] >= 19754 for e in edges)  # 2024-02-01
    page.page.fill("#date-from", "2024-01-09")
    page.page.fill("#date-to", "2024-01-15")
    page.page.dispatch_event("#date-to", "change")
    assert set(page.js("kgExplorer.drawnNodeIds()")) == set("甲乙")
    assert page.errors == []


def test_no_date_range_without_dates(browser, tmp_path):
    graph, extraction = tiny_graph()
    extraction.articles[0].date = None
    page = Page(browser, write_html(graph, tmp_path / "undated.html", extraction))
    try:
        assert page.js("document.getElementById('date-range').hidden")
        page.js("kgExplorer.focusNode('p_mayor')")
        assert page.js("document.querySelectorAll('#panel .timeline').length") == 0
        assert page.errors == []
    finally:
        page.close()


def test_a_long_relation_list_shows_twelve_and_the_rest_on_demand(browser, tmp_path):
    graph = dated_graph()
    for number in range(20):
        graph.add_node(f"o{number}", label=f"机构{number}", type="organization", aliases=[], mentions=1,
                       articles=1, article_keys=["a1"], roles=[])
        graph.add_edge(f"o{number}", "甲", key="located_in", relation="located_in", basis="name", evidence=[])
    page = Page(browser, write_html(graph, tmp_path / "long.html"))
    try:
        page.js("kgExplorer.focusNode('甲')")
        shown = "[...document.querySelectorAll('#panel ul.relations li')].filter(li => !li.hidden).length"
        assert page.js(shown) == 12
        assert page.js("document.querySelector('#panel a.more').textContent") == "+9 more"  # 20 + meets
        page.page.click("#panel a.more")
        assert page.js(shown) == 21 and page.js("document.querySelectorAll('#panel a.more').length") == 0
        assert page.errors == []
    finally:
        page.close()
