"""Shared fixtures: the sample corpus and the gold annotations beside the repository."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"gold annotations missing at {GOLD}")
        pytest.skip("gold annotations not available")
    return GOLD


@pytest.fixture(scope="session")
def seeds_extraction():
    from kg.pipeline import extract

    return extract([str(SEEDS)])


@pytest.fixture(scope="session")
def built(tmp_path_factory, seeds_extraction):
    """The four build outputs of seeds/, written once for the session."""
    from kg.export import write_all
    from kg.graph import build_graph

    out = tmp_path_factory.mktemp("output")
    graph = build_graph(seeds_extraction)
    write_all(seeds_extraction, graph, out)
    return out


@pytest.fixture(scope="session")
def built_store_only(tmp_path_factory, built):
    """A copy of the seeds' build folder holding its store and no graph.json, graph.ttl or graph.graphml:
    what a build of a large corpus writes."""
    import shutil

    out = tmp_path_factory.mktemp("store-only") / "output"
    shutil.copytree(built, out, symlinks=True)
    for name in ("graph.json", "graph.ttl", "graph.graphml"):
        (out / name).unlink()
    return out
