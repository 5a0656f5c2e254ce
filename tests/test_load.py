"""kg load: push seeds' graph into a real Oxigraph server (Graph Store Protocol) and query it over HTTP."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server is missing: pip install -e '.[test]' installs it")
        pytest.skip("the oxigraph server (pip package oxigraph) is not installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                pytest.fail(f"oxigraph server did not start: {process.stdout.read().decode(errors='replace')}")
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_load_seeds_into_a_named_graph_and_query_it_over_http(server, built):
    graph = "https://example.org/graphs/seeds"
    result = CliRunner().invoke(cli, ["load", str(built), "--endpoint", f"{server}/store", "--graph", graph])
    assert result.exit_code == 0, result.output
    loaded = int(result.output.split()[1])
    count = sparql(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(count["results"]["bindings"][0]["n"]["value"]) == loaded > 1000
    from kg.query import canned
    roles = canned("person-roles").replace("\nWHERE {", f"\nFROM <{graph}>\nWHERE {{", 1)
    assert f"FROM <{graph}>" in roles
    rows = {(b["person"]["value"], b["title"]["value"], b["organization"]["value"])
            for b in sparql(server, roles)["results"]["bindings"]}
    assert ("贺海东", "市长", "呼和浩特市") in rows


def test_put_replaces_and_post_appends(server, built):
    graph = "https://example.org/graphs/twice"
    runner = CliRunner()
    endpoint = f"{server}/store"
    for args in ([], [], ["--append"]):
        assert runner.invoke(cli, ["load", str(built / "graph.ttl"), "--endpoint", endpoint, "--graph", graph,
                                   *args]).exit_code == 0
    count = sparql(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    single = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/graphs/seeds> "
                            "{ ?s ?p ?o } }")
    assert count["results"]["bindings"][0]["n"]["value"] == single["results"]["bindings"][0]["n"]["value"]


def test_default_graph_and_unreachable_endpoint(server, built):
    ok = CliRunner().invoke(cli, ["load", str(built), "--endpoint", f"{server}/store"])
    assert ok.exit_code == 0 and "default graph" in ok.output
    answer = sparql(server, 'ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> "贺海东"@zh }')
    assert answer["boolean"] is True
    bad = CliRunner().invoke(cli, ["load", str(built), "--endpoint", f"http://127.0.0.1:{free_port()}/store"])
    assert bad.exit_code == 2 and "cannot reach" in bad.output
