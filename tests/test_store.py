"""The build folder's graph store: written with the other outputs, read by kg query and kg load as it is."""
import os

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import cli
from kg.export.rdf import to_store
from kg.graph import build_graph
from kg.store import STORE, open_store


def triples(store) -> set:
    return {quad.triple for quad in store}


def test_the_store_holds_the_triples_of_graph_ttl_but_the_scores_each_once(built):
    """The store keeps counts; graph.ttl, a file, also holds the scores computed from them."""
    store = open_store(built)
    from_turtle = ox.Store()
    from_turtle.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    computed = {ox.NamedNode("https://w3id.org/kg-news/ontology#" + name) for name in ("npmi", "score")}
    in_store = triples(store)
    assert len(in_store) > 1000 and not any(triple.predicate in computed for triple in in_store)
    assert in_store == {quad.triple for quad in from_turtle if quad.predicate not in computed}
    assert len(store) == len(in_store)  # no triple in two named graphs


def test_kg_query_reads_the_store_without_graph_ttl_or_graph_json(tmp_path, seeds_dir):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--workers", "1"]).exit_code == 0
    expected = CliRunner().invoke(cli, ["query", str(seeds_dir), "--name", "person-roles", "--param", "name=贺海东"])
    for name in ("graph.ttl", "graph.json", "entities.jsonl"):
        (out / name).unlink()
    result = CliRunner().invoke(cli, ["query", str(out), "--name", "person-roles", "--param", "name=贺海东"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout and "市长" in result.stdout


def test_a_rebuild_switches_the_store_and_deletes_the_one_it_replaced(tmp_path, seeds_dir):
    out = tmp_path / "out"
    pages = sorted(seeds_dir.glob("*.txt"))
    assert CliRunner().invoke(cli, ["build", str(pages[0]), "-o", str(out), "--workers", "1"]).exit_code == 0
    first = os.readlink(out / STORE)
    small = len(open_store(out))
    assert CliRunner().invoke(cli, ["build", *map(str, pages[:2]), "-o", str(out), "--workers", "1"]).exit_code == 0
    second = os.readlink(out / STORE)
    assert second != first and not (out / first).exists()
    assert len(open_store(out)) > small
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == [second]


def test_a_failed_build_leaves_the_previous_store(tmp_path, seeds_dir, monkeypatch):
    import kg.store

    out = tmp_path / "out"
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    assert CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"]).exit_code == 0
    before, triples = os.readlink(out / STORE), len(open_store(out))

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", str(out / "graph.html"))

    monkeypatch.setattr("kg.export.write_html", broken)
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert os.readlink(out / STORE) == before and len(kg.store.open_store(out)) == triples


def test_a_store_of_a_graph_answers_as_the_in_memory_store(seeds_extraction, tmp_path):
    from kg.store import write_store

    graph = build_graph(seeds_extraction)
    write_store(graph, tmp_path)
    assert triples(open_store(tmp_path)) == triples(to_store(graph))



def test_a_store_loaded_in_many_small_bulk_loads_holds_the_same_quads(seeds_extraction, tmp_path, monkeypatch):
    import kg.store
    from kg.store import write_store

    graph = build_graph(seeds_extraction)
    for name in ("one", "many"):
        (tmp_path / name).mkdir()
    write_store(graph, tmp_path / "one")
    loads = []
    batch = kg.store._batch
    monkeypatch.setattr(kg.store, "CHUNK", 20_000)
    monkeypatch.setattr(kg.store, "LOAD_BATCH", 50_000)
    monkeypatch.setattr(kg.store, "_batch", lambda *args: (loads.append(1), batch(*args))[1])  # one per load
    write_store(graph, tmp_path / "many")
    assert len(loads) > 5
    one, many = open_store(tmp_path / "one"), open_store(tmp_path / "many")
    assert len(one) == len(many) and set(one) == set(many)

def test_graphs_made_into_text_in_pieces_keep_the_digests_and_texts_of_the_whole(seeds_extraction, tmp_path,
                                                                                  monkeypatch):
    """A hub's graph is digested, kept and loaded a piece at a time: the same digests, texts and quads as the
    text made whole (:func:`kg.store._graphs`)."""
    import json

    import kg.store
    from kg import storetext
    from kg.rdfstream import named_graphs
    from kg.store import DIGESTS, write_store

    graph = build_graph(seeds_extraction)
    monkeypatch.setattr(storetext, "MIN_TRIPLES", 1)
    whole = {name[1:-1]: [kg.store._digest(body), count]
             for name, body, count in kg.store._graphs(named_graphs(graph, BASE))}
    held = {}
    for name, piece in (("whole", 10 ** 9), ("pieces", 3)):
        monkeypatch.setattr(kg.store, "PIECE", piece)
        (tmp_path / name).mkdir()
        write_store(graph, tmp_path / name, BASE)
        folder = (tmp_path / name / STORE).resolve()
        held[name] = (json.loads((folder / DIGESTS).read_text())["graphs"],
                      {path.name: storetext.load(folder, path.name) for path in (folder / storetext.TEXT).iterdir()})
        assert held[name][0] == whole
    assert held["whole"] == held["pieces"] and len(held["pieces"][1]) == len(whole)
    assert all(text is not None for text in held["pieces"][1].values())
    assert set(open_store(tmp_path / "whole")) == set(open_store(tmp_path / "pieces"))


KG = "https://w3id.org/kg-news/ontology#"
BASE = "https://w3id.org/kg-news/id/"


def graph_of(store, subject, predicate) -> set[str]:
    return {q.graph_name.value for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)}


def test_each_article_and_entity_has_its_named_graph(built):
    from kg.vocabulary import resource_key

    store = open_store(built)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    article = next(q.subject for q in store.quads_for_pattern(None, ox.NamedNode(KG + "articleKey"), None))
    key = next(store.quads_for_pattern(article, ox.NamedNode(KG + "articleKey"), None)).object.value
    own = ox.NamedNode(f"{BASE}graph/article/{resource_key(key)}")
    in_own = {(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, None, own)}
    assert (article, ox.NamedNode(KG + "articleKey")) in in_own
    # what points to the article or lies in it: the mentions and the evidence spans
    mentions = list(store.quads_for_pattern(None, ox.NamedNode(KG + "mentionedIn"), article))
    spans = list(store.quads_for_pattern(None, ox.NamedNode(KG + "inArticle"), article))
    assert mentions and all(q.graph_name == own for q in mentions + spans)
    for span in spans:
        assert {q.graph_name for q in store.quads_for_pattern(span.subject, None, None)} == {own}
    # an entity's own statements in its graph; a co-occurrence in the graph of its smaller entity id
    person = ox.NamedNode(BASE + "person-241c03a2467d")  # 贺海东
    assert graph_of(store, person, "http://www.w3.org/2000/01/rdf-schema#label") == {f"{BASE}graph/entity/person-241c03a2467d"}
    pairs = list(store.quads_for_pattern(None, ox.NamedNode(KG + "participant"), person))
    assert pairs
    for pair in pairs:
        ids = sorted(q.object.value.rsplit("/", 1)[1]
                     for q in store.quads_for_pattern(pair.subject, ox.NamedNode(KG + "participant"), None))
        assert {q.graph_name.value for q in store.quads_for_pattern(pair.subject, None, None)} == {f"{BASE}graph/entity/{ids[0]}"}


def test_queries_read_the_union_of_the_named_graphs(built):
    from kg.query import execute

    result = execute(open_store(built), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(result.rows[0][0]) == len(open_store(built))


def rebuild(corpus, out) -> str:
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def two_pages(seeds_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for page in sorted(seeds_dir.glob("*.txt"))[:2]:
        (corpus / page.name).write_bytes(page.read_bytes())
    return corpus


def test_a_store_without_digests_or_that_does_not_open_is_written_whole(seeds_dir, tmp_path):
    from kg.store import DIGESTS

    corpus, out, clean = two_pages(seeds_dir, tmp_path), tmp_path / "out", tmp_path / "clean"
    rebuild(corpus, out)
    expected = set(open_store(out))
    (out / STORE / DIGESTS).unlink()
    assert "written whole: the previous store has no digests" in rebuild(corpus, out)
    assert set(open_store(out)) == expected
    (out / STORE / "CURRENT").write_text("garbage\n")  # digests there, the database broken
    assert "written whole: the previous store did not open" in rebuild(corpus, out)
    assert set(open_store(out)) == expected
    assert "0 of " in rebuild(corpus, out)  # and the next build updates it again


def test_a_reader_sees_the_whole_old_store_or_the_whole_new_one_during_a_rebuild(seeds_dir, tmp_path):
    import subprocess
    import sys

    from kg.query import canned, execute

    def answer(store):
        return sorted(map(tuple, execute(store, canned("relations")).rows)), len(store)

    corpus, out, clean = two_pages(seeds_dir, tmp_path), tmp_path / "out", tmp_path / "clean"
    rebuild(corpus, out)
    reader = open_store(out)
    old = answer(reader)
    for page in sorted(seeds_dir.glob("*.txt"))[2:]:
        (corpus / page.name).write_bytes(page.read_bytes())
    rebuild(corpus, clean)
    new = answer(open_store(clean))
    assert new != old
    writer = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = []
    while writer.poll() is None:
        seen.append(answer(open_store(out)))  # each a fresh reader, opened whenever the loop gets there
    assert writer.returncode == 0, writer.stderr.read()
    assert len(seen) > 3 and all(found in (old, new) for found in seen)
    assert answer(reader) == old  # opened before the rebuild: the old store, still there and whole
    assert answer(open_store(out)) == new
    folder = os.path.realpath(out / STORE)
    old_folders = [p for p in out.iterdir() if p.name.startswith(".store") and str(p) != folder]
    assert old_folders  # held by the reader: not deleted under it
    reader.close()
    rebuild(corpus, out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == [os.readlink(out / STORE)]


def test_a_change_to_most_of_the_graph_or_another_base_iri_writes_the_store_whole(seeds_dir, tmp_path):
    corpus, out, clean = two_pages(seeds_dir, tmp_path), tmp_path / "out", tmp_path / "clean"
    pages = sorted(seeds_dir.glob("*.txt"))
    (corpus / pages[1].name).unlink()
    rebuild(corpus, out)
    for page in pages:  # five times the pages: most triples are new
        (corpus / page.name).write_bytes(page.read_bytes())
    assert "written whole: more than 50% of the triples changed" in rebuild(corpus, out)
    rebuild(corpus, clean)
    assert set(open_store(out)) == set(open_store(clean))
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--workers", "1",
                                      "--base-iri", "http://example.org/kg/"])
    assert result.exit_code == 0 and "written whole: another base IRI" in result.output
    graphs = {q.graph_name.value for q in open_store(out)}
    assert graphs and all(g.startswith("http://example.org/kg/graph/") for g in graphs)


def test_a_patched_graph_holds_the_new_triples_however_either_side_writes_them():
    """_patch compares N-Triples lines: a triple the store writes otherwise than the new text (an escaped
    tab, a Unicode escape) is removed and added again, so the graph ends as the new text says."""
    import pyoxigraph as ox

    from kg.store import _patch

    g, other = "http://example.org/g", "http://example.org/h"
    kept = '<http://example.org/a> <http://example.org/p> "tab\there"'
    store = ox.Store()
    old_text = "\n".join([kept, '<http://example.org/a> <http://example.org/p> "1"',
                          '<http://example.org/a> <http://example.org/q> "gone"'])
    for text, graph in ((old_text, g), ('<http://example.org/a> <http://example.org/p> "1"', other)):
        store.extend(ox.parse("".join(f"{line} <{graph}> .\n" for line in text.split("\n")).encode(),
                              format=ox.RdfFormat.N_QUADS))
    new_text = "\n".join(['<http://example.org/a> <http://example.org/p> "tab\\u0009here"',  # the same
                          '<http://example.org/a> <http://example.org/p> "2"',
                          '<http://example.org/b> <http://example.org/p> "\\u00E9t\\u00E9"@fr'])
    _patch(store, [(g, f"<{g}>", new_text, None)])
    expected = set(ox.parse("".join(f"{line} <{g}> .\n" for line in new_text.split("\n")).encode(),
                            format=ox.RdfFormat.N_QUADS))
    assert set(store.quads_for_pattern(None, None, None, ox.NamedNode(g))) == expected
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(other)))) == 1
    _patch(store, [(g, f"<{g}>", "", None)])
    assert not list(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))


