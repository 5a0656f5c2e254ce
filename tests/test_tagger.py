"""The statistical tagger: features, decoding, training on a small sample, the shipped model."""
from __future__ import annotations

import random

import numpy as np
import pytest

from kg.annotated import TaggedSentence, span_labels
from kg.extract.features import TEMPLATES, char_features
from kg.extract.network import Network
from kg.network_training import DEFAULT_WEIGHT
from kg.extract.tagger import (LABELS, Tagger, TaggerModel, allowed_transitions,
                               get_tagger, label_spans)
from kg.extract import tag_sentences
from kg.extract.tokens import get_tokenizer

from made_up import made_up_sentences


def test_features_have_one_row_per_character_and_are_deterministic():
    text = "国务院总理李克强在北京会见了来访的法国客人。"
    tokens = get_tokenizer().tokenize(text)
    keys = char_features(text, tokens)
    assert keys.shape == (len(text), TEMPLATES) and keys.dtype == np.int64
    assert np.array_equal(keys, char_features(text, get_tokenizer().tokenize(text)))
    templates = keys >> 42
    assert (templates == np.arange(TEMPLATES)).all()  # each column holds its own template's keys


def test_labels_and_spans_round_trip():
    spans = [(0, 3, "person"), (4, 5, "place"), (6, 10, "organization")]
    labels = span_labels(11, spans)
    assert labels[:3] == ["B-PER", "I-PER", "E-PER"] and labels[4] == "S-LOC"
    assert label_spans([LABELS.index(label) for label in labels]) == spans


def test_spans_are_read_from_any_label_sequence_as_label_by_label():
    def one_by_one(labels):  # the plain reading: an O ends what was open
        spans, start = [], None
        for i, index in enumerate(labels):
            label = LABELS[index]
            kind = {"PER": "person", "LOC": "place", "ORG": "organization"}.get(label[2:])
            if label == "O":
                start = None
            elif label[0] == "S":
                spans.append((i, i + 1, kind))
                start = None
            elif label[0] == "B":
                start = i
            elif label[0] == "E" and start is not None:
                spans.append((start, i + 1, kind))
                start = None
        return spans

    rng = random.Random(4)
    for _ in range(2000):  # sequences no decoder gives too (B O E, E alone, I after O)
        labels = [rng.randrange(len(LABELS)) if rng.random() < 0.4 else 0 for _ in range(rng.randrange(12))]
        assert label_spans(labels) == one_by_one(labels) == label_spans(np.array(labels))


def test_decoding_never_takes_a_forbidden_transition():
    allowed = allowed_transitions()
    assert not allowed[LABELS.index("B-PER"), LABELS.index("O")]
    assert not allowed[LABELS.index("O"), LABELS.index("I-LOC")]
    assert allowed[LABELS.index("E-ORG"), LABELS.index("B-PER")]
    size = len(LABELS)
    # Emissions that favour an impossible sequence (I-PER first, then O): decoding must still be valid.
    emissions = np.zeros((4, size), dtype=np.float32)
    emissions[0, LABELS.index("I-PER")] = 5
    emissions[1, LABELS.index("B-PER")] = 5
    model = TaggerModel(np.array([1], dtype=np.int64), np.zeros((2, size), dtype=np.float32),
                        np.where(allowed, 0, -1e4).astype(np.float32), {})
    path = model.decode([emissions])[0]
    assert all(allowed[a, b] for a, b in zip(path, path[1:]))
    assert LABELS[path[0]] == "O" or LABELS[path[0]][0] in "BS"
    assert LABELS[path[-1]] == "O" or LABELS[path[-1]][0] in "ES"


