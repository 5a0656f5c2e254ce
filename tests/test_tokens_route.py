"""Both route searches (compiled and pure Python) and the unrolled HMM cut exactly as jieba does."""
from __future__ import annotations

import random

import jieba.finalseg
import pytest

from kg.corpus import read_articles
from kg.extract import cutter as cutter_module
from kg.extract.cutter import OTHER_CHARS, CompiledRoute, DagCutter
from kg.extract.hmm import HmmCutter
from kg.extract.tokens import PUNCTUATION, get_tokenizer

# Characters in and out of jieba's HMM emission tables (out of them, states tie), ASCII, spaces, punctuation.
MIXED = ("呼和浩特市长贺海东局项目工程的了在是我市委副书记欧阳明辉祁晓燕孙岳龙龘丄丅丏両丂丆丌"
         "abcXYZCEO0123456789 \n\r\t.%-+#&_，。、“”（）1.5%")
# Characters jieba and jieba-rs may read differently: other ideographs, a control character jieba calls a space.
OTHER = "㐀䶵豈鿖\x1c\U00020000①"


def random_texts(seed: int, count: int, alphabet: str = MIXED, longest: int = 40):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


@pytest.fixture(scope="module")
def seed_sentences(seeds_dir):
    sentences = [s.text for a in read_articles([str(seeds_dir)]) for s in a.sentences]
    assert len(sentences) > 300
    return sentences


@pytest.fixture(scope="module")
def python_cutter():
    cutter = DagCutter(get_tokenizer()._jieba, compiled=False)
    assert cutter.compiled is None
    return cutter


def jieba_words(text: str) -> list[str]:
    return list(get_tokenizer()._jieba.cut(text, HMM=True))


def test_python_route_cuts_the_seeds_as_jieba(python_cutter, seed_sentences):
    for text in seed_sentences:
        assert python_cutter.cut(text) == jieba_words(text), text


def test_python_route_cuts_random_text_as_jieba(python_cutter):
    for text in random_texts(11, 2000):
        assert python_cutter.cut(text) == jieba_words(text), repr(text)


def test_without_the_compiled_library_the_python_route_is_used(monkeypatch):
    monkeypatch.setattr(cutter_module, "rjieba", None)
    cutter = DagCutter(get_tokenizer()._jieba)
    assert cutter.compiled is None
    assert cutter.cut("呼和浩特市委副书记贺海东在CEO会上") == jieba_words("呼和浩特市委副书记贺海东在CEO会上")


def test_compiled_route_is_the_python_route(python_cutter, seed_sentences):
    pytest.importorskip("rjieba")
    compiled = get_tokenizer()._cut
    assert compiled.compiled is not None
    han = jieba.re_han_default
    blocks = [b for text in seed_sentences for b in han.split(text) if b and han.match(b)]
    blocks += [b for text in random_texts(5, 2000) for b in han.split(text) if b and han.match(b)]
    assert len(blocks) > 3000
    checked = 0
    for block in blocks:
        route = compiled.compiled.route(block)
        if route is not None:
            checked += 1
            assert route == python_cutter.route(block), block
    assert checked > 0.9 * len(blocks)


def test_compiled_cutter_cuts_random_text_as_jieba():
    pytest.importorskip("rjieba")
    cutter = get_tokenizer()._cut
    assert cutter.compiled is not None
    for text in random_texts(13, 3000):
        assert cutter.cut(text) == jieba_words(text), repr(text)
    for text in random_texts(19, 2000, MIXED + OTHER):
        assert cutter.cut(text) == jieba_words(text), repr(text)


def test_whole_sentences_go_to_the_compiled_search_with_any_character_it_reads_as_jieba():
    pytest.importorskip("rjieba")
    cutter = get_tokenizer()._cut
    allowed = [chr(c) for c in range(0x10000) if not OTHER_CHARS.match(chr(c))]
    assert len(allowed) > 21000 and "\x1c" not in allowed and "㐀" not in allowed
    for char in allowed:
        text = f"在{char}呼和浩特{char}a{char}{char}1{char}市"
        assert cutter.compiled.sentence_route(text) is not None
        assert cutter.cut(text) == jieba_words(text), repr(text)
    assert cutter.compiled.sentence_route("在㐀市") is None


