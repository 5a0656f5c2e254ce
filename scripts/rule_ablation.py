"""What each rule that finds people, places or organisations adds to the tagger, on the development splits.

    python scripts/train_tagger.py ../shared/ner --write-dev DEV
    python scripts/rule_ablation.py DEV                   # every rule family
    python scripts/rule_ablation.py DEV --rules suffix gazetteer

For each rule family (the ``rule`` name of its candidates) it prints the whole extraction's F1 on
each development split (MSRA, CLUENER, Resume; MSRA and CLUENER again with every person name made
up, ``kg eval-spans --swap-names``) with every rule, then without that rule's candidates (not
proposed, so neither merged nor read by the tagger as a feature), and for the rules in
``TRUSTED_RULES`` also with the rule no longer trusted (an overlapping tagger span wins). The
last columns give the rule's own precision in the whole extraction: the spans it alone gives
(the tagger did not tag them so) and all the spans it gives, right / given.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg.extract as extract  # noqa: E402
import kg.extract.merge as merge  # noqa: E402
from kg.extract.propagation import ArticleNames  # noqa: E402
from kg.span_eval import SCORED_TYPES, read_annotated, score_spans, sentence_article, swap_person_names  # noqa: E402

RULE_FAMILIES = ("title-before", "title-after", "surname-title", "appointment", "surname-context",
                 "byline", "photo-credit", "signature", "lexicon", "trade-name", "title-prefix", "suffix",
                 "gazetteer", "local-unit", "feature-suffix", "abbreviation", "enumeration", "short-form",
                 "propagated")
SPLITS = (("MSRA", "msra_dev.bioes", False), ("CLUENER", "cluener_dev.jsonl", False),
          ("Resume", "resume_dev.bioes", False), ("MSRA swap", "msra_dev.bioes", True),
          ("CLUENER swap", "cluener_dev.jsonl", True))

dropped: set[str] = set()


def without_dropped(function):
    def wrapped(*args, **kwargs):
        return [c for c in function(*args, **kwargs) if c.rule not in dropped]
    return wrapped


# Every place a rule's candidates enter extraction: the extractors, enumerations, names found again.
extract.rule_candidates = without_dropped(extract.rule_candidates)
extract.extend_enumerations = without_dropped(extract.extend_enumerations)
ArticleNames.candidates = without_dropped(ArticleNames.candidates)


def predicted(text: str) -> list[tuple[int, int, str, str]]:
    """Outermost (start, end, type, rule) spans, as kg eval-spans scores them."""
    mentions, _ = extract.extract_article(sentence_article(text))
    outermost = []
    for span in sorted((m.start, m.end, m.type, m.rule) for m in mentions if m.type in SCORED_TYPES):
        if not outermost or span[0] >= outermost[-1][1]:
            outermost.append(span)
    return outermost


def score(splits: dict) -> tuple[list[float], dict]:
    """Overall F1 on each split, and per rule (alone right, alone given, right, given) summed over splits."""
    f1s, precision = [], {}
    for sentences in splits.values():
        texts = [s.text for s in sentences]
        found = [predicted(text) for text in texts]
        tagged = [set(spans) for spans in extract.tag_sentences(texts)]
        f1s.append(score_spans(sentences, [[s[:3] for s in spans] for spans in found])["scores"]["overall"]["f1"])
        for sentence, spans, tagger in zip(sentences, found, tagged):
            gold = set(sentence.spans)
            for span in spans:
                counts = precision.setdefault(span[3], [0, 0, 0, 0])
                right = span[:3] in gold
                if span[:3] not in tagger:
                    counts[0] += right
                    counts[1] += 1
                counts[2] += right
                counts[3] += 1
    return f1s, precision


def row(label: str, f1s: list[float], base: list[float] | None = None) -> str:
    cells = "".join(f"{f:>14.3f}" for f in f1s)
    if base is not None:
        mean = sum(f - b for f, b in zip(f1s, base)) / len(f1s)
        return f"{label:<30}{cells}{mean:>+10.4f}"
    return f"{label:<30}{cells}{'':>10}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path, help="folder written by train_tagger.py --write-dev")
    parser.add_argument("--rules", nargs="+", default=list(RULE_FAMILIES), metavar="RULE")
    args = parser.parse_args(argv)
    splits = {}
    for label, name, swap in SPLITS:
        sentences = read_annotated(args.dev / name)
        splits[label] = swap_person_names(sentences) if swap else sentences
    print(f"{'':<30}" + "".join(f"{label:>14}" for label in splits) + f"{'mean diff':>10}"
          + "   alone right/given   all right/given")
    base, precision = score(splits)
    print(row("every rule", base))
    for rule in args.rules:
        dropped.add(rule)
        f1s, _ = score(splits)
        dropped.discard(rule)
        counts = precision.get(rule, [0, 0, 0, 0])
        shares = "".join(f"{f'{counts[i]}/{counts[i + 1]}':>20}" for i in (0, 2))
        print(row(f"without {rule}", f1s, base) + shares, flush=True)
        if rule in merge.TRUSTED_RULES:
            trusted = merge.TRUSTED_RULES
            merge.TRUSTED_RULES = tuple(r for r in trusted if r != rule)
            f1s, _ = score(splits)
            merge.TRUSTED_RULES = trusted
            print(row(f"  {rule} not trusted", f1s, base), flush=True)
    tagger = precision.get(merge.TAGGER_RULE, [0, 0, 0, 0])
    print(f"tagger spans right/given: {tagger[2]}/{tagger[3]} ({tagger[2] / max(tagger[3], 1):.3f})")


if __name__ == "__main__":
    main()
