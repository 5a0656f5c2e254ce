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
from .organization import find_organizations
from .person import find_people
from .place import find_abbreviated_places, find_places
from .project import find_projects
from .propagation import ArticleNames, link_surname_references
from .tagger import get_tagger
from .tokens import get_tokenizer

EXTRACTORS = (find_people, find_organizations, find_places, find_abbreviated_places, find_projects)


def extract_article(article: Article) -> tuple[list[Mention], list[tuple[Mention, Role]]]:
    """Mentions of the article in text order, and (person mention, role) pairs."""
    return extract_articles([article])[0]


def extract_articles(articles: list[Article]) -> list[tuple[list[Mention], list[tuple[Mention, Role]]]]:
    """:func:`extract_article` of each article; the tagger reads all their sentences in one batch."""
    tokenizer = get_tokenizer()
    # Rules and lexicons read simplified characters; surfaces are taken from the original text.
    texts = [[to_simplified(sentence.text) for sentence in article.sentences] for article in articles]
    tokens = [[tokenizer.tokenize(text) for text in article_texts] for article_texts in texts]
    tagger = get_tagger()
    flat_texts = [text for article_texts in texts for text in article_texts]
    flat_tagged = tagger.tag(flat_texts, [t for article_tokens in tokens for t in article_tokens]) if tagger \
        else [[] for _ in flat_texts]
    results, position = [], 0
    for article, article_texts, article_tokens in zip(articles, texts, tokens):
        tagged = flat_tagged[position:position + len(article_texts)]
        position += len(article_texts)
        results.append(_extract(article, article_texts, article_tokens, tagged, tokenizer))
    return results


def _extract(article: Article, texts: list[str], sentence_tokens: list, tagged: list, tokenizer):
    """One article's mentions and roles, from its sentences' simplified texts, tokens and tagger spans."""
    per_sentence = [merge_tagged(text, [c for extractor in EXTRACTORS for c in extractor(text, tokens, tokenizer)],
                                 spans)
                    for text, tokens, spans in zip(texts, sentence_tokens, tagged)]
    names = ArticleNames(per_sentence, tokenizer)
    mentions: list[Mention] = []
    roles: list[tuple[Mention, Role]] = []
    for number, (text, tokens, candidates) in enumerate(zip(texts, sentence_tokens, per_sentence)):
        candidates = settle_overlaps(candidates + names.candidates(text, tokens, tokenizer))
        candidates = settle_overlaps(extend_enumerations(text, candidates, tokenizer))
        add_mentions(article, number, candidates, mentions, roles)
    link_surname_references(mentions)
    return mentions, roles


def add_mentions(article: Article, number: int, candidates: list[Candidate], mentions: list[Mention],
                 roles: list[tuple[Mention, Role]]) -> None:
    """Append the mentions (and the roles they hold) of sentence ``number``'s settled candidates."""
    sentence = article.sentences[number]
    stop_entities = lexicons().stop_entities
    for candidate in candidates:
        if candidate.name in stop_entities:
            continue
        start = sentence.to_source(candidate.start)
        end = sentence.to_source(candidate.end, is_end=True)
        mention = Mention(surface=article.document.text[start:end], type=candidate.type, start=start, end=end,
                          article=article, sentence=number, name=candidate.name, rule=candidate.rule)
        mentions.append(mention)
        for title, org in candidate.roles:
            roles.append((mention, Role(title=title, org=org, article=article, start=start, end=end)))


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
