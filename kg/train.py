"""Train the tagger of :mod:`kg.extract.tagger` on annotated news (needs ``pip install kg[train]``).

Training reads sentences (:class:`kg.annotated.TaggedSentence`), describes each
character with the very features tagging uses, fits a linear-chain CRF with
CRFsuite (L-BFGS with L1 and L2 penalties: deterministic for the same input), and
writes the weights CRFsuite kept to a NumPy archive that kg loads without CRFsuite.
"""
from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .annotated import TaggedSentence, read_annotated, span_labels
from .extract.features import char_features
from .extract.tagger import LABELS, Tagger, TaggerModel
from .extract.tokens import get_tokenizer
from .lexicon import gazetteer, to_simplified

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


DEV_SPLITS = ("every-tenth", "blocks", "none")
DEFAULT_DEV_SPLIT = "blocks"  # the shipped model's


def split_corpus(name: str, sentences: list[TaggedSentence], dev_every: int = DEV_EVERY,
                 dev_split: str = DEFAULT_DEV_SPLIT) -> Corpus:
    """Split ``sentences`` into training and development sentences (``dev_split``: see :data:`DEV_SPLITS`).

    ``every-tenth`` takes every ``dev_every``-th sentence (the previous model's split): its sentences share
    their articles, and so most of their names, with training. ``blocks`` takes the last ``1/dev_every`` of
    the file as one contiguous block (the shipped model's split): in a file kept in article order (MSRA) it
    shares at most the one article cut at its start, as new text shares none. ``none`` keeps no development
    sentences: a model trained on everything, with nothing left to score it on.
    """
    if dev_split == "none":
        return Corpus(name, train=list(sentences))
    if dev_split == "blocks":
        return split_block(name, sentences, dev_every)
    if dev_split != "every-tenth":
        raise ValueError(f"unknown development split {dev_split!r}: one of {', '.join(DEV_SPLITS)}")
    corpus = Corpus(name)
    for number, sentence in enumerate(sentences):
        (corpus.dev if number % dev_every == dev_every - 1 else corpus.train).append(sentence)
    return corpus


def split_block(name: str, sentences: list[TaggedSentence], dev_every: int = DEV_EVERY) -> Corpus:
    """The last ``len // dev_every`` sentences (as many as every-tenth takes) for development, the rest for training."""
    cut = len(sentences) - len(sentences) // dev_every
    return Corpus(name, train=list(sentences[:cut]), dev=list(sentences[cut:]))


def read_corpora(paths: list[str | Path], dev_every: int = DEV_EVERY, limit: int | None = None,
                 dev_split: str = DEFAULT_DEV_SPLIT) -> list[Corpus]:
    """Read and split each annotated file (``limit`` keeps its first sentences only)."""
    corpora = []
    for path in paths:
        sentences = read_annotated(path)[:limit]
        name = Path(path).name.split(".")[0]
        corpora.append(split_corpus(name, sentences, dev_every, dev_split))
    return corpora


def training_sentences(corpora: list[Corpus], repeats: dict[str, int] | None = None) -> list[TaggedSentence]:
    """Every corpus's training sentences in order, a corpus named in ``repeats`` (``cluener`` or
    ``cluener_train``) that many times over: a small corpus of the text kg reads then weighs more
    against a large older one than its size alone gives it."""
    repeats = repeats or {}
    sentences = []
    for corpus in corpora:
        times = repeats.get(corpus.name, repeats.get(corpus.name.removesuffix("_train"), 1))
        for _ in range(times):
            sentences.extend(corpus.train)
    return sentences


