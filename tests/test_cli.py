"""The ``kg`` command as a whole: how it starts, its version, and what it finds wherever it runs."""
import subprocess
import sys

from click.testing import CliRunner

from kg import __version__
from kg.cli import cli


def test_kg_version_prints_the_package_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_kg_runs_the_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_the_command_ends_with_its_exit_status_its_output_and_its_exit_handlers(tmp_path):
    """kg ends with os._exit (no teardown of a build's objects): the status is sys.exit's, everything
    printed arrives, and atexit handlers (temporary files of an interrupted build) still run."""
    marker = tmp_path / "handled"
    script = ("import atexit, pathlib, sys\n"
              f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('yes'))\n"
              "from kg.cli import main\nsys.argv = ['kg'] + sys.argv[1:]\nmain()\n")
    done = subprocess.run([sys.executable, "-c", script, "show", "no such name", str(tmp_path / "nothing")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode not in (0, None) and done.stderr.strip(), done
    assert marker.read_text() == "yes"
    marker.unlink()
    done = subprocess.run([sys.executable, "-c", script, "query", "--list"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "neighbors" in done.stdout and marker.read_text() == "yes"


def test_quick_exit_statuses_as_sys_exit(capfd, monkeypatch):
    import os

    from kg.cli import quick_exit

    ended = []
    monkeypatch.setattr(os, "_exit", ended.append)
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: None)
    for code in (None, 0, 2, "kg: error: bad"):
        quick_exit(code)
    assert ended == [0, 0, 2, 1]
    assert "kg: error: bad" in capfd.readouterr().err


def test_query_list_needs_no_graph_and_works_outside_the_repository(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "query", "--list"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("person-roles", "neighbors", "org-people", "projects-in-place", "articles-mentioning"):
        assert name in result.stdout


def test_the_ontology_shapes_and_queries_are_package_data():
    from kg.ontology import ONTOLOGY, QUERIES, SHAPES

    assert ONTOLOGY.is_file() and SHAPES.is_file()
    assert sorted(p.name for p in QUERIES.glob("*.rq"))
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    source = root / config["package-dir"]["kg.ontology"]  # the top-level ontology/ folder
    subpackages = {".".join(p.parent.relative_to(root).parts) for p in (root / "kg").rglob("__init__.py")}
    assert subpackages | {"kg.ontology"} == set(config["packages"])  # a new subpackage must be listed
    globs = config["package-data"]["kg.ontology"]
    data = [p.relative_to(source).as_posix() for p in source.rglob("*")
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    missing = [name for name in data if not any(fnmatch.fnmatch(name, glob) for glob in globs)]
    assert data and not missing, f"not in the wheel's package data: {missing}"


def test_query_without_a_graph_is_a_usage_error():
    result = CliRunner().invoke(cli, ["query", "--name", "neighbors"])
    assert result.exit_code == 2
    assert "GRAPH" in result.output