@pytest.mark.parametrize("method", ["decode", "marginals"])
def test_sentences_packed_in_rows_get_what_each_gets_alone(monkeypatch, method):
    import kg.extract.tagger as tagger_module

    size = len(LABELS)
    rng = np.random.default_rng(7)
    transitions = np.where(allowed_transitions(), rng.normal(size=(size, size)), -1e4).astype(np.float32)
    model = TaggerModel(np.array([1], dtype=np.int64), np.zeros((2, size), dtype=np.float32), transitions, {})
    run = getattr(model, method)  # the best paths, or each character's label probabilities
    sentences = [rng.normal(scale=3, size=(n, size)).astype(np.float32) for n in (5, 1, 9, 2, 7, 3, 3, 12, 1, 4)]
    alone = [run([emissions])[0] for emissions in sentences]
    for rows in (1, 3, 32):  # several sentences one after the other in a row
        monkeypatch.setattr(tagger_module, "DECODE_ROWS", rows)
        packed = run(sentences)
        assert [len(result) for result in packed] == [len(e) for e in sentences]
        assert all(np.allclose(a, b, rtol=0, atol=1e-9) for a, b in zip(packed, alone))


def test_marginals_are_the_label_probabilities_over_every_allowed_path():
    import itertools

    size = len(LABELS)
    allowed = allowed_transitions()
    rng = np.random.default_rng(5)
    transitions = np.where(allowed, rng.normal(size=(size, size)), -1e4).astype(np.float32)
    model = TaggerModel(np.array([1], dtype=np.int64), np.zeros((2, size), dtype=np.float32), transitions, {})
    sentences = [rng.normal(scale=2, size=(n, size)).astype(np.float32) for n in (3, 1, 2)]
    first = [LABELS.index(x) for x in LABELS if x == "O" or x[0] in "BS"]
    last = [LABELS.index(x) for x in LABELS if x == "O" or x[0] in "ES"]
    for emissions, marginals in zip(sentences, model.marginals(sentences)):
        expected = np.zeros_like(marginals)
        for path in itertools.product(range(size), repeat=len(emissions)):
            if path[0] not in first or path[-1] not in last or not all(allowed[a, b] for a, b in zip(path, path[1:])):
                continue
            score = sum(emissions[i, label] for i, label in enumerate(path))
            score += sum(transitions[a, b] for a, b in zip(path, path[1:]))
            expected[np.arange(len(path)), path] += np.exp(score)
        expected /= expected.sum(axis=1, keepdims=True)
        assert np.allclose(marginals, expected, atol=1e-5)


def test_template_lookups_give_the_rows_a_search_of_the_sorted_keys_gives():
    from kg.extract.features import BOS, EOS, SMALL_TEMPLATES, VALUE_BITS

    rng = np.random.default_rng(3)
    size = len(LABELS)
    per_template = []
    for number in range(TEMPLATES):
        values = np.concatenate([rng.integers(0, 0xFFFF, 40), rng.integers(0, 1 << 41, 40), [0, 1, BOS, EOS]])
        if number in SMALL_TEMPLATES:  # some values past the bound of a small template's array
            values = np.concatenate([values % SMALL_TEMPLATES[number], values[:20]])
        per_template.append(values)
    keys = np.unique(np.concatenate([v | number << VALUE_BITS for number, v in enumerate(per_template)]))
    weights = np.vstack([rng.normal(size=(len(keys), size)), np.zeros((1, size))]).astype(np.float32)
    model = TaggerModel(keys, weights, np.zeros((size, size), dtype=np.float32), {})
    # Known values and unknown ones (around the known, past the arrays, character codes, BOS and EOS).
    asked = np.stack([rng.permutation(np.concatenate([v, v + 1, rng.integers(0, 1 << 41, 30), [0, BOS, EOS]]))[:150]
                      for v in per_template], axis=1) | (np.arange(TEMPLATES) << VALUE_BITS)
    found = np.searchsorted(keys, asked)
    rows = np.where(keys[found.clip(max=len(keys) - 1)] == asked, found, len(keys))
    expected = weights[rows[:, 0]]
    for column in range(1, TEMPLATES):
        expected += weights[rows[:, column]]
    assert (rows < len(keys)).mean() > 0.3 and (rows == len(keys)).mean() > 0.3
    assert np.array_equal(model.emissions(asked), expected)
    # Character values of templates 1-5 within the array; values of a small template past its bound.
    char_values = [np.array([0, 0xFFFF, BOS, EOS]) | 1 << VALUE_BITS]
    assert np.array_equal(model.template_rows.rows(1, char_values[0] & ((1 << VALUE_BITS) - 1)),
                          [np.searchsorted(keys, k) if k in keys else len(keys) for k in char_values[0]])


