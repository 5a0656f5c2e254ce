"""Score the positions kg names (article.positions) on CLUENER's development split.

    python scripts/score_positions.py ../shared/ner/cluener_train.jsonl.gz

CLUENER labels posts (`position`: 记者, 首席经济学家) with or without a holder. The development split
is every tenth record, as in scripts/train_tagger.py; spans must match exactly.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import extract_articles  # noqa: E402
from kg.span_eval import sentence_article  # noqa: E402
from kg.train import DEV_EVERY  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cluener", type=Path, help="CLUENER training file (JSON lines, plain or gzipped)")
    args = parser.parse_args()
    opener = gzip.open if args.cluener.suffix == ".gz" else open
    with opener(args.cluener, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for number, line in enumerate(handle) if number % DEV_EVERY == DEV_EVERY - 1]
    articles = [sentence_article(record["text"], f"{args.cluener}#{number}") for number, record in enumerate(records)]
    extract_articles(articles)
    found = correct = gold_count = 0
    for record, article in zip(records, articles):
        gold = {(start, end + 1) for spans in record.get("label", {}).get("position", {}).values()
                for start, end in spans}
        predicted = {(start, end) for start, end, _ in article.positions}
        gold_count += len(gold)
        found += len(predicted)
        correct += len(gold & predicted)
    print(f"{len(records)} sentences, {gold_count} gold positions")
    print(f"recall {correct / max(gold_count, 1):.3f}  precision {correct / max(found, 1):.3f}  "
          f"({correct} found exactly, {found - correct} not in the gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
