"""Train the tagger of :mod:`kg.extract.tagger` on annotated news (needs ``pip install kg[train]``).

Training reads sentences (:class:`kg.annotated.TaggedSentence`), describes each
character with the very features tagging uses, fits a linear-chain CRF with
CRFsuite (L-BFGS with L1 and L2 penalties: deterministic for the same input), and
writes the weights CRFsuite kept to a NumPy archive that kg loads without CRFsuite.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .annotated import TaggedSentence, read_annotated, span_labels
from .extract.features import char_features
from .extract.tagger import LABELS, Tagger, TaggerModel
from .extract.tokens import get_tokenizer
from .lexicon import to_simplified

DEV_EVERY = 10  # sentence i is a development sentence when i % DEV_EVERY == DEV_EVERY - 1


@dataclass
class TrainingSettings:
    c1: float = 0.05  # L1 penalty: keeps the model small
    c2: float = 0.01  # L2 penalty
    max_iterations: int = 200
    min_count: int = 1  # features seen fewer times are not kept


@dataclass
class Corpus:
    name: str
    train: list[TaggedSentence] = field(default_factory=list)
    dev: list[TaggedSentence] = field(default_factory=list)


def split_corpus(name: str, sentences: list[TaggedSentence], dev_every: int = DEV_EVERY) -> Corpus:
    """Every ``dev_every``-th sentence goes to the development split, the rest to training."""
    corpus = Corpus(name)
    for number, sentence in enumerate(sentences):
        (corpus.dev if number % dev_every == dev_every - 1 else corpus.train).append(sentence)
    return corpus


def read_corpora(paths: list[str | Path], dev_every: int = DEV_EVERY, limit: int | None = None) -> list[Corpus]:
    """Read and split each annotated file (``limit`` keeps its first sentences only)."""
    corpora = []
    for path in paths:
        sentences = read_annotated(path)[:limit]
        name = Path(path).name.split(".")[0]
        corpora.append(split_corpus(name, sentences, dev_every))
    return corpora


def vary_names(sentences: list[TaggedSentence], every: int = 2, seed: int = 7,
               keep_originals: bool = False, foreign_names: bool = False) -> list[TaggedSentence]:
    """Every ``every``-th sentence that names a person, with each such name written with other characters.

    A tagger that has seen each training name once learns the names, not how a name is written;
    varying them (a surname from the lexicon and given-name characters drawn from the other names of the
    corpus, the same length) makes it read the shape and the context instead. Names of two or three
    characters are varied so; with ``foreign_names`` a foreign name of any length is too, written with
    transliteration characters (its letters and separators kept as letters and separators). The other
    sentences are kept as they are; with ``keep_originals`` the varied sentence is added after the
    original instead of replacing it.
    """
    import random

    from .lexicon import lexicons
    from .span_eval import is_chinese_name, made_up_name

    lex = lexicons()
    rng = random.Random(seed)
    surnames = sorted(s for s in lex.surnames if len(s) == 1)
    foreign = sorted(lex.transliteration_chars)
    given = sorted({ch for sentence in sentences for start, end, kind in sentence.spans if kind == "person"
                    and end - start in (2, 3) for ch in sentence.text[start + 1:end]})

    varied, seen = [], 0
    for sentence in sentences:
        people = [span for span in sentence.spans if span[2] == "person" and 2 <= span[1] - span[0]
                  and (span[1] - span[0] <= 3 or foreign_names and not is_chinese_name(sentence.text[span[0]:span[1]], lex))]
        if not people:
            varied.append(sentence)
            continue
        seen += 1
        if seen % every:
            varied.append(sentence)
            continue
        text = sentence.text
        for start, end, _ in people:
            name = text[start:end]
            chinese = not foreign_names or is_chinese_name(name, lex)
            text = text[:start] + made_up_name(name, rng, surnames, given, foreign, chinese) + text[end:]
        if keep_originals:
            varied.append(sentence)
        varied.append(TaggedSentence(text, list(sentence.spans)))
    return varied


def sentence_features(text: str) -> np.ndarray:
    """The features extraction gives the tagger for ``text`` read as one sentence (rules' candidates included)."""
    from .extract import candidate_spans, rule_candidates

    tokenizer = get_tokenizer()
    simplified = to_simplified(text)
    tokens = tokenizer.tokenize(simplified)
    return char_features(simplified, tokens, candidate_spans(rule_candidates(simplified, tokens, tokenizer)))


def train_model(sentences: list[TaggedSentence], settings: TrainingSettings | None = None,
                info: dict | None = None, log=print) -> TaggerModel:
    """Fit a CRF on ``sentences`` and return it as a :class:`TaggerModel`."""
    try:
        import pycrfsuite
    except ImportError:
        raise RuntimeError("training needs python-crfsuite: pip install 'kg[train]'") from None
    settings = settings or TrainingSettings()
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    characters = 0
    for sentence in sentences:
        if not sentence.text:
            continue
        keys = sentence_features(sentence.text)
        trainer.append([[str(k) for k in row] for row in keys.tolist()], span_labels(len(sentence.text), sentence.spans))
        characters += len(sentence.text)
    log(f"features of {len(sentences)} sentences ({characters} characters) in {time.perf_counter() - started:.0f} s")
    trainer.select("lbfgs", "crf1d")
    trainer.set_params({"c1": settings.c1, "c2": settings.c2, "max_iterations": settings.max_iterations,
                        "feature.minfreq": settings.min_count, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "model.crfsuite")
        started = time.perf_counter()
        trainer.train(path)
        log(f"trained in {time.perf_counter() - started:.0f} s")
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        model_info = tagger.info()
        tagger.close()
    return model_from_crfsuite(model_info.state_features, model_info.transitions,
                               {**(info or {}), **{k: str(v) for k, v in vars(settings).items()},
                                "sentences": str(len(sentences)), "characters": str(characters)})


def model_from_crfsuite(state_features: dict, transitions: dict, info: dict) -> TaggerModel:
    """A :class:`TaggerModel` from CRFsuite's weights ((attribute, label) -> weight)."""
    label_index = {label: i for i, label in enumerate(LABELS)}
    attributes = sorted({int(attribute) for attribute, _ in state_features})
    row_of = {attribute: row for row, attribute in enumerate(attributes)}
    weights = np.zeros((len(attributes) + 1, len(LABELS)), dtype=np.float32)
    for (attribute, label), weight in state_features.items():
        weights[row_of[int(attribute)], label_index[label]] = weight
    matrix = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (first, second), weight in transitions.items():
        matrix[label_index[first], label_index[second]] = weight
    weights = weights.astype(np.float16).astype(np.float32)  # as saved, so scores now equal scores after loading
    return TaggerModel(np.array(attributes, dtype=np.int64), weights, matrix, info)


def score_tagger(tagger: Tagger, sentences: list[TaggedSentence]) -> dict:
    """Exact-span precision, recall and F1 per type (the tagger alone, no rules)."""
    from .extract import tag_sentences
    from .span_eval import score_spans

    batch = 256
    predicted = [spans for first in range(0, len(sentences), batch)
                 for spans in tag_sentences([s.text for s in sentences[first:first + batch]], tagger)]
    return score_spans(sentences, predicted)["scores"]