def test_scored_spans_carry_a_confidence_between_zero_and_one():
    tagger = get_tagger()
    texts = ["市长王建国在杭州会见宏博电气负责人。"]
    tokens = [get_tokenizer().tokenize(texts[0])]
    plain, scored = tagger.tag(texts, tokens)[0], tagger.tag(texts, tokens, scored=True)[0]
    assert [span[:3] for span in scored] == plain
    assert plain and all(0.0 < span[3] <= 1.0 for span in scored)


def test_read_gives_the_label_probabilities_of_probed_spans_the_tagger_did_not_tag():
    tagger = get_tagger()
    text = "村民过着富裕的生活，市长王建国在杭州调研。"
    tokens = [get_tokenizer().tokenize(text)]
    spans = tagger.tag([text], tokens)[0]
    tagged = next(span[:2] for span in spans if text[span[0]:span[1]] == "杭州")
    other = (text.index("过着"), text.index("过着") + 2)
    (scored, readings), = tagger.read([text], tokens, [[]], [[tagged, other]])
    assert [span[:3] for span in scored] == spans
    assert list(readings) == [other]  # a span the tagger tagged needs no reading
    rows = readings[other]
    assert rows.shape == (2, len(LABELS)) and np.allclose(rows.sum(axis=1), 1.0)
    assert rows[:, LABELS.index("O")].mean() > 0.5  # 过着 reads as no name
    # Nothing probed, every span known to the rules: no forward-backward, no readings.
    (_, none), = tagger.read([text], tokens, [[(*span, "person", "rule") for span in [s[:2] for s in spans]]], [[]])
    assert none == {}


@pytest.fixture(scope="module")
def small_model():
    from kg.train import TrainingSettings, train_model

    return train_model(made_up_sentences(300, seed=1), TrainingSettings(max_iterations=40), log=lambda _: None)


def test_training_on_a_small_sample_learns_names_it_never_saw(small_model):
    tagger = Tagger(small_model)
    rng = random.Random(99)
    held_out = made_up_sentences(60, seed=2)
    for sentence in held_out:  # given-name characters never seen in training
        start, end, _ = next(span for span in sentence.spans if span[2] == "person")
        name = sentence.text[start] + "".join(rng.choice("嘉睿博俊鹏飞凯瑞") for _ in range(end - start - 1))
        sentence.text = sentence.text[:start] + name + sentence.text[end:]
    predicted = tag_sentences([s.text for s in held_out], tagger)
    gold = sum(len(s.spans) for s in held_out)
    correct = sum(len(set(p) & set(s.spans)) for p, s in zip(predicted, held_out))
    assert correct / gold >= 0.8


def test_a_saved_model_loads_back_the_same_and_is_written_byte_for_byte(small_model, tmp_path):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    small_model.save(first)
    loaded = TaggerModel.load(first)
    loaded.save(second)
    assert first.read_bytes() == second.read_bytes()
    assert np.array_equal(loaded.keys, small_model.keys)
    text = "王芳昨天在杭州参观了市科技局。"
    assert tag_sentences([text], Tagger(loaded)) == tag_sentences([text], Tagger(small_model))


@pytest.mark.parametrize("load", [TaggerModel.load, Network.load], ids=["crf", "network"])
def test_a_file_that_is_not_a_model_is_refused_with_its_name(tmp_path, load):
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="model.npz"):
        load(bad)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, keys=np.array([object()], dtype=object), inputs=np.array([object()], dtype=object))
    with pytest.raises(ValueError, match="pickled.npz"):
        load(pickled)


def test_the_shipped_model_is_loaded_once_and_finds_untitled_names():
    tagger = get_tagger()
    assert tagger is not None, "kg/models/tagger.npz is missing from the package"
    assert get_tagger() is tagger
    text = "张伟娟昨天在兰州参加了理工大学的校友聚会。"
    spans = tag_sentences([text])[0]
    assert (0, 3, "person") in spans and (text.index("兰州"), text.index("兰州") + 2, "place") in spans


