"""Decode input bytes: BOMs first, then strict UTF-8, then a detector.

Chinese newspapers come as UTF-8, GB18030/GBK, Big5 or UTF-16; the detector
is asked about those first because on short texts it otherwise drifts to
unrelated single-byte code pages.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .errors import InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
PREFERRED = ["utf_8", "gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be"]


def detect_encoding(data: bytes) -> str | None:
    """The encoding of ``data``, or None when nothing decodes it plausibly."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=PREFERRED).best()
    if best is None:
        best = from_bytes(data).best()
    return best.encoding if best is not None else None


def binary_bytes(data: bytes, sample: int = 65_536) -> bool:
    """Whether the start of ``data`` has the NUL and control bytes of binary data (not of UTF-16)."""
    head = data[:sample]
    controls = sum(head.count(bytes([byte])) for byte in (*range(0, 9), *range(14, 32)))
    return controls > max(len(head) * 0.05, 2)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Text of ``data``; ``encoding`` overrides detection. Raises InputError naming ``source``."""
    name = encoding or detect_encoding(data)
    if name is None:
        if binary_bytes(data):
            raise InputError(f"{source}: binary data, not text (try --encoding if it is text)")
        raise InputError(f"{source}: cannot detect the text encoding (try --encoding)")
    codec = name
    try:
        if codecs.lookup(name).name == "utf-8":
            codec = "utf-8-sig"  # a BOM is never part of the text
    except LookupError:
        raise InputError(f"{source}: unknown encoding {name!r}") from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: cannot decode as {name} (byte {error.start:,}); "
                         "try another --encoding") from None
    return normalise_newlines(text.lstrip("\ufeff"))
