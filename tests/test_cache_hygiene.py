"""Temporary cache entries of a build killed with SIGKILL are deleted by the next build; a running
writer's are not."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import cli

KILLED_WRITER = """
import os, signal, sys
from kg.io.atomic import atomic_open
with atomic_open(sys.argv[1], "wb", encoding=None, newline=None) as handle:
    handle.write(b"half an entry")
    handle.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def temporary(folder):
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_the_next_build_deletes_what_a_killed_cache_writer_left(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for page in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(page, corpus / page.name)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
    cache = out / ".cache"
    entry = next(cache.glob("*/*.json"))
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(entry.parent / "new-entry.json")])
    assert killed.returncode == -signal.SIGKILL
    left = temporary(cache)
    assert len(left) == 1 and left[0].startswith(".new-entry.json.")
    running = entry.parent / f".other.json.{subprocess.os.getpid()}.abc123.tmp"  # this process: alive
    running.write_bytes(b"being written")
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1"]).exit_code == 0
    assert temporary(cache) == [running.name]
    assert len(list(cache.glob("*/*.json"))) == 2


def test_a_killed_writer_nobody_has_reaped_yet_counts_as_gone(tmp_path):
    """A writer killed with its parent stays a zombie while nobody reaps it (a container whose first
    process never does): its temporary file must still go."""
    import os
    import time

    from kg.io.atomic import remove_stale

    pid = os.fork()
    if pid == 0:
        (tmp_path / f".graph.ttl.{os.getpid()}.abcd1234.tmp").write_bytes(b"half")
        os._exit(0)
    try:
        deadline = time.monotonic() + 30
        while not open(f"/proc/{pid}/stat", "rb").read().rsplit(b")", 1)[1].startswith(b" Z"):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert [p.name for p in remove_stale(tmp_path)] == [f".graph.ttl.{pid}.abcd1234.tmp"]
        assert temporary(tmp_path) == []
    finally:
        os.waitpid(pid, 0)
