"""kg query: canned queries on seeds/, the SPARQL results formats, read-only, parameters, timeout."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export.rdf import to_store
from kg.graph import build_graph
from kg.query import QueryError, canned, canned_names, format_result, run_query

REQUIRED = {"person-roles", "neighbors", "org-people", "projects-in-place", "articles-mentioning"}


@pytest.fixture(scope="module")
def store(seeds_extraction):
    return to_store(build_graph(seeds_extraction))


def rows(store, query_name, **params):
    return run_query(store, canned(query_name), params).rows


def test_the_canned_queries_exist():
    assert REQUIRED <= set(canned_names())


def test_person_roles_lists_the_mayor_and_the_transport_bureau_chief(store):
    found = {tuple(row) for row in rows(store, "person-roles")}
    assert ("贺海东", "市长", "呼和浩特市") in found
    assert any(p == "张玮" and t == "局长" and "交通运输局" in o for p, t, o in found), found


def test_neighbors_of_the_mayor_rank_toyota_sankyo_high(store):
    top = [row[0] for row in rows(store, "neighbors", name="贺海东")[:5]]
    assert "丰田三共株式会社" in top, top


def test_org_people_and_articles_mentioning_and_projects(store):
    assert ["呼和浩特市", "贺海东", "市长"] in rows(store, "org-people", org="呼和浩特市")
    together = rows(store, "articles-mentioning", a="贺海东", b="丰田三共株式会社")
    assert together and all(row[0].endswith("#a0") or "#a" in row[0] for row in together)
    for place, project, located, mentions in rows(store, "projects-in-place", place="内蒙古自治区"):
        assert place == "内蒙古自治区" and project


def test_required_parameters_are_checked(store):
    with pytest.raises(QueryError, match="--param name"):
        run_query(store, canned("neighbors"))


@pytest.mark.parametrize("update", ["INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
                                    "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP DEFAULT",
                                    "LOAD <http://example.org/x>",
                                    "PREFIX x: <http://x/>\nWITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_updates_are_refused(store, update):
    before = len(store)
    with pytest.raises(QueryError, match="read-only"):
        run_query(store, update)
    assert len(store) == before


def test_results_formats_follow_the_sparql_standards(store):
    result = run_query(store, canned("neighbors"), {"name": "贺海东"})
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == result.variables
    first = data["results"]["bindings"][0]
    assert first["score"]["datatype"].endswith("#double") and first["neighbor"]["type"] == "literal"
    table = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert table[0] == result.variables and len(table) == len(result.rows) + 1
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0].split("\t") == ["?" + v for v in result.variables]
    assert tsv[1].startswith('"')
    assert format_result(run_query(store, "ASK { ?s ?p ?o }"), "json") == '{"head": {}, "boolean": true}'


def test_timeout_stops_a_runaway_query(store):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    with pytest.raises(QueryError, match="timed out"):
        run_query(store, slow, timeout=1)
    fast = run_query(store, canned("person-roles"), {"name": "贺海东"}, timeout=30)
    assert fast.rows


def test_cli_query_on_a_build_folder_a_ttl_file_and_a_corpus(built, seeds_dir):
    runner = CliRunner()
    for graph in (built, built / "graph.ttl", seeds_dir):
        result = runner.invoke(cli, ["query", str(graph), "--name", "person-roles", "--param", "name=贺海东"])
        assert result.exit_code == 0, result.output
        assert "市长" in result.output and "呼和浩特市" in result.output
    as_csv = runner.invoke(cli, ["query", str(built), "-f", "csv",
                                 "SELECT ?l WHERE { ?s a <https://w3id.org/kg-news/ontology#Person> ; "
                                 "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l LIMIT 3"])
    assert as_csv.exit_code == 0 and as_csv.output.splitlines()[0] == "l"
    refused = runner.invoke(cli, ["query", str(built), "DELETE WHERE { ?s ?p ?o }"])
    assert refused.exit_code == 2 and "read-only" in refused.output


def test_cli_query_from_a_file(tmp_path, built):
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"贺海东\"@zh }", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(built), "--query-file", str(query)])
    assert result.exit_code == 0 and result.output.strip() == "true"


def test_cli_reports_a_malformed_query_with_its_line_and_column(built):
    result = CliRunner().invoke(cli, ["query", str(built), "SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?o = ) }"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("kg: SPARQL syntax error at line 3, column ")
    assert lines[1] == "    FILTER(?o = ) }" and lines[2].strip() == "^"
    assert "Traceback" not in result.output


def test_cli_timeout_stops_a_runaway_query_and_must_not_be_negative(built):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    result = CliRunner().invoke(cli, ["query", str(built), "--timeout", "1", slow])
    assert result.exit_code == 2 and result.stderr == "kg: query timed out after 1 s\n"
    assert CliRunner().invoke(cli, ["query", str(built), "--timeout", "-1", "ASK {}"]).exit_code == 2
    assert CliRunner().invoke(cli, ["query", str(built), "--timeout", "30", "ASK {}"]).stdout == "true\n"


def test_service_is_refused_and_sends_nothing(store):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"# a comment\nSELECT * WHERE {{ ?x ?y ?z . service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"):
            with pytest.raises(QueryError, match="SERVICE is refused"):
                run_query(store, query)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody called
    assert run_query(store, "SELECT ?service WHERE { ?service a ?t } LIMIT 1").rows  # a variable may be called so


def test_update_words_inside_strings_or_names_are_not_updates(store):
    result = run_query(store, 'SELECT ?x WHERE { BIND("DELETE INSERT" AS ?x) }')
    assert result.rows == [["DELETE INSERT"]]


PEOPLE = ("SELECT ?l WHERE { ?s a <https://w3id.org/kg-news/ontology#Person> ; "
          "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l LIMIT 3")


def test_cli_query_writes_its_result_to_the_output_file_in_the_format_asked(tmp_path, built):
    target = tmp_path / "people.csv"
    result = CliRunner().invoke(cli, ["query", str(built), "-f", "csv", "-o", str(target), PEOPLE])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = target.read_text("utf-8").splitlines()
    assert lines[0] == "l" and len(lines) == 4


def test_cli_query_keeps_the_old_spellings_with_a_deprecation_warning(tmp_path, built):
    query = tmp_path / "q.rq"
    query.write_text(PEOPLE, encoding="utf-8")
    new = CliRunner().invoke(cli, ["query", str(built), "-f", "csv", "--query-file", str(query)])
    for old in (["-o", "csv", "--file", str(query)], ["-o", "csv", "-f", str(query)]):
        result = CliRunner().invoke(cli, ["query", str(built), *old])
        assert result.exit_code == 0, result.output
        assert result.stdout == new.stdout
        assert "is deprecated" in result.stderr


def test_cli_query_refuses_an_unknown_format_and_an_unknown_parameter(built):
    bad_format = CliRunner().invoke(cli, ["query", str(built), "-f", "xlsx", PEOPLE])
    assert bad_format.exit_code == 2 and "'xlsx' is not one of table, csv, tsv, json" in bad_format.output
    misspelt = CliRunner().invoke(cli, ["query", str(built), "--name", "person-roles", "--param", "nmae=贺海东"])
    assert misspelt.exit_code == 2
    assert misspelt.stderr == "kg: unknown --param nmae: the query's parameters are name\n"
    adhoc = CliRunner().invoke(cli, ["query", str(built), "--param", "x=1", PEOPLE])
    assert adhoc.exit_code == 2 and "unknown --param x" in adhoc.stderr


def test_every_command_that_extracts_takes_workers(seeds_dir, tmp_path):
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    for args in (["extract", page], ["show", "贺海东", page], ["stats", page], ["export", page, "-f", "json"],
                 ["query", page, "ASK {}"], ["eval", "--help"], ["load", "--help"]):
        result = CliRunner().invoke(cli, [*args, "--workers", "1"])
        assert "No such option" not in result.output, args
        if "--help" in args:
            assert "--workers" in result.output
        else:
            assert result.exit_code in (0, 1), (args, result.output)


def test_canned_queries_match_aliases_and_labels_with_or_without_a_language_tag(built):
    by_label = CliRunner().invoke(cli, ["query", str(built), "--name", "org-people", "--param", "org=呼和浩特市"])
    assert by_label.exit_code == 0 and "贺海东" in by_label.stdout
    by_alias = CliRunner().invoke(cli, ["query", str(built), "--name", "org-people", "--param", "org=首府"])
    assert by_alias.stdout == by_label.stdout
    untagged = tmp_store_without_language_tags(built)
    from kg.query import canned, run_query

    rows = run_query(untagged, canned("person-roles"), {"name": "贺海东"}).rows
    assert ["贺海东", "市长", "呼和浩特市"] in rows


def tmp_store_without_language_tags(built):
    """The build's triples with every ``@zh`` label written as a plain string, as other tools may load them."""
    import pyoxigraph as ox

    store = ox.Store()
    for quad in ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE):
        obj = quad.object
        if isinstance(obj, ox.Literal) and obj.language:
            obj = ox.Literal(obj.value)
        store.add(ox.Quad(quad.subject, quad.predicate, obj))
    return store
