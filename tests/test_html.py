"""The HTML explorer's file: self-contained, UTF-8, escaped, deterministic, capped by --max-nodes.

The browser tests are in test_html_browser.py; ``tiny_graph`` here is shared with them.
"""
from __future__ import annotations

import json
import re

import networkx as nx
from click.testing import CliRunner

from kg.cli import cli
from kg.export.html import to_pyvis, vis_network_js, write_html
from kg.model import Article, Document, Entity, Mention, Sentence

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">王某'


class TinyExtraction:
    def __init__(self, articles, entities):
        self.articles = articles
        self.entities = entities


def tiny_graph():
    """Three entities in one article: an evil name, a mayor (with an alias) and a city; one evidence sentence."""
    text = f"{EVIL}会见了呼市市长贺海东。\n贺海东在呼和浩特市调研。"
    document = Document(source="tiny.txt", text=text, title="<i>标题</i>")
    first = text.index("。") + 1
    sentences = [Sentence(0, first, text[:first]), Sentence(first + 1, len(text), text[first + 1:])]
    article = Article(document=document, index=0, start=0, end=len(text), title="<i>标题</i>", date="2024-01-09",
                      sentences=sentences)

    def mention(surface, start, sentence):
        return Mention(surface=surface, type="", start=start, end=start + len(surface), article=article,
                       sentence=sentence)

    mayor_at = text.index("贺海东")
    second_at = text.index("贺海东", mayor_at + 1)
    city_at = text.index("呼和浩特市")
    evil = Entity(id="p_evil", name=EVIL, type="person", aliases={"<b>alias</b>"},
                  mentions=[mention(EVIL, 0, 0)])
    mayor = Entity(id="p_mayor", name="贺海东", type="person", aliases={"贺市长"},
                   mentions=[mention("贺海东", mayor_at, 0), mention("贺海东", second_at, 1)])
    city = Entity(id="g_city", name="呼和浩特市", type="place", aliases={"呼市"},
                  mentions=[mention("呼和浩特市", city_at, 1)])
    graph = nx.MultiDiGraph(home="<b>家</b>")
    for entity in (evil, mayor, city):
        graph.add_node(entity.id, label=entity.name, type=entity.type, aliases=sorted(entity.aliases),
                       mentions=entity.count, articles=1, roles=[("市长", "呼和浩特市")] if entity is mayor else [])
    graph.add_edge("p_evil", "p_mayor", key="co_occurs", relation="co_occurs", sentences=1, articles=1, weight=2,
                   npmi=1.0, score=0.5, evidence=[(article.key, 0, first)])
    graph.add_edge("g_city", "p_mayor", key="co_occurs", relation="co_occurs", sentences=1, articles=1, weight=2,
                   npmi=1.0, score=0.5, evidence=[(article.key, first + 1, len(text))])
    graph.add_edge("p_mayor", "g_city", key="holds_position:市长", relation="holds_position", title="市长",
                   evidence=[])
    graph.add_edge("p_evil", "p_mayor", key="meets", relation="meets", verb="会见",  # evidence: the stating words
                   evidence=[[article.key, text.index("会见"), text.index("贺海东")]])
    return graph, TinyExtraction([article], [evil, mayor, city])


DATES = {"a1": "2024-01-09", "a2": "2024-01-20", "a3": "2024-03-05"}


