"""Extraction quality on the development gold pages: floors that may only rise."""
from kg.evaluate import evaluate

# Measured with the tagger as the backbone (micro 0.858): the rules alone scored higher on these two pages
# (0.945) because they were written from them, and lower on every page and corpus they were not. The
# tagger's veto over the rules, chosen on the development splits (MSRA 0.884 -> 0.899, CLUENER 0.702 ->
# 0.715, Resume 0.791 -> 0.834), costs these pages 0.007 (micro 0.851: 神舟生物 read as no name).
FLOORS = {"micro": 0.84, "person": 0.87, "organization": 0.85, "place": 0.76, "project": 0.90}


def test_gold_scores_stay_above_their_floors(gold_dir, seeds_dir):
    result = evaluate(gold_dir, [str(seeds_dir)])
    assert result["pages"], "no gold page found among the seeds"
    scores = {"micro": result["micro"]["f1"], **{t: row["f1"] for t, row in result["types"].items()}}
    below = {name: (scores[name], floor) for name, floor in FLOORS.items() if scores[name] < floor}
    assert not below, f"scores below their floors: {below}"


ROLE_FLOOR = 0.95


def test_gold_roles_found_stay_above_their_floor(gold_dir, seeds_dir):
    roles = evaluate(gold_dir, [str(seeds_dir)])["roles"]
    assert roles["rate"] >= ROLE_FLOOR, f"roles found {roles['found']}/{roles['total']}"
