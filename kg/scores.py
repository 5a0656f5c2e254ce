"""Association scores of a co-occurrence, computed from counts: the one place they are computed.

A co-occurrence keeps counts only (shared sentences and articles); each entity keeps how many sentences and
articles mention it; the corpus keeps how many sentences and articles mention any entity. NPMI needs the
corpus totals, which one added page changes, so it is computed from these counts when read — by
:func:`kg.graph.build_graph`, by the readers of a build folder's store (:mod:`kg.readback`, :mod:`kg.lookup`)
and, inside SPARQL, by the ``kg:score`` and ``kg:npmi`` functions :func:`sparql_functions` gives Oxigraph.
"""
from __future__ import annotations

import math

from .vocabulary import KG, XSD

XSD_DOUBLE = f"{XSD}double"


def association(together: int, count_a: int, count_b: int, total: int) -> float:
    """Normalised pointwise mutual information, in [-1, 1]; -1 when never together.

    >>> association(1, 1, 1, 100)
    1.0
    >>> round(association(5, 50, 50, 100), 3)  # two hubs seen together no more than chance
    -0.537
    """
    if together <= 0 or count_a <= 0 or count_b <= 0:
        return -1.0
    total = max(total, 1)
    p_ab = together / total
    if p_ab >= 1.0:
        return 1.0
    pmi = math.log(p_ab / ((count_a / total) * (count_b / total)))
    return max(-1.0, min(1.0, pmi / -math.log(p_ab)))


def npmi(sentences: int, count_a: int, count_b: int, total: int) -> float:
    """NPMI over sentences, rounded as kg writes it (6 decimals)."""
    return round(association(sentences, count_a, count_b, total), 6)


def score(sentences: int, count_a: int, count_b: int, total: int) -> float:
    """The association score links rank by: ``max(npmi, 0) · n/(n + 1)`` with n shared sentences (NPMI
    unrounded), rounded to 6 decimals. A pair seen once by chance, or a hub such as the home city that
    shares sentences with everyone, ranks low.

    >>> score(3, 3, 3, 100), score(0, 3, 3, 100)
    (0.75, 0.0)
    """
    return discounted(association(sentences, count_a, count_b, total), sentences)


def discounted(npmi_value: float, sentences: int) -> float:
    """``max(npmi, 0) · n/(n + 1)`` rounded to 6 decimals: the score of a link with an (unrounded) sentence
    NPMI of ``npmi_value`` and ``sentences`` shared sentences."""
    return round(max(npmi_value, 0.0) * sentences / (sentences + 1), 6)


def link_scores(sentences: int, articles: int, a: dict, b: dict, totals: dict) -> dict:
    """The computed attributes of a co-occurrence edge of entities ``a`` and ``b`` (node data with
    ``sentences`` and ``articles`` counts), given the corpus ``totals`` (``sentences``, ``articles``):
    ``npmi``, ``npmi_article``, ``score`` and ``weight``."""
    found = {}
    add_link_scores(found, sentences, articles, a.get("sentences", 0), b.get("sentences", 0),
                    a.get("articles", 0), b.get("articles", 0), totals.get("sentences", 0), totals.get("articles", 0))
    return found


def add_link_scores(data: dict, sentences: int, articles: int, sentences_a: int, sentences_b: int,
                    articles_a: int, articles_b: int, total_sentences: int, total_articles: int) -> None:
    """Put :func:`link_scores` into the edge attributes ``data`` from the counts themselves (a build does it
    for hundreds of thousands of pairs)."""
    in_sentences = association(sentences, sentences_a, sentences_b, total_sentences)
    # npmi() and score() of the same counts, from one association
    data["npmi"] = round(in_sentences, 6)
    data["npmi_article"] = npmi(articles, articles_a, articles_b, total_articles)
    data["score"] = discounted(in_sentences, sentences)
    data["weight"] = sentences + articles


def link_values(total_sentences: int, total_articles: int):
    """:func:`add_link_scores`'s scores for the many edges of one corpus, as a tuple: ``values(sentences,
    articles, sentences_a, sentences_b, articles_a, articles_b) -> (npmi, npmi_article, score)``, each distinct
    set of counts scored once (of the 366,000 pairs of a 10 MB corpus, 295,000 share no sentence and the rest
    take 27,000 distinct counts), the same float objects for the same counts."""
    in_sentences: dict = {}  # (shared, a, b) -> (npmi, score)
    in_articles: dict = {}  # (shared, a, b) -> npmi_article

    def values(sentences: int, articles: int, sentences_a: int, sentences_b: int, articles_a: int,
               articles_b: int) -> tuple:
        key = (sentences, sentences_a, sentences_b)
        found = in_sentences.get(key)
        if found is None:
            value = association(sentences, sentences_a, sentences_b, total_sentences)
            found = in_sentences[key] = (round(value, 6), discounted(value, sentences))
        key = (articles, articles_a, articles_b)
        article_npmi = in_articles.get(key)
        if article_npmi is None:
            article_npmi = in_articles[key] = npmi(articles, articles_a, articles_b, total_articles)
        return found[0], article_npmi, found[1]

    return values


def _integers(*terms):
    try:
        return [int(term.value) for term in terms]
    except (AttributeError, ValueError):
        return None


def _double(value: float):
    import pyoxigraph as ox

    return ox.Literal(repr(float(value)), datatype=ox.NamedNode(XSD_DOUBLE))


def sparql_score(together, count_a, count_b, total):
    """``kg:score(?sentences, ?countA, ?countB, ?totalSentences)`` in SPARQL: :func:`score` as an
    ``xsd:double``; unbound (an error) unless all four are integers."""
    values = _integers(together, count_a, count_b, total)
    return None if values is None else _double(score(*values))


def sparql_npmi(together, count_a, count_b, total):
    """``kg:npmi(?together, ?countA, ?countB, ?total)`` in SPARQL: :func:`npmi` as an ``xsd:double``."""
    values = _integers(together, count_a, count_b, total)
    return None if values is None else _double(npmi(*values))


def sparql_functions() -> dict:
    """The custom functions kg's SPARQL queries may call, for ``Store.query(custom_functions=...)``."""
    import pyoxigraph as ox

    return {ox.NamedNode(f"{KG}score"): sparql_score, ox.NamedNode(f"{KG}npmi"): sparql_npmi}


SCORES = f"""PREFIX kg: <{KG}>
CONSTRUCT {{ ?link kg:npmi ?npmi ; kg:score ?score }} WHERE {{
  ?corpus a kg:Corpus ; kg:sentenceCount ?total .
  ?link a kg:CoOccurrence ; kg:participant ?a, ?b ; kg:sentenceCount ?together .
  FILTER (STR(?a) < STR(?b))
  ?a kg:sentenceCount ?inA . ?b kg:sentenceCount ?inB .
  BIND (kg:npmi(?together, ?inA, ?inB, ?total) AS ?npmi)
  BIND (kg:score(?together, ?inA, ?inB, ?total) AS ?score)
}}"""


def score_triples(store) -> list:
    """Each co-occurrence's ``kg:npmi`` and ``kg:score`` triples, computed from the counts ``store`` holds
    (none if it holds scores already: a file kg wrote, loaded as it is). For copies that leave kg (``kg
    load``) to answer in stores that cannot compute them."""
    import pyoxigraph as ox

    if next(iter(store.quads_for_pattern(None, ox.NamedNode(f"{KG}score"), None, None)), None) is not None:
        return []
    return list(store.query(SCORES, use_default_graph_as_union=True, custom_functions=sparql_functions()))
