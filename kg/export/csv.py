"""CSV for Neo4j's bulk importer (``neo4j-admin database import full``) and ``LOAD CSV``.

Four files in a folder:

- ``nodes.csv``: ``id:ID,name,type,aliases:string[],mentions:int,articles:int,:LABEL`` — one row per entity,
  labelled ``Entity;Person`` (``Organization``, ``Place``, ``Project``); aliases separated by ``;``.
- ``articles.csv``: ``id:ID,key,source,index:int,start:int,end:int,title,date,:LABEL`` labelled ``Article``.
- ``relationships.csv``: ``:START_ID,:END_ID,:TYPE,title,basis,sentences:int,articles:int,npmi:float,
  score:float,evidence`` — ``CO_OCCURS``, ``HOLDS_POSITION``, ``LOCATED_IN``, ``PART_OF``; evidence as JSON.
- ``mentions.csv``: ``:START_ID,:END_ID,:TYPE`` — ``MENTIONED_IN`` from an entity to an article.

Import with::

    neo4j-admin database import full --nodes=nodes.csv --nodes=articles.csv \\
        --relationships=relationships.csv --relationships=mentions.csv --array-delimiter=";" neo4j
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..io.atomic import atomic_open
from ..vocabulary import resource_key
from .rdf import clean
from .text import replace_surrogates

LABELS = {"person": "Person", "organization": "Organization", "place": "Place", "project": "Project"}
NODE_HEADER = ["id:ID", "name", "type", "aliases:string[]", "mentions:int", "articles:int", ":LABEL"]
ARTICLE_HEADER = ["id:ID", "key", "source", "index:int", "start:int", "end:int", "title", "date", ":LABEL"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "title", "basis", "sentences:int", "articles:int", "npmi:float",
              "score:float", "evidence"]
MENTION_HEADER = [":START_ID", ":END_ID", ":TYPE"]


def article_id(key: str) -> str:
    return "article-" + resource_key(key)


def _text(value: str) -> str:
    """Neo4j's importer reads one record per line unless told --multiline-fields: keep fields on one line
    (and drop the control characters it cannot read)."""
    return clean(str(value)).replace("\r", " ").replace("\n", " ")


def tables(graph) -> dict[str, list[list]]:
    nodes = [NODE_HEADER]
    mentions = [MENTION_HEADER]
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        aliases = ";".join(_text(a).replace(";", ",") for a in data.get("aliases", []))
        nodes.append([node, _text(data.get("label", node)), data.get("type", ""), aliases, data.get("mentions", 0),
                      data.get("articles", 0), "Entity;" + LABELS.get(data.get("type"), "Thing")])
        for key in data.get("article_keys", []):
            mentions.append([node, article_id(key), "MENTIONED_IN"])
    articles = [ARTICLE_HEADER]
    for key, meta in sorted(graph.graph.get("articles", {}).items()):
        articles.append([article_id(key), _text(key), _text(meta.get("source", "")), meta.get("index", 0),
                         meta.get("start", 0), meta.get("end", 0), _text(meta.get("title") or ""),
                         meta.get("date") or "", "Article"])
    relationships = [REL_HEADER]
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        co = data.get("relation") == "co_occurs"
        relationships.append([u, v, str(data.get("relation", key)).upper(), _text(data.get("title", "")),
                              data.get("basis", ""), data.get("sentences", "") if co else "",
                              data.get("articles", "") if co else "", data.get("npmi", "") if co else "",
                              data.get("score", "") if co else "",
                              json.dumps(data.get("evidence", []), ensure_ascii=False)])
    return {"nodes.csv": nodes, "articles.csv": articles, "relationships.csv": relationships,
            "mentions.csv": mentions}


def to_csv(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return replace_surrogates(buffer.getvalue())


def write_csv(graph, folder: str | Path) -> dict[str, Path]:
    """Write the four CSV files into ``folder``; returns name -> path."""
    folder = Path(folder)
    written = {}
    for name, rows in tables(graph).items():
        with atomic_open(folder / name) as handle:
            handle.write(to_csv(rows))
        written[name] = folder / name
    return written
