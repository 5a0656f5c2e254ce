"""Co-occurrence counts of a corpus, counted with NumPy: which entities share sentences and articles.

The pairs of a sentence (or article) are its entities taken two at a time, the smaller id first: hundreds of
thousands of pairs, millions of occurrences in a 10 MB corpus. Each entity gets a number in id order, each
occurrence of a pair one integer code, and sorting the codes counts them and finds each pair's first
occurrences (its evidence) at once, instead of a dictionary look-up per occurrence.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Cooccurrences:
    """``pairs``: ``(a, b, sentences, articles, evidence)`` (an iterator) for each pair of entities named in one article,
    in id order, ``evidence`` the ``[article key, start, end]`` of its first ``limit`` shared
    sentences (in article key and sentence order), else of its first shared articles (one list per span,
    and one ``evidence`` list per set of spans, shared by the pairs they are evidence of: a 20 MB corpus's
    725,000 pairs have 70,000 different ones); ``sentences``:
    entity id -> sentences that name it; ``totals``: articles and sentences that name an entity; ``cited``:
    the sentence spans that are some pair's evidence, once each, in key and sentence order (the spans whose
    text the graph keeps, found without reading every edge's evidence again)."""

    pairs: Iterator  # made as they are read, once
    sentences: dict
    totals: dict
    cited: list = field(default_factory=list)


def count(by_article: dict, limit: int) -> Cooccurrences:
    """The co-occurrences of ``by_article`` (:func:`kg.graph.sentence_table`: article key -> (article,
    sentence number or None -> entity ids); None counts for the article only), ``limit`` evidence spans kept
    per pair."""
    ids = sorted(set().union(*(ids for _, sentences in by_article.values() for ids in sentences.values())))
    number = {entity: index for index, entity in enumerate(ids)}
    sentence_members, sentence_sizes, sentence_spans = [], [], []
    article_members, article_sizes, article_spans = [], [], []
    for key in sorted(by_article):
        article, sentences = by_article[key]
        in_article = sorted(number[e] for e in set().union(*sentences.values()))
        article_members += in_article
        article_sizes.append(len(in_article))
        article_spans.append([key, article.start, article.end])
        for position in sorted(n for n in sentences if n is not None):
            members = sorted(number[e] for e in sentences[position])
            sentence_members += members
            sentence_sizes.append(len(members))
            sentence = article.sentences[position]
            sentence_spans.append([key, sentence.start, sentence.end])
    in_sentences = np.bincount(np.asarray(sentence_members, dtype=np.int64), minlength=len(ids))
    sentence_codes, sentence_of = _pairs(sentence_members, sentence_sizes, len(ids))
    article_codes, article_of = _pairs(article_members, article_sizes, len(ids))
    s_codes, s_counts, s_first, s_used = _tally(sentence_codes, sentence_of, limit)
    a_codes, a_counts, a_first, a_used = _tally(article_codes, article_of, limit)
    del sentence_codes, sentence_of, article_codes, article_of
    at = np.searchsorted(a_codes, s_codes)  # every pair of a sentence is a pair of its article
    together = np.zeros(len(a_codes), dtype=np.int64)
    together[at] = s_counts
    in_sentence = np.full(len(a_codes), -1, dtype=np.int64)  # article pair -> its number among the sentences'
    in_sentence[at] = np.arange(len(at), dtype=np.int64)
    counts = dict(zip(ids, in_sentences.tolist()))
    cited = [sentence_spans[s] for s in s_used]
    pairs = _each_pair(ids, a_codes, together, a_counts, in_sentence, s_first, a_first, dict(zip(s_used, cited)),
                       {a: article_spans[a] for a in a_used})  # the spans no pair cites are let go at once
    return Cooccurrences(pairs, counts, {"articles": len(by_article), "sentences": len(sentence_sizes)}, cited)


BLOCK = 65_536  # pairs made into Python objects at a time