def test_the_shipped_model_was_trained_on_the_features_the_code_gives_now():
    from kg.train import feature_fingerprint

    recorded = TaggerModel.load().info.get("feature_fingerprint")
    assert recorded == feature_fingerprint(), (
        "the tagger's features changed since kg/models/tagger.npz was trained (a rule, a lexicon or the "
        "tokenizer): train it again with scripts/train_tagger.py")


def test_a_trained_model_records_the_fingerprint_of_its_features(small_model):
    from kg.train import feature_fingerprint

    assert small_model.info["feature_fingerprint"] == feature_fingerprint()
    assert len(feature_fingerprint()) == 64


def test_training_varies_every_other_persons_name_and_nothing_else():
    from kg.train import vary_names

    sentences = made_up_sentences(40, seed=3) + [TaggedSentence("杭州的天气很好。", [(0, 2, "place")])]
    varied = vary_names(sentences, every=2)
    assert len(varied) == len(sentences) and varied[-1] is sentences[-1]
    changed = [(a, b) for a, b in zip(sentences, varied) if a.text != b.text]
    assert 15 <= len(changed) <= 20  # every other sentence (some made-up names may repeat by chance)
    for before, after in changed:
        assert after.spans == before.spans and len(after.text) == len(before.text)
        start, end, _ = next(span for span in before.spans if span[2] == "person")
        assert before.text[:start] == after.text[:start] and before.text[end:] == after.text[end:]


def test_varied_names_can_be_added_next_to_their_originals():
    from kg.train import vary_names

    sentences = made_up_sentences(40, seed=3)
    added = vary_names(sentences, every=2, keep_originals=True)
    replaced = vary_names(sentences, every=2)
    assert [s.text for s in added if s in sentences] == [s.text for s in sentences]  # every original kept
    extra = [s for s in added if s not in sentences]
    assert extra and [s.text for s in extra] == [s.text for s in replaced if s not in sentences]


def test_foreign_names_can_be_varied_with_transliteration_characters():
    from kg.lexicon import lexicons
    from kg.train import vary_names

    text = "美国总统克林顿会见了约翰·史密斯和王建国。"
    sentence = TaggedSentence(text, [(4, 7, "person"), (10, 16, "person"), (17, 20, "person")])
    plain = vary_names([sentence], every=1)[0].text
    foreign = vary_names([sentence], every=1, foreign_names=True)[0].text
    assert plain[10:16] == "约翰·史密斯"  # longer than three characters: left as it is by default
    chars = lexicons().transliteration_chars
    assert foreign[10:16] != "约翰·史密斯" and foreign[12] == "·"
    assert all(ch in chars for ch in foreign[4:7] + foreign[10:12] + foreign[13:16])
    assert foreign[:4] == text[:4] and foreign[16] == "和" and foreign[17:20] != "王建国"


def test_chinese_places_and_organisations_can_be_varied_keeping_their_endings():
    from kg.train import vary_names

    text = "记者在铁法市大明村见到小岭工具厂和北京大学的人。"
    spans = [(3, 6, "place"), (6, 9, "place"), (11, 16, "organization"), (17, 21, "organization")]
    sentence = TaggedSentence(text, spans)
    assert vary_names([sentence], every=1)[0].text == text  # no person: left alone by default
    varied = vary_names([sentence], every=1, chinese_places=True)
    assert len(varied) == 1 and varied[0].spans == spans and len(varied[0].text) == len(text)
    made_up = varied[0].text
    assert made_up[5] == "市" and made_up[8] == "村" and made_up[15] == "厂" and made_up[19:21] == "大学"
    assert made_up[11:13] == "小岭"  # a place leading an organisation's name is kept (a division of China)
    assert (made_up[3:5], made_up[6:8]) != ("铁法", "大明")
    assert made_up[:3] == text[:3] and made_up[9:11] == text[9:11] and made_up[21:] == text[21:]
    assert all(ch in "铁法大明" for ch in made_up[3:5] + made_up[6:8])  # drawn from the places' name parts


