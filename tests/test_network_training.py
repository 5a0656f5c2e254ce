"""Training the tagger's network: its gradients, learning from a small sample, the same network each time."""
from __future__ import annotations

import random

import numpy as np

from kg.extract import tag_sentences
from kg.extract.network import INPUT_BOUNDS, LABEL_COUNT, flat_layout
from kg.extract.tagger import LABELS, Tagger, TaggerModel
from kg.network_training import (Batch, build_vocab, init_parameters, loss_and_gradients, table_ids,
                                 train_network, training_arrays)

from made_up import made_up_sentences


def test_the_gradients_are_the_derivatives_of_the_loss():
    rng = np.random.default_rng(0)
    lengths = [3, 1, 6, 2]
    count = sum(lengths)
    x = np.column_stack([rng.choice([ord(c) for c in "王在北京"], count)]
                        + [rng.integers(0, bound, count) for bound in INPUT_BOUNDS[1:]])
    y = rng.integers(0, LABEL_COUNT, count)
    vocab = build_vocab(x[:, 0], 1)
    parameters = init_parameters(vocab, 4, 5, 2, rng)
    batch = Batch(np.arange(count), *flat_layout(lengths, 2))
    assert_gradients_match(parameters, table_ids(x, vocab), y, batch, rng)


def assert_gradients_match(parameters, ids, y, batch, rng):
    """Every sampled analytic derivative within 3% of the central difference, where the loss is smooth.

    A step that crosses a ReLU's kink has no derivative to match: there the slopes of the two halves of the
    step differ, and such samples are left out (a wrong gradient still disagrees where both halves agree).
    """
    here = loss_and_gradients(parameters, ids, y, batch)
    gradient = parameters.grad.copy()
    picked = rng.choice(np.flatnonzero(np.abs(gradient) > 1e-3), 40, replace=False)
    step = np.float32(1e-2)
    errors = []
    for index in picked:
        kept = parameters.value[index]
        parameters.value[index] = kept + step
        above = loss_and_gradients(parameters, ids, y, batch)
        parameters.value[index] = kept - step
        below = loss_and_gradients(parameters, ids, y, batch)
        parameters.value[index] = kept
        right, left = (above - here) / step, (here - below) / step
        if abs(right - left) > 0.1 * max(abs(right), abs(left)) + 1e-3:
            continue  # a kink within the step
        numeric = (above - below) / (2 * step)
        errors.append(abs(numeric - gradient[index]) / (abs(gradient[index]) + 1e-2))
    assert len(errors) >= 30 and max(errors) <= 0.03, errors


def test_rows_no_character_looks_up_get_no_gradient():
    rng = np.random.default_rng(1)
    x = np.column_stack([np.full(5, ord("王"))] + [np.zeros(5, dtype=np.int64) for _ in INPUT_BOUNDS[1:]])
    vocab = build_vocab(np.array([ord("王"), ord("李")]), 1)
    parameters = init_parameters(vocab, 4, 4, 2, rng)
    loss_and_gradients(parameters, table_ids(x, vocab), np.zeros(5, dtype=np.int64), Batch(np.arange(5), *flat_layout([5], 2)))
    embedding = parameters.g["emb"]
    used = table_ids(x, vocab).ravel()
    assert np.abs(embedding[used]).sum() > 0
    assert not np.delete(embedding, used, axis=0).any()  # 李, the unknown row, padding and unseen values


def test_training_on_a_small_sample_learns_names_it_never_saw_and_gives_the_same_network_each_time(tmp_path):
    x, y, lengths = training_arrays(made_up_sentences(300, seed=1))
    assert len(x) == len(y) == lengths.sum() and y.max() < len(LABELS)
    settings = dict(embed=16, hidden=16, epochs=6, batch_size=8, log=lambda _: None)
    network = train_network(x, y, lengths, **settings)
    train_network(x, y, lengths, **settings).save(tmp_path / "again.npz")
    network.save(tmp_path / "first.npz")
    assert (tmp_path / "first.npz").read_bytes() == (tmp_path / "again.npz").read_bytes()

    network.weight = 1.0  # the network alone: a CRF that knows nothing
    size = len(LABELS)
    blank = TaggerModel(np.array([1], dtype=np.int64), np.zeros((2, size), dtype=np.float32),
                        np.zeros((size, size), dtype=np.float32), {})
    held_out = made_up_sentences(60, seed=2)
    rng = random.Random(99)
    for sentence in held_out:  # given-name characters never seen in training
        start, end, _ = next(span for span in sentence.spans if span[2] == "person")
        name = sentence.text[start] + "".join(rng.choice("嘉睿博俊鹏飞凯瑞") for _ in range(end - start - 1))
        sentence.text = sentence.text[:start] + name + sentence.text[end:]
    predicted = tag_sentences([s.text for s in held_out], Tagger(blank, network))
    nothing = tag_sentences([s.text for s in held_out], Tagger(blank))
    gold = sum(len(s.spans) for s in held_out)
    assert sum(len(set(p) & set(s.spans)) for p, s in zip(predicted, held_out)) / gold >= 0.8
    assert sum(len(set(p) & set(s.spans)) for p, s in zip(nothing, held_out)) / gold < 0.2
