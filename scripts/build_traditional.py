#!/usr/bin/env python3
"""Write kg/lexicons/traditional_chars.tsv: traditional characters and the simplified ones they stand for.

Source: OpenCC's ``TSCharacters.txt`` (Apache-2.0), as shipped in the ``opencc-python-reimplemented``
wheel. Only characters that are never written in simplified text are kept (a traditional character whose
own form is among its simplified candidates, 乾 or 於, is left alone), each mapped to its first candidate,
so that the mapping is one character for one and offsets into the original text stay true.

    pip download --no-deps opencc-python-reimplemented -d /tmp/occ && cd /tmp/occ && unzip *.whl
    python scripts/build_traditional.py /tmp/occ/opencc/dictionary/TSCharacters.txt
"""
from __future__ import annotations

import sys
from pathlib import Path

from wordlist import write_words


def main(source: str) -> None:
    rows = []
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        traditional, _, candidates = line.partition("\t")
        options = candidates.split()
        if len(traditional) == 1 and options and traditional not in options and len(options[0]) == 1:
            rows.append(f"{traditional}\t{options[0]}")
    write_words("traditional_chars.tsv", "traditional<TAB>simplified: characters never written in simplified "
                "text, one for one; OpenCC TSCharacters.txt (Apache-2.0) via scripts/build_traditional.py", rows)
    print(f"{len(rows)} characters", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
