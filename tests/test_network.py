"""The tagger's network: its scores against a direct computation, its archive, the shipped one."""
from __future__ import annotations

import numpy as np
import pytest

import kg.extract.network as network_module
from kg.extract.network import HASHED_INPUTS, INPUT_BOUNDS, INPUTS, LABEL_COUNT, UNKNOWN, Network

CHARACTERS = np.array([ord(c) for c in "人在北京市王李张"], dtype=np.int64)


def random_network(seed: int = 0, embed: int = 6, hidden: int = 5, layers: int = 3) -> Network:
    rng = np.random.default_rng(seed)
    sizes = (len(CHARACTERS) + 2,) + tuple(bound + 1 for bound in INPUT_BOUNDS[1:])
    embeddings = [rng.normal(size=(size, embed)).astype(np.float32) for size in sizes]
    for table in embeddings:
        table[0] = 0  # padding
    convolutions = [(rng.normal(size=(3 * (embed if i == 0 else hidden), hidden)).astype(np.float32),
                     rng.normal(size=hidden).astype(np.float32)) for i in range(layers)]
    output = (rng.normal(size=(hidden, LABEL_COUNT)).astype(np.float32), rng.normal(size=LABEL_COUNT).astype(np.float32))
    return Network(CHARACTERS, embeddings, convolutions, output, 0.25, {"made": "in a test"})


def random_values(lengths: list[int], seed: int = 1) -> list:
    """Template values of sentences laid end to end (only the network's inputs filled in)."""
    rng = np.random.default_rng(seed)
    total = sum(lengths)
    values: list = [None] * (max(INPUTS) + 1)
    known = rng.choice(CHARACTERS, size=total)
    values[INPUTS[0]] = np.where(rng.random(total) < 0.2, ord("龘"), known)  # some characters it does not know
    for k, (template, bound) in enumerate(zip(INPUTS, INPUT_BOUNDS)):
        if k:  # a hashed input's values run far past its table: a word's checksum
            values[template] = rng.integers(0, 1 << 34 if k in HASHED_INPUTS else bound, size=total)
    return values


def direct_scores(network: Network, values: list, lengths: list[int]) -> np.ndarray:
    """The network's definition, sentence by sentence: zero padding at each end, no layout, no blocks."""
    index = {int(c): i + 2 for i, c in enumerate(network.characters)}
    out, first = [], 0
    for length in lengths:
        rows = range(first, first + length)
        x = np.array([network.embeddings[0][index.get(int(values[INPUTS[0]][r]), UNKNOWN)]
                      + sum(network.embeddings[k][values[t][r] % (len(network.embeddings[k]) - 1) + 1
                                                  if k in HASHED_INPUTS else values[t][r] + 1]
                            for k, t in enumerate(INPUTS) if k)
                      for r in rows])
        for layer, (weights, bias) in enumerate(network.convolutions):
            step, channels = 2 ** layer, x.shape[1]
            taps = weights.reshape(3, channels, -1)
            y = np.tile(bias, (length, 1))
            for t in range(length):
                for tap, offset in enumerate((-step, 0, step)):
                    if 0 <= t + offset < length:
                        y[t] += x[t + offset] @ taps[tap]
            x = np.maximum(y, 0)
        out.append(x @ network.output[0] + network.output[1])
        first += length
    return np.concatenate(out)


@pytest.mark.parametrize("block", [3, 16, 1024])
def test_scores_are_the_networks_definition_whatever_the_blocks_and_neighbours(monkeypatch, block):
    monkeypatch.setattr(network_module, "BLOCK", block)  # blocks cut sentences anywhere
    network = random_network()
    lengths = [5, 1, 17, 2, 9, 30, 4]
    values = random_values(lengths)
    expected = direct_scores(network, values, lengths)
    assert np.allclose(network.scores(values, lengths), expected, atol=1e-4)
    # a sentence's scores do not depend on the sentences next to it
    alone = network.scores([None if v is None else v[5:6] for v in values], [1])
    assert np.allclose(alone, expected[5:6], atol=1e-4)


def test_a_character_not_in_the_vocabulary_reads_the_unknown_row():
    network = random_network()
    values = random_values([6])
    other = [None if v is None else v.copy() for v in values]
    values[INPUTS[0]][2], other[INPUTS[0]][2] = ord("龘"), ord("鱻")
    assert np.array_equal(network.scores(values, [6]), network.scores(other, [6]))
    other[INPUTS[0]][2] = CHARACTERS[0]
    assert not np.allclose(network.scores(values, [6]), network.scores(other, [6]))


def test_a_saved_network_loads_back_the_same_and_is_written_byte_for_byte(tmp_path):
    network = random_network().as_saved()
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    network.save(first)
    loaded = Network.load(first)
    loaded.save(second)
    assert first.read_bytes() == second.read_bytes()
    values = random_values([8, 3])
    assert np.array_equal(loaded.scores(values, [8, 3]), network.scores(values, [8, 3]))
    assert loaded.weight == network.weight and loaded.info == network.info


def test_a_network_made_for_other_features_is_refused(tmp_path):
    other = tmp_path / "other.npz"
    random_network().save(other)
    with np.load(other) as data:
        arrays = dict(data)
    arrays["inputs"] = np.array([1, 2, 3])
    np.savez(other, **arrays)
    with pytest.raises(ValueError, match="other.npz.*other features"):
        Network.load(other)


def test_the_shipped_tagger_has_its_network_trained_on_the_features_the_code_gives_now():
    from kg.extract.tagger import get_tagger
    from kg.train import feature_fingerprint

    tagger = get_tagger()
    assert tagger is not None and tagger.network is not None, "kg/models/network.npz is missing from the package"
    assert tagger.network.info.get("feature_fingerprint") == feature_fingerprint(), (
        "the features moved under the shipped network: train it again with scripts/train_tagger.py")
    assert 0 < tagger.network.weight <= 1


def test_the_network_changes_what_the_tagger_scores():
    from kg.extract.tagger import Tagger, get_tagger
    from kg.extract.tokens import get_tokenizer

    shipped = get_tagger()
    text = "张伟娟昨天在兰州参加了理工大学的校友聚会。"
    tokens = [get_tokenizer().tokenize(text)]
    with_network = shipped.read([text], tokens, [[]], [[(0, 3)]])[0]
    without = Tagger(shipped.model).read([text], tokens, [[]], [[(0, 3)]])[0]
    assert [span[:3] for span in with_network[0]] == [span[:3] for span in without[0]]  # the same names here
    assert [span[3] for span in with_network[0]] != [span[3] for span in without[0]]  # with other confidence
