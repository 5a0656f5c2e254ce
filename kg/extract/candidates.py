"""What extractors propose: a typed span of a sentence, before overlaps are settled."""
from __future__ import annotations

from dataclasses import dataclass, field


TAGGER_RULE = "tagger"  # the ``rule`` of a candidate the statistical tagger proposes (merge.merge_tagged)


@dataclass
class Candidate:
    start: int  # offsets in Sentence.text
    end: int
    type: str
    name: str  # normalised name (quotes and spaces removed)
    rule: str
    priority: int = 1  # higher wins an overlap of equal length
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (title, org surface)


def settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the outermost spans: longer beats shorter, then higher priority, then earlier."""
    if len(candidates) < 2:
        return list(candidates)
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.type))
    taken: list[Candidate] = []
    occupied = bytearray(max((c.end for c in candidates), default=0))
    for candidate in ordered:
        if occupied.find(1, candidate.start, candidate.end) >= 0:
            continue  # a character of it is taken
        occupied[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def place_tiling(start: int, end: int, candidates: list[Candidate]) -> list[Candidate]:
    """Two or more place candidates that together cover exactly start..end (江苏 + 盐城 of 江苏盐城), or none.

    A name of divisions written one after the other names each of them: kg keeps them apart."""
    places = {}
    for c in candidates:
        if c.type == "place" and start <= c.start and c.end <= end and (c.start, c.end) != (start, end):
            places.setdefault(c.start, []).append(c)
    best: dict[int, list[Candidate]] = {end: []}
    for position in range(end - 1, start - 1, -1):
        for c in sorted(places.get(position, ()), key=lambda c: c.start - c.end):
            if c.end in best:
                best[position] = [c] + best[c.end]
                break
    tiling = best.get(start, [])
    return tiling if len(tiling) >= 2 else []
