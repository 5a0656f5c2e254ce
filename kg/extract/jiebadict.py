"""jieba's dictionary (every word's and prefix's frequency, the total, every word's tag) in a form that loads fast.

jieba keeps its prefix dictionary in a marshal file (0.6 s to load its 500,000 strings one by one) and
``jieba.posseg`` parses ``dict.txt`` again on import for the tags (0.3 s). Here the words are one UTF-8 text
split on newlines and the numbers one NumPy array (``.npz``, read with ``allow_pickle=False``: nothing read
runs code), about 0.1 s. The file is made from jieba's own the first time, in the temporary folder as
jieba's cache is, named by the SHA-1 of jieba's ``dict.txt`` and holding the SHA-256 of its content: a
missing, damaged or edited file is made again, and one that would not read back as jieba's is not written.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jieba
import numpy as np

FORMAT = "kg-jieba-dictionary-1"
SECTION = "\f"  # between the sections of the text: the prefix dictionary's words, the tagged words, the tags


def load() -> tuple[dict[str, int], int, dict[str, str]]:
    """``(FREQ, total, tags)``: what ``jieba.Tokenizer().initialize()`` and ``jieba.posseg.dt.word_tag_tab``
    hold for jieba's default dictionary, in the same order."""
    with jieba.get_module_res(jieba.DEFAULT_DICT_NAME) as handle:
        digest = hashlib.sha1(handle.read()).hexdigest()
    path = Path(tempfile.gettempdir()) / f"kg-jieba-{digest[:20]}.npz"
    try:
        return read(path)
    except (OSError, ValueError, KeyError, IndexError, UnicodeDecodeError):
        pass
    freq, total, tags = from_jieba()
    try:
        write(path, freq, total, tags)
    except (OSError, ValueError):
        pass  # a read-only temporary folder: jieba's own next time too
    return freq, total, tags


def from_jieba() -> tuple[dict[str, int], int, dict[str, str]]:
    import jieba.posseg

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total, dict(jieba.posseg.dt.word_tag_tab)


def encode(freq: dict, total: int, tags: dict) -> tuple[bytes, np.ndarray]:
    names = sorted(set(tags.values()))
    number = {name: index for index, name in enumerate(names)}
    text = SECTION.join(["\n".join(freq), "\n".join(tags), "\n".join(names)]).encode("utf-8")
    numbers = np.array([total, *freq.values(), *(number[tag] for tag in tags.values())], dtype=np.int64)
    return text, numbers


def _checksum(text: bytes, numbers: np.ndarray) -> np.ndarray:
    digest = hashlib.sha256(FORMAT.encode("ascii") + text + numbers.tobytes()).digest()
    return np.frombuffer(digest, dtype=np.uint8)


def write(path: Path, freq: dict, total: int, tags: dict) -> None:
    text, numbers = encode(freq, total, tags)
    back = decode(text, numbers)
    if back != (freq, total, tags) or list(back[0]) != list(freq) or list(back[2]) != list(tags):
        raise ValueError("jieba's dictionary does not read back (a word holding a newline?)")
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            np.savez(handle, text=np.frombuffer(text, dtype=np.uint8), numbers=numbers,
                     check=_checksum(text, numbers))
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def read(path: Path) -> tuple[dict[str, int], int, dict[str, str]]:
    with np.load(path, allow_pickle=False) as data:
        text, numbers, check = data["text"].tobytes(), data["numbers"], data["check"]
    if numbers.dtype != np.int64 or numbers.ndim != 1 or not np.array_equal(check, _checksum(text, numbers)):
        raise ValueError("not kg's copy of jieba's dictionary")
    return decode(text, numbers)


def decode(text: bytes, numbers: np.ndarray) -> tuple[dict[str, int], int, dict[str, str]]:
    words, tagged, names = (part.split("\n") for part in text.decode("utf-8").split(SECTION))
    values = numbers.tolist()
    if len(values) != 1 + len(words) + len(tagged):
        raise ValueError("the words and the numbers do not match")
    freq = dict(zip(words, values[1:1 + len(words)]))
    tags = dict(zip(tagged, [names[index] for index in values[1 + len(words):]]))
    return freq, values[0], tags