def vary_names(sentences: list[TaggedSentence], every: int = 2, seed: int = 7,
               keep_originals: bool = False, foreign_names: bool = False,
               places: bool = False, any_length: bool = False,
               chinese_places: bool = False) -> list[TaggedSentence]:
    """Every ``every``-th sentence that names a person, with each such name written with other characters.

    A tagger that has seen each training name once learns the names, not how a name is written;
    varying them (a surname from the lexicon and given-name characters drawn from the other names of the
    corpus, the same length) makes it read the shape and the context instead. Names of two or three
    characters are varied so; with ``foreign_names`` a foreign name of any length is too, written with
    transliteration characters (its letters and separators kept as letters and separators). The other
    sentences are kept as they are; with ``keep_originals`` the varied sentence is added after the
    original instead of replacing it. With ``places`` the foreign-looking places and organisations of a
    varied sentence are varied too (:func:`made_up_place`), and so is every ``every``-th sentence that names
    one and no person to vary, so that transliteration characters alone do not say "person". With
    ``any_length`` Chinese names of one and four characters are varied too (a surname standing alone, as in
    老王 or 周副镇长, gets another surname; 欧阳修文 a surname and three given-name characters). With
    ``chinese_places`` places and organisations named in Chinese are varied like foreign-looking ones: the
    characters before their ending (铁法 of 铁法市, 资山粮管 of 资山粮管所 after the place 枣阳市) are drawn
    from those such names hold in the corpus (:func:`chinese_core`), so that an unseen 某某市 or 某某厂 reads
    by its ending and its context.
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

    # Every character of every such name part, as often as it occurs: common name characters come up most.
    core_chars = {kind: sorted(ch for sentence in sentences for start, end, k in sentence.spans if k == kind
                               for ch in chinese_core_text(sentence.text[start:end], kind, lex))
                  for kind in ("place", "organization")} if chinese_places else {}

    def varies(name: str) -> bool:
        if 2 <= len(name) <= 3:
            return True
        if any_length and len(name) <= 4 and is_chinese_name(name, lex):
            return True
        return len(name) >= 2 and foreign_names and not is_chinese_name(name, lex)

    varied, seen, seen_places = [], 0, 0
    for sentence in sentences:
        people = [span for span in sentence.spans if span[2] == "person" and varies(sentence.text[span[0]:span[1]])]
        others = [span for span in sentence.spans if span[2] != "person" and (
                  places and foreign_core(sentence.text[span[0]:span[1]], span[2], lex) is not None
                  or chinese_places and chinese_core(sentence.text[span[0]:span[1]], span[2], lex) is not None)]
        if people:
            seen += 1
            turn = seen % every == 0
        elif others:
            seen_places += 1
            turn = seen_places % every == 0
        else:
            turn = False
        if not turn:
            varied.append(sentence)
            continue
        text = sentence.text
        for start, end, _ in people:
            name = text[start:end]
            chinese = not foreign_names or is_chinese_name(name, lex)
            text = text[:start] + made_up_name(name, rng, surnames, given, foreign, chinese) + text[end:]
        for start, end, kind in others:
            name = text[start:end]
            varied_name = made_up_place(name, kind, rng, foreign, lex) if places else name
            if varied_name == name and chinese_places:
                varied_name = made_up_chinese_place(name, kind, rng, core_chars[kind], lex)
            text = text[:start] + varied_name + text[end:]
        if keep_originals:
            varied.append(sentence)
        varied.append(TaggedSentence(text, list(sentence.spans)))
    return varied


CHINESE_REGION = re.compile("[东西南北中华]+[亚欧非美]?")  # 华南, 西南, 东南亚, 西欧: not foreign names
# Endings that make a place of the name before them besides the lexicon's place suffixes: divisions,
# countries and the natural features a transliterated name is most often given (general knowledge).
PLACE_ENDINGS = ("省", "州", "市", "县", "区", "郡", "镇", "村", "国", "岛", "河", "湖", "山", "港", "湾", "城", "堡", "街")


def name_ending(name: str, kind: str, lex) -> int:
    """Where the ending of a place or organisation name starts (the longest place suffix; organisation
    suffixes and industry words, as many as there are): ``len(name)`` when it has none."""
    end = len(name)
    if kind == "place":
        endings = [s for s in (*lex.place_suffixes, *PLACE_ENDINGS) if name.endswith(s) and len(s) < len(name)]
        return end - max(map(len, endings)) if endings else end
    while True:
        endings = [s for s in (*lex.org_suffixes, *lex.company_industries) if name.endswith(s, 0, end) and len(s) < end]
        if not endings:
            return end
        end -= max(map(len, endings))


def foreign_core(name: str, kind: str, lex) -> tuple[int, int] | None:
    """Where the foreign-looking part of a place or organisation name is, or None when it has none.

    The name loses its ending (the longest place suffix, or organisation suffixes and industry words such
    as 电子 of 索尼电子公司) and, for an organisation, a country or world city before it; what is left is
    foreign-looking when every character is a transliteration character, a Latin letter or a separator, two
    of them at least (皮克斯, 但尼丁, Konami), and it is not a division of China or a region named by bearings.
    """
    start, end = 0, name_ending(name, kind, lex)
    if kind != "place":
        heads = [h for h in (*lex.countries, *lex.world_cities) if len(h) >= 2 and name.startswith(h, 0, end)
                 and len(h) < end]
        if heads:
            start = max(map(len, heads))
    core = name[start:end]
    if core in gazetteer().by_name or name in gazetteer().by_name or CHINESE_REGION.fullmatch(core):
        return None  # a division of China (西安, 吉林省, 米兰 of Xinjiang) or a region (华南, 东南亚)
    letters = sum(1 for ch in core if ch in lex.transliteration_chars or ch.isascii() and ch.isalpha())
    if letters >= 2 and all(ch in lex.transliteration_chars or ch.isascii() and (ch.isalpha() or ch in " -.&'")
                            or ch == "·" for ch in core):
        return start, end
    return None


def chinese_core(name: str, kind: str, lex) -> tuple[int, int] | None:
    """Where the Chinese name part of a place or organisation name is, or None when it has none: what stands
    before its ending (:func:`name_ending`) after a leading division, country or world city (枣阳市 of
    枣阳市资山粮管所), one to four ideographs, not all transliteration characters (those are foreign-looking:
    :func:`foreign_core`) and not a region named by bearings (华南)."""
    end = name_ending(name, kind, lex)
    if end == len(name):
        return None
    start = 0
    heads = [h for h in (*lex.countries, *lex.world_cities) if len(h) >= 2 and name.startswith(h, 0, end)]
    heads += [name[:k] for k in range(2, end) if name[:k] in gazetteer().by_name]
    if heads:
        start = max(map(len, heads))
    core = name[start:end]
    if not 1 <= len(core) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in core) \
            or all(ch in lex.transliteration_chars for ch in core) or CHINESE_REGION.fullmatch(core):
        return None
    return start, end


def chinese_core_text(name: str, kind: str, lex) -> str:
    core = chinese_core(name, kind, lex)
    return name[core[0]:core[1]] if core else ""


def made_up_chinese_place(name: str, kind: str, rng, chars, lex) -> str:
    """``name`` with its Chinese name part (:func:`chinese_core`) written with other characters of ``chars``,
    its ending and leading division kept: the same length."""
    core = chinese_core(name, kind, lex)
    if core is None or not chars:
        return name
    start, end = core
    return name[:start] + "".join(rng.choice(chars) for _ in range(end - start)) + name[end:]


def made_up_place(name: str, kind: str, rng, foreign, lex) -> str:
    """``name`` with its foreign-looking part (:func:`foreign_core`) written with other transliteration
    characters and letters, its ending (市, 公司, 大学...) and leading country kept: the same length."""
    from .span_eval import made_up_name

    core = foreign_core(name, kind, lex)
    if core is None:
        return name
    start, end = core
    return name[:start] + made_up_name(name[start:end], rng, (), (), foreign, False) + name[end:]


def sentence_features(text: str) -> np.ndarray:
    """The features extraction gives the tagger for ``text`` read as one sentence (rules' candidates included)."""
    from .extract import candidate_spans, rule_candidates

    tokenizer = get_tokenizer()
    simplified = to_simplified(text)
    tokens = tokenizer.tokenize(simplified)
    return char_features(simplified, tokens, candidate_spans(rule_candidates(simplified, tokens, tokenizer)))


# Made-up sentences whose features a model records (``feature_fingerprint``): names, titles, divisions,
# organisations and projects, so that a change to the tokenizer, the lexicons or the rules' candidates
# shows as a changed fingerprint.
FINGERPRINT_SENTENCES = (
    "国务院总理李明远在北京会见了来访的法国外长杜瓦尔。",
    "市委书记王建华率队赴鄂尔多斯市调研新能源产业园项目建设情况。",
    "中国工商银行内蒙古分行与蒙牛乳业集团签署战略合作协议。",
    "据新华社记者报道，河北省石家庄市桥西区人民政府昨日召开会议。",
    "老张和小李在哈佛大学参加了“一带一路”国际合作论坛。",
    "2025年，全区GDP增长5.2%，呼和浩特至包头高速公路扩建工程开工。",
)


def feature_fingerprint() -> str:
    """SHA-256 of the features extraction gives the tagger for :data:`FINGERPRINT_SENTENCES`.

    A model records it when trained; when the current code gives another, the features moved under
    the model (a rule, a lexicon or the tokenizer changed) and the model should be trained again.
    """
    import hashlib

    digest = hashlib.sha256()
    for text in FINGERPRINT_SENTENCES:
        digest.update(np.ascontiguousarray(sentence_features(text), dtype="<i8").tobytes())
    return digest.hexdigest()


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
                                "sentences": str(len(sentences)), "characters": str(characters),
                                "feature_fingerprint": feature_fingerprint()})


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


