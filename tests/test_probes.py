"""The holes a hostile probe found (issue 16), each pinned by a test that failed before its fix."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def kg(*args, **options) -> subprocess.CompletedProcess:
    """A real ``kg`` process (its own stdout and stderr, not CliRunner's)."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, cwd=ROOT,
                          timeout=300, **options)


class FifoReader(threading.Thread):
    """Drains a named pipe until its writer closes it (what a shell pipeline's reader does)."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # open now, so that the writer's open returns
        self.data = b""
        self.start()

    def run(self):
        import select

        seen_writer = False
        while True:
            ready, _, _ = select.select([self.fd], [], [], 60)
            if not ready:
                break
            chunk = os.read(self.fd, 65536)
            if chunk:
                seen_writer = True
                self.data += chunk
            elif seen_writer:
                break
        os.close(self.fd)


@pytest.fixture
def small_ttl(tmp_path) -> Path:
    """A Turtle file of 300 triples (quicker than a build)."""
    lines = [f"<https://example.org/s{i}> <https://example.org/p> \"名字 {i}\" ." for i in range(300)]
    path = tmp_path / "small.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# 1. Writing to a device or a pipe writes to it; only regular files (or new paths) are replaced.

def test_exporting_into_a_named_pipe_writes_into_it_and_keeps_it_a_pipe(small_ttl, tmp_path):
    fifo = tmp_path / "pipe.nt"
    os.mkfifo(fifo)
    link = tmp_path / "link.nt"
    link.symlink_to(fifo)
    for target in (fifo, link):
        reader = FifoReader(fifo)
        result = CliRunner().invoke(cli, ["export", str(small_ttl), "-f", "nt", "-o", str(target)])
        reader.join(90)
        assert result.exit_code == 0, result.output
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert link.is_symlink()
        assert reader.data.count(b" .\n") == 300
    assert sorted(os.listdir(tmp_path)) == ["link.nt", "pipe.nt", "small.ttl"]  # no temporary file left


def test_converting_rdf_to_stdout_writes_to_the_pipe_and_leaves_dev_stdout_alone(small_ttl, tmp_path):
    result = kg("export", small_ttl, "-f", "nt")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.count(b" .\n") == 300
    assert os.path.islink("/dev/stdout")
    with open(tmp_path / "out.nt", "wb") as redirected:  # stdout a regular file: written into, not replaced
        done = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(small_ttl), "-f", "nt", "-o",
                               "/dev/stdout"], stdout=redirected, stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out.nt").read_bytes() == result.stdout
    assert os.path.islink("/dev/stdout")


def test_writing_to_dev_null_keeps_it_a_device(small_ttl):
    before = os.stat("/dev/null")
    result = CliRunner().invoke(cli, ["export", str(small_ttl), "-f", "ttl", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
