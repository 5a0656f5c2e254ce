"""The tokenizer's own route search cuts exactly as jieba does."""
from __future__ import annotations

import random

from kg.corpus import read_articles
from kg.extract.tokens import get_tokenizer


def test_same_words_as_jieba_on_the_seeds(seeds_dir):
    tokenizer = get_tokenizer()
    sentences = [s.text for a in read_articles([str(seeds_dir)]) for s in a.sentences]
    assert len(sentences) > 300
    for text in sentences:
        assert list(tokenizer._cut.cut(text)) == list(tokenizer._jieba.cut(text, HMM=True)), text


def test_same_words_as_jieba_on_random_mixed_text():
    tokenizer = get_tokenizer()
    rng = random.Random(7)
    alphabet = "呼和浩特市长贺海东局项目工程的了在是我市委副书记abcXYZ0123456789 \n\r\t.%-+#&_，。、“”（）1.5%"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert list(tokenizer._cut.cut(text)) == list(tokenizer._jieba.cut(text, HMM=True)), repr(text)


def test_words_added_later_are_used():
    tokenizer = get_tokenizer()
    word, text = "龘龘龘龘", "在龘龘龘龘开会"
    assert word not in list(tokenizer._cut.cut(text))
    total = tokenizer._jieba.total
    try:
        tokenizer._jieba.add_word(word, freq=5000)
        assert word in list(tokenizer._cut.cut(text))  # the new total is noticed
    finally:
        tokenizer._jieba.del_word(word)
        tokenizer._jieba.total = total  # leave the shared tokenizer as it was
        tokenizer._cut.prepare()
    assert list(tokenizer._cut.cut(text)) == list(tokenizer._jieba.cut(text, HMM=True))
