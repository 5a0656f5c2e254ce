"""RDF: every format parses with rdflib, pyoxigraph and rapper; IRIs are stable and safe; SHACL conforms."""
import shutil
import subprocess
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kg.export.rdf import FORMATS, KG, check_base, to_rdf, to_store, write_rdf
from kg.graph import build_graph
from kg.ontology import ONTOLOGY, SHAPES

ROOT = Path(__file__).resolve().parent.parent
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
              "xml": ox.RdfFormat.RDF_XML}
RAPPER = {"ttl": "turtle", "nt": "ntriples", "xml": "rdfxml"}  # raptor has no JSON-LD parser
NASTY = ['a "quoted" name', "with spaces and <angle> brackets", "new\nline\r\n and \\ backslash",
         "{curly}|pipe^caret`tick", "nul\x00 and \x1f control", "emoji 🚄 and 呼和浩特市", "'single' & <&amp;>"]


@pytest.fixture(scope="module")
def graph(seeds_extraction):
    return build_graph(seeds_extraction)


@pytest.fixture(scope="module")
def seeds_rdf(graph):
    return to_rdf(graph)


def nasty_graph():
    """A graph whose names, aliases, sources and titles contain everything a parser may choke on."""
    key = 'dir with space/"odd" <file>.txt#a0'
    graph = nx.MultiDiGraph(articles={key: {"source": 'dir with space/"odd" <file>.txt', "index": 0, "start": 0,
                                            "end": 99, "title": NASTY[2], "date": "2024-01-09"}})
    for number, name in enumerate(NASTY):
        graph.add_node(f"person-{number:012d}", type="person", label=name, aliases=[name + " alias"], mentions=2,
                       articles=1, article_keys=[key], roles=[{"title": name, "org": NASTY[-1 - number]}])
    graph.add_node("place-000000000000", type="place", label=NASTY[1], aliases=[], mentions=1, articles=1,
                   article_keys=[key], roles=[])
    graph.add_edge("person-000000000000", "person-000000000001", key="co_occurs", relation="co_occurs",
                   sentences=1, articles=1, npmi=0.5, npmi_article=0.1, score=0.25, weight=2,
                   evidence=[[key, 3, 9]])
    graph.add_edge("person-000000000002", "place-000000000000", key="holds_position:x", relation="holds_position",
                   title=NASTY[0], evidence=[[key, 1, 2]])
    return graph


@pytest.fixture(scope="module")
def files(tmp_path_factory, seeds_rdf):
    out = tmp_path_factory.mktemp("rdf")
    written = {}
    for name, rdf in (("seeds", seeds_rdf), ("nasty", to_rdf(nasty_graph()))):
        for fmt in FORMATS:
            written[name, fmt] = write_rdf(rdf, out / f"{name}.{fmt}", fmt)
    return written


