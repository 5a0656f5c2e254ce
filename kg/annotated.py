"""Read NER-annotated sentences: character-tagged files and CLUENER-style JSON lines.

Two layouts are read, plain or gzip-compressed:

- character-tagged: one ``character TAG`` pair per line (tab or space), a blank line
  between sentences, in BIO, BIOES or BMES notation (MSRA, People's Daily, Resume NER);
- JSON lines: ``{"text": ..., "label": {type: {mention: [[start, end_inclusive], ...]}}}``
  (CLUENER2020).

Every reader gives :class:`TaggedSentence` objects whose spans carry kg's types
(person, place, organization); labels kg has no type for (MISC, TITLE, book, game...)
are dropped. Errors name the file and line.

>>> gold = read_tagged_lines(["江 B-PER", "泽 I-PER", "民 I-PER", "说 O"])
>>> gold[0].text, gold[0].spans
('江泽民说', [(0, 3, 'person')])
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

# Corpus labels -> kg types. CLUENER's address and scene are places; its company, organization
# and government are organisations; Resume NER's NAME is a person.
TAG_TYPES = {"PER": "person", "PERSON": "person", "NR": "person", "NAME": "person",
             "LOC": "place", "GPE": "place", "NS": "place", "ADDRESS": "place", "SCENE": "place",
             "ORG": "organization", "NT": "organization", "COMPANY": "organization",
             "ORGANIZATION": "organization", "GOVERNMENT": "organization"}
TAGGED_TYPES = ("person", "place", "organization")


TITLE_TAGS = ("TITLE", "POSITION")  # post titles: Resume NER's TITLE, CLUENER's position


@dataclass
class TaggedSentence:
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, type), end exclusive
    positions: list[tuple[int, int]] = field(default_factory=list)  # post titles the set labels (start, end)


def read_tagged_lines(lines, source: str = "<lines>") -> list[TaggedSentence]:
    """Parse ``char TAG`` lines; untyped or unknown tags (MISC, TITLE...) are ignored."""
    sentences: list[TaggedSentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(list(lines) + [""], start=1):
        line = line.rstrip("\n")
        if not line.strip():
            if chars:
                sentences.append(TaggedSentence("".join(chars), *typed_and_title_spans(tags)))
            chars, tags = [], []
            continue
        parts = line.split()
        if len(parts) == 1 and line[:1].isspace():
            parts = [" ", parts[0]]  # a space character tagged O
        if len(parts) != 2:
            raise ValueError(f"{source}, line {number}: expected 'character TAG', got {line!r}")
        chars.append(parts[0][:1])
        tags.append(parts[1].upper())
    return sentences


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Typed spans of a BIO / BIOES / BMES tag sequence."""
    return typed_and_title_spans(tags)[0]


def typed_and_title_spans(tags: list[str]) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The typed spans of a tag sequence and its post titles (TITLE), from one reading of the tags."""
    spans = labelled_spans(tags)
    return ([(s, e, TAG_TYPES[k]) for s, e, k in spans if k in TAG_TYPES],
            [(s, e) for s, e, k in spans if k in TITLE_TAGS])


def labelled_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of every span of a BIO / BIOES / BMES tag sequence, whatever its label."""
    spans = []
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix in ("I", "M", "E") and start is not None and label == kind
        if not continues:
            if start is not None:
                spans.append((start, i, kind))
            start, kind = (i, label) if prefix in ("B", "S", "I", "M", "E") and label else (None, None)
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, kind))
            start, kind = None, None
    return spans


def read_cluener_lines(lines, source: str = "<lines>") -> list[TaggedSentence]:
    """Parse CLUENER JSON lines; a mention that overlaps an earlier one is dropped (kg spans do not nest)."""
    sentences = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            labels = record.get("label") or {}
            spans, titles = [], []
            for label, mentions in labels.items():
                kind = TAG_TYPES.get(label.upper())
                for mention, places in mentions.items():
                    for start, last in places:
                        if text[start:last + 1] != mention:
                            raise ValueError(f"{mention!r} is not at [{start}, {last}]")
                        if kind:
                            spans.append((start, last + 1, kind))
                        elif label.upper() in TITLE_TAGS:
                            titles.append((start, last + 1))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{source}, line {number}: not a CLUENER record ({error})") from None
        kept, end = [], 0
        for span in sorted(spans, key=lambda s: (s[0], -s[1])):
            if span[0] >= end:
                kept.append(span)
                end = span[1]
        sentences.append(TaggedSentence(text, kept, sorted(titles)))
    return sentences


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")


def read_annotated(path: str | Path) -> list[TaggedSentence]:
    """Sentences of an annotated file, its layout told by its first character ('{' means JSON lines)."""
    path = Path(path)
    try:
        with _open_text(path) as handle:
            lines = handle.readlines()
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise ValueError(f"{path}: cannot be read ({error})") from None
    first = next((line.lstrip() for line in lines if line.strip()), "")
    if first.startswith("{"):
        return read_cluener_lines(lines, str(path))
    return read_tagged_lines(lines, str(path))


read_tagged = read_annotated  # the name earlier code used


KG_LABELS = {"person": "PER", "place": "LOC", "organization": "ORG"}
CLUENER_LABELS = {"person": "name", "place": "address", "organization": "organization"}


def span_labels(length: int, spans) -> list[str]:
    """BIOES tags of a sentence of ``length`` characters with these (start, end, kg type) spans."""
    tags = ["O"] * length
    for start, end, kind in spans:
        tags[start:end] = bioes(end - start, KG_LABELS[kind])
    return tags


def bioes(length: int, label: str) -> list[str]:
    """The BIOES tags of one span of ``length`` characters: S-X alone, else B-X I-X ... E-X."""
    if length == 1:
        return [f"S-{label}"]
    return [f"B-{label}"] + [f"I-{label}"] * (length - 2) + [f"E-{label}"]


def write_tagged(sentences: list[TaggedSentence], handle) -> None:
    """Write sentences as ``character TAG`` lines in BIOES notation (what :func:`read_tagged_lines` reads)."""
    for sentence in sentences:
        tags = span_labels(len(sentence.text), sentence.spans)
        for start, end in sentence.positions:
            if all(tag == "O" for tag in tags[start:end]):
                tags[start:end] = bioes(end - start, "TITLE")
        for char, tag in zip(sentence.text, tags):
            handle.write(f"{' ' if char.isspace() else char} {tag}\n")  # read back as a space
        handle.write("\n")


def write_cluener(sentences: list[TaggedSentence], handle) -> None:
    """Write sentences as CLUENER JSON lines (what :func:`read_cluener_lines` reads)."""
    for sentence in sentences:
        labels: dict[str, dict[str, list[list[int]]]] = {}
        for start, end, kind in sentence.spans:
            mentions = labels.setdefault(CLUENER_LABELS[kind], {})
            mentions.setdefault(sentence.text[start:end], []).append([start, end - 1])
        for start, end in sentence.positions:
            labels.setdefault("position", {}).setdefault(sentence.text[start:end], []).append([start, end - 1])
        handle.write(json.dumps({"text": sentence.text, "label": labels}, ensure_ascii=False) + "\n")
