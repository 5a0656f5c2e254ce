"""An interactive HTML explorer of the graph: one self-contained, offline UTF-8 file.

The page is drawn by the vis-network script pyvis bundles (:func:`to_pyvis` also gives a
:class:`pyvis.network.Network` of the nodes and edges), inlined into our own template
(``template.html``, ``explorer.js``, ``panel.js``, ``explorer.css`` beside this module). Unlike
pyvis's own templates, nothing is loaded from a CDN (no Bootstrap, no
tom-select), the file is always written as UTF-8, and the data travels as one
JSON block that the page reads with ``JSON.parse`` and shows with
``textContent`` only, so no name can inject markup or script.

Scale: at most ``max_nodes`` entities are kept (the most mentioned ones); the
picture (ForceAtlas2 positions grouping the Louvain communities, sizes and
colours: :mod:`kg.export.layout`) is computed here, seeded, so the file is
identical across runs, and physics is off in the browser, so even 2,000 nodes
and 10,000 edges are interactive at once.

The first view is a backbone: each entity's strongest links (:mod:`kg.ranking`), at most
:data:`SHOWN_LINKS` per entity, and only the entities those links reach; the page can show
everything else on demand.
"""
from __future__ import annotations

import bisect
import datetime
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from ...graph import kept_edges
from ...linkdata import CoOccurrence
from ...ranking import backbone, link_key
from ..atomic import atomic_open
from ..layout import DEFAULT_MAX_NODES, PALETTE, picture, select_nodes

HERE = Path(__file__).resolve().parent
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_VISIBLE_EDGES = 3000  # the weight slider starts at the lowest weight that shows at most this many edges
MAX_NODE_ARTICLES = 6  # articles listed per entity in the side panel
MAX_SENTENCES_PER_ARTICLE = 3
MAX_SENTENCE_CHARS = 300
MAX_NEIGHBOURS = 10  # strongest links listed per entity in the side panel
SHOWN_LINKS = 3  # links per entity in the first view

TYPES = {
    "person": {"label": "人物 person", "color": "#e15759", "shape": "dot"},
    "organization": {"label": "机构 organization", "color": "#4e79a7", "shape": "square"},
    "place": {"label": "地点 place", "color": "#59a14f", "shape": "triangle"},
    "project": {"label": "项目 project", "color": "#f28e2b", "shape": "diamond"},
}
OTHER_TYPE = {"label": "其他 other", "color": "#9c755f", "shape": "dot"}
COLORS = {name: spec["color"] for name, spec in TYPES.items()}
SHAPES = {name: spec["shape"] for name, spec in TYPES.items()}
CJK_FONT = ('system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
            '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", SimHei, '
            'Arial, sans-serif')
RELATION_LABELS = {"meets": "会见 meets", "visits": "考察 visits", "signs_with": "签约 signs with",
                   "cooperates_with": "合作 cooperates with", "invests_in": "投资 invests in", "builds": "建设 builds",
                   "holds_position": "任职 holds position", "located_in": "位于 located in", "part_of": "隶属 part of",
                   "co_occurs": "共现 co-occurs"}
STRUCTURAL = ("holds_position", "located_in", "part_of", "co_occurs")  # listed after what the text states
# any other relation is shown by its name


EPOCH = datetime.date(1970, 1, 1).toordinal()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_number(text) -> int | None:
    """Days since 1970-01-01 of an ISO date (``2024-01-09``); None for anything else (``01-09``, None)."""
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text).toordinal() - EPOCH
    except ValueError:
        return None


class Dates:
    """Article key -> day number, from the graph's articles table (ISO dates only), else the extraction's."""

    def __init__(self, graph, extraction=None):
        table = graph.graph.get("articles") or {}
        self.day = {key: day_number(record.get("date")) for key, record in table.items()
                    if isinstance(record, dict)}
        for article in getattr(extraction, "articles", None) or []:
            if self.day.get(article.key) is None:
                self.day[article.key] = day_number(article.date)
        self.day = {key: day for key, day in self.day.items() if day is not None}

    def of_articles(self, keys) -> list[list[int]]:
        """[[day, articles that day], ...] in date order, for the dated ones among ``keys``."""
        counts = Counter(self.day[key] for key in set(keys) if key in self.day)
        return [[day, counts[day]] for day in sorted(counts)]

    def of_evidence(self, evidence) -> list[int]:
        return sorted({self.day[item[0]] for item in evidence if item and item[0] in self.day})


