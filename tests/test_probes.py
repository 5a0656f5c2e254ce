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


# 2. SERVICE is refused on what runs, not on the text: no request leaves, whatever the query hides.

@pytest.fixture
def listener():
    """A local TCP port that counts the connections made to it (and closes each at once, so that a client
    that did connect fails quickly instead of waiting)."""
    import socket

    calls = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            calls.append(connection.recv(4096))
            connection.close()

    threading.Thread(target=serve, daemon=True).start()

    def called() -> bool:
        import time

        time.sleep(0.2)
        return bool(calls)

    yield server.getsockname()[1], called
    server.close()


def small_store():
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal("x")))
    return store


def service_queries(port):
    server = f"http://127.0.0.1:{port}"
    return [f"SELECT * WHERE {{ BIND(<http://a/'> AS ?x) SERVICE <{server}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<http://a/'> AS ?x) SERVICE <{server}/'> {{ ?s ?p ?o }} }}",
            f"ASK {{ VALUES ?x {{ <http://a/#'> }} SERVICE <{server}/> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE <{server}/> {{ ?s ?p ?o }} }}"]


def test_a_quote_inside_an_iri_does_not_hide_service(listener):
    from kg.query import QueryError, run_query

    port, called = listener
    for query in service_queries(port):
        with pytest.raises(QueryError, match="SERVICE is refused"):
            run_query(small_store(), query)
    assert not called()


def test_no_request_leaves_even_when_the_text_check_misses_service(listener, monkeypatch):
    import re

    from kg import query as q

    port, called = listener
    monkeypatch.setattr(q, "SERVICE_WORD", re.compile(r"(?!)"))  # a check that never matches
    for text in service_queries(port):
        with pytest.raises(q.QueryError, match="SERVICE is refused"):
            q.run_query(small_store(), text)
    silent = q.run_query(small_store(), f"SELECT ?s WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}")
    assert silent.rows in ([], [[None]])  # SILENT: the failed call is an empty answer
    assert not called()
    assert q.run_query(small_store(), "SELECT ?o WHERE { ?s ?p ?o }").rows == [["x"]]


def test_kg_query_refuses_service_behind_a_quoted_iri(small_ttl, listener):
    port, called = listener
    result = kg("query", small_ttl, service_queries(port)[1])
    assert result.returncode == 2
    assert result.stderr.decode() == ("kg: SERVICE is refused: kg query does not send queries to other "
                                      "endpoints\n")
    assert not called()
