"""The lexicon build scripts' own steps, on made-up inputs."""
from __future__ import annotations

import gzip

from script_modules import load_script


def bio(sentences) -> str:
    """BIO lines for (text, [(start, end, tag)]) sentences."""
    lines = []
    for text, spans in sentences:
        tags = ["O"] * len(text)
        for start, end, tag in spans:
            tags[start:end] = [f"B-{tag}"] + [f"I-{tag}"] * (end - start - 1)
        lines += [f"{ch}\t{tag}" for ch, tag in zip(text, tags)] + [""]
    return "\n".join(lines) + "\n"


def test_words_the_corpora_label_as_people_more_often_than_not_leave_the_not_person_list(tmp_path):
    build = load_script("build_not_person")
    sentences = [("周恩来同志说。", [(0, 3, "PER")]), ("周恩来总理到了。", [(0, 3, "PER")]),
                 ("马力很大。", []), ("马力不足。", []), ("马力来了。", [(0, 2, "PER")]), ("马力说。", [(0, 2, "PER")]),
                 ("高峰说。", [(0, 2, "PER")])]
    with gzip.open(tmp_path / "msra_train.bio.gz", "wt", encoding="utf-8") as handle:
        handle.write(bio(sentences))
    # 周恩来 2 of 2; 马力 2 of 4 (not more than half); 高峰 once (not twice); 文明 never
    assert build.people_by_label({"周恩来", "马力", "高峰", "文明"}, tmp_path) == {"周恩来"}
