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
    options.setdefault("cwd", ROOT)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, timeout=300,
                          env=env, **options)


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
    from kg.io.atomic import is_stream

    assert is_stream("/dev/stdout")  # else, as root, what follows would replace it
    with open(tmp_path / "out.nt", "wb") as redirected:  # stdout a regular file: written into, not replaced
        done = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(small_ttl), "-f", "nt", "-o",
                               "/dev/stdout"], stdout=redirected, stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out.nt").read_bytes() == result.stdout
    assert os.path.islink("/dev/stdout")


def device(tmp_path, name: str, minor: int) -> Path:
    """A character device to write to: as root, a copy of /dev/NAME (memory device 1, ``minor``) made in
    ``tmp_path``, so that a regression replaces that copy and not the system's; else /dev/NAME itself,
    which a user other than root cannot replace."""
    from kg.io.atomic import is_stream

    if os.geteuid() != 0:
        return Path("/dev") / name
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    assert is_stream(path)
    return path


def test_writing_to_dev_null_keeps_it_a_device(small_ttl, tmp_path):
    null = device(tmp_path, "null", 3)
    before = os.stat(null)
    result = CliRunner().invoke(cli, ["export", str(small_ttl), "-f", "ttl", "-o", str(null)])
    assert result.exit_code == 0, result.output
    after = os.stat(null)
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


# 3. kg load: no credentials to another origin, no redirect that drops the data, success from the upload.

class Recorder:
    """A local HTTP server: answers each request with ``answer(handler)`` -> (status, headers) and records
    (method, path, Authorization header, body) of each."""

    def __init__(self, answer):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        recorder = self
        self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append((self.command, self.path, self.headers.get("Authorization"), body))
                status, headers = answer(self)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_PUT = do_POST = do_any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers():
    made = []

    def make(answer):
        made.append(Recorder(answer))
        return made[-1]

    yield make
    for server in made:
        server.close()


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_load_sends_no_credentials_to_another_origin_and_reports_the_redirect(small_ttl, servers, code):
    elsewhere = servers(lambda handler: (200, {}))
    store = servers(lambda handler: (code, {"Location": f"{elsewhere.url}/store?default"}))
    result = kg("load", small_ttl, "--endpoint", f"{store.url}/store", "--user", "admin:s3cret")
    assert result.returncode == 2
    assert b"loaded" not in result.stdout
    message = result.stderr.decode()
    assert f"answered {code}" in message and "not followed, nothing was stored" in message
    assert elsewhere.requests == []
    assert "s3cret" not in message


def test_load_follows_a_same_origin_307_with_method_body_and_credentials(small_ttl, servers):
    def answer(handler):
        if handler.path.startswith("/old"):
            return 307, {"Location": "/new/store?default"}
        return 204, {}

    store = servers(answer)
    result = kg("load", small_ttl, "--endpoint", f"{store.url}/old", "--user", "admin:s3cret")
    assert result.returncode == 0, result.stderr.decode()
    assert "(HTTP 204)" in result.stdout.decode()
    (first, second) = store.requests
    assert first[0] == second[0] == "PUT" and first[3] == second[3] and second[3].count(b" .\n") == 300
    assert first[2] == second[2] == "Basic YWRtaW46czNjcmV0"


@pytest.mark.parametrize("append", [False, True])
def test_load_fails_when_a_same_origin_redirect_would_drop_the_body(small_ttl, servers, append):
    def answer(handler):
        return (303, {"Location": "/elsewhere"}) if handler.command in ("PUT", "POST") else (200, {})

    store = servers(answer)
    result = kg("load", small_ttl, "--endpoint", f"{store.url}/store", *(["--append"] if append else []))
    assert result.returncode == 2 and b"loaded" not in result.stdout
    assert [request[0] for request in store.requests] == ["POST" if append else "PUT"]


# 11. Endpoints: http and https only; passwords and tokens never echoed.

def test_load_masks_passwords_and_tokens_in_every_message(small_ttl, servers):
    store = servers(lambda handler: (204, {}))
    result = kg("load", small_ttl, "--endpoint", f"{store.url.replace('//', '//admin:pa%24%24word@')}/store?token=t0k3n")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().endswith(f"at {store.url.replace('//', '//admin:***@')}/store?token=*** (HTTP 204)\n")
    assert store.requests[0][2] == "Basic YWRtaW46cGEkJHdvcmQ="  # admin:pa$$word, sent as basic authentication
    assert store.requests[0][1] == "/store?token=t0k3n&default"
    refused = servers(lambda handler: (401, {}))
    for endpoint in (f"{refused.url.replace('//', '//admin:pa%24%24word@')}/store?api_key=t0k3n",
                     "http://admin:pa%24%24word@127.0.0.1:1/store?access_token=t0k3n"):  # refused, unreachable
        failed = kg("load", small_ttl, "--endpoint", endpoint)
        assert failed.returncode == 2
        assert "127.0.0.1" in failed.stderr.decode() and "t0k3n" not in failed.stderr.decode()
        assert b"word" not in failed.stderr + failed.stdout and b"t0k3n" not in failed.stderr + failed.stdout


