"""Names found once in an article are found again wherever the article repeats them.

A person introduced with a title (市长贺海东) is 贺海东 alone later on; a body named in full
(哈佛大学) may come back by its bare name (哈佛); a surname with a title (江主席) stands for
the one person of that surname the article names.
"""
from __future__ import annotations

from ..model import Mention
from .candidates import Candidate
from .organization import short_form
from .tokens import Token, Tokenizer

PROPAGATED_TYPES = ("person", "organization", "project")


class ArticleNames:
    """The names an article's confident candidates give, and the short forms of its bodies."""

    def __init__(self, per_sentence: list[list[Candidate]], tokenizer: Tokenizer):
        self.known: dict[str, tuple[str, str]] = {}  # name -> (type, rule)
        for candidates in per_sentence:
            for candidate in candidates:
                if candidate.type in PROPAGATED_TYPES and candidate.priority >= 2 or candidate.rule == "title-before":
                    self.known.setdefault(candidate.name, (candidate.type, candidate.rule))
        self.short_forms = {short: name for name, (kind, _) in self.known.items() if kind == "organization"
                            for short in [short_form(name, tokenizer)] if short and short not in self.known}
        self.names = [name for name in self.known if len(name) >= 2] + list(self.short_forms)

    def candidates(self, text: str, tokens: list[Token], tokenizer: Tokenizer) -> list[Candidate]:
        """Candidates for every place ``text`` repeats a known name or a short form."""
        found = []
        for start, name in name_matches(self.names, text):
            end = start + len(name)
            if inside_known_word(start, end, tokens, tokenizer):
                continue  # 市委 inside 市委党校
            if name in self.short_forms:  # 哈佛 after 哈佛大学: the same body
                found.append(Candidate(start, end, "organization", self.short_forms[name], "short-form", 1))
            else:
                found.append(Candidate(start, end, self.known[name][0], name, "propagated", 2))
        return found


def inside_known_word(start: int, end: int, tokens: list[Token], tokenizer: Tokenizer) -> bool:
    """Is [start, end) strictly inside one token that jieba's dictionary knows as a longer word?"""
    for token in tokens:
        if token.start <= start and end <= token.end and (token.start, token.end) != (start, end):
            return token.text in tokenizer.base_tags
        if token.start >= end:
            break
    return False


def link_surname_references(mentions: list[Mention]) -> None:
    """江主席 is 江泽民 when the article names exactly one person with that surname."""
    full_names = {m.name for m in mentions if m.type == "person" and m.rule != "surname-title" and m.name}
    for mention in mentions:
        if mention.rule == "surname-title":
            matches = sorted(name for name in full_names if name.startswith(mention.surface))
            if len(matches) == 1:
                mention.name = matches[0]


def name_matches(names: list[str], text: str) -> list[tuple[int, str]]:
    """(start, name) of the names in ``text``, left to right, the longest where several start, none overlapping.

    What a regex alternation of the names, longest first, finds, without compiling one per article.
    """
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            found.append((start, -len(name), name))
            start = text.find(name, start + 1)
    if len(found) > 1:
        found.sort()
    matches, end = [], 0
    for start, negative_length, name in found:
        if start >= end:
            matches.append((start, name))
            end = start - negative_length
    return matches
