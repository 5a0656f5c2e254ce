"""Precision and recall of the typed relations on sentences with expected relations.

    python bench/relations_eval.py [tests/data/relations_heldout.jsonl] [--errors]

Each line of the file is ``{"text": ..., "relations": [[relation, subject, object], ...]}`` (names as
printed). A relation found counts as right when the expected list has it with the same names; meets,
signs_with and cooperates_with are read both ways. The whole extraction runs (the tagger included), so a
name not found costs recall too.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SYMMETRIC = ("meets", "signs_with", "cooperates_with")
DEFAULT = ROOT / "tests" / "data" / "relations_heldout.jsonl"


def normal(triple) -> tuple:
    relation, subject, obj = triple
    return (relation, *sorted((subject, obj))) if relation in SYMMETRIC else (relation, subject, obj)


def score(path: Path = DEFAULT, errors: list | None = None) -> dict[str, Counter]:
    """relation -> Counter(tp, fp, fn) over the sentences of ``path``."""
    from extraction import stated

    table: dict[str, Counter] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        expected = {normal(t) for t in record["relations"]}
        found = {normal(t) for t in stated(record["text"])}
        for triple in found | expected:
            counts = table.setdefault(triple[0], Counter())
            kind = "tp" if triple in found and triple in expected else ("fp" if triple in found else "fn")
            counts[kind] += 1
            if kind != "tp" and errors is not None:
                errors.append((kind, triple, record["text"]))
    return table


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(table: dict[str, Counter]) -> str:
    lines = [f"{'relation':<16} {'P':>6} {'R':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    total = Counter()
    for relation in sorted(table):
        c = table[relation]
        total.update(c)
        lines.append(f"{relation:<16} {ratio(c['tp'], c['tp'] + c['fp']):6.3f} {ratio(c['tp'], c['tp'] + c['fn']):6.3f} "
                     f"{c['tp']:4d} {c['fp']:4d} {c['fn']:4d}")
    lines.append(f"{'all':<16} {ratio(total['tp'], total['tp'] + total['fp']):6.3f} "
                 f"{ratio(total['tp'], total['tp'] + total['fn']):6.3f} {total['tp']:4d} {total['fp']:4d} {total['fn']:4d}")
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors: list = []
    print(report(score(Path(args[0]) if args else DEFAULT, errors)))
    if "--errors" in sys.argv:
        for kind, triple, text in errors:
            print(kind, triple, text)