def dated_graph() -> nx.MultiDiGraph:
    """Six entities in three dated articles (January and March), a meeting and a relation no table names."""
    graph = nx.MultiDiGraph(home="", articles={key: {"source": f"{key}.txt", "index": 0, "start": 0, "end": 10,
                                                      "title": key, "date": date} for key, date in DATES.items()})
    where = {"甲": ["a1", "a3"], "乙": ["a1"], "丙": ["a2"], "丁": ["a2"], "戊": ["a3"], "己": ["a3"]}
    for name, keys in where.items():
        graph.add_node(name, label=name, type="person", aliases=[], mentions=len(keys) * 2, articles=len(keys),
                       article_keys=keys, roles=[])
    for a, b, key in [("甲", "乙", "a1"), ("丙", "丁", "a2"), ("戊", "己", "a3"), ("甲", "戊", "a3")]:
        graph.add_edge(a, b, key="co_occurs", relation="co_occurs", sentences=1, articles=1, weight=2, npmi=1.0,
                       score=0.5, evidence=[[key, 0, 5]])
    graph.add_edge("甲", "乙", key="meets", relation="meets", evidence=[["a1", 0, 5]])
    graph.add_edge("戊", "己", key="sponsors", relation="sponsors", evidence=[["a3", 0, 5]])
    return graph


def page_data(html: str) -> dict:
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_page_is_self_contained_utf8(tmp_path):
    graph, extraction = tiny_graph()
    path = write_html(graph, tmp_path / "g.html", extraction)
    html = path.read_bytes().decode("utf-8")  # raises if not UTF-8
    assert '<meta charset="utf-8">' in html
    assert "呼和浩特市" in html
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=", html, re.I)
    assert not re.search(r"cdn|bootstrap|tom-select|@import", html, re.I)
    assert "vis.Network" in html and "kgExplorer" in html


def test_names_are_escaped_in_the_markup(tmp_path):
    graph, extraction = tiny_graph()
    html = write_html(graph, tmp_path / "g.html", extraction).read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "<b>家</b>" not in html and "&lt;b&gt;家&lt;/b&gt;" in html  # the home region in the title
    outside_vis = html.replace(vis_network_js(), "")
    assert len(re.findall(r"<script\b", outside_vis)) == 3  # vis-network, the data block, the explorer
    data = page_data(html)
    assert {n["label"] for n in data["nodes"]} == {EVIL, "贺海东", "呼和浩特市"}


