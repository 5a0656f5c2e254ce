"""The body a title belongs to, settled once a sentence's names are known.

A title's body is read back from the title word by word (:func:`kg.extract.person.preceding_titles`),
before the sentence's names are settled. Once they are, the body is checked against them:

- it never crosses a person's name or a verb of meeting, visiting or signing (outside a body's own
  name, as in 政策调研室): in
  市长某某会见某某株式会社副社长某某 the vice-president's body is 某某株式会社, not 某某会见某某株式会社;
- a body cut short by a joining word (改革委员会 of 国家发展和改革委员会主任) is the whole name of the
  organisation or place the sentence names there.
"""
from __future__ import annotations

from dataclasses import replace

from .candidates import Candidate
from .grammar import event_verbs, names_nothing

BODY_TYPES = ("organization", "place")


def settle_employers(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` (settled, in text order) with each role's body checked against the sentence."""
    settled = []
    for candidate in candidates:
        if candidate.type == "person" and any(org for _, org in candidate.roles):
            roles = [(title, employer(text, candidate, org, candidates)) for title, org in candidate.roles]
            candidate = replace(candidate, roles=roles)
        settled.append(candidate)
    return settled


def employer(text: str, person: Candidate, org: str | None, candidates: list[Candidate]) -> str | None:
    """The name of the body ``org`` (as read before ``person``'s titles) stands for, or None."""
    if not org:
        return org
    start = text.rfind(org, 0, person.start)
    if start < 0:
        return org
    end = start + len(org)
    start = after_breaks(text, start, end, person, candidates)
    if start >= end:
        return None
    for body in candidates:
        if body.type in BODY_TYPES and body.start < start < body.end and body.end == end \
                and after_breaks(text, body.start, end, person, candidates) == body.start:
            return body.name  # 国家发展和改革委员会, not 改革委员会
    return text[start:end]


def after_breaks(text: str, start: int, end: int, person: Candidate, candidates: list[Candidate]) -> int:
    """Where a body read over ``text[start:end]`` can start: after the last name or event verb inside it."""
    for other in candidates:
        if other.type == "person" and other is not person and other.start < end and other.end > start:
            start = max(start, other.end)
    bodies = [c for c in candidates if c.type in BODY_TYPES]
    for verb in event_verbs():
        found = text.rfind(verb, start, end)
        while found >= 0 and (any(b.start <= found and found + len(verb) <= b.end for b in bodies)
                              or names_nothing(text[found + len(verb):end])):
            found = text.rfind(verb, start, found)  # 政策调研室: inside a body's own name
        if found >= 0:
            start = max(start, found + len(verb))
    return start
