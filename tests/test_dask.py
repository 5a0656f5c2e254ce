"""kg build --dask ADDRESS: extraction on a dask.distributed cluster, output byte-identical to a local run."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli

distributed = pytest.importorskip("distributed")

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")


def small_corpus(seeds_dir, folder, pages):
    folder.mkdir()
    for page in sorted(seeds_dir.glob("*.txt"))[:pages]:
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


def test_dask_cluster_of_two_workers_writes_the_same_bytes(tmp_path, seeds_dir):
    corpus = small_corpus(seeds_dir, tmp_path / "corpus", pages=2)
    local = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "local"), "--workers", "1",
                                     "--no-cache"])
    assert local.exit_code == 0, local.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) \
            as cluster:
        with distributed.Client(cluster) as client:
            result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "dask"),
                                              "--dask", cluster.scheduler_address, "--no-cache"])
            assert result.exit_code == 0, result.output
            # the work ran on the cluster's workers: they hold the extraction code now
            loaded = client.run(lambda: __import__("sys").modules.get("kg.parallel") is not None)
    assert len(loaded) == 2 and any(loaded.values())
    for name in OUTPUTS:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
