"""Checks on decoded text that tell a news page from something that is not one.

- :func:`check_text` refuses empty and whitespace-only text, text that looks binary (many control,
  unassigned or private-use characters, or replacement characters), and lines longer than
  :data:`MAX_LINE_CHARS` (a file of megabytes without a newline is a dump, not a page, and would take
  minutes to segment).
- :func:`clean_surrogates` replaces unpaired surrogates (which JSON can carry as ``"\\ud800"`` but UTF-8
  cannot) with U+FFFD, one character for one, so offsets stay valid.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import InputError

MAX_LINE_CHARS = 200_000  # about 100 printed pages on one line
BINARY_SAMPLE = 65_536  # characters looked at to decide whether a text is binary
BINARY_RATIO = 0.05  # above this share of odd characters in the sample, the text is binary
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, where: str, lines: bool = True) -> None:
    """Raise InputError naming ``where`` when ``text`` is not usable as a news text.

    ``lines=False`` skips the line length check (for HTML pages and JSON lines, whose own lines may be
    long: their text is checked once taken out).
    """
    if not text:
        raise InputError(f"{where}: empty, nothing to read")
    if text.isspace():
        raise InputError(f"{where}: only whitespace, nothing to read")
    if looks_binary(text):
        raise InputError(f"{where}: binary data, not text (try --encoding if it is text)")
    line = long_line(text) if lines else None
    if line is not None:
        number, length = line
        raise InputError(f"{where}:{number}: line of {length:,} characters without a newline "
                         f"(the limit is {MAX_LINE_CHARS:,})")


def looks_binary(text: str) -> bool:
    """Whether the start of ``text`` holds too many control, unassigned, private-use or U+FFFD characters."""
    sample = text[:BINARY_SAMPLE]
    odd = len(_CONTROL.findall(sample))
    if odd <= len(sample) * BINARY_RATIO:
        # each distinct character looked up once; only the odd ones (usually none) are counted
        odd += sum(sample.count(ch) for ch in set(sample)
                   if ord(ch) > 0x7F and unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return odd > max(len(sample) * BINARY_RATIO, 2)


def long_line(text: str, limit: int = MAX_LINE_CHARS) -> tuple[int, int] | None:
    """(line number, length) of the first line longer than ``limit`` characters, or None."""
    if len(text) <= limit:
        return None
    start, number = 0, 1
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > limit:
            return number, stop - start
        if end < 0:
            return None
        start, number = end + 1, number + 1


def clean_surrogates(text: str) -> str:
    """``text`` with every unpaired surrogate replaced by U+FFFD (same length)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
