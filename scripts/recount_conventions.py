"""How much of a split's score is its conventions: scored as kg eval-spans scores it, then recounted.

    python scripts/train_tagger.py ../shared/ner --write-dev DEV
    python scripts/recount_conventions.py DEV/cluener_dev.jsonl

CLUENER labels a street address as one place (广西省玉林市陆川县...) where kg names each division in it, and
leaves most countries unlabelled where kg names them. The recount takes an address kg finds as places within
it (covering at least half of it, no predicted span crossing it) as found, and does not count a country kg
names outside every labelled span. What is left between the two figures is extraction, not convention.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.annotated import read_annotated  # noqa: E402
from kg.lexicon import lexicons  # noqa: E402
from kg.span_eval import predict_spans, score_spans  # noqa: E402

Span = tuple[int, int, str]


def recount(text: str, gold: set[Span], predicted: set[Span], countries) -> tuple[set[Span], int, int]:
    """The predictions with each address found as its divisions read as the address, and countries named outside
    every gold span left out; and how many addresses and countries that changed."""
    recounted = set(predicted)
    addresses = 0
    for start, end, kind in gold:
        if kind != "place" or (start, end, kind) in predicted:
            continue
        inside = [p for p in predicted if start <= p[0] and p[1] <= end and p[2] == "place"]
        crossing = [p for p in predicted if p[0] < end and start < p[1] and not (start <= p[0] and p[1] <= end)]
        if inside and not crossing and 2 * sum(p[1] - p[0] for p in inside) >= end - start:
            recounted -= set(inside)
            recounted.add((start, end, kind))
            addresses += 1
    unlabelled = {p for p in recounted - gold if p[2] == "place" and text[p[0]:p[1]] in countries
                  and not any(g[0] < p[1] and p[0] < g[1] for g in gold)}
    return recounted - unlabelled, addresses, len(unlabelled)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tagged", type=Path, help="an annotated split (kg eval-spans reads the same files)")
    args = parser.parse_args(argv)
    countries = lexicons().countries
    sentences = read_annotated(args.tagged)
    predicted, recounted = [], []
    addresses = unlabelled = 0
    for sentence in sentences:
        found = set(predict_spans(sentence.text))
        again, a, u = recount(sentence.text, set(sentence.spans), found, countries)
        predicted.append(found)
        recounted.append(again)
        addresses, unlabelled = addresses + a, unlabelled + u
    for label, predictions, extra in (("as scored", predicted, ""), ("recounted", recounted,
                                      f"; {addresses} addresses found as their divisions, {unlabelled} unlabelled countries")):
        overall = score_spans(sentences, predictions)["scores"]["overall"]
        print(f"{label}: F1 {overall['f1']:.3f} (right {overall['tp']}, wrong {overall['fp']}, "
              f"missed {overall['fn']}{extra})")


if __name__ == "__main__":
    main()
