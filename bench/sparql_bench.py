"""Benchmark: generate a knowledge graph of about 1,000,000 triples, load it for query, run canned queries.

    python bench/sparql_bench.py [--triples 1000000] [--keep DIR]

Prints the generation time, the time to load the N-Triples file into Oxigraph (what ``kg query graph.nt``
does) and each canned query's time. Not a unit test.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.rdf import ntriples_lines  # noqa: E402
from kg.graphfile import open_store  # noqa: E402
from kg.query import canned, run_query  # noqa: E402

TYPES = ("person", "organization", "place", "project")
TRIPLES_PER_EDGE = 13  # a co-occurrence with its evidence, on average


def synthetic_graph(target: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    n_entities = max(100, target // 50)
    n_articles = max(10, target // 500)
    articles = {f"corpus/{i // 20:05d}.txt#a{i % 20}": {"source": f"corpus/{i // 20:05d}.txt", "index": i % 20,
                                                        "start": 0, "end": 2000, "title": f"标题{i}",
                                                        "date": "2024-01-09"} for i in range(n_articles)}
    keys = sorted(articles)
    graph = nx.MultiDiGraph(home="呼和浩特市", articles=articles)
    ids = []
    for i in range(n_entities):
        type_ = TYPES[i % 4] if i >= 4 else TYPES[i]
        node = f"{type_}-{i:012x}"
        ids.append(node)
        in_articles = sorted(rng.sample(keys, min(len(keys), 1 + int(rng.paretovariate(1.5)))))
        roles = [{"title": "局长", "org": f"机构{i + 1}"}] if type_ == "person" else []
        graph.add_node(node, type=type_, label=f"{type_[0]}实体{i}", aliases=[f"别名{i}"], mentions=len(in_articles) * 2,
                       articles=len(in_articles), article_keys=in_articles, roles=roles)
    places = [n for n in ids if n.startswith("place")]
    for i, node in enumerate(ids):
        if node.startswith(("organization", "project")):
            graph.add_edge(node, rng.choice(places), key="located_in", relation="located_in", basis="name",
                           evidence=[[rng.choice(keys), 10, 20]])
        elif node.startswith("place") and i > 8:
            graph.add_edge(node, places[rng.randrange(0, max(1, len(places) // 10))], key="part_of",
                           relation="part_of", basis="gazetteer", evidence=[])
        elif node.startswith("person") and i + 1 < len(ids):
            graph.add_edge(node, ids[i + 1], key="holds_position:局长", relation="holds_position", title="局长",
                           evidence=[[rng.choice(keys), 30, 33]])
    edges = (target - 14 * n_entities - 8 * n_articles) // TRIPLES_PER_EDGE
    hubs = ids[:50]
    made = 0
    while made < edges:
        a = rng.choice(hubs) if rng.random() < 0.2 else rng.choice(ids)
        b = rng.choice(ids)
        a, b = sorted((a, b))
        if a == b or graph.has_edge(a, b, "co_occurs"):
            continue
        sentences = rng.choice((0, 1, 1, 2, 3))
        key = rng.choice(keys)
        graph.add_edge(a, b, key="co_occurs", relation="co_occurs", sentences=sentences, articles=1,
                       npmi=round(rng.uniform(-1, 1), 6), npmi_article=0.0, score=round(rng.random(), 6),
                       weight=sentences + 1, evidence=[[key, 100 + made % 900, 150 + made % 900]])
        made += 1
    return graph


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Folder to keep graph.nt in.")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.nt"

    start = time.perf_counter()
    graph = synthetic_graph(args.triples)
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(ntriples_lines(graph, scores=True))
    print(f"generated {graph.number_of_nodes()} entities, {graph.number_of_edges()} edges -> {path} "
          f"({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    store = open_store(path)
    print(f"load for query (pyoxigraph bulk load of N-Triples): {len(store)} triples in "
          f"{time.perf_counter() - start:.2f} s")

    person = graph.nodes["person-000000000000"]["label"]
    hub = graph.nodes["place-000000000002"]["label"]
    other = graph.nodes["organization-000000000001"]["label"]
    for name, params in (("neighbors", {"name": hub}), ("neighbors", {"name": person}),
                         ("person-roles", {"name": person}), ("person-roles", {}),
                         ("org-people", {}), ("projects-in-place", {"place": hub}),
                         ("articles-mentioning", {"a": hub, "b": other})):
        start = time.perf_counter()
        result = run_query(store, canned(name), params)
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        print(f"{name:20s} {shown:24s} {len(result.rows):6d} rows  {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
