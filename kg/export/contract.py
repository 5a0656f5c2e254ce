"""The extraction contract: one JSON object per article (``entities.jsonl``).

Each line::

    {"source": "seeds/000.txt", "article": 0, "start": 2, "end": 410,
     "title": "...", "date": "2024-01-09",
     "entities": [{"id": "person-…", "name": "贺海东", "type": "person",
                   "mentions": ["贺海东"], "count": 3, "spans": [[40, 43], …],
                   "roles": [{"title": "市长", "org": "呼和浩特市"}]}]}

Offsets index the source's decoded text, end exclusive.
"""
from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_open


def article_records(extraction):
    """Yield the contract record of every article, in input order."""
    by_article = extraction.entities_by_article()
    for article in extraction.articles:
        entities = []
        for entity in by_article.get(article.key, []):
            mentions = sorted((m for m in entity.mentions if m.article is article), key=lambda m: m.start)
            roles = []
            for role in entity.roles:
                if role.article is article:
                    item = {"title": role.title, "org": role.org}
                    if item not in roles:
                        roles.append(item)
            entities.append({
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "mentions": list(dict.fromkeys(m.surface for m in mentions)),
                "count": len(mentions),
                "spans": [[m.start, m.end] for m in mentions],
                "roles": roles,
            })
        yield {
            "source": article.source,
            "article": article.index,
            "start": article.start,
            "end": article.end,
            "title": article.title,
            "date": article.date,
            "entities": entities,
        }


def write_jsonl(records, path: str | Path) -> Path:
    """Write records as JSON lines, atomically. ``path`` may be ``-`` for stdout."""
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
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