def test_payload_has_evidence_and_communities():
    graph, extraction = tiny_graph()
    _, data = to_pyvis(graph, extraction)
    mayor = next(n for n in data["nodes"] if n["id"] == "p_mayor")
    assert mayor["aliases"] == ["贺市长"] and mayor["roles"] == [["市长", "呼和浩特市"]]
    sentences = [data["sentences"][s] for _, numbers in mayor["arts"] for s in numbers]
    assert sentences == [f"{EVIL}会见了呼市市长贺海东。", "贺海东在呼和浩特市调研。"]
    edge = next(e for e in data["edges"] if e["from"] == "g_city" and e["rel"] == "co_occurs")
    assert [data["sentences"][s] for _, s in edge["ev"]] == ["贺海东在呼和浩特市调研。"]
    assert {n["c"] for n in data["nodes"]} <= set(range(3))
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_without_extraction_the_page_still_works(tmp_path):
    graph, _ = tiny_graph()
    data = page_data(write_html(graph, tmp_path / "g.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 3 and data["sentences"] == []


def test_max_nodes_keeps_the_most_mentioned_and_says_so(tmp_path):
    graph = nx.MultiDiGraph()
    for number in range(30):
        graph.add_node(f"n{number:02d}", label=f"实体{number}", type="organization", aliases=[], mentions=number,
                       articles=1, roles=[])
    for number in range(29):
        graph.add_edge(f"n{number:02d}", f"n{number + 1:02d}", key="co_occurs", relation="co_occurs", sentences=0,
                       articles=1, weight=1, npmi=0.0, evidence=[])
    html = write_html(graph, tmp_path / "g.html", max_nodes=10).read_text(encoding="utf-8")
    assert "showing 10 of 30 entities" in html
    data = page_data(html)
    assert {n["id"] for n in data["nodes"]} == {f"n{number}" for number in range(20, 30)}
    assert len(data["edges"]) == 9
    assert len(page_data(write_html(graph, tmp_path / "all.html", max_nodes=0).read_text("utf-8"))["nodes"]) == 30


def test_page_is_deterministic(tmp_path, seeds_extraction):
    from kg.graph import build_graph

    graph = build_graph(seeds_extraction)
    first = write_html(graph, tmp_path / "a.html", seeds_extraction).read_bytes()
    assert write_html(graph, tmp_path / "b.html", seeds_extraction).read_bytes() == first


def test_build_has_a_max_nodes_option(tmp_path, seeds_dir):
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path), "--max-nodes", "25"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert re.search(r"showing 25 of \d+ entities", html)
    assert len(page_data(html)["nodes"]) == 25


def test_roles_as_pairs_or_mappings():
    from kg.export.html import role_pair

    assert role_pair({"title": "市长", "org": "呼和浩特市"}) == ["市长", "呼和浩特市"]
    assert role_pair(("书记", None)) == ["书记", ""]


def test_first_view_and_strongest_links_come_from_one_ranking(seeds_extraction):
    from collections import Counter

    from kg.graph import build_graph
    from kg.ranking import strongest_links

    graph = build_graph(seeds_extraction)
    _, data = to_pyvis(graph, seeds_extraction, max_nodes=0)
    shown = [e for e in data["edges"] if e.get("v") == 1]
    per_node = Counter(end for e in shown for end in (e["from"], e["to"]))
    assert shown and max(per_node.values()) <= 3
    assert all(e["sc"] > 0 for e in shown if e["rel"] == "co_occurs")
    for node in data["nodes"][:40]:
        listed = [data["edges"][i] for i in node["nb"]]
        others = [e["to"] if e["from"] == node["id"] else e["from"] for e in listed]
        assert others == [other for other, _ in strongest_links(graph, node["id"], limit=10)]


def test_community_colours_are_all_different(seeds_extraction):
    from kg.graph import build_graph

    _, data = to_pyvis(build_graph(seeds_extraction), seeds_extraction, max_nodes=0)
    used = sorted({n["c"] for n in data["nodes"]})
    colours = [data["communityColors"][c] for c in used]
    assert len(used) > 12 and len(set(colours)) == len(colours)


def test_dates_reach_the_page_as_day_numbers():
    from kg.export.html import day_number

    _, data = to_pyvis(dated_graph())
    nodes = {n["id"]: n for n in data["nodes"]}
    jan9, jan20, mar5 = (day_number(DATES[k]) for k in ("a1", "a2", "a3"))
    assert jan9 == 19731  # days since 1970-01-01
    assert nodes["甲"]["td"] == [[jan9, 1], [mar5, 1]] and nodes["丙"]["td"] == [[jan20, 1]]
    assert data["days"] == [jan9, mar5]
    meets = next(e for e in data["edges"] if e["rel"] == "meets")
    assert meets["td"] == [jan9]
    assert day_number("01-09") is None and day_number("2024-02-30") is None and day_number(None) is None


def test_undated_articles_give_no_date_range():
    graph, extraction = tiny_graph()
    graph.graph["articles"] = {}
    extraction.articles[0].date = None
    _, data = to_pyvis(graph, extraction)
    assert data["days"] is None and all("td" not in n for n in data["nodes"])


def test_relations_without_a_label_are_named_by_their_relation():
    _, data = to_pyvis(dated_graph())
    assert data["relations"]["meets"].startswith("会见")
    assert "sponsors" not in data["relations"]  # the page falls back to the relation's name
    assert any(e["rel"] == "sponsors" for e in data["edges"])


def test_writing_the_page_imports_neither_pyvis_nor_ipython(tmp_path):
    """The page needs pyvis's vis-network script, not its Network class (importing it imports IPython)."""
    import subprocess
    import sys

    script = ("import sys\nimport networkx as nx\nfrom kg.export.html import write_html\n"
              "g = nx.MultiDiGraph(home='', articles={})\ng.add_node('a', type='person', label='甲', mentions=1)\n"
              f"write_html(g, {str(tmp_path / 'graph.html')!r})\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyvis', 'IPython')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert "vis.Network" in (tmp_path / "graph.html").read_text(encoding="utf-8")