class Evidence:
    """Sentences shown in the page, stored once and referred to by number."""

    def __init__(self, extraction):
        self.sentences: list[str] = []
        self.index: dict = {}
        self.raw: dict = {}  # text as given -> number, so each sentence is cleaned once
        self.articles: list[dict] = []
        self.article_index: dict[str, int] = {}
        self.by_key = {a.key: a for a in extraction.articles} if extraction is not None else {}
        self.spans: dict[str, dict] = {}

    def article(self, key: str) -> int:
        if key not in self.article_index:
            article = self.by_key.get(key)
            record = {"k": key}
            if article is not None:
                record.update(t=article.title or "", d=article.date or article.month_day or "", s=article.source)
            self.article_index[key] = len(self.articles)
            self.articles.append(record)
        return self.article_index[key]

    def sentence(self, key: str, start: int, end: int) -> int | None:
        """The number of the sentence that holds ``start``-``end`` of article ``key`` (a sentence, or the words
        of one that state a relation); the text itself when no sentence holds it."""
        article = self.by_key.get(key)
        if article is None:
            return None
        if key not in self.spans:
            self.spans[key] = sorted((s.start, s.end, s.text) for s in article.sentences)
        spans = self.spans[key]
        at = bisect.bisect_right(spans, (start, float("inf"), "")) - 1
        if at >= 0 and spans[at][0] <= start and end <= spans[at][1]:
            return self.add(spans[at][2])
        return self.add(article.document.text[start:end])

    def add(self, text: str) -> int:
        known = self.raw.get(text)
        if known is not None:
            return known
        raw = text
        text = "".join(line.strip() for line in text.splitlines())  # page breaks inside a sentence
        if len(text) > MAX_SENTENCE_CHARS:
            text = text[:MAX_SENTENCE_CHARS - 1] + "…"
        if text not in self.index:
            self.index[text] = len(self.sentences)
            self.sentences.append(text)
        self.raw[raw] = self.index[text]
        return self.index[text]

    def for_entity(self, entity) -> list:
        """[[article number, [sentence numbers]], ...] for the articles that mention ``entity`` most."""
        by_article: dict[str, list] = defaultdict(list)
        for mention in entity.mentions:
            if mention.article is not None:
                by_article[mention.article.key].append(mention)
        ranked = sorted(by_article.items(), key=lambda item: (-len(item[1]), item[0]))[:MAX_NODE_ARTICLES]
        result = []
        for key, mentions in ranked:
            article = mentions[0].article
            numbers = []
            seen = set()
            for mention in sorted(mentions, key=lambda m: m.start):
                if mention.sentence is None or mention.sentence in seen:
                    continue
                if not 0 <= mention.sentence < len(article.sentences):
                    continue
                seen.add(mention.sentence)
                numbers.append(self.add(article.sentences[mention.sentence].text))
                if len(numbers) >= MAX_SENTENCES_PER_ARTICLE:
                    break
            result.append([self.article(key), numbers])
        return result


def to_pyvis(graph, extraction=None, max_nodes: int | None = DEFAULT_MAX_NODES):
    """A pyvis Network of the graph's most important nodes, with everything the explorer shows.

    Edges are appended to ``net.edges`` directly: pyvis's ``add_edge`` scans
    every existing edge for a duplicate, which is quadratic on large graphs.
    Returns ``(net, payload)`` where ``payload`` is the page's data (:func:`page_data`).
    """
    from pyvis.network import Network

    payload = page_data(graph, extraction, max_nodes)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    colors = payload["communityColors"]
    for item in payload["nodes"]:
        net.nodes.append({"id": item["id"], "label": item["label"],
                          "shape": TYPES.get(item["type"], OTHER_TYPE)["shape"],
                          "color": colors[item["c"]] if colors else PALETTE[0], "size": item["size"],
                          "x": item["x"], "y": item["y"]})
        net.node_ids.append(item["id"])
        net.node_map[item["id"]] = net.nodes[-1]
    for item in payload["edges"]:
        net.edges.append({"from": item["from"], "to": item["to"], "width": item["width"]})
    return net, payload