def _each_pair(ids, codes, together, articles, in_sentence, s_first, a_first, sentence_spans, article_spans):
    """The pairs of :class:`Cooccurrences`, made a block at a time from the counts' arrays (each block's
    entities indexed from the codes with NumPy): a list of millions of tuples, their evidence and the numbers
    they are made from was the graph stage's peak of memory."""
    size = max(len(ids), 1)
    shared: dict[tuple, list] = {}  # the same spans, the same list: most pairs share their one sentence or article
    for low in range(0, len(codes), BLOCK):
        high = min(low + BLOCK, len(codes))
        numbers = in_sentence[low:high]
        in_sentences = numbers[numbers >= 0]
        s_groups = s_first.rows(int(in_sentences[0]), int(in_sentences[-1]) + 1) if len(in_sentences) else None
        a_groups = a_first.rows(low, high)
        proofs = []
        for index, number in enumerate(numbers.tolist()):
            if number >= 0:
                held = (True, *s_groups(number))
                proof = shared.get(held)
                if proof is None:
                    proof = shared[held] = [sentence_spans[s] for s in held[1:]]
            else:  # never in one sentence: the (first) articles are the evidence
                held = (False, *a_groups(low + index))
                proof = shared.get(held)
                if proof is None:
                    proof = shared[held] = [article_spans[a] for a in held[1:]]
            proofs.append(proof)
        block = codes[low:high]
        firsts = [ids[number] for number in (block // size).tolist()]
        seconds = [ids[number] for number in (block % size).tolist()]
        yield from zip(firsts, seconds, together[low:high].tolist(), articles[low:high].tolist(), proofs)


class _Firsts:
    """The groups of each distinct code's first occurrences (:func:`_tally`), kept as two arrays."""

    def __init__(self, chosen, ends):
        self.chosen, self.ends = chosen, ends  # every code's groups one after the other; where each code's end

    def rows(self, low: int, high: int):
        """A function giving the groups of code ``n`` for ``low <= n < high``, those rows made lists at once."""
        begin = int(self.ends[low - 1]) if low else 0
        flat = self.chosen[begin:int(self.ends[high - 1])].tolist()
        bounds = (self.ends[low:high] - begin).tolist()
        return lambda n: flat[(bounds[n - low - 1] if n > low else 0):bounds[n - low]]


def _pairs(members: list, sizes: list, entities: int):
    """The code (``a * entities + b``) of every pair of each group of ``members`` (groups of ``sizes``, each
    sorted), group by group in ``itertools.combinations`` order, and the group of each."""
    members = np.asarray(members, dtype=np.int64)
    sizes = np.asarray(sizes, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    position = np.arange(len(members), dtype=np.int64) - np.repeat(starts, sizes)
    partners = np.repeat(sizes, sizes) - 1 - position  # members after each one in its group
    first = np.repeat(np.arange(len(members), dtype=np.int64), partners)
    offsets = np.cumsum(partners) - partners
    second = first + 1 + (np.arange(len(first), dtype=np.int64) - np.repeat(offsets, partners))
    group = np.repeat(np.repeat(np.arange(len(sizes), dtype=np.int64), sizes), partners)
    return members[first] * max(entities, 1) + members[second], group


def _tally(codes, groups, limit: int):
    """The distinct codes (sorted), how often each occurs, the groups of its first ``limit``
    occurrences (in the order they occur, a :class:`_Firsts`) and every group among those (sorted)."""
    if not len(codes):
        return codes, codes, _Firsts(codes, codes), []
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.append(starts, len(ordered)))
    kept = np.minimum(counts, limit)
    take = np.repeat(starts, kept) + (np.arange(int(kept.sum()), dtype=np.int64) - np.repeat(np.cumsum(kept) - kept, kept))
    chosen = groups[order[take]]
    return ordered[starts], counts, _Firsts(chosen, np.cumsum(kept)), np.unique(chosen).tolist()
