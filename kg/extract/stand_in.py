"""Read a bare surname as the tagger would read a common one (母处长 as 王处长).

The tagger leans on the identity of a surname: of the 85 people MSRA's development split names by a
surname alone (老X, X处长, X先生) it missed 20 as printed and 65 with made-up names of the same shape
(rare surnames: 乜, 亓, 仉); with this reading 18 and 57 (person F1, made-up names, 0.895 -> 0.897; the
other splits unchanged). The veto does not apply to these references: it dropped the rare ones. A rule's
bare-surname reference (``surname-title``) is kept when the tagger tags that character as a person, in the
sentence as printed or read with the common surname ``STAND_IN`` in its place; the corpora's own
conventions stay the tagger's (CLUENER never labels a bare surname: 毛师傅 is not tagged either way).
"""
from __future__ import annotations

from .candidates import Candidate

STAND_IN = "王"
RULE = "surname-title"


def is_bare_surname(candidate: Candidate) -> bool:
    """Is the candidate a person named by a surname alone (母 of 母处长)?"""
    return candidate.rule == RULE and candidate.end - candidate.start == 1


def references(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if is_bare_surname(c)]


def stand_in_text(text: str, candidates: list[Candidate]) -> str:
    """The sentence with each bare surname the rules refer to written as ``STAND_IN``."""
    chars = list(text)
    for c in references(candidates):
        chars[c.start] = STAND_IN
    return "".join(chars)


def confirmed_references(texts: list[str], found: list[list[Candidate]], tagger, read_sentences,
                         candidate_spans) -> list[set[tuple[int, int]]]:
    """For each sentence, the (start, end) of its bare-surname references the tagger tags as a person, as
    printed (毛 of 毛主席, a word it knows) or once their surname is a common one (one more tagger pass over
    those sentences only, both readings in one batch)."""
    asked = [i for i, candidates in enumerate(found) if references(candidates)]
    confirmed: list[set[tuple[int, int]]] = [set() for _ in texts]
    if not asked:
        return confirmed
    readings = [texts[i] for i in asked] + [stand_in_text(texts[i], found[i]) for i in asked]
    read, tokens, read_found = read_sentences(readings)
    spans = tagger.tag(read, tokens, [candidate_spans(candidates) for candidates in read_found])
    for k, i in enumerate(asked):
        people = {(start, end) for start, end, kind in spans[k] + spans[len(asked) + k] if kind == "person"}
        confirmed[i] = {(c.start, c.end) for c in references(found[i]) if (c.start, c.end) in people}
    return confirmed


def keep_confirmed(candidates: list[Candidate], confirmed: set[tuple[int, int]]) -> list[Candidate]:
    """The candidates without the bare-surname references the tagger did not confirm."""
    return [c for c in candidates if not is_bare_surname(c) or (c.start, c.end) in confirmed]
