"""Hostile text in the explorer, in a real browser (Playwright driving Debian's chromium; see test_html_browser).

Three pages: a graph whose every name, alias, role, title and source is a hostile string; the build of JSON
lines carrying those strings in titles and sentences; and an empty graph. Every name is searched and every
entity and link opened in the side panel; the names must show as text, no script may run (a script would set
``window.__pwned``, or open a dialog), no element may be injected and no request may leave the page.
"""
from __future__ import annotations

import pytest
from adversarial import HOSTILE, hostile_graph, hostile_records, write
from click.testing import CliRunner
from test_html_browser import Page, browser  # noqa: F401  (the browser fixture)

from kg.cli import cli
from kg.corpus.checks import clean_surrogates
from kg.export.html import write_html


class Watched(Page):
    """A Page of the explorer that also records every dialog (alert, confirm, prompt) a script opens,
    listening from before the page loads."""

    def __init__(self, browser, path):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.blocked, self.requests, self.errors, self.dialogs = [], [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgExplorer && window.kgExplorer.ready", timeout=30000)


def assert_inert(page) -> None:
    assert page.js("window.__pwned") is None
    assert page.dialogs == []
    assert page.js("document.scripts.length") == 3
    assert page.js("document.querySelectorAll('img, iframe, object, embed, b, i').length") == 0
    assert page.errors == [] and page.network_requests() == []


def open_everything(page) -> None:
    """Show every entity and every link in the side panel, and search every name."""
    for node in page.js("kgExplorer.data.nodes.map(n => n.id)"):
        page.js("id => kgExplorer.focusNode(id)", node)
        assert page.js("document.getElementById('panel').dataset.node") == node
    for edge in page.js("kgExplorer.data.edges.map(e => e.id)"):
        page.js("id => kgExplorer.showEdge(id)", edge)


@pytest.fixture
def names_page(browser, tmp_path):  # noqa: F811
    page = Watched(browser, write_html(hostile_graph(), tmp_path / "names.html"))
    yield page
    page.close()


def test_hostile_names_show_as_text_and_run_nothing(names_page):
    page = names_page
    open_everything(page)
    assert_inert(page)
    for number, evil in enumerate(HOSTILE):
        page.js("id => kgExplorer.showNode(id)", f"person-{number:012d}")
        assert page.js("document.querySelector('#panel h2').textContent") == clean_surrogates(evil)
        roles = page.js("[...document.querySelectorAll('#panel ul li')].map(li => li.textContent)")
        assert f"{clean_surrogates(evil)} · {clean_surrogates(HOSTILE[-1 - number])}" in roles
    page.page.fill("#search", "别名</script>")
    assert page.js("document.querySelector('#results li span').textContent") == HOSTILE[1]
    page.page.press("#search", "Enter")
    assert page.js("document.querySelector('#panel h2').textContent") == HOSTILE[1]
    assert page.js("document.title") == f"知识图谱 Knowledge graph · {HOSTILE[1]}"
    assert_inert(page)


def test_a_build_of_hostile_sentences_shows_them_as_text(browser, tmp_path):  # noqa: F811
    source = write(tmp_path / "hostile.jsonl", "\n".join(hostile_records()) + "\n")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = Watched(browser, tmp_path / "out" / "graph.html")
    try:
        open_everything(page)
        page.js("id => kgExplorer.focusNode(id)", page.js(
            "kgExplorer.data.nodes.find(n => n.label === '王明').id"))
        quotes = page.js("[...document.querySelectorAll('#panel blockquote')].map(b => b.textContent)")
        assert any("<script>window.__pwned=1</script>" in quote for quote in quotes), quotes
        headings = " ".join(page.js("[...document.querySelectorAll('#panel .muted')].map(d => d.textContent)"))
        assert "标题<img src=x onerror=" in headings or "标题<script>" in headings, headings
        assert_inert(page)
    finally:
        page.close()


def test_an_empty_graph_opens_without_errors(browser, tmp_path):  # noqa: F811
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "empty"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    page = Watched(browser, tmp_path / "out" / "graph.html")
    try:
        assert page.js("kgExplorer.drawnNodeIds().length") == 0
        assert page.js("document.getElementById('count').textContent") == "showing 0 of 0 entities"
        assert_inert(page)
    finally:
        page.close()