def test_recall_is_split_between_names_seen_in_training_and_new_ones():
    from kg.train import Corpus, recall_by_novelty

    corpus = Corpus("toy", train=[TaggedSentence("王建国在杭州。", [(0, 3, "person"), (4, 6, "place")])],
                    dev=[TaggedSentence("王建国和李四到杭州。", [(0, 3, "person"), (4, 6, "person"), (7, 9, "place")])])
    counts = recall_by_novelty(corpus, [[(0, 3, "person"), (7, 9, "place")]])
    assert counts == {"person": {"seen": [1, 1], "new": [0, 1]}, "place": {"seen": [1, 1], "new": [0, 0]}}


def test_the_block_split_keeps_the_last_tenth_apart_in_one_piece():
    from kg.train import split_corpus

    sentences = [TaggedSentence(f"第{n}句。", []) for n in range(95)]
    blocks = split_corpus("toy", sentences, 10)  # the default, as scripts/train_tagger.py's
    tenth = split_corpus("toy", sentences, 10, "every-tenth")
    number = {id(s): n for n, s in enumerate(sentences)}
    dev = [number[id(s)] for s in blocks.dev]
    assert dev == list(range(86, 95))  # contiguous, at the end, as many as every tenth sentence takes
    assert len(blocks.dev) == len(tenth.dev) and len(blocks.train) == len(tenth.train)
    assert [number[id(s)] for s in blocks.train] == list(range(86))  # disjoint: the rest, in order
    assert [number[id(s)] for s in tenth.dev] == list(range(9, 95, 10))
    with pytest.raises(ValueError):
        split_corpus("toy", sentences, 10, "random")
    everything = split_corpus("toy", sentences, 10, "none")  # the model to ship: trained on every sentence
    assert [number[id(s)] for s in everything.train] == list(range(95)) and everything.dev == []


def test_a_repeated_corpus_adds_its_training_sentences_that_many_times():
    from kg.train import Corpus, training_sentences

    first = Corpus("msra_train", train=made_up_sentences(5, seed=3), dev=made_up_sentences(1, seed=4))
    second = Corpus("cluener_train", train=made_up_sentences(3, seed=5), dev=made_up_sentences(1, seed=6))
    assert training_sentences([first, second]) == first.train + second.train
    repeated = training_sentences([first, second], {"cluener": 3})
    assert repeated == first.train + second.train * 3  # in corpus order, the dev sentences never
    assert training_sentences([first, second], {"msra_train": 2}) == first.train * 2 + second.train


def test_chinese_names_of_one_and_four_characters_can_be_varied_too():
    from kg.lexicon import lexicons
    from kg.train import vary_names

    text = "周副镇长说欧阳修文和克林顿来了。"
    sentence = TaggedSentence(text, [(0, 1, "person"), (5, 9, "person"), (10, 13, "person")])
    plain = vary_names([sentence], every=1)[0].text
    any_length = vary_names([sentence], every=1, any_length=True)[0].text
    assert plain[0] == "周" and plain[5:9] == "欧阳修文" and plain[10:13] != "克林顿"
    assert any_length[0] != "周" and any_length[0] in lexicons().surnames
    assert any_length[5:9] != "欧阳修文" and any_length[5] in lexicons().surnames
    assert any_length[1:5] == text[1:5] and any_length[9] == "和" and any_length[13:] == text[13:]


