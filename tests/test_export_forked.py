"""graph.ttl and graph.graphml written by a forked process: the same bytes, renamed with the others at the
end; a failure there is raised here and leaves the previous outputs and no temporary file."""
from __future__ import annotations

import os

import pytest

from kg.export import OUTPUTS, write_all
from kg.io import forked
from kg.io.atomic import atomic_open
from kg.graph import build_graph

pytestmark = pytest.mark.skipif(not forked.available() and not os.environ.get("CI"),
                                reason="needs Linux, fork and two cores")


@pytest.fixture(scope="module")
def graph(seeds_extraction):
    return build_graph(seeds_extraction)


def contents(folder):
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


# Run in a fresh interpreter: the writers fork only when no other thread runs, and earlier tests in this
# process (browsers, clusters) may have left threads behind.
FORKED_RUN = """
import sys
from kg.export import write_all
from kg.io import forked
from kg.graph import build_graph
from kg.pipeline import extract
extraction = extract([sys.argv[1]], workers=1)
graph = build_graph(extraction)
assert forked.available(), "forked writers unavailable"
write_all(extraction, graph, sys.argv[2] + "/two", parallel=True)  # first: the store is written in the child
write_all(extraction, graph, sys.argv[2] + "/one", parallel=False)
"""


def test_forked_writers_give_the_same_bytes(tmp_path, seeds_dir):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FORKED_RUN, str(seeds_dir), str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert contents(tmp_path / "one") == contents(tmp_path / "two")
    assert not [p for p in (tmp_path / "two").iterdir() if p.name.endswith(".tmp")]


def test_a_failing_forked_writer_leaves_the_previous_outputs(tmp_path, seeds_extraction, graph, monkeypatch):
    out = tmp_path / "out"
    write_all(seeds_extraction, graph, out, parallel=False)
    before = contents(out)
    import kg.export as export

    def broken(graph, path):
        with atomic_open(path) as handle:  # half a file first
            handle.write("<graphml")
            raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(export, "write_graphml", broken)
    with pytest.raises(OSError, match="No space left"):
        write_all(seeds_extraction, graph, out, parallel=True)
    assert contents(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
