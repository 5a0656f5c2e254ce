"""Write kg/lexicons/given_name_chars.txt: the characters people's given names are written with.

    python scripts/build_given_name_chars.py ../shared/ner

Counts the characters after a lexicon surname in the two- and three-character person names of the
training part of the annotated corpora (the development split, every tenth sentence, is left out, as
in scripts/train_tagger.py) and keeps those seen at least MIN_COUNT times. Characters only: no name
is written to the file.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.lexicon import lexicons  # noqa: E402
from kg.train import read_corpora  # noqa: E402

CORPUS_FILES = ("msra_train.bio.gz", "cluener_train.jsonl.gz", "resume_train.bmes.gz")
MIN_COUNT = 5
OUTPUT = Path(__file__).resolve().parent.parent / "kg" / "lexicons" / "given_name_chars.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the annotated corpora")
    args = parser.parse_args()
    surnames = lexicons().surnames
    counts: Counter = Counter()
    for corpus in read_corpora([args.data / name for name in CORPUS_FILES if (args.data / name).exists()],
                               dev_split="every-tenth"):  # the split the shipped lexicon was counted on
        for sentence in corpus.train:
            for start, end, kind in sentence.spans:
                if kind == "person" and end - start in (2, 3) and sentence.text[start] in surnames:
                    counts.update(sentence.text[start + 1:end])
    kept = sorted(ch for ch, count in counts.items() if count >= MIN_COUNT)
    header = (f"# Characters of given names: those seen at least {MIN_COUNT} times after a surname in the person "
              f"names of the annotated corpora's training splits; written by scripts/build_given_name_chars.py\n")
    OUTPUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(kept)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
