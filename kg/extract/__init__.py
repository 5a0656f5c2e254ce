"""Extraction stage: find typed mentions (and the roles people hold) in an Article.

One jieba pass per sentence feeds four extractors (person, organization,
place, project). Overlaps are settled in favour of the outermost span, and
names found anywhere in the article are then looked for in every sentence
(so a person introduced with a title is found again without one).
"""
from __future__ import annotations

from .modules import jieba as _jieba

_jieba()  # before anything imports jieba: see kg.extract.modules

from ..gcpause import paused_gc
from ..lexicon import lexicons, to_simplified
from ..model import Article, Mention, Role
from .candidates import Candidate, settle_overlaps
from .employer import settle_employers
from .enumeration import extend_enumerations
from .merge import merge_tagged, probes
from .organization import find_organizations
from .person import find_people, posts_of_tagged_people
from .positions import find_positions
from .place import find_abbreviated_places, find_places
from .project import find_projects
from .propagation import ArticleNames, link_surname_references
from .tagger import get_tagger
from .stand_in import confirmed_references, keep_confirmed
from .tokens import get_tokenizer

EXTRACTORS = (find_people, find_organizations, find_places, find_abbreviated_places, find_projects)


def extract_article(article: Article) -> tuple[list[Mention], list[tuple[Mention, Role]]]:
    """Mentions of the article in text order, and (person mention, role) pairs."""
    return extract_articles([article])[0]


def extract_articles(articles: list[Article]) -> list[tuple[list[Mention], list[tuple[Mention, Role]]]]:
    """:func:`extract_article` of each article; the tagger reads all their sentences in one batch.

    The cyclic garbage collector is paused meanwhile: the tokens and candidates made here are freed by
    reference counting, and its walks over everything alive (jieba's dictionaries, the lexicons...) cost
    more than they find (``kg.gcpause``)."""
    with paused_gc():
        return _extract_articles(articles)


def _extract_articles(articles: list[Article]) -> list[tuple[list[Mention], list[tuple[Mention, Role]]]]:
    tokenizer = get_tokenizer()
    texts, tokens, found = read_sentences([sentence.text for article in articles for sentence in article.sentences])
    tagger = get_tagger()
    if tagger is not None:
        confirmed = confirmed_references(texts, found, tagger, read_sentences, candidate_spans)
        found = [keep_confirmed(candidates, ok) for candidates, ok in zip(found, confirmed)]
        read = tagger.read(texts, tokens, [candidate_spans(candidates) for candidates in found],
                           [probes(text, candidates) for text, candidates in zip(texts, found)])
        found = [merge_tagged(text, candidates, spans, readings)
                 for text, candidates, (spans, readings) in zip(texts, found, read)]
    results, first = [], 0
    for article in articles:
        last = first + len(article.sentences)
        results.append(_extract(article, texts[first:last], tokens[first:last], found[first:last], tokenizer))
        first = last
    return results


def tag_sentences(texts: list[str], tagger=None) -> list[list[tuple[int, int, str]]]:
    """The tagger's (start, end, type) spans in each sentence, with the features extraction gives it."""
    texts, tokens, found = read_sentences(texts)
    return (tagger or get_tagger()).tag(texts, tokens, [candidate_spans(candidates) for candidates in found])


def read_sentences(texts: list[str]) -> tuple[list[str], list, list[list[Candidate]]]:
    """Each sentence simplified, its tokens and the rules' candidates in it.

    Rules and lexicons read simplified characters; surfaces are taken from the original text.
    """
    tokenizer = get_tokenizer()
    texts = [to_simplified(text) for text in texts]
    tokens = [tokenizer.tokenize(text) for text in texts]
    return texts, tokens, [rule_candidates(text, t, tokenizer) for text, t in zip(texts, tokens)]


def rule_candidates(text: str, tokens: list, tokenizer) -> list[Candidate]:
    """What the rules find in one sentence (overlapping candidates, not yet settled)."""
    return [candidate for extractor in EXTRACTORS for candidate in extractor(text, tokens, tokenizer)]


def candidate_spans(candidates: list[Candidate]) -> list[tuple[int, int, str, str]]:
    """The rules' outermost candidates as the tagger reads them: (start, end, type, rule)."""
    return [(c.start, c.end, c.type, c.rule) for c in settle_overlaps(candidates)]


def _extract(article: Article, texts: list[str], sentence_tokens: list, per_sentence: list[list[Candidate]],
             tokenizer):
    """One article's mentions and roles, from its sentences' simplified texts, tokens and candidates."""
    names = ArticleNames(per_sentence, tokenizer)
    mentions: list[Mention] = []
    roles: list[tuple[Mention, Role]] = []
    positions: list[tuple[int, int, str]] = []
    for number, (text, tokens, candidates) in enumerate(zip(texts, sentence_tokens, per_sentence)):
        candidates = settle_overlaps(candidates + names.candidates(text, tokens, tokenizer))
        candidates = settle_overlaps(extend_enumerations(text, candidates, tokenizer))
        candidates = settle_employers(text, posts_of_tagged_people(tokens, candidates))
        add_mentions(article, number, candidates, mentions, roles)
        sentence = article.sentences[number]
        positions.extend((sentence.to_source(start), sentence.to_source(end, is_end=True), title)
                         for start, end, title in find_positions(text, tokens, candidates))
    link_surname_references(mentions)
    article.positions = positions
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
