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

    Mentions and roles are grouped by article in one pass over them (each article's key made once), so an
    entity named in every one of many articles costs no more than its mentions.
    """
    first: dict[str, dict] = {}  # article key -> entity id -> (first start, entity)
    mentions_of: dict[tuple[str, int], list] = {}
    roles_of: dict[tuple[str, int], list] = {}
    key_of: dict[int, str] = {}  # id(article) -> its key
    for entity in extraction.entities:
        entity_id = entity.id
        for mention in entity.mentions:
            article = mention.article
            held = mentions_of.get((entity_id, id(article)))
            if held is None:
                mentions_of[(entity_id, id(article))] = [mention]
            else:
                held.append(mention)
            key = key_of.get(id(article))
            if key is None:
                key = key_of[id(article)] = article.key
            seen = first.get(key)
            if seen is None:
                seen = first[key] = {}
            found = seen.get(entity_id)
            if found is None or mention.start < found[0]:
                seen[entity_id] = (mention.start, entity)
        for role in entity.roles:
            item = {"title": role.title, "org": role.org}
            held = roles_of.setdefault((entity_id, id(role.article)), [])
            if item not in held:
                held.append(item)
    by_article = {key: [e for _, e in sorted(v.values(), key=lambda item: (item[0], item[1].id))]
                  for key, v in first.items()}
    for article in extraction.articles:
        entities = []
        for entity in by_article.get(article.key, []):
            mentions = sorted(mentions_of.get((entity.id, id(article)), []), key=lambda m: m.start)
            entities.append({
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "mentions": list(dict.fromkeys(m.surface for m in mentions)),
                "count": len(mentions),
                "spans": [[m.start, m.end] for m in mentions],
                "roles": roles_of.get((entity.id, id(article)), []),
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
