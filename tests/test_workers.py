"""kg build --workers N writes the same bytes as --workers 1."""
from __future__ import annotations

import shutil
from concurrent.futures import Future

from click.testing import CliRunner

from kg.cli import cli
from kg.parallel import Done, auto_workers, ordered

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")


def small_corpus(seeds_dir, folder, pages=3):
    folder.mkdir()
    for page in sorted(seeds_dir.glob("*.txt"))[:pages]:
        shutil.copy(page, folder / page.name)
    return folder


def build(corpus, out, *options):
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-cache", *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_two_workers_write_the_same_bytes_as_one(tmp_path, seeds_dir):
    corpus = small_corpus(seeds_dir, tmp_path / "corpus")
    one = build(corpus, tmp_path / "one", "--workers", "1")
    two = build(corpus, tmp_path / "two", "--workers", "2")
    assert one.replace("one", "two") == two
    for name in OUTPUTS:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert "person" in one and (tmp_path / "one" / "graph.ttl").stat().st_size > 1000


def test_ordered_yields_in_input_order_whatever_finishes_first():
    futures = {n: Future() for n in range(5)}
    submitted = []

    def submit(n):
        submitted.append(n)
        return futures[n]

    for n in reversed(range(5)):  # finish in reverse order
        futures[n].set_result(n * 10)
    assert list(ordered(submit, range(5), window=2)) == [0, 10, 20, 30, 40]
    assert submitted == [0, 1, 2, 3, 4]
    assert list(ordered(Done, "abc", window=1)) == ["a", "b", "c"]


def test_window_bounds_the_work_in_flight():
    in_flight = []
    started = []

    def submit(n):
        started.append(n)
        in_flight.append(len(started) - len(done))
        return Done(n)

    done = []
    for value in ordered(submit, range(10), window=3):
        done.append(value)
    assert done == list(range(10)) and max(in_flight) <= 3


def test_small_inputs_use_one_process():
    assert auto_workers(10_000) == 1
    assert auto_workers(50_000_000) >= 1
