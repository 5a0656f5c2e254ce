"""Text that every output encoding can carry: unpaired surrogates have no UTF-8 form.

The corpus reader already replaces them in its input; these guard graphs built by other means.
"""
from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_ESCAPE = re.compile("[\ud800-\udfff\u2028\u2029\x85]")


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with unpaired surrogates, and the line
    separators U+2028, U+2029 and U+0085 (which ``str.splitlines`` and older JavaScript take for line
    breaks), as ``\\uxxxx`` escapes. The escapes are valid JSON and read back as the same characters.

    >>> json_safe('"a\\ud800b"')
    '"a\\\\ud800b"'
    """
    if not _JSON_ESCAPE.search(dumped):
        return dumped
    return _JSON_ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def replace_surrogates(text: str) -> str:
    """``text`` with every unpaired surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