@pytest.mark.parametrize("name", ["seeds", "nasty"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_with_rdflib(files, seeds_rdf, name, fmt):
    parsed = rdflib.Graph().parse(files[name, fmt], format=FORMATS[fmt])
    expected = seeds_rdf if name == "seeds" else to_rdf(nasty_graph())
    assert len(parsed) == len(expected)
    if name == "nasty":
        labels = {str(o) for o in parsed.objects(None, rdflib.RDFS.label)}
        assert {text.replace("\x00", "").replace("\x1f", "") for text in NASTY} <= labels


@pytest.mark.parametrize("name", ["seeds", "nasty"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_with_pyoxigraph(files, seeds_rdf, name, fmt):
    store = ox.Store()
    store.load(path=str(files[name, fmt]), format=OX_FORMATS[fmt])
    expected = seeds_rdf if name == "seeds" else to_rdf(nasty_graph())
    assert len(store) == len(expected)


def rapper_binary():
    binary = shutil.which("rapper")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (raptor2-utils) missing: .ci/run installs it")
        pytest.skip("rapper (Debian raptor2-utils) not installed")
    return binary


@pytest.mark.parametrize("name", ["seeds", "nasty"])
@pytest.mark.parametrize("fmt", list(RAPPER))
def test_every_format_parses_with_rapper(files, seeds_rdf, name, fmt):
    result = subprocess.run([rapper_binary(), "-i", RAPPER[fmt], "-c", str(files[name, fmt])],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = seeds_rdf if name == "seeds" else to_rdf(nasty_graph())
    assert f"returned {len(expected)} triples" in result.stderr


def test_iris_are_stable_name_free_and_based_on_the_base(graph):
    a = {str(s) for s in to_rdf(graph).subjects()}
    b = {str(s) for s in to_rdf(graph).subjects()}
    assert a == b
    for iri in a:
        assert iri.startswith("https://w3id.org/kg-news/id/")
        assert all(ch.isascii() and ch not in ' <>"{}|\\^`\n' for ch in iri), iri
    other = {str(s) for s in to_rdf(graph, "http://example.org/kg#").subjects()}
    assert all(iri.startswith("http://example.org/kg#") for iri in other)
    assert {i.split("/id/", 1)[1] for i in a} == {i.split("kg#", 1)[1] for i in other}


@pytest.mark.parametrize("base", ["http://example.org/a b/", "example.org/", "http://x/<y>/", "http://x/y"])
def test_bad_base_iris_are_refused(base):
    with pytest.raises(ValueError):
        check_base(base)


def test_store_and_rdflib_hold_the_same_triples(graph, seeds_rdf):
    """The same mapping; a file (rdflib's graph here) also holds each co-occurrence's npmi and score."""
    store = to_store(graph)
    assert len(store) == len(to_rdf(graph, scores=False))
    cooccurrences = sum(1 for _, _, d in graph.edges(data=True) if d["relation"] == "co_occurs")
    assert len(seeds_rdf) - len(store) == 2 * cooccurrences > 0


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_the_store_without_scores_conforms_to_the_shapes(graph, inference):
    conforms, _, text = shacl(to_rdf(graph, scores=False), inference)
    assert conforms, text[:3000]


def test_the_mayor_and_his_position(seeds_rdf):
    query = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
        SELECT ?org WHERE { ?p rdfs:label "贺海东"@zh ; kg:holdsPosition ?pos . ?pos kg:title "市长"@zh ;
                            kg:organization/rdfs:label ?org }"""
    assert {str(row.org) for row in seeds_rdf.query(query)} == {"呼和浩特市"}


def test_ontology_declares_every_term_the_export_uses(seeds_rdf):
    ontology = rdflib.Graph().parse(ONTOLOGY)
    declared = {s for s in ontology.subjects() if str(s).startswith(str(KG))}
    used = {p for p in seeds_rdf.predicates() if str(p).startswith(str(KG))}
    used |= {o for o in seeds_rdf.objects(None, rdflib.RDF.type) if str(o).startswith(str(KG))}
    assert used <= declared, used - declared
    for cls in ("Person", "Organization", "Place", "Project", "Article", "Position", "CoOccurrence"):
        assert (KG[cls], rdflib.RDF.type, rdflib.OWL.Class) in ontology
    aligned = {str(o) for o in ontology.objects(None, rdflib.RDFS.subClassOf)}
    assert "https://schema.org/Person" in aligned and "http://xmlns.com/foaf/0.1/Person" in aligned
    assert "http://www.w3.org/ns/prov#Entity" in aligned


def shacl(data, inference="none"):
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES)
    ontology = rdflib.Graph().parse(ONTOLOGY)
    return pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, advanced=True, inference=inference)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_seeds_export_conforms_to_the_shapes(files, inference):
    """The ontology and the shapes agree: the export conforms with and without RDFS entailment (kg:evidence
    is a sub-property of prov:wasDerivedFrom, so evidence spans are derivation sources too)."""
    conforms, _, text = shacl(rdflib.Graph().parse(files["seeds", "ttl"], format="turtle"), inference)
    assert conforms, text[:3000]


def test_nasty_export_conforms_and_a_broken_graph_does_not(files):
    data = rdflib.Graph().parse(files["nasty", "nt"], format="nt")
    conforms, _, text = shacl(data)
    assert conforms, text[:3000]
    person = next(data.subjects(rdflib.RDF.type, KG.Person))
    data.remove((person, rdflib.RDFS.label, None))
    data.add((person, KG.mentionCount, rdflib.Literal("many")))
    assert not shacl(data)[0]


def test_every_sentence_evidence_carries_its_sentence(seeds_rdf):
    query = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
        SELECT ?e ?text WHERE { ?c a kg:CoOccurrence ; kg:evidence ?e . OPTIONAL { ?e kg:text ?text } }"""
    rows = list(seeds_rdf.query(query))
    assert len(rows) > 100
    assert all(text is not None and str(text).strip() for _, text in rows)
    assert any("贺海东" in str(text) and "衞昌辰隆" in str(text) for _, text in rows)


def test_a_stated_relation_reaches_its_verb_and_sentence(seeds_rdf):
    query = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
        SELECT ?verb ?text WHERE {
            ?s a kg:StatedRelation ; kg:statedProperty kg:meets ; kg:verb ?verb ; kg:evidence/kg:text ?text ;
               kg:statedSubject/rdfs:label "贺海东"@zh ; kg:statedObject/rdfs:label "衞昌辰隆"@zh }"""
    rows = list(seeds_rdf.query(query))
    assert rows and all(str(verb) in str(text) for verb, text in rows)
