#!/usr/bin/env python3
"""Sort and de-duplicate hand-curated lexicon files in kg/lexicons/ in place.

Leading ``#`` comment lines are kept as they are; the remaining non-empty lines
are stripped of trailing spaces, de-duplicated on their first tab-separated
column (first occurrence wins) and sorted by code point.  Generated files
(divisions.tsv, division_short_forms.tsv, surnames, titles, not_person ...) are
written sorted by their own scripts and are not touched here.

    python scripts/normalize_lexicons.py            # all files
    python scripts/normalize_lexicons.py titles.txt # some files
"""
from __future__ import annotations

import sys
from pathlib import Path

LEX = Path(__file__).resolve().parent.parent / "kg" / "lexicons"
# Only the hand-curated files this script owns; other files in kg/lexicons/ are left alone.
OWNED = (
    "capital_words.txt", "city_nicknames.tsv", "countries.tsv", "generic_project_heads.txt", "media.txt",
    "org_abbreviations.tsv", "org_suffixes.txt", "place_suffixes.txt", "project_suffixes.txt", "relation_verbs.tsv",
    "stop_entities.txt", "world_cities.txt",
)


def normalize(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        header.append(lines[i].rstrip())
        i += 1
    seen: dict[str, str] = {}
    for line in lines[i:]:
        line = line.rstrip().replace("\r", "")
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        line = "\t".join(cells)
        seen.setdefault(cells[0], line)
    body = [seen[k] for k in sorted(seen)]
    path.write_text("\n".join(header + body) + "\n", encoding="utf-8", newline="\n")
    return len(body)


def main() -> None:
    names = sys.argv[1:] or OWNED
    for name in names:
        print(f"{name}\t{normalize(LEX / name)}")


if __name__ == "__main__":
    main()