def test_foreign_looking_places_and_organisations_can_be_varied_keeping_their_endings():
    from kg.lexicon import lexicons
    from kg.train import vary_names

    text = "克林顿在纽约会见摩托罗拉公司代表，又到弗吉尼亚州、吉林省和华南。"
    spans = [(0, 3, "person"), (4, 6, "place"), (8, 14, "organization"), (19, 24, "place"), (25, 28, "place"),
             (29, 31, "place")]
    sentence = TaggedSentence(text, spans)
    varied = vary_names([sentence], every=1, foreign_names=True, places=True)[0]
    assert varied.spans == spans and len(varied.text) == len(text)
    chars = lexicons().transliteration_chars
    new = {text[s:e]: varied.text[s:e] for s, e, _ in spans}
    assert new["纽约"] != "纽约" and all(ch in chars for ch in new["纽约"])
    assert new["摩托罗拉公司"].endswith("公司") and new["摩托罗拉公司"][:4] != "摩托罗拉"
    assert new["弗吉尼亚州"].endswith("州") and new["弗吉尼亚州"][:4] != "弗吉尼亚"
    assert new["吉林省"] == "吉林省" and new["华南"] == "华南"  # a division of China, a region by its bearings
    assert varied.text[6:8] == "会见" and varied.text[14:19] == text[14:19]
    assert vary_names([sentence], every=1, foreign_names=True)[0].text[4:] == text[4:]  # off by default


def test_every_other_sentence_naming_a_foreign_place_and_no_person_is_varied_too():
    from kg.train import vary_names

    places = ["罗马", "莫斯科", "马德里", "里斯本", "卡拉奇", "多伦多", "迪拜", "波恩", "利马", "加拉加斯"]
    sentences = [TaggedSentence(f"记者在{p}采访。", [(3, 3 + len(p), "place")]) for p in places]
    varied = vary_names(sentences, every=2, places=True)
    assert [a.text != b.text for a, b in zip(sentences, varied)] == [False, True] * 5
    assert [s.text for s in vary_names(sentences, every=2, places=True)] == [s.text for s in varied]
    assert vary_names(sentences, every=2) == sentences


def test_a_model_trained_with_varied_places_finds_transliterated_places_it_never_saw():
    """Trained without ``places`` on the same sentences it found none of the 40 (and read some as people)."""
    from kg.lexicon import lexicons
    from kg.train import TrainingSettings, train_model, vary_names

    rng = random.Random(5)
    chars = sorted(lexicons().transliteration_chars)
    sentences = made_up_sentences(300, seed=4)
    for sentence in sentences[::3]:  # a third of the places foreign, of the same length, in varied sentences too
        start, end, _ = next(span for span in sentence.spans if span[2] == "place")
        sentence.text = sentence.text[:start] + rng.choice(["罗马", "达卡", "迪拜", "波恩", "利马"]) + sentence.text[end:]
    training = vary_names(sentences, every=2, keep_originals=True, foreign_names=True, places=True)
    model = train_model(training, TrainingSettings(max_iterations=40), log=lambda _: None)
    held_out = made_up_sentences(40, seed=6)
    for sentence in held_out:  # made-up transliterated places, never seen in training
        start, end, _ = next(span for span in sentence.spans if span[2] == "place")
        place = "".join(rng.choice(chars) for _ in range(end - start))
        sentence.text = sentence.text[:start] + place + sentence.text[end:]
    predicted = tag_sentences([s.text for s in held_out], Tagger(model))
    places = [next(span for span in s.spans if span[2] == "place") for s in held_out]
    assert sum(place in p for place, p in zip(places, predicted)) / len(held_out) >= 0.8


def test_a_missing_model_is_a_warning_and_extraction_goes_on_with_the_rules(monkeypatch, capsys):
    import kg.extract.tagger as tagger_module
    from extraction import found

    monkeypatch.setattr(tagger_module, "MODEL_FILE", "missing.npz")
    tagger_module._default_tagger.cache_clear()
    try:
        assert get_tagger() is None
        assert "missing.npz" in capsys.readouterr().err
        assert "王建国" in found("副省长王建国出席开幕式。").get("person", set())  # the rules still work
    finally:
        tagger_module._default_tagger.cache_clear()


def test_training_twice_on_the_same_sentences_gives_the_same_bytes(small_model, tmp_path):
    from kg.train import TrainingSettings, train_model

    again = train_model(made_up_sentences(300, seed=1), TrainingSettings(max_iterations=40), log=lambda _: None)
    small_model.save(tmp_path / "first.npz")
    again.save(tmp_path / "second.npz")
    assert (tmp_path / "first.npz").read_bytes() == (tmp_path / "second.npz").read_bytes()


