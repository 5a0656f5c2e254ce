"""Training of the tagger's network (:mod:`kg.extract.network`) with NumPy alone.

The network: per character, the sum of embeddings of the character (through a vocabulary of the
characters seen at least twice) and of the other feature templates :data:`~kg.extract.network.INPUTS`;
dropout; 3-wide convolutions with dilations 1, 2, 4 ... and ReLU; dropout; a 1x1 output to the 13
BIOES labels. Mean cross-entropy over the characters, Adam, batches of sentences of like length in
shuffled order, a few characters read as "unknown" so that the unknown row learns something.

A batch's sentences are laid out as inference lays them out: one (rows, channels) array with zero
rows before, between and after sentences, zeroed again after every layer; each convolution is three
matrix products on row-shifted views. One ``numpy.random.Generator`` draws everything, so the same
input gives the same network, byte for byte. No PyTorch: training runs wherever kg runs (a few
minutes on one core for the shipped network).
"""
from __future__ import annotations

import math
import time
from typing import NamedTuple

import numpy as np

from .annotated import TaggedSentence, span_labels
from .extract.network import (INPUT_BOUNDS, INPUTS, LABEL_COUNT, PADDING, UNKNOWN, Network, flat_layout,
                              folded, one_blas_thread)
from .extract.tagger import LABELS

TEMPLATE_SIZES = INPUT_BOUNDS[1:]  # value bounds of the inputs after the character
DEFAULT_WEIGHT = 0.15  # the network's scores next to the CRF's (see README, Model: The network)