def tag_all(tagger: Tagger, sentences: list[TaggedSentence], batch: int = 256) -> list[list[tuple[int, int, str]]]:
    """The tagger's spans in each sentence (the tagger alone, no rules)."""
    from .extract import tag_sentences

    return [spans for first in range(0, len(sentences), batch)
            for spans in tag_sentences([s.text for s in sentences[first:first + batch]], tagger)]


def score_tagger(tagger: Tagger, sentences: list[TaggedSentence]) -> dict:
    """Exact-span precision, recall and F1 per type (the tagger alone, no rules)."""
    from .span_eval import score_spans

    return score_spans(sentences, tag_all(tagger, sentences))["scores"]


def recall_by_novelty(corpus: Corpus, predicted: list[list[tuple[int, int, str]]]) -> dict[str, dict[str, list[int]]]:
    """Per type, how many development names written as some training name of that type are found
    (``seen``: [found, total]) and how many written as none (``new``).

    A development split carved from the training files shares their articles, so most of its names
    were trained on; held-out news has more names never seen, and their recall is what it will get.
    """
    trained = {(sentence.text[start:end], kind) for sentence in corpus.train for start, end, kind in sentence.spans}
    counts: dict[str, dict[str, list[int]]] = {}
    for sentence, spans in zip(corpus.dev, predicted):
        found = set(spans)
        for start, end, kind in sentence.spans:
            row = counts.setdefault(kind, {"seen": [0, 0], "new": [0, 0]})
            cell = row["seen" if (sentence.text[start:end], kind) in trained else "new"]
            cell[0] += (start, end, kind) in found
            cell[1] += 1
    return dict(sorted(counts.items()))
