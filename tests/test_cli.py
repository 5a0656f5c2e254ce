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

