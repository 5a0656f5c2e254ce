"""The extraction contract: one JSON object per article (``entities.jsonl``).

Each line::

    {"source": "seeds/000.txt", "article": 0, "start": 2, "end": 410,
     "title": "...", "date": "2024-01-09",
     "entities": [{"id": "person-…", "name": "贺海东", "type": "person",
                   "mentions": ["贺海东"], "count": 3, "spans": [[40, 43], …],
                   "roles": [{"title": "市长", "org": "呼和浩特市"}]}],
     "positions": [{"title": "市长", "start": 38, "end": 40}, …]}

Offsets index the source's decoded text, end exclusive.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..io.atomic import atomic_open
from .text import json_safe


def article_records(extraction):
    """Yield the contract record of every article, in input order.

    Mentions are grouped by article object and entity in one pass over them (no article key made per
    mention), so an entity named in every one of many articles costs no more than its mentions. Articles
    that share a key (never in a build) list the entities of all of them, as grouping by key would.
    """
    named: dict[int, dict[str, list]] = {}  # id(article) -> entity id -> [entity, its mentions there...]
    roles_of: dict[tuple[str, int], list] = {}
    for entity in extraction.entities:
        entity_id = entity.id
        for mention in entity.mentions:
            held = named.get(id(mention.article))
            if held is None:
                held = named[id(mention.article)] = {}
            found = held.get(entity_id)
            if found is None:
                held[entity_id] = [entity, mention]
            else:
                found.append(mention)
        for role in entity.roles:
            item = {"title": role.title, "org": role.org}
            held = roles_of.setdefault((entity_id, id(role.article)), [])
            if item not in held:
                held.append(item)
    siblings = _same_key(extraction.articles, named)
    for article in extraction.articles:
        order = []  # (first start, entity id, entity, its mentions in this article by start)
        held = named.get(id(article), EMPTY)
        if id(article) not in siblings:
            for entity_id, found in held.items():
                mentions = sorted(found[1:], key=_start)
                order.append((mentions[0].start, entity_id, found[0], mentions))
        else:  # the entities of every article of the key, first mentioned where any of them names it
            first: dict[str, tuple] = {}
            for other in siblings[id(article)]:
                for entity_id, found in named.get(id(other), EMPTY).items():
                    start = min(m.start for m in found[1:])
                    if entity_id not in first or start < first[entity_id][0]:
                        first[entity_id] = (start, found[0])
            for entity_id, (start, entity) in first.items():
                found = held.get(entity_id)
                order.append((start, entity_id, entity, sorted(found[1:], key=_start) if found else []))
        order.sort(key=_first)
        entities = []
        for _, entity_id, entity, mentions in order:
            entities.append({
                "id": entity_id,
                "name": entity.name,
                "type": entity.type,
                "mentions": list(dict.fromkeys(m.surface for m in mentions)),
                "count": len(mentions),
                "spans": [[m.start, m.end] for m in mentions],
                "roles": roles_of.get((entity_id, id(article)), []),
            })
        yield {
            "source": article.source,
            "article": article.index,
            "start": article.start,
            "end": article.end,
            "title": article.title,
            "date": article.date,
            "entities": entities,
            "positions": [{"title": title, "start": start, "end": end} for start, end, title in article.positions],
        }


EMPTY: dict = {}


def _start(mention) -> int:
    return mention.start


def _first(item) -> tuple[int, str]:
    return item[0], item[1]


def _same_key(articles, named) -> dict[int, list]:
    """id(article) -> every article (or mention's article) with its key, for the keys that several share."""
    by_key: dict[str, list] = {}
    for article in articles:
        by_key.setdefault(article.key, []).append(article)
    known = {id(article) for article in articles}
    if len(by_key) == len(known) and known.issuperset(named):
        return {}
    for held in named.values():  # a mention's article that is not among the articles
        article = next(iter(held.values()))[1].article
        if id(article) not in known:
            known.add(id(article))
            by_key.setdefault(article.key, []).append(article)
    return {id(article): group for group in by_key.values() if len(group) > 1 for article in group}


def write_jsonl(records, path: str | Path) -> Path:
    """Write records as JSON lines, atomically. ``path`` may be ``-`` for stdout."""
    lines = (json_safe(json.dumps(record, ensure_ascii=False)) + "\n" for record in records)
    if str(path) == "-":
        import sys
        for line in lines:
            sys.stdout.write(line)
        return Path("-")
    with atomic_open(path) as handle:
        handle.writelines(lines)
    return Path(path)


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