def page_data(graph, extraction=None, max_nodes: int | None = DEFAULT_MAX_NODES) -> dict:
    """The explorer page's data: the graph's most important nodes, their links and what the panel shows
    (pyvis is not needed for it: importing pyvis imports IPython, half a second)."""
    kept = select_nodes(graph, max_nodes)
    keep = set(kept)
    order = {node: number for number, node in enumerate(kept)}
    edges = []
    for u, v, key, data in kept_edges(graph, kept, keep):  # only the kept nodes' edges
        if v not in keep or u == v:
            continue
        if type(data) is CoOccurrence:  # its counts read once, its scores computed once
            npmi, _, score = data.scorer(data)
            edges.append({"from": u, "to": v, "rel": "co_occurs", "w": int(data.sentences + data.articles),
                          "s": int(data.sentences), "a": int(data.articles), "n": float(npmi), "sc": float(score),
                          "_evidence": list(data.evidence or [])})
            continue
        relation = data.get("relation") or str(key).split(":")[0]
        edge = {"from": u, "to": v, "rel": relation}
        if relation == "co_occurs":
            edge.update(w=int(data.get("weight", 1)), s=int(data.get("sentences", 0)),
                        a=int(data.get("articles", 0)), n=float(data.get("npmi", 0.0)),
                        sc=float(data.get("score", 0.0)))
        if data.get("title"):
            edge["title"] = str(data["title"])
        if data.get("verb"):
            edge["vb"] = str(data["verb"])
        edge["_evidence"] = list(data.get("evidence") or [])
        edges.append(edge)
    edges.sort(key=lambda e: (order[e["from"]], order[e["to"]], e["rel"], e.get("title", "")))

    view = picture(graph, kept)
    entities = {e.id: e for e in extraction.entities} if extraction is not None else {}
    evidence = Evidence(extraction)
    dates = Dates(graph, extraction)

    payload_nodes = []
    for node in kept:
        data = graph.nodes[node]
        kind = data.get("type", "")
        mentions = int(data.get("mentions", 0) or 0)
        x, y = view.positions.get(node, (0, 0))
        item = {"id": str(node), "label": str(data.get("label", node)), "type": kind,
                "aliases": [str(a) for a in data.get("aliases", [])],
                "roles": [role_pair(role) for role in data.get("roles", [])],
                "m": mentions, "na": int(data.get("articles", 0) or 0), "c": view.community.get(node, 0),
                "x": x, "y": y, "size": view.sizes[node]}
        if node in entities:
            item["arts"] = evidence.for_entity(entities[node])
        keys = data.get("article_keys")
        if keys is None and node in entities:
            keys = [m.article.key for m in entities[node].mentions if m.article is not None]
        timeline = dates.of_articles(keys or [])
        if timeline:
            item["td"] = timeline
        payload_nodes.append(item)
    payload_edges = []
    for edge in edges:
        item = {k: v for k, v in edge.items() if not k.startswith("_")}
        item["from"], item["to"] = str(edge["from"]), str(edge["to"])
        refs = []
        for key, start, end in edge["_evidence"]:
            number = evidence.sentence(key, start, end)
            if number is not None:
                refs.append([evidence.article(key), number])
        if refs:
            item["ev"] = refs
        days = dates.of_evidence(edge["_evidence"])
        if days:
            item["td"] = days
        item["width"] = edge_width(edge.get("w", 1))
        payload_edges.append(item)
    rank_links(payload_nodes, payload_edges)

    weights = sorted((e["w"] for e in payload_edges if e["rel"] == "co_occurs"), reverse=True)
    payload = {
        "title": str(graph.graph.get("home") or ""),
        "total": graph.number_of_nodes(),
        "shown": len(kept),
        "types": {name: spec for name, spec in TYPES.items()},
        "typeOrder": list(TYPES),
        "other": OTHER_TYPE,
        "relations": RELATION_LABELS,
        "structural": list(STRUCTURAL),
        "communityColors": view.colors,
        "font": CJK_FONT,
        "shownLinks": SHOWN_LINKS,
        "minWeight": 1,
        "days": [min(dates.day.values()), max(dates.day.values())] if dates.day else None,
        "maxWeight": weights[0] if weights else 1,
        "nodes": payload_nodes,
        "edges": payload_edges,
        "articles": evidence.articles,
        "sentences": evidence.sentences,
    }
    return payload


