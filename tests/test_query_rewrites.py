"""The canned listings written for scale (each pattern a subquery, joined by hashing) give the answers of
their plain forms, with and without parameters."""
import pytest

from kg.export.rdf import to_store
from kg.graph import build_graph
from kg.query import canned, run_query

PREFIXES = """PREFIX kg:      <https://w3id.org/kg-news/ontology#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
"""
PLAIN = {
    "person-roles": PREFIXES + """
SELECT ?person ?title
       (IF(MAX(?resolved) != "", MAX(?resolved), MAX(?written)) AS ?organization)
WHERE {
  ?p a kg:Person ; rdfs:label|skos:altLabel ?name ; rdfs:label ?canonical ; kg:holdsPosition ?position .
  ?position kg:title ?t .
  OPTIONAL { ?position kg:organization/rdfs:label ?label }
  OPTIONAL { ?position kg:organizationName ?w }
  BIND (COALESCE(STR(?label), "") AS ?resolved)
  BIND (COALESCE(STR(?w), "") AS ?written)
  BIND (STR(?canonical) AS ?person)
  BIND (STR(?t) AS ?title)
}
GROUP BY ?person ?title
ORDER BY ?person ?title""",
    "org-people": PREFIXES + """
SELECT DISTINCT ?organization ?person ?title WHERE {
  ?position kg:organization ?o ; kg:title ?t .
  ?o rdfs:label|skos:altLabel ?org ; rdfs:label ?canonical .
  ?p kg:holdsPosition ?position ; rdfs:label ?name .
  BIND (STR(?canonical) AS ?organization)
  BIND (STR(?name) AS ?person)
  BIND (STR(?t) AS ?title)
}
ORDER BY ?organization ?person ?title""",
}


@pytest.fixture(scope="module")
def store(seeds_extraction):
    return to_store(build_graph(seeds_extraction))


@pytest.mark.parametrize("name, params", [
    ("person-roles", {}), ("person-roles", {"name": "贺海东"}), ("person-roles", {"name": "没有这个人"}),
    ("org-people", {}), ("org-people", {"org": "呼和浩特市"}), ("org-people", {"org": "首府"}), ("org-people", {"org": "没有这个机构"}),
])
def test_rewritten_listing_answers_as_the_plain_query(store, name, params):
    rewritten = run_query(store, canned(name), params).rows
    plain = run_query(store, PLAIN[name], params).rows
    assert rewritten == plain
    if not params:
        assert len(rewritten) > 10
    if params.get("name") == "贺海东" or params.get("org") in ("呼和浩特市", "首府"):
        assert rewritten


def test_the_listings_look_no_entity_up_by_its_iri():
    for name in PLAIN:
        text = canned(name)
        body = text[text.index("WHERE"):]
        assert body.count("SELECT") >= 5, name  # every pattern in a subquery of its own
