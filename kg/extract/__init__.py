"""Extraction stage: find typed mentions (and the roles people hold) in an Article.

One jieba pass per sentence feeds four extractors (person, organization,
place, project). Overlaps are settled in favour of the outermost span, and
names found anywhere in the article are then looked for in every sentence
(so a person introduced with a title is found again without one).
"""
from __future__ import annotations

from ..lexicon import lexicons, to_simplified
from ..model import Article, Mention, Role
from .candidates import Candidate, settle_overlaps
from .enumeration import extend_enumerations
from .organization import find_organizations, short_form
from .person import find_people
from .place import find_abbreviated_places, find_places
from .project import find_projects
from .tagger import get_tagger
from .tokens import get_tokenizer

EXTRACTORS = (find_people, find_organizations, find_places, find_abbreviated_places, find_projects)
PROPAGATED_TYPES = ("person", "organization", "project")


def extract_article(article: Article) -> tuple[list[Mention], list[tuple[Mention, Role]]]:
    """Mentions of the article in text order, and (person mention, role) pairs."""
    tokenizer = get_tokenizer()
    per_sentence: list[list[Candidate]] = []
    known: dict[str, tuple[str, str]] = {}  # name -> (type, rule)
    # Rules and lexicons read simplified characters; surfaces are taken from the original text.
    texts = [to_simplified(sentence.text) for sentence in article.sentences]
    sentence_tokens = [tokenizer.tokenize(text) for text in texts]
    tagger = get_tagger()
    tagged = tagger.tag(texts, sentence_tokens) if tagger else [[] for _ in texts]
    for text, tokens, spans in zip(texts, sentence_tokens, tagged):
        candidates = [c for extractor in EXTRACTORS for c in extractor(text, tokens, tokenizer)]
        candidates = merge_tagged(text, candidates, spans)
        per_sentence.append(candidates)
        for candidate in candidates:
            if candidate.type in PROPAGATED_TYPES and candidate.priority >= 2 or candidate.rule == "title-before":
                known.setdefault(candidate.name, (candidate.type, candidate.rule))
    short_forms = {short: name for name, (kind, _) in known.items() if kind == "organization"
                   for short in [short_form(name, tokenizer)] if short and short not in known}
    names = [name for name in known if len(name) >= 2] + list(short_forms)
    mentions: list[Mention] = []
    roles: list[tuple[Mention, Role]] = []
    for number, (sentence, text, candidates) in enumerate(zip(article.sentences, texts, per_sentence)):
        for start, name in name_matches(names, text):
            end = start + len(name)
            if inside_known_word(start, end, sentence_tokens[number], tokenizer):
                continue  # 市委 inside 市委党校
            if name in short_forms:  # 哈佛 after 哈佛大学: the same body
                candidates.append(Candidate(start, end, "organization", short_forms[name], "short-form", 1))
            else:
                candidates.append(Candidate(start, end, known[name][0], name, "propagated", 2))
        candidates = settle_overlaps(candidates)
        candidates = settle_overlaps(extend_enumerations(text, candidates, tokenizer))
        for candidate in candidates:
            start = sentence.to_source(candidate.start)
            end = sentence.to_source(candidate.end, is_end=True)
            mention = Mention(surface=article.document.text[start:end], type=candidate.type, start=start, end=end,
                              article=article, sentence=number, name=candidate.name, rule=candidate.rule)
            if mention.name in lexicons().stop_entities:
                continue
            mentions.append(mention)
            for title, org in candidate.roles:
                roles.append((mention, Role(title=title, org=org, article=article, start=start, end=end)))
    link_surname_references(mentions)
    return mentions, roles


MERGE = "longest"
TAGGER_PRIORITY = 2


def merge_tagged(text: str, candidates: list[Candidate], spans) -> list[Candidate]:
    tagged = [Candidate(s, e, kind, text[s:e], "tagger", TAGGER_PRIORITY) for s, e, kind in spans]
    if MERGE == "longest":
        return candidates + tagged
    if MERGE == "tagger-first":
        occupied = bytearray(len(text) + 1)
        for c in tagged:
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept = [c for c in candidates if c.type == "project" or c.roles or not any(occupied[c.start:c.end])]
        return kept + tagged
    return candidates


def inside_known_word(start: int, end: int, tokens, tokenizer) -> bool:
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
