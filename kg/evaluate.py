"""Score extraction against gold annotations (format: the gold folder's README).

Per page and per type, a predicted entity matches a gold entity of the same
type when their normalised surface sets (name plus mentions) share a string;
matching is one-to-one and maximal, core gold entities first. Matched core
gold = TP, unmatched core gold = FN, unmatched predictions = FP, predictions
matched to non-core gold are ignored. Article segmentation: a gold article is
found when exactly one predicted article span contains its first line and that
span contains no other gold article's first line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

SCORED_TYPES = ("person", "organization", "place", "project")
NORMALISE = re.compile(r"[\s“”‘’\"'《》「」『』〈〉·]")


def normalise(text: str) -> str:
    return NORMALISE.sub("", text).replace("（", "(").replace("）", ")")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class PageReport:
    page: str
    counts: dict[str, Counts]
    articles_found: int
    articles_total: int
    false_positives: dict[str, list[str]] = field(default_factory=dict)
    false_negatives: dict[str, list[str]] = field(default_factory=dict)
    roles: tuple[int, int, list[str]] = (0, 0, [])  # gold (person, title) pairs found, in all, missed


def surface_set(entity: dict) -> set[str]:
    return {normalise(s) for s in [entity["name"], *entity.get("mentions", [])]} - {""}


def merge_gold(articles: list[dict]) -> list[dict]:
    """Gold entities of a page, one per (type, name), mentions pooled, core if core anywhere."""
    merged: dict[tuple[str, str], dict] = {}
    for article in articles:
        for entity in article["entities"]:
            key = (entity["type"], entity["name"])
            item = merged.setdefault(key, {"name": entity["name"], "type": entity["type"], "mentions": [],
                                           "core": False})
            item["mentions"].extend(entity.get("mentions", []))
            item["core"] = item["core"] or entity.get("core", True)
    return list(merged.values())


def merge_predictions(records: list[dict]) -> list[dict]:
    merged: dict[str, dict] = {}
    for record in records:
        for entity in record["entities"]:
            item = merged.setdefault(entity["id"], {"name": entity["name"], "type": entity["type"], "mentions": [],
                                                    "titles": set()})
            item["mentions"].extend(entity["mentions"])
            item["titles"].update(role["title"] for role in entity.get("roles", []))
    return list(merged.values())


def score_roles(gold_articles: list[dict], predicted: list[dict]) -> tuple[int, int, list[str]]:
    """(gold (person, title) pairs found, pairs in all, the missed ones as 'name: title')."""
    people = [p for p in predicted if p["type"] == "person"]
    found, total, missed = 0, 0, []
    for article in gold_articles:
        for entity in article["entities"]:
            if entity["type"] != "person" or not entity.get("core", True):
                continue
            gold_set = surface_set(entity)
            titles = set().union(*(p["titles"] for p in people if surface_set(p) & gold_set))
            for title in entity.get("roles") or []:
                total += 1
                # 统战部部长 is 部长 at 统战部; 党组书记、主任 needs both titles.
                if all(any(part == t or part.endswith(t) for t in titles) for part in title.split("、")):
                    found += 1
                else:
                    missed.append(f"{entity['name']}: {title}")
    return found, total, missed


def match_type(gold: list[dict], predicted: list[dict]) -> tuple[Counts, list[str], list[str]]:
    graph = nx.Graph()
    gold_sets = [surface_set(g) for g in gold]
    for p_index, p in enumerate(predicted):
        p_set = surface_set(p)
        for g_index, g_set in enumerate(gold_sets):
            if p_set & g_set:
                weight = 1000 if gold[g_index]["core"] else 1
                graph.add_edge(("p", p_index), ("g", g_index), weight=weight)
    matching = nx.max_weight_matching(graph, maxcardinality=False)
    matched_gold, matched_pred = {}, {}
    for a, b in matching:
        pred, g = (a, b) if a[0] == "p" else (b, a)
        matched_gold[g[1]] = pred[1]
        matched_pred[pred[1]] = g[1]
    counts = Counts()
    fn_names = []
    for g_index, g in enumerate(gold):
        if g["core"]:
            if g_index in matched_gold:
                counts.tp += 1
            else:
                counts.fn += 1
                fn_names.append(g["name"])
    fp_names = [p["name"] for i, p in enumerate(predicted) if i not in matched_pred]
    counts.fp = len(fp_names)
    return counts, sorted(fp_names), sorted(fn_names)


def segmentation(gold_articles: list[dict], text: str, predicted: list[dict]) -> int:
    positions = []
    for article in gold_articles:
        first = article.get("first_line") or ""
        position = text.find(first) if first else -1
        positions.append(position)
    found = 0
    for position in positions:
        if position < 0:
            continue
        containing = [p for p in predicted if p["start"] <= position < p["end"]]
        if len(containing) != 1:
            continue
        span = containing[0]
        others = [q for q in positions if q != position and q >= 0 and span["start"] <= q < span["end"]]
        if not others:
            found += 1
    return found


def score_page(gold: dict, text: str, records: list[dict], page: str) -> PageReport:
    gold_entities = [g for g in merge_gold(gold["articles"]) if g["type"] in SCORED_TYPES]
    predicted = [p for p in merge_predictions(records) if p["type"] in SCORED_TYPES]
    counts, fps, fns = {}, {}, {}
    for type_ in SCORED_TYPES:
        counts[type_], fps[type_], fns[type_] = match_type(
            [g for g in gold_entities if g["type"] == type_], [p for p in predicted if p["type"] == type_])
    found = segmentation(gold["articles"], text, records)
    roles = score_roles(gold["articles"], predicted)
    return PageReport(page, counts, found, len(gold["articles"]), fps, fns, roles)


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Page file name -> gold annotations."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data.get("seed") or path.with_suffix(".txt").name] = data
    return gold


def evaluate(gold_dir: str | Path, paths=None, **options) -> dict:
    """Run extraction on the pages that have gold annotations and score it.

    ``paths`` are files or folders holding the pages (default: ``seeds/``).
    Returns a JSON-ready dict with per-type and micro scores, segmentation and per-page details.
    """
    from .corpus.sources import iter_files
    from .export.contract import article_records
    from .pipeline import extract

    gold = load_gold(gold_dir)
    files = {Path(f).name: f for f in iter_files(paths or ["seeds"])}
    missing = sorted(set(gold) - set(files))
    pages = [files[name] for name in sorted(gold) if name in files]
    extraction = extract(pages, **options)
    records_by_source: dict[str, list[dict]] = {}
    for record in article_records(extraction):
        records_by_source.setdefault(record["source"], []).append(record)
    totals = {t: Counts() for t in SCORED_TYPES}
    micro = Counts()
    reports = []
    found = total = roles_found = roles_total = 0
    for page in pages:
        text = next(a.document.text for a in extraction.articles if a.source == page) \
            if any(a.source == page for a in extraction.articles) else ""
        report = score_page(gold[Path(page).name], text, records_by_source.get(page, []), Path(page).name)
        reports.append(report)
        for type_ in SCORED_TYPES:
            totals[type_].add(report.counts[type_])
            micro.add(report.counts[type_])
        found += report.articles_found
        total += report.articles_total
        roles_found += report.roles[0]
        roles_total += report.roles[1]
    return {
        "pages": [r.page for r in reports],
        "missing_pages": missing,
        "types": {t: c.as_dict() for t, c in totals.items()},
        "micro": micro.as_dict(),
        "segmentation": {"found": found, "total": total, "rate": round(found / total, 4) if total else 0.0},
        "roles": {"found": roles_found, "total": roles_total,
                  "rate": round(roles_found / roles_total, 4) if roles_total else 0.0},
        "details": {r.page: {"false_positives": r.false_positives, "false_negatives": r.false_negatives,
                             "segmentation": [r.articles_found, r.articles_total],
                             "missed_roles": r.roles[2]} for r in reports},
    }


def format_table(result: dict) -> str:
    lines = [f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, row in [*result["types"].items(), ("micro", result["micro"])]:
        lines.append(f"{name:<14}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                     f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}")
    seg = result["segmentation"]
    lines.append(f"articles found {seg['found']}/{seg['total']} (segmentation rate {seg['rate']:.3f})")
    roles = result.get("roles")
    if roles and roles["total"]:
        lines.append(f"roles found {roles['found']}/{roles['total']} (person, title) pairs ({roles['rate']:.3f})")
    if result["missing_pages"]:
        lines.append("pages with gold but no input: " + ", ".join(result["missing_pages"]))
    return "\n".join(lines)
