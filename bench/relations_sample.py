"""Relations found in news never used while writing the rules, for judging by hand.

    python bench/relations_sample.py ../shared/ner/msra_train.bio.gz [--n 30] [--seed 1] [--train]

Reads the development split of annotated NER files (every tenth sentence; with --train the other nine, most
of which the tagger was trained on, so names are found better than in new text), extracts each sentence
holding a relation verb with the whole extraction and prints a random sample of the relations found, each
with its sentence, to be judged by hand.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main(paths: list[str], n: int, seed: int, split: str = "dev") -> None:
    from extraction import stated
    from kg.lexicon import lexicons, to_simplified
    from kg.train import read_corpora

    verbs = tuple(lexicons().relation_verbs)
    found = []
    sentences = 0
    for corpus in read_corpora(paths, dev_split="every-tenth"):  # the split the README's draws were made on
        for sentence in getattr(corpus, split):
            text = sentence.text
            if not any(verb in to_simplified(text) for verb in verbs):
                continue
            sentences += 1
            found.extend((relation, subject, obj, text) for relation, subject, obj in sorted(stated(text)))
    by_relation: dict[str, int] = {}
    for item in found:
        by_relation[item[0]] = by_relation.get(item[0], 0) + 1
    print(f"{sentences} {split} sentences with a relation verb; relations found: "
          + ", ".join(f"{count} {name}" for name, count in sorted(by_relation.items())))
    for number, (relation, subject, obj, text) in enumerate(random.Random(seed).sample(found, min(n, len(found))), 1):
        print(f"{number:2d}. {relation} {subject} -> {obj}\n    {text}")


if __name__ == "__main__":
    args = sys.argv[1:]
    options = {name: int(args[args.index(name) + 1]) for name in ("--n", "--seed") if name in args}
    paths = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] not in options)]
    main(paths, options.get("--n", 30), options.get("--seed", 1), "train" if "--train" in args else "dev")