def test_a_patch_reads_the_previous_triples_from_the_kept_text_only_when_it_is_that_text(tmp_path):
    """The text a store folder kept of a graph (kg.storetext) stands for the graph's previous triples when its
    digest matches; a file that does not match is not used (the triples are read out of the store)."""
    import hashlib
    import zlib

    from kg import storetext
    from kg.store import _patch

    g = "http://example.org/g"
    old_text = '<http://example.org/a> <http://example.org/p> "1"\n<http://example.org/a> <http://example.org/q> "x"'
    new_text = '<http://example.org/a> <http://example.org/p> "2"\n<http://example.org/a> <http://example.org/q> "x"'
    digest = hashlib.sha1(old_text.encode()).hexdigest()
    storetext.save(tmp_path, digest, old_text)
    assert storetext.load(tmp_path, digest) == old_text and storetext.load(tmp_path, "0" * 40) is None

    def patched(in_store: str) -> set:
        store = ox.Store()
        store.extend(ox.parse("".join(f"{line} <{g}> .\n" for line in in_store.split("\n")).encode(),
                              format=ox.RdfFormat.N_QUADS))
        _patch(store, [(g, f"<{g}>", new_text, digest)], tmp_path)
        return {str(quad.object) for quad in store}

    # the kept text is trusted: a triple only the store holds (never in the text) stays
    assert patched(old_text + '\n<http://example.org/a> <http://example.org/r> "extra"') == {'"2"', '"x"', '"extra"'}
    (tmp_path / storetext.TEXT / digest).write_bytes(zlib.compress(b"<http://example.org/a> <http://example.org/p> \"1\""))
    # another text under that digest: the store's triples are read instead, so the extra one goes
    assert patched(old_text + '\n<http://example.org/a> <http://example.org/r> "extra"') == {'"2"', '"x"'}


def test_the_half_made_copy_of_a_store_a_killed_build_left_is_deleted_by_the_next_build(tmp_path, seeds_dir):
    """A rebuild copies the previous store (RocksDB's checkpoint, made in ``<folder>.tmp`` and renamed when
    done): a build killed meanwhile leaves that folder, and the next build must delete it, as it deletes the
    store folders nothing points to; one a running build is making stays."""
    import shutil

    out = tmp_path / "out"
    page = str(sorted(seeds_dir.glob("*.txt"))[0])
    assert CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"]).exit_code == 0
    pid = os.fork()  # a process that no longer runs once reaped: the killed build
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    left = out / f".store-{pid}-0123abcd.tmp"
    shutil.copytree(out / os.readlink(out / STORE), left)  # what the checkpoint had made
    running = out / f".store-{os.getppid()}-4567cdef.tmp"  # this test's parent runs: a build still copying
    running.mkdir()
    assert CliRunner().invoke(cli, ["build", page, "-o", str(out), "--workers", "1"]).exit_code == 0
    assert not left.exists()
    assert running.is_dir()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == sorted(
        [os.readlink(out / STORE), running.name])
