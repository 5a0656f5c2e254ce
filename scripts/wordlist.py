"""Write a lexicon word list: a comment line, then the words sorted, one per line."""
from __future__ import annotations

from pathlib import Path

LEXICONS = Path(__file__).resolve().parent.parent / "kg" / "lexicons"


def write_words(name: str, comment: str, words) -> None:
    with (LEXICONS / name).open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# {comment}\n")
        handle.writelines(word + "\n" for word in sorted(words))
