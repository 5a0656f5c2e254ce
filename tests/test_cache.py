"""The extraction cache: keyed by input, code and lexicons; incremental builds re-extract only what changed."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from kg import cache as cache_module
from kg.cache import Cache, document_key
from kg.cli import cli
from kg.model import Document
from kg.pipeline import extract

OUTPUTS = ("entities.jsonl", "graph.json", "graph.ttl", "graph.graphml", "graph.html")


def pages(seeds_dir, count):
    return sorted(seeds_dir.glob("*.txt"))[:count]


def corpus_of(seeds_dir, folder, count):
    folder.mkdir(exist_ok=True)
    for page in pages(seeds_dir, count):
        shutil.copy(page, folder / page.name)
    return folder


def test_adding_a_page_extracts_only_that_page_and_matches_a_fresh_build(tmp_path, seeds_dir):
    corpus = corpus_of(seeds_dir, tmp_path / "corpus", 2)
    store = Cache(tmp_path / "cache")
    extract([str(corpus)], cache=store)
    assert (store.hits, store.misses) == (0, 2)
    shutil.copy(pages(seeds_dir, 3)[2], corpus)
    store = Cache(tmp_path / "cache")
    cached = extract([str(corpus)], cache=store)
    assert (store.hits, store.misses) == (2, 1)
    fresh = extract([str(corpus)])
    assert [(m.article.key, m.start, m.end, m.type, m.name) for m in cached.mentions] == \
        [(m.article.key, m.start, m.end, m.type, m.name) for m in fresh.mentions]
    assert [(e.id, e.name, sorted(e.aliases)) for e in cached.entities] == \
        [(e.id, e.name, sorted(e.aliases)) for e in fresh.entities]


def test_incremental_build_writes_the_same_bytes_as_a_clean_build(tmp_path, seeds_dir):
    corpus = corpus_of(seeds_dir, tmp_path / "corpus", 2)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "inc"), "--workers", "1"]).exit_code == 0
    entries = sorted((tmp_path / "inc" / ".cache").glob("*/*.json"))
    assert len(entries) == 2
    shutil.copy(pages(seeds_dir, 3)[2], corpus)
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "inc")]).exit_code == 0
    assert set(entries) < set((tmp_path / "inc" / ".cache").glob("*/*.json"))  # old entries reused, one added
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "clean"), "--no-cache"]).exit_code == 0
    assert not (tmp_path / "clean" / ".cache").exists()
    for name in OUTPUTS:
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    assert not list((tmp_path / "inc" / ".cache").glob("*/.*.tmp"))  # no half-written entry left


def test_removed_pages_leave_the_default_cache(tmp_path, seeds_dir):
    corpus = corpus_of(seeds_dir, tmp_path / "corpus", 3)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out")]).exit_code == 0
    assert len(list((tmp_path / "out" / ".cache").glob("*/*.json"))) == 3
    (corpus / pages(seeds_dir, 3)[0].name).unlink()
    assert runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out")]).exit_code == 0
    assert len(list((tmp_path / "out" / ".cache").glob("*/*.json"))) == 2


def test_a_damaged_entry_is_extracted_again(tmp_path, seeds_dir):
    corpus = corpus_of(seeds_dir, tmp_path / "corpus", 1)
    store = Cache(tmp_path / "cache")
    first = extract([str(corpus)], cache=store)
    (entry,) = (tmp_path / "cache").glob("*/*.json")
    entry.write_bytes(b"not an entry")
    again = extract([str(corpus)], cache=Cache(tmp_path / "cache"))
    assert [m.name for m in again.mentions] == [m.name for m in first.mentions] and first.mentions
    assert entry.read_bytes() != b"not an entry"


def test_key_depends_on_text_source_and_metadata():
    base = Document(source="a.txt", text="呼和浩特市市长贺海东")
    assert document_key(base) == document_key(Document(source="a.txt", text="呼和浩特市市长贺海东"))
    for other in (Document(source="b.txt", text=base.text), Document(source="a.txt", text=base.text + "。"),
                  Document(source="a.txt", text=base.text, date="2024-01-09"),
                  Document(source="a.txt", text=base.text, year=2024)):
        assert document_key(other) != document_key(base)


def test_fingerprint_changes_with_lexicons_and_code(tmp_path, monkeypatch):
    package = tmp_path / "kg"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    compute = cache_module.fingerprint.__wrapped__
    before = compute()
    assert compute() == before
    surnames = package / "lexicons" / "surnames.txt"
    surnames.write_text(surnames.read_text(encoding="utf-8") + "龘\n", encoding="utf-8")
    after_lexicon = compute()
    assert after_lexicon != before
    tokens = package / "extract" / "tokens.py"
    tokens.write_text(tokens.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after_code = compute()
    assert after_code != after_lexicon
    (package / "graph.py").write_text("# not part of extraction\n", encoding="utf-8")
    assert compute() == after_code  # the graph stage runs after the cache: its code is not in the key


def test_decoding_checks_every_field_of_the_usual_rows_too():
    """Sentences and mentions are decoded with their usual shape checked inline: a row that differs in one
    field (a float, a string for a number, True for 1, an article out of range) is still refused, and a
    row as written reads back as it was."""
    import json

    import pytest

    from kg.cache import Unusable, decode_result
    from kg.model import Document, Mention, Sentence

    document = Document(source="a.txt", text="甲乙丙丁。戊己庚辛。")
    article = [0, 0, 10, None, None, None, None, [[0, 5, "甲乙丙丁。", []], [5, 10, "戊己庚辛。", [[1, 2]]]], [],
               None, False, []]
    mention = ["甲乙", "person", 0, 2, 0, 0, None, "rule"]
    entry = {"articles": [article], "mentions": [mention], "roles": [], "relations": []}
    articles, mentions, _ = decode_result(json.dumps(entry).encode(), document)
    assert articles[0].sentences == [Sentence(0, 5, "甲乙丙丁。"), Sentence(5, 10, "戊己庚辛。", ((1, 2),))]
    assert mentions == [Mention("甲乙", "person", 0, 2, articles[0], 0, None, "rule")]
    for where, bad in [(("m", 2), 0.0), (("m", 2), "0"), (("m", 4), 1), (("m", 4), True), (("m", 5), True),
                       (("m", 6), 3), (("m", 7), None), (("s", 0), "0"), (("s", 2), None), (("s", 3), [[1]]),
                       (("s", 1), True)]:
        damaged = json.loads(json.dumps(entry))
        row = damaged["mentions"][0] if where[0] == "m" else damaged["articles"][0][7][0]
        row[where[1]] = bad
        with pytest.raises(Unusable):
            decode_result(json.dumps(damaged).encode(), document)


def test_relations_found_at_extraction_come_back_from_the_cache(seeds_dir):
    """Each article's stated relations are found once, by extraction, and kept in its cache entry: decoded,
    they are the relations found in it again from its mentions."""
    from kg.cache import decode_result, encode_result
    from kg.corpus import read_documents
    from kg.extract.relations import find_relations
    from kg.parallel import extract_document

    def rows(articles, mentions):
        number = {id(m): n for n, m in enumerate(mentions)}
        return [(a.key, f.relation, number[id(f.subject)], number[id(f.object)], f.verb, f.start, f.end)
                for a in articles for f in a.stated]

    seen = 0
    for document in read_documents([str(seeds_dir)]):
        articles, mentions, roles = extract_document(document)
        again = [(a.key, f.relation, mentions.index(f.subject), mentions.index(f.object), f.verb, f.start, f.end)
                 for a in articles for f in find_relations(a, [m for m in mentions if m.article is a])]
        assert rows(articles, mentions) == again
        decoded = decode_result(encode_result((articles, mentions, roles)), document)
        assert rows(decoded[0], decoded[1]) == again
        seen += len(again)
    assert seen > 0
