"""Score mention spans against an annotated NER test set (MSRA, People's Daily, CLUENER...).

The sets are read by :mod:`kg.annotated` (character-tagged files or CLUENER JSON
lines, plain or gzipped). Each sentence is
extracted on its own, as the one sentence of an article, and every predicted
mention span of a person, place or organisation is compared with the gold
spans, exactly (start, end and type must agree).

>>> gold = read_tagged_lines(["江 B-PER", "泽 I-PER", "民 I-PER", "说 O"])
>>> gold[0].text, gold[0].spans
('江泽民说', [(0, 3, 'person')])
"""
from __future__ import annotations

from .annotated import (TAGGED_TYPES, TaggedSentence, read_annotated, read_cluener_lines,  # noqa: F401
                        read_tagged, read_tagged_lines)
from .model import Article, Document, Sentence

SCORED_TYPES = TAGGED_TYPES


# Characters common in Chinese given names (general knowledge), for made-up names.
GIVEN_NAME_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力兰宇晨浩然子涵欣怡梓轩"
                    "雨泽思佳嘉睿博俊鹏飞凯瑞琳瑶婷雪慧颖璐晓峰春燕海波志国庆云琴芬宏林斌亮荣")
MADE_UP_SEED = 20261202


def swap_person_names(sentences: list[TaggedSentence], seed: int = MADE_UP_SEED) -> list[TaggedSentence]:
    """The sentences with every person name replaced by a made-up one of the same length and shape.

    The same name gets the same stand-in everywhere. A Chinese name (a surname, then at most three
    characters) gets a lexicon surname and common given-name characters; any other name (foreign
    names, written with or without a separator: 约翰·史密斯, 琼斯, Erik) gets transliteration characters
    for its ideographs and letters for its letters, its separators kept. Other text and every span's
    offsets stay as they were, so the scores say how well names never seen in training are found.
    """
    import random

    from .lexicon import lexicons

    lex = lexicons()
    rng = random.Random(seed)
    surnames = sorted(s for s in lex.surnames if len(s) == 1)
    foreign = sorted(lex.transliteration_chars)
    stand_ins: dict[str, str] = {}
    swapped = []
    for sentence in sentences:
        text = sentence.text
        for start, end, kind in sentence.spans:
            if kind != "person":
                continue
            name = text[start:end]
            if name not in stand_ins:
                stand_ins[name] = made_up_name(name, rng, surnames, GIVEN_NAME_CHARS, foreign,
                                               is_chinese_name(name, lex))
            text = text[:start] + stand_ins[name] + text[end:]
        swapped.append(TaggedSentence(text, list(sentence.spans), list(sentence.positions)))
    return swapped


def is_chinese_name(name: str, lex) -> bool:
    """A surname (or compound surname) and at most three more ideographs, not all of foreign names' characters."""
    return (len(name) <= 4 and all("\u3400" <= ch <= "\u9fff" for ch in name)
            and (name[0] in lex.surnames or name[:2] in lex.compound_surnames)
            and not (len(name) >= 3 and all(ch in lex.transliteration_chars for ch in name)))


def made_up_name(name: str, rng, surnames, given, foreign, chinese: bool) -> str:
    """A name of the length and shape of ``name`` drawn with ``rng``: written as a Chinese name (``chinese``: one
    of ``surnames``, then characters of ``given``) or as a foreign one (characters of ``foreign`` for its
    ideographs, :func:`made_up_letter` for the rest)."""
    if chinese:
        return rng.choice(surnames) + "".join(rng.choice(given) for _ in name[1:])
    return "".join(rng.choice(foreign) if "\u3400" <= ch <= "\u9fff" else made_up_letter(ch, rng) for ch in name)


def made_up_letter(ch: str, rng) -> str:
    """A letter of the same case for a letter; anything else (·, -, a space) kept."""
    if "a" <= ch.lower() <= "z" and ch.isascii():
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        return letter.upper() if ch.isupper() else letter
    return ch


def sentence_article(text: str, source: str = "<sentence>") -> Article:
    """An article made of one sentence, as annotated sets give them."""
    return Article(document=Document(source=source, text=text), index=0, start=0, end=len(text),
                   sentences=[Sentence(start=0, end=len(text), text=text)])


def predict_spans(text: str) -> list[tuple[int, int, str]]:
    """Outermost person/place/organisation mention spans that kg finds in one sentence."""
    return predict(text)[0]


def predict(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """:func:`predict_spans` of one sentence, and the (start, end) of the post titles kg finds in it
    (``Article.positions``: every post named, held by a named person or not)."""
    from .extract import extract_article

    article = sentence_article(text)
    mentions, _ = extract_article(article)
    spans = sorted((m.start, m.end, m.type) for m in mentions if m.type in SCORED_TYPES)
    outermost = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if outermost and span[0] < outermost[-1][1]:
            continue
        outermost.append(span)
    return outermost, sorted({(start, end) for start, end, _ in article.positions})


def score_spans(sentences: list[TaggedSentence], predictions: list | None = None) -> dict:
    """Precision, recall and F1 per type and overall, with the errors kept for inspection.

    ``predictions`` are each sentence's predicted (start, end, type) spans; by default kg's whole
    extraction of the sentence (:func:`predict`), which also scores the post titles kg finds against the
    set's own (CLUENER's position, Resume NER's TITLE) when it labels any: ``positions`` in the result, apart
    from the types' overall.
    """
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in SCORED_TYPES}
    errors = []
    titles = None
    if predictions is None:
        found = [predict(sentence.text) for sentence in sentences]
        predictions = [spans for spans, _ in found]
        if any(sentence.positions for sentence in sentences):
            titles = {"tp": 0, "fp": 0, "fn": 0}
            for sentence, (_, positions) in zip(sentences, found):
                predicted, gold = set(positions), set(sentence.positions)
                titles["tp"] += len(predicted & gold)
                titles["fp"] += len(predicted - gold)
                titles["fn"] += len(gold - predicted)
    for sentence, spans in zip(sentences, predictions):
        predicted = set(spans)
        gold = set(sentence.spans)
        for kind in SCORED_TYPES:
            p = {s for s in predicted if s[2] == kind}
            g = {s for s in gold if s[2] == kind}
            counts[kind]["tp"] += len(p & g)
            counts[kind]["fp"] += len(p - g)
            counts[kind]["fn"] += len(g - p)
        if predicted != gold:
            errors.append((sentence.text, sorted(predicted - gold), sorted(gold - predicted)))
    table = {kind: _prf(**c) for kind, c in counts.items()}
    table["overall"] = _prf(**{k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")})
    result = {"scores": table, "errors": errors}
    if titles is not None:
        result["positions"] = _prf(**titles)
    return result


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def format_span_scores(result: dict, sentences: int, show_errors: int = 0) -> str:
    lines = [f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'FP':>7}{'FN':>7}"]
    for kind, row in result["scores"].items():
        lines.append(f"{kind:<14}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                     f"{row['tp']:>7}{row['fp']:>7}{row['fn']:>7}")
    if "positions" in result:
        row = result["positions"]
        lines.append(f"{'post titles':<14}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                     f"{row['tp']:>7}{row['fp']:>7}{row['fn']:>7}   (apart from the overall)")
    lines.append(f"{sentences} sentences")
    for text, extra, missed in result["errors"][:show_errors]:
        lines.append("")
        lines.append(text)
        lines.extend(f"  FP {kind} {text[s:e]}" for s, e, kind in extra)
        lines.extend(f"  FN {kind} {text[s:e]}" for s, e, kind in missed)
    return "\n".join(lines)
