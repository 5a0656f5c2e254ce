"""Settle what the tagger and the rules propose for one sentence, before overlaps are settled.

The tagger is the backbone for people, places and organisations; the rules keep the ground
no corpus labels: projects, people named with a title (their roles) or in a credit line.
Where both propose a span:

- the same span: the rule's candidate stays (it carries the normalised name and any roles),
  with the tagger's type unless the rule found a project or a post;
- overlapping spans: the tagger's wins over a rule that scores below it on the development
  splits; the rules listed in ``TRUSTED_RULES`` (each at least as precise as the tagger there)
  stay, and the longer span is taken when overlaps are settled;
- a span only the tagger proposes is kept when the tagger is sure of it (``MIN_CONFIDENCE``).
"""
from __future__ import annotations

from .candidates import Candidate

# Rules whose spans the tagger never overrides: posts held and credit lines are kg's own labels.
RULES_GROUND = ("title-before", "title-after", "surname-title", "appointment", "byline", "photo-credit",
                "signature")
# Rules at least as precise as the tagger on the development splits (kg eval-spans, rule by rule).
TRUSTED_RULES = ("gazetteer", "lexicon", "abbreviation", "doctrine", "surname-context", "title-prefix")
TAGGER_RULE = "tagger"
# A span only the tagger proposes is kept when every character's label has at least this probability
# (forward-backward marginals). On the development splits 0.5 and 0.6 score within 0.002 of each other
# and 0.7 loses recall; 0.6 drops the unsure single characters and common nouns found in page text.
MIN_CONFIDENCE = 0.6


def owns_ground(candidate: Candidate) -> bool:
    return candidate.type == "project" or bool(candidate.roles) or candidate.rule in RULES_GROUND


def merge_tagged(text: str, candidates: list[Candidate], spans: list[tuple[int, int, str, float]]
                 ) -> list[Candidate]:
    """The rules' candidates and the tagger's (start, end, type, confidence) spans, as one list of
    candidates (a new list)."""
    ground = bytearray(len(text) + 1)
    for candidate in candidates:
        if owns_ground(candidate):
            ground[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
    exact = {(c.start, c.end): i for i, c in enumerate(candidates)}
    merged = list(candidates)
    tagged = bytearray(len(text) + 1)
    for start, end, kind, confidence in spans:
        same = exact.get((start, end))
        if same is not None:
            rule = merged[same]
            if rule.type != kind and not owns_ground(rule):
                merged[same] = Candidate(rule.start, rule.end, kind, rule.name, rule.rule, rule.priority, rule.roles)
            continue
        if any(ground[start:end]) or confidence < MIN_CONFIDENCE:
            continue
        tagged[start:end] = b"\x01" * (end - start)
        merged.append(Candidate(start, end, kind, text[start:end], TAGGER_RULE, 1))
    return [c for c in merged if c.rule == TAGGER_RULE or owns_ground(c) or c.rule in TRUSTED_RULES
            or not any(tagged[c.start:c.end])]