def rank_links(nodes: list[dict], edges: list[dict]) -> None:
    """Give each node ``nb``, its strongest co-occurrence links (edge numbers, :func:`kg.ranking.link_key`
    order), and mark with ``v`` the edges of the first view: the :func:`kg.ranking.backbone` of the
    co-occurrences, each kept pair drawn as its typed relation when it has one, else as the co-occurrence."""
    label = {n["id"]: n["label"] for n in nodes}
    ranked: dict = defaultdict(list)
    links, drawn = [], {}  # drawn: pair -> the edge that stands for it
    for number, edge in enumerate(edges):
        pair = tuple(sorted((edge["from"], edge["to"])))
        if edge["rel"] != "co_occurs":
            if drawn.get(pair) is None or edges[drawn[pair]]["rel"] == "co_occurs":
                drawn[pair] = number
            continue
        drawn.setdefault(pair, number)
        key = link_key({"score": edge["sc"], "sentences": edge["s"], "articles": edge["a"]}, "")[:-1]
        ranked[edge["from"]].append((key + (label[edge["to"]],), edge["to"], number))
        ranked[edge["to"]].append((key + (label[edge["from"]],), edge["from"], number))
        links.append((pair[0], pair[1], key + ("",)))
    for pair in backbone(links, SHOWN_LINKS):
        edges[drawn[pair]]["v"] = 1
    for node in nodes:
        node["nb"] = [number for _, _, number in sorted(ranked.get(node["id"], []))[:MAX_NEIGHBOURS]]


def role_pair(role) -> list[str]:
    """[title, org] from a role given as a (title, org) pair or a {"title", "org"} mapping."""
    if isinstance(role, dict):
        return [str(role.get("title") or ""), str(role.get("org") or "")]
    title, org = (list(role) + ["", ""])[:2]
    return [str(title or ""), str(org or "")]


def edge_width(weight: int) -> float:
    return round(min(0.5 + 1.5 * math.log2(max(weight, 1)), 10.0), 2)


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' appear literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_network_js() -> str:
    """The vis-network script pyvis ships (the same one its ``in_line`` mode embeds)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")  # found, not imported (pyvis imports IPython)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pyvis is not installed")
    base = Path(next(iter(spec.submodule_search_locations))).resolve() / "templates" / "lib"
    candidates = sorted(base.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in
                        p.parent.name[4:].split(".") if x.isdigit()])
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {base}")
    return candidates[-1].read_text(encoding="utf-8").replace("</script", "<\\/script")


def render(payload: dict) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html"]))
    template = env.get_template("template.html")
    title = "知识图谱 Knowledge graph" + (f" · {payload['title']}" if payload["title"] else "")
    return template.render(
        title=title, shown=payload["shown"], total=payload["total"], font=CJK_FONT, shown_links=SHOWN_LINKS,
        vis_js=vis_network_js(),
        explorer_js="\n".join((HERE / name).read_text(encoding="utf-8") for name in ("explorer.js", "panel.js"))
        .replace("</script", "<\\/script"),
        explorer_css=(HERE / "explorer.css").read_text(encoding="utf-8").replace("</style", "<\\/style"),
        data_json=script_json(payload))


def write_html(graph, path: str | Path, extraction=None, max_nodes: int | None = DEFAULT_MAX_NODES) -> Path:
    """Write the explorer page of ``graph`` to ``path`` (UTF-8, atomically).

    At most ``max_nodes`` entities are shown (``None``: the default, 500; ``0``: all).
    ``extraction`` (a :class:`kg.pipeline.Extraction`) supplies the sentences
    shown as evidence; without it the page shows everything else.
    """
    payload = page_data(graph, extraction, max_nodes=max_nodes)
    page = _SURROGATE.sub("\ufffd", render(payload))  # unpaired surrogates have no UTF-8 form
    with atomic_open(path, "w", encoding="utf-8") as handle:
        handle.write(page)
    return Path(path)