def test_compiled_route_splits_joined_letters_and_gives_up_on_dictionary_words():
    pytest.importorskip("rjieba")
    compiled = get_tokenizer()._cut.compiled
    assert compiled.route("ab新闻") == ["a", "b", "新闻"]  # jieba-rs joins single letters: split back
    assert "CEO" in compiled.ascii_words
    assert compiled.route("CEO会议") is None  # one word or three letters? left to the Python search
    cutter = get_tokenizer()._cut
    assert cutter.join_singles(compiled.sentence_route("在CEO会议上")) is None
    assert cutter.join_singles(compiled.sentence_route("在ab会议上")) == jieba_words("在ab会议上")
    assert get_tokenizer()._cut.cut("CEO会议") == jieba_words("CEO会议")


def test_compiled_route_needs_a_total_it_can_reach():
    pytest.importorskip("rjieba")
    assert CompiledRoute.build({"新闻": 5, "新": 0}, 3) is None
    padded = CompiledRoute.build({"新闻": 5, "新": 0}, 500)
    assert padded.route("新闻") == ["新闻"]


def test_unrolled_hmm_guesses_as_jieba():
    hmm = HmmCutter()
    for text in random_texts(17, 3000, longest=12):
        assert hmm.cut(text) == list(jieba.finalseg.cut(text)), repr(text)
        assert hmm.cut(text) == list(jieba.finalseg.cut(text)), repr(text)  # kept answer


def test_unrolled_hmm_notices_words_forced_apart(monkeypatch):
    hmm = HmmCutter()
    text = "孙岳龙说"
    words = hmm.cut(text)
    assert len(words[0]) > 1
    monkeypatch.setattr(jieba.finalseg, "Force_Split_Words", {words[0]})
    assert hmm.cut(text) == list(jieba.finalseg.cut(text)) == list(words[0]) + words[1:]


def test_tokens_are_the_same_when_words_repeat(seed_sentences):
    tokenizer = get_tokenizer()
    first = [tokenizer.tokenize(text) for text in seed_sentences[:200]]
    tokenizer._pieces.clear()
    again = [tokenizer.tokenize(text) for text in seed_sentences[:200]]
    assert first == again
    for tokens, text in zip(first, seed_sentences):
        assert "".join(t.text for t in tokens) == text
        assert all(text[t.start:t.end] == t.text for t in tokens)


def test_token_kinds_are_those_of_their_text(seed_sentences):
    tokenizer = get_tokenizer()
    tokens = [t for text in seed_sentences[:300] + ["（李海鹰说）, abc 2023年"] for t in tokenizer.tokenize(text)]
    assert any(t.is_punct for t in tokens) and any(t.is_cjk for t in tokens)
    assert any(not t.is_cjk and not t.is_punct for t in tokens)
    for token in tokens:
        assert token.is_punct == all(ch in PUNCTUATION for ch in token.text), token
        assert token.is_cjk == all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in token.text), token


def test_tokens_are_the_same_when_the_kept_words_and_runs_overflow(monkeypatch, seed_sentences):
    from kg.extract import hmm, tokens

    tokenizer = get_tokenizer()
    texts = seed_sentences[:150]
    expected = [tokenizer.tokenize(text) for text in texts]
    monkeypatch.setattr(tokens, "MAX_KEPT_WORDS", 5)
    monkeypatch.setattr(hmm, "MAX_KEPT_RUNS", 2)
    tokenizer._pieces.clear()
    tokenizer._cut.hmm.kept.clear()
    assert [tokenizer.tokenize(text) for text in texts] == expected
    assert len(tokenizer._pieces) <= 5 and len(tokenizer._cut.hmm.kept) <= 2