def training_arrays(sentences: list[TaggedSentence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The network's inputs (characters, INPUTS columns), the label of each character and the sentences'
    lengths, for annotated sentences (their features as extraction gives them, rules' candidates included)."""
    from .extract.features import VALUE_BITS
    from .train import sentence_features

    label_index = {label: i for i, label in enumerate(LABELS)}
    inputs, labels, lengths = [], [], []
    mask = np.int64((1 << VALUE_BITS) - 1)
    for sentence in sentences:
        if not sentence.text:
            continue
        inputs.append(sentence_features(sentence.text)[:, list(INPUTS)] & mask)
        labels.extend(label_index[label] for label in span_labels(len(sentence.text), sentence.spans))
        lengths.append(len(sentence.text))
    if not inputs:
        raise ValueError("no sentence with text to train on")
    x = np.concatenate(inputs)
    for k, bound in enumerate(INPUT_BOUNDS):
        if bound is not None:
            x[:, k] = folded(k, x[:, k], bound)
    return x, np.array(labels, dtype=np.int8), np.array(lengths, dtype=np.int64)


def build_vocab(chars, min_count):
    """Sorted character codes seen at least `min_count` times; rarer characters are read as unknown."""
    codes, counts = np.unique(chars, return_counts=True)
    return codes[counts >= min_count]


def table_sizes(vocab):
    """Rows of the embedding tables: characters (padding, unknown, vocabulary), then each template."""
    return (len(vocab) + 2,) + tuple(size + 1 for size in TEMPLATE_SIZES)


def table_offsets(vocab):
    """First row of each table in the concatenated table (one array, so one gather and one scatter serve all)."""
    return np.cumsum((0,) + table_sizes(vocab)[:-1])


def table_ids(x, vocab):
    """(inputs, N) rows of the concatenated embedding table for inputs x (N, inputs); row k holds column k's
    lookups.

    Template values are shifted by one (0 is padding). A value out of its bound would silently land in the next
    table, so it is an error.
    """
    if x.ndim != 2 or x.shape[1] != 1 + len(TEMPLATE_SIZES):
        raise ValueError(f"x must be (N, {1 + len(TEMPLATE_SIZES)}), got {x.shape}")
    ids = np.empty((x.shape[1], len(x)), dtype=np.intp)
    pos = np.minimum(np.searchsorted(vocab, x[:, 0]), len(vocab) - 1)
    ids[0] = np.where(vocab[pos] == x[:, 0], pos + 2, UNKNOWN)
    for k, size in enumerate(TEMPLATE_SIZES, 1):
        if len(x) and (x[:, k].min() < 0 or x[:, k].max() >= size):
            raise ValueError(f"column {k} has values outside 0..{size - 1}")
        ids[k] = x[:, k] + 1
    ids += table_offsets(vocab)[:, None]
    return ids


class Batch(NamedTuple):
    """A batch's characters and where they sit in the flat layout."""
    chars: np.ndarray  # (n,) indices of its characters in the training arrays, sentence after sentence
    place: np.ndarray  # (n,) their rows in the flat layout
    gaps: np.ndarray   # rows of the layout outside sentences (kept zero after every layer)
    rows: int          # rows of the layout


def make_batches(lengths, batch_size, gap):
    """Batches of `batch_size` sentences in (stable) length order: sentences of
    a batch have similar lengths, so little is spent on gaps."""
    lengths = np.asarray(lengths, dtype=np.intp)
    starts = np.cumsum(lengths) - lengths
    order = np.argsort(lengths, kind="stable")
    batches = []
    for i in range(0, len(order), batch_size):
        chosen = order[i:i + batch_size]
        chosen_lengths = lengths[chosen]
        n = int(chosen_lengths.sum())
        chars = np.arange(n) + np.repeat(starts[chosen] - (np.cumsum(chosen_lengths) - chosen_lengths),
                                         chosen_lengths)
        batches.append(Batch(chars, *flat_layout(chosen_lengths, gap)))
    return batches


# --- parameters

class Parameters:
    """All weights in one flat float32 vector and their gradients in another, reached through named views.

    One vector lets Adam update everything, embedding tables included (densely, rows not looked up in
    the batch too), in a handful of whole-array operations per step.

    Internal layouts (converted by `export`): "emb" is the tables stacked; "conv{i}.w" is (3, Cin, H), the
    taps for rows t - d, t, t + d, each ready to right-multiply the (rows, Cin) activations; "out.w" is (H, 13).
    """

    def __init__(self, shapes):
        sizes = [math.prod(shape) for shape in shapes.values()]
        self.value = np.zeros(sum(sizes), dtype=np.float32)
        self.grad = np.zeros_like(self.value)
        self.w, self.g = {}, {}
        start = 0
        for (name, shape), size in zip(shapes.items(), sizes):
            self.w[name] = self.value[start:start + size].reshape(shape)
            self.g[name] = self.grad[start:start + size].reshape(shape)
            start += size

    @property
    def layers(self):
        return sum(name.endswith(".w") and name.startswith("conv") for name in self.w)


def init_parameters(vocab, embed, hidden, layers, rng):
    """The usual initialisation (PyTorch's defaults): embeddings N(0, 1) with the padding rows zero; convolution and output
    weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = input channels x width."""
    shapes = {"emb": (sum(table_sizes(vocab)), embed)}
    for i in range(layers):
        cin = embed if i == 0 else hidden
        shapes[f"conv{i}.w"] = (3, cin, hidden)
        shapes[f"conv{i}.b"] = (hidden,)
    shapes["out.w"] = (hidden, LABEL_COUNT)
    shapes["out.b"] = (LABEL_COUNT,)
    p = Parameters(shapes)
    p.w["emb"][:] = rng.standard_normal(shapes["emb"], dtype=np.float32)
    p.w["emb"][table_offsets(vocab) + PADDING] = 0
    for i in range(layers):
        bound = 1 / math.sqrt(3 * shapes[f"conv{i}.w"][1])
        for name in (f"conv{i}.w", f"conv{i}.b"):
            p.w[name][:] = rng.uniform(-bound, bound, shapes[name])
    bound = 1 / math.sqrt(hidden)
    for name in ("out.w", "out.b"):
        p.w[name][:] = rng.uniform(-bound, bound, shapes[name])
    return p


def export(p, vocab, weight, info) -> Network:
    """The trained weights as a :class:`Network` (each convolution's taps stacked, as inference multiplies
    them), rounded as the network file stores them."""
    embeddings = [p.w["emb"][start:start + size].copy()
                  for start, size in zip(table_offsets(vocab), table_sizes(vocab))]
    convolutions = [(p.w[f"conv{i}.w"].reshape(-1, p.w[f"conv{i}.w"].shape[2]).copy(), p.w[f"conv{i}.b"].copy())
                    for i in range(p.layers)]
    network = Network(np.asarray(vocab, dtype=np.int64), embeddings, convolutions,
                      (p.w["out.w"].copy(), p.w["out.b"].copy()), weight, info)
    return network.as_saved()


class Adam:
    """Adam (Kingma and Ba; no weight decay) on a flat vector."""

    def __init__(self, size, learning_rate, betas=(0.9, 0.999), eps=1e-8):
        self.learning_rate, self.betas, self.eps = learning_rate, betas, eps
        self.m = np.zeros(size, dtype=np.float32)
        self.v = np.zeros(size, dtype=np.float32)
        self.scratch = np.empty(size, dtype=np.float32), np.empty(size, dtype=np.float32)
        self.steps = 0

    def step(self, value, grad):
        """Update `value` in place from `grad`; preallocated buffers keep the whole-vector passes allocation-free."""
        self.steps += 1
        beta1, beta2 = self.betas
        a, b = self.scratch
        np.subtract(grad, self.m, out=a)      # m += (1 - beta1) (g - m)
        a *= 1 - beta1
        self.m += a
        np.multiply(grad, grad, out=a)        # v = beta2 v + (1 - beta2) g^2
        a *= 1 - beta2
        self.v *= beta2
        self.v += a
        np.sqrt(self.v, out=b)                # sqrt(v / (1 - beta2^t)) + eps
        b /= math.sqrt(1 - beta2 ** self.steps)
        b += self.eps
        np.multiply(self.m, -self.learning_rate / (1 - beta1 ** self.steps), out=a)
        a /= b                                # value -= lr m / (1 - beta1^t) / that
        value += a


# --- the network

def convolve(h, w, b, d):
    """A convolution of width 3, dilation d, zero padding d, over the flat layout: y[t] = h[t-d] w[0] + h[t] w[1] +
    h[t+d] w[2] + b. Three matmuls on shifted views: at these sizes faster than one matmul over an im2col copy
    (2.4 against 4.1 ms per layer, forward and backward, on a 3,100-row batch)."""
    y = h @ w[1]
    y[d:] += h[:-d] @ w[0]
    y[:-d] += h[d:] @ w[2]
    y += b
    return y


def convolve_backward(h, dy, w, d, gw, gb):
    """Write the gradients of `convolve`'s weights into gw, gb; return the gradient of its input h."""
    np.matmul(h[:-d].T, dy[d:], out=gw[0])
    np.matmul(h.T, dy, out=gw[1])
    np.matmul(h[d:].T, dy[:-d], out=gw[2])
    gb[:] = dy.sum(axis=0)
    dh = dy @ w[1].T
    dh[:-d] += dy[d:] @ w[0].T
    dh[d:] += dy[:-d] @ w[2].T
    return dh


def embedding_gradient(ids, de, out):
    """out[r] = sum of de[j] over every lookup ids[k, j] == r (the gradient of the summed lookups), others 0.

    np.add.at is slow; sorting each column's lookups and adding runs of equal rows with reduceat is not (and
    column by column the gathered copy stays in cache: 3x faster than all at once).
    """
    out[:] = 0
    for column in ids:
        order = np.argsort(column, kind="stable")
        rows = column[order]
        starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
        out[rows[starts]] += np.add.reduceat(de[order], starts, axis=0)


def dropout_mask(rng, shape, rate):
    """Inverted dropout: 0 with probability `rate`, else 1 / (1 - rate)."""
    keep = rng.random(shape, dtype=np.float32) >= rate
    return keep * np.float32(1 / (1 - rate))


def log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def loss_and_gradients(p, ids, labels, batch, dropout=0.0, rng=None):
    """Mean cross-entropy of one batch's labels; writes every parameter's gradient into p.grad.

    ids: (6, n) rows of the concatenated table, labels: (n,), in the order of batch.place. Dropout (with `rng`)
    only when dropout > 0.
    """
    w, g = p.w, p.g
    n = len(labels)
    # forward: embeddings -> flat layout -> convolutions (gap rows zeroed after each) -> characters' rows -> labels
    e = w["emb"][ids[0]]
    for k in range(1, len(ids)):
        e += w["emb"][ids[k]]
    if dropout:
        mask_in = dropout_mask(rng, e.shape, dropout)
        e *= mask_in
    h = np.zeros((batch.rows, e.shape[1]), dtype=np.float32)
    h[batch.place] = e
    activations = [h]  # each layer's input, then the last layer's output
    for i in range(p.layers):
        h = convolve(h, w[f"conv{i}.w"], w[f"conv{i}.b"], 2 ** i)
        np.maximum(h, 0, out=h)
        h[batch.gaps] = 0
        activations.append(h)
    r = h[batch.place]
    if dropout:
        mask_out = dropout_mask(rng, r.shape, dropout)
        r *= mask_out
    logp = log_softmax(r @ w["out.w"] + w["out.b"])
    loss = -logp[np.arange(n), labels].mean()

    # backward
    dz = np.exp(logp)
    dz[np.arange(n), labels] -= 1
    dz /= n
    np.matmul(r.T, dz, out=g["out.w"])
    g["out.b"][:] = dz.sum(axis=0)
    dr = dz @ w["out.w"].T
    if dropout:
        dr *= mask_out
    dh = np.zeros_like(h)
    dh[batch.place] = dr
    for i in reversed(range(p.layers)):
        dh *= activations[i + 1] > 0  # ReLU, and the zeroed gap rows (zero there, so > 0 is False)
        dh = convolve_backward(activations[i], dh, w[f"conv{i}.w"], 2 ** i, g[f"conv{i}.w"], g[f"conv{i}.b"])
    de = dh[batch.place]
    if dropout:
        de *= mask_in
    embedding_gradient(ids, de, g["emb"])
    return float(loss)


# --- training

def train_network(x, y, lengths, *, embed=48, hidden=48, layers=3, epochs=10, batch_size=64, learning_rate=2e-3,
                  dropout=0.2, unknown_rate=0.05, min_count=2, seed=0, weight=DEFAULT_WEIGHT, info=None,
                  log=print) -> Network:
    """Train the network on inputs x (N, len(INPUTS)), labels y (N,) of sentences ``lengths``
    (:func:`training_arrays`).

    One numpy Generator(seed) draws everything (initialisation, batch order, unknown replacement, dropout),
    and the matrix products run on one thread (a BLAS splits them by the threads it has), so the same inputs
    give the same bytes on any number of cores.
    """
    with one_blas_thread():
        return _train(x, y, lengths, embed, hidden, layers, epochs, batch_size, learning_rate, dropout,
                      unknown_rate, min_count, seed, weight, info, log)


def _train(x, y, lengths, embed, hidden, layers, epochs, batch_size, learning_rate, dropout, unknown_rate,
           min_count, seed, weight, info, log) -> Network:
    rng = np.random.default_rng(seed)
    x = np.asarray(x)
    vocab = build_vocab(x[:, 0], min_count)
    ids = table_ids(x, vocab)
    labels = np.asarray(y, dtype=np.intp)
    if labels.min() < 0 or labels.max() >= LABEL_COUNT:
        raise ValueError(f"labels must be 0..{LABEL_COUNT - 1}")
    batches = make_batches(lengths, batch_size, gap=2 ** (layers - 1))
    p = init_parameters(vocab, embed, hidden, layers, rng)
    adam = Adam(p.value.size, learning_rate)
    unknown = table_offsets(vocab)[0] + UNKNOWN
    start = time.perf_counter()
    for epoch in range(epochs):
        epoch_start, total = time.perf_counter(), 0.0
        for b in rng.permutation(len(batches)):
            batch = batches[b]
            batch_ids = ids[:, batch.chars]
            batch_ids[0, rng.random(len(batch.chars)) < unknown_rate] = unknown
            total += loss_and_gradients(p, batch_ids, labels[batch.chars], batch, dropout, rng)
            adam.step(p.value, p.grad)
        now = time.perf_counter()
        log(f"epoch {epoch} loss {total / len(batches):.4f} {now - epoch_start:.1f} s ({now - start:.0f} s)")
    settings = {"embed": embed, "hidden": hidden, "layers": layers, "epochs": epochs, "batch_size": batch_size,
                "learning_rate": learning_rate, "dropout": dropout, "unknown_rate": unknown_rate,
                "min_count": min_count, "seed": seed, "sentences": len(lengths), "characters": len(x)}
    return export(p, vocab, weight, {**(info or {}), **{k: str(v) for k, v in settings.items()}})