@pytest.mark.parametrize("endpoint", ["file:///etc/passwd", "ftp://user:secret@127.0.0.1/store", "gopher://x/",
                                      "http:///store", "store"])
def test_load_accepts_http_and_https_endpoints_only(small_ttl, endpoint):
    result = kg("load", small_ttl, "--endpoint", endpoint)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("kg: bad endpoint ")
    assert b"secret" not in result.stderr


# 4, 6, 7. The extraction cache: JSON checked by a hash of key and content; never a pickle, never a crash.

SEED_PAGE = sorted((ROOT / "seeds").glob("*.txt"))[0]


def cached_build(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return kg("build", corpus, "-o", out, "--workers", "1")


def same_result(decoded, original) -> bool:
    """Equal field by field (repr tells tuples from lists, None from ""), the roles' mentions the very
    objects of the mention list, the articles those of the list."""
    def shape(result):
        articles, mentions, roles = result
        where = {id(m): n for n, m in enumerate(mentions)}
        places = {id(a): n for n, a in enumerate(articles)}
        return ([where.get(id(m)) for m, _ in roles], [places.get(id(m.article)) for m in mentions],
                [places.get(id(r.article)) for _, r in roles])

    return repr(decoded) == repr(original) and shape(decoded) == shape(original) and None not in shape(decoded)[0]


def test_cache_entries_give_back_exactly_what_was_extracted(seeds_dir):
    from kg.cache import decode_result, encode_result
    from kg.corpus import read_documents
    from kg.parallel import extract_document

    documents = list(read_documents([str(seeds_dir)]))
    for document in documents:
        result = extract_document(document)
        assert result[1] and result[2]
        assert same_result(decode_result(encode_result(result), document), result)


def test_cache_entries_of_hostile_text_round_trip(tmp_path):
    from adversarial import hostile_records, write

    from kg.cache import decode_result, encode_result
    from kg.corpus import read_documents
    from kg.parallel import extract_document

    source = write(tmp_path / "hostile.jsonl", "\n".join(hostile_records()) + "\n")
    for document in read_documents([str(source)]):
        result = extract_document(document)
        assert same_result(decode_result(encode_result(result), document), result)


def planted(out: Path, payload: bytes) -> list[Path]:
    """Replace every cache entry under ``out`` by ``payload`` (beside it as an old-style .pickle too)."""
    entries = sorted(p for p in (out / ".cache").glob("*/*") if not p.name.startswith("."))
    assert entries
    for entry in entries:
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    return entries


def built_once(tmp_path):
    """A one-page corpus built once with the cache: (corpus folder, the entities.jsonl it gave)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    assert cached_build(corpus, tmp_path / "out").returncode == 0
    return corpus, (tmp_path / "out" / "entities.jsonl").read_bytes()


def test_an_edited_entry_is_a_miss_not_used(tmp_path):
    corpus, expected = built_once(tmp_path)
    (entry,) = (tmp_path / "out" / ".cache").glob("*/*.json")
    edited = entry.read_bytes().replace("贺海东".encode(), "毒药人".encode())
    assert edited != entry.read_bytes()
    entry.write_bytes(edited)
    result = cached_build(corpus, tmp_path / "out")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out" / "entities.jsonl").read_bytes() == expected
    assert "毒药人".encode() not in entry.read_bytes()  # rewritten


class Payload:
    """Runs ``touch MARKER`` when unpickled."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_pickle_in_the_cache_runs_no_code(tmp_path):
    import pickle

    corpus, expected = built_once(tmp_path)
    marker = tmp_path / "code-ran"
    planted(tmp_path / "out", pickle.dumps(Payload(marker)))
    result = cached_build(corpus, tmp_path / "out")
    assert not marker.exists()
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out" / "entities.jsonl").read_bytes() == expected


@pytest.mark.parametrize("kind", ["pickled int", "sealed list", "sealed wrong field", "truncated", "empty"])
def test_an_entry_of_the_wrong_type_is_a_miss_not_a_crash(tmp_path, kind):
    import pickle

    from kg.cache import seal

    corpus, expected = built_once(tmp_path)
    (entry,) = (tmp_path / "out" / ".cache").glob("*/*.json")
    key = entry.stem
    good = entry.read_bytes()
    payload = {"pickled int": pickle.dumps(5), "sealed list": seal(key, b"[1, 2, 3]"),
               "sealed wrong field": seal(key, good.split(b"\n", 1)[1].replace(b'"mentions":[[', b'"mentions":[[7,', 1)),
               "truncated": good[:len(good) // 2], "empty": b""}[kind]
    planted(tmp_path / "out", payload)
    for _ in range(2):  # and the build after
        result = cached_build(corpus, tmp_path / "out")
        assert result.returncode == 0, result.stderr.decode()
        assert b"Traceback" not in result.stderr
        assert (tmp_path / "out" / "entities.jsonl").read_bytes() == expected


def test_a_file_name_that_is_not_utf8_builds_with_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = os.fsdecode(b"bad\xff\xfename.txt")
    (corpus / name).write_bytes(SEED_PAGE.read_bytes())
    for _ in range(2):  # cold, then from the cache
        result = kg("build", corpus, "-o", tmp_path / "out", "--workers", "2")
        assert result.returncode == 0, result.stderr.decode()
    assert "\\udcff\\udcfename.txt" in (tmp_path / "out" / "entities.jsonl").read_text(encoding="utf-8")
    assert len(list((tmp_path / "out" / ".cache").glob("*/*.json"))) == 1


# 11. A full disk names the file, and the cache says so once; kg build . does not read its own outputs.

def test_a_full_disk_names_the_output_that_could_not_be_written(small_ttl, tmp_path, monkeypatch):
    import errno

    full_device = device(tmp_path, "full", 7)
    for fmt in ("nt", "ttl"):
        result = kg("export", small_ttl, "-f", fmt, "-o", full_device)
        assert result.returncode == 2
        assert result.stderr.decode() == f"kg: error: cannot write {full_device}: No space left on device\n"
    with open(full_device, "wb") as full:
        piped = subprocess.run([sys.executable, "-m", "kg.cli", "export", str(small_ttl), "-f", "nt"], stdout=full,
                               stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    assert piped.returncode == 2
    assert piped.stderr.decode() == "kg: error: cannot write standard output: No space left on device\n"

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: cannot write {tmp_path / 'out'}/")
    assert result.stderr.endswith(": No space left on device\n")


def test_a_cache_that_cannot_be_written_is_reported_once_with_its_file(tmp_path, monkeypatch, capsys):
    import errno

    from kg import cache as cache_module
    from kg.pipeline import extract

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"page{number}.txt").write_bytes(SEED_PAGE.read_bytes().replace("贺海东".encode(), f"贺海{number}".encode()))

    def full_disk(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(cache_module, "atomic_open", full_disk)
    result = extract([str(corpus)], cache=tmp_path / "cache")
    assert len(result.articles) == 3 * 10
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"kg: warning: cache not written, extraction goes on without storing it: "
                                  f"cannot write {tmp_path / 'cache'}/")
    assert warnings[0].endswith(".json: No space left on device")


def test_building_a_folder_does_not_read_its_own_output_or_cache(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    for options in ([], ["--cache", str(corpus / "cache")]):
        first = kg("build", corpus, "-o", corpus / "out", *options)
        assert first.returncode == 0, first.stderr.decode()
        entities = (corpus / "out" / "entities.jsonl").read_bytes()
        again = kg("build", corpus, "-o", corpus / "out", *options)
        assert again.returncode == 0, again.stderr.decode()
        assert again.stdout.decode().startswith("10 articles from 1 sources\n")
        assert (corpus / "out" / "entities.jsonl").read_bytes() == entities
    here = kg("build", ".", "-o", "out", cwd=corpus)
    assert here.returncode == 0 and here.stdout.decode().startswith("10 articles from 1 sources\n")


# 9. Workers die with their parent, even when it is killed with SIGKILL.

def children_of(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat_file:
                    fields = stat_file.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stat_file:
            return stat_file.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigkill_of_a_parallel_build_takes_its_workers_with_it(tmp_path, seeds_dir):
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pages = sorted(seeds_dir.glob("*.txt"))
    for copy in range(60):
        for page in pages:
            (corpus / f"{copy:02d}-{page.name}").write_bytes(page.read_bytes() + f"\n第{copy}份\n".encode())
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(tmp_path / "out"),
                              "--workers", "2", "--no-cache"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    workers: set[int] = set()
    try:
        deadline = time.time() + 120
        while len(workers) < 2 and time.time() < deadline and build.poll() is None:
            workers = children_of(build.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build ended before its workers were seen"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.time() + 10
        while any(alive(pid) for pid in workers) and time.time() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if build.poll() is None:
            build.kill()


# 10. A runaway query stops with a message (exit 2): a default time limit, and a memory guard.

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"  # 27 million rows, sorted


def test_a_runaway_query_stops_at_its_memory_budget(small_ttl):
    import time

    from kg.query import QueryError, run_query

    started = time.monotonic()
    with pytest.raises(QueryError, match="needed more memory than it may use \\(256 MB\\)"):
        run_query(small_store_of(small_ttl), RUNAWAY, memory=256 * 2**20, timeout=120)
    assert time.monotonic() - started < 60


def small_store_of(path):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def test_kg_query_under_a_limited_address_space_stops_cleanly(small_ttl):
    import resource

    limit = 1536 * 2**20

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(small_ttl), RUNAWAY], capture_output=True,
                            cwd=ROOT, timeout=300, preexec_fn=limited, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 2, result.stderr.decode()[-500:]
    assert result.stderr.decode().startswith("kg: query stopped: it needed more memory than it may use")
    assert result.stdout == b""


def test_kg_query_has_a_default_time_limit_and_0_turns_it_off():
    from kg.cli import query_command

    (timeout,) = [option for option in query_command.params if option.name == "timeout"]
    assert timeout.default == 300
    assert CliRunner().invoke(cli, ["query", str(ROOT / "seeds"), "--timeout", "0", "ASK {}"]).stdout == "true\n"


# 5. The build outputs switch all together or not at all.

OUTPUT_NAMES = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")


@pytest.mark.parametrize("failing", [1, 5])
def test_a_failed_rename_puts_the_outputs_already_switched_back(tmp_path, monkeypatch, failing):
    import errno

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-cache"]).exit_code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUT_NAMES}
    previous_store = os.readlink(out / "store")
    (out / "graph.json").chmod(0o640)
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes().replace("贺海东".encode(), "贺海西".encode()))
    replace = os.replace
    renamed = []

    def failing_replace(source, target, **kwargs):
        if Path(target).parent == out and Path(target).name in OUTPUT_NAMES:
            renamed.append(Path(target).name)
            if len(renamed) == failing:
                raise OSError(errno.EIO, "Input/output error", str(target))
        return replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-cache"])
    monkeypatch.setattr(os, "replace", replace)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "kg: no output was changed: the previous files are as they were"
    assert {name: (out / name).read_bytes() for name in OUTPUT_NAMES} == before
    store = os.readlink(out / "store")
    assert store == previous_store  # the previous store, and no temporary file or store left
    assert sorted(os.listdir(out)) == sorted((*OUTPUT_NAMES, "store", store))
    assert (out / "graph.json").stat().st_mode & 0o777 == 0o640
    assert CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-cache"]).exit_code == 0
    assert "贺海西".encode() in (out / "entities.jsonl").read_bytes()


def test_a_failed_rename_of_a_first_build_leaves_no_output(tmp_path, monkeypatch):
    import errno

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    out = tmp_path / "out"
    replace = os.replace

    def failing_replace(source, target, **kwargs):
        if Path(target).name == "graph.ttl":
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "kg: no output was changed: the previous files are as they were"
    assert os.listdir(out) == []


# 8. A folder whose path is longer than PATH_MAX is reported, never skipped silently.

def test_a_folder_beyond_path_max_is_reported_not_skipped_silently(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SEED_PAGE.read_bytes())
    fd = os.open(corpus, os.O_RDONLY)
    try:
        for level in range(20):  # 20 names of 250 characters: past PATH_MAX (4096)
            name = f"{level:02d}" + "d" * 248
            os.mkdir(name, dir_fd=fd)
            deeper = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        page = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(page, SEED_PAGE.read_bytes())
        os.close(page)
    finally:
        os.close(fd)
    result = kg("build", corpus, "-o", tmp_path / "out", "--no-cache")
    assert result.returncode == 1, result.stderr.decode()[-300:]
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"kg: skipped {corpus}/00d")
    assert line.endswith(": path longer than the system allows (PATH_MAX); not read")
    assert result.stdout.decode().startswith("10 articles from 1 sources\n")


def test_what_counts_as_a_stream(tmp_path):
    from kg.io.atomic import is_stream

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert is_stream("-") and is_stream(fifo) and is_stream("/dev/null") and is_stream("/dev/stdout")
    assert is_stream("/dev/fd/1") and is_stream("/proc/self/fd/1")
    (tmp_path / "file.ttl").write_text("x", encoding="utf-8")
    assert not is_stream(tmp_path / "file.ttl") and not is_stream(tmp_path / "new.ttl")
    if os.path.isdir("/dev/shm"):
        assert not is_stream("/dev/shm/kg-new-output.ttl")  # a file system like any other


def test_a_query_process_that_cannot_be_started_is_a_message(monkeypatch):
    import errno
    import multiprocessing.process

    from kg.query import QueryError, run_query

    def refused(self):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refused)
    with pytest.raises(QueryError, match="cannot start the query process: Resource temporarily unavailable"):
        run_query(small_store(), "ASK {}")
