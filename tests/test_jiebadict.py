"""kg's copy of jieba's dictionary reads back as jieba's own, and a damaged copy is never used."""
import tempfile

import numpy as np
import pytest

from kg.extract import jiebadict


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_the_copy_is_jiebas_dictionary_in_jiebas_order(folder):
    freq, total, tags = jiebadict.from_jieba()
    first = jiebadict.load()  # made from jieba's
    assert len(list(folder.glob("kg-jieba-*.npz"))) == 1
    again = jiebadict.load()  # read from the copy
    for loaded in (first, again):
        assert loaded == (freq, total, tags)
        assert list(loaded[0]) == list(freq) and list(loaded[2]) == list(tags)
    assert 0 in freq.values() and len(tags) < len(freq)  # the prefixes of words too, untagged


def test_a_damaged_copy_is_made_again(folder):
    jiebadict.load()
    path = next(folder.glob("kg-jieba-*.npz"))
    with np.load(path, allow_pickle=False) as data:
        text, numbers, check = data["text"], data["numbers"].copy(), data["check"]
    numbers[5] += 1  # a frequency changed: the checksum no longer matches
    np.savez(path, text=text, numbers=numbers, check=check)
    with pytest.raises(ValueError):
        jiebadict.read(path)
    assert jiebadict.load() == jiebadict.from_jieba()
    assert jiebadict.read(path) == jiebadict.from_jieba()  # written again


def test_a_dictionary_that_does_not_read_back_is_not_written(folder):
    with pytest.raises(ValueError):
        jiebadict.write(folder / "copy.npz", {"甲\n乙": 3, "丙": 1}, 4, {"丙": "n"})
    assert not list(folder.iterdir())