def test_training_script_trains_a_model_and_scores_it(tmp_path):
    """scripts/train_tagger.py end to end on a made-up corpus: it trains the CRF and the network, writes both,
    and scores a model with the recall of names seen in training and of new ones."""
    import gzip
    import subprocess
    import sys
    from pathlib import Path

    from kg.annotated import span_labels

    data = tmp_path / "ner"
    data.mkdir()
    with gzip.open(data / "msra_train.bio.gz", "wt", encoding="utf-8") as handle:
        for sentence in made_up_sentences(200, seed=8):
            labels = span_labels(len(sentence.text), sentence.spans)
            for ch, label in zip(sentence.text, labels):  # BIOES -> BIO, as the corpus is written
                bio = "O" if label == "O" else ("B-" if label[0] in "BS" else "I-") + label.split("-", 1)[1]
                handle.write(f"{ch}\t{bio}\n")
            handle.write("\n")
    script = Path(__file__).resolve().parent.parent / "scripts" / "train_tagger.py"
    model, network = tmp_path / "tagger.npz", tmp_path / "network.npz"
    trained = subprocess.run([sys.executable, str(script), str(data), "-o", str(model), "--iterations", "20",
                              "--network-output", str(network), "--network-epochs", "2", "--network-hidden", "8"],
                             capture_output=True, text=True, timeout=300)
    assert trained.returncode == 0, trained.stderr
    assert model.exists() and "msra_train development split (20 sentences" in trained.stdout
    assert network.exists() and f"the CRF and the network (weight {DEFAULT_WEIGHT})" in trained.stdout
    assert Network.load(network).info["feature_fingerprint"] == TaggerModel.load(model).info["feature_fingerprint"]
    scored = subprocess.run([sys.executable, str(script), str(data), "--evaluate", str(model),
                             "--network-output", str(network)], capture_output=True, text=True, timeout=300)
    assert scored.returncode == 0, scored.stderr
    person = next(line for line in scored.stdout.splitlines() if line.startswith("person"))
    assert " of " in person and " / " in person  # recall of seen and of new names


def test_training_script_writes_the_block_split_by_default_and_refuses_an_unknown_corpus_to_repeat(tmp_path):
    import gzip
    import subprocess
    import sys
    from pathlib import Path

    from kg.annotated import read_annotated, write_cluener

    data = tmp_path / "ner"
    data.mkdir()
    sentences = made_up_sentences(50, seed=9)
    with gzip.open(data / "cluener_train.jsonl.gz", "wt", encoding="utf-8") as handle:
        write_cluener(sentences, handle)
    script = Path(__file__).resolve().parent.parent / "scripts" / "train_tagger.py"
    run = subprocess.run([sys.executable, str(script), str(data), "--write-dev",  # the default split: blocks
                          str(tmp_path / "dev")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    written = read_annotated(tmp_path / "dev" / "cluener_dev.jsonl")
    assert [s.text for s in written] == [s.text for s in sentences[45:]]
    refused = subprocess.run([sys.executable, str(script), str(data), "--repeat-corpus", "msra=2"],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "--repeat-corpus msra=2" in refused.stderr


def test_training_script_trains_on_every_sentence_without_a_development_split(tmp_path):
    import gzip
    import subprocess
    import sys
    from pathlib import Path

    from kg.annotated import write_cluener

    data = tmp_path / "ner"
    data.mkdir()
    with gzip.open(data / "cluener_train.jsonl.gz", "wt", encoding="utf-8") as handle:
        write_cluener(made_up_sentences(60, seed=10), handle)
    script = Path(__file__).resolve().parent.parent / "scripts" / "train_tagger.py"
    model = tmp_path / "tagger.npz"
    run = subprocess.run([sys.executable, str(script), str(data), "--dev-split", "none", "-o", str(model),
                          "--iterations", "10", "--only", "crf", "--network-output", str(tmp_path / "none.npz")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "cluener_train: 60 training, 0 development sentences" in run.stdout
    assert "development split (" not in run.stdout  # nothing held out, nothing scored
    assert TaggerModel.load(model).info["dev_split"] == "none: every sentence trained on"
