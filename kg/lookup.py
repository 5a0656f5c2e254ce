"""``kg show NAME BUILD``: one entity looked up in a build folder's store, without reading the whole graph.

The entity is found by its label or an alias (``rdfs:label`` / ``skos:altLabel``), then only its own
statements are read: its counts, aliases and why each was merged, its positions, the relations sentences
state on either side of it and its co-occurrences (a query gives each link's counts and the other entity's
sentence count; names are read for the links that can be shown only). Scores are computed from counts (:mod:`kg.scores`) and ranked
as everywhere (:func:`kg.ranking.link_key`); the text is :func:`kg.entities.entity_text`'s, the same as for
the graph itself. Every graph of the store is read (its default graph and any named graph).
"""
from __future__ import annotations

from .entities import RELATION_WORDING, SHOW_LINKS, entity_text, stated_text
from .ranking import link_key
from .scores import score
from .strongest import strongest_links
from .vocabulary import CLASSES, DCT, KG, RDF_TYPE, RDFS_LABEL, SKOS_ALT, STATED_PROPERTIES

# Only what these imports need is loaded (no rdflib, networkx or NumPy): kg show starts in a tenth of a second.
DCT_DATE = f"{DCT}date"
TYPE_OF_CLASS = {f"{KG}{local}": kind for kind, local in CLASSES.items()}
RELATION_OF = {f"{KG}{local}": relation for relation, local in STATED_PROPERTIES.items()}  # kg:meets -> meets
PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
LINKS = PREFIXES + """SELECT ?other ?sentences ?articles ?inOther WHERE {
  ?link kg:participant $entity ; kg:sentenceCount ?sentences .
  FILTER (?sentences >= $least)
  ?link kg:participant ?other ; kg:articleCount ?articles .
  ?other kg:sentenceCount ?inOther .
  FILTER (?other != $entity)
}"""


class Lookup:
    """Reads of one store: objects of a subject and predicate, subjects of a predicate and object."""

    def __init__(self, store):
        import pyoxigraph as ox

        self.store, self.ox = store, ox

    def node(self, iri: str):
        return self.ox.NamedNode(iri)

    def objects(self, subject, predicate: str) -> list:
        found = {q.object for q in self.store.quads_for_pattern(subject, self.node(predicate), None, None)}
        return sorted(found, key=str)

    def value(self, subject, predicate: str, default=None):
        found = self.objects(subject, predicate)
        return found[0].value if found else default

    def subjects(self, predicate: str, obj) -> list:
        found = {q.subject for q in self.store.quads_for_pattern(None, self.node(predicate), obj, None)}
        return sorted(found, key=str)


def show_entities(store, name: str) -> list[str]:
    """What ``kg show`` prints of each entity named ``name`` (label or alias) in ``store``, by entity id."""
    look = Lookup(store)
    found = set()
    for literal in (look.ox.Literal(name, language="zh"), look.ox.Literal(name)):
        for predicate in (RDFS_LABEL, SKOS_ALT):
            found.update(look.subjects(predicate, literal))
    entities = sorted((look.value(iri, f"{KG}entityId", ""), iri) for iri in found)
    corpus = look.subjects(RDF_TYPE, look.node(f"{KG}Corpus"))
    total = int(look.value(corpus[0], f"{KG}sentenceCount", 0)) if corpus else 0
    return [describe(look, node_id, iri, total) for node_id, iri in entities if node_id]


def entity_data(look: Lookup, iri) -> dict:
    """The node data :func:`kg.entities.entity_text` prints: label, type, counts, aliases, reasons, roles."""
    data = {"label": look.value(iri, RDFS_LABEL, ""), "type": type_of(look, iri),
            "mentions": int(look.value(iri, f"{KG}mentionCount", 0)),
            "articles": int(look.value(iri, f"{KG}articleCount", 0)),
            "sentences": int(look.value(iri, f"{KG}sentenceCount", 0)),
            "aliases": sorted({term.value for term in look.objects(iri, SKOS_ALT)}), "merge_reasons": {},
            "roles": []}
    for merge in look.objects(iri, f"{KG}aliasMerge"):
        data["merge_reasons"][look.value(merge, f"{KG}alias", "")] = look.value(merge, f"{KG}mergeReason", "")
    for position in look.objects(iri, f"{KG}holdsPosition"):
        title = look.value(position, f"{KG}title", "")
        for org in look.objects(position, f"{KG}organizationName") or [None]:
            data["roles"].append({"title": title, "org": org.value if org is not None else ""})
    return data


def type_of(look: Lookup, iri) -> str:
    """The entity type (person, organization, place, project) of the entity ``iri``; "" for none."""
    classes = {term.value for term in look.objects(iri, RDF_TYPE)}
    return next((kind for cls, kind in TYPE_OF_CLASS.items() if cls in classes), "")


def stated(look: Lookup, iri) -> list[str]:
    """The lines of :func:`kg.entities.stated_lines`: each stated relation on either side of the entity."""
    found: dict = {}
    for side, (own, other_end) in enumerate(((f"{KG}statedSubject", f"{KG}statedObject"),
                                             (f"{KG}statedObject", f"{KG}statedSubject"))):
        for statement in look.subjects(own, iri):
            wording = RELATION_WORDING.get(RELATION_OF.get(look.value(statement, f"{KG}statedProperty")))
            other = look.objects(statement, other_end)
            if wording is None or not other:
                continue
            label = look.value(other[0], RDFS_LABEL, other[0].value)
            days = found.setdefault((wording[side], label), set())
            for span in look.objects(statement, f"{KG}evidence"):
                for article in look.objects(span, f"{KG}inArticle"):
                    days.add(look.value(article, DCT_DATE))
    return stated_text(found)


def strongest(look: Lookup, iri, own_sentences: int, total: int) -> list[tuple]:
    """The entity's :data:`kg.entities.SHOW_LINKS` strongest links as (label, type, link data).

    Links are read most shared sentences first and scored from their counts until none of the others can
    rank among those shown (:func:`kg.strongest.settle`: a hub's 100,000 links are not all scored). Names
    and types are read only for the links that can be among the first (those ranked up to the last shown
    one on score, sentences and articles: ties go by name)."""
    settled = strongest_links(look.store, {iri: [own_sentences]}, [total], SHOW_LINKS)
    if settled is None:
        return ranked_links(look, all_links(look, iri, own_sentences, total))
    (links,), counted = settled
    found = {}
    for link in links.links[:counted[links]]:
        for other, articles, in_other in link.ends:
            found[other] = {"score": score(link.sentences, own_sentences, in_other, total),
                            "sentences": link.sentences, "articles": articles}
    return ranked_links(look, found)


def read_links(look: Lookup, query: str, own_sentences: int, total: int, links: dict) -> dict:
    for row in look.store.query(query, use_default_graph_as_union=True):
        sentences, articles = int(row["sentences"].value), int(row["articles"].value)
        links[row["other"]] = {"score": score(sentences, own_sentences, int(row["inOther"].value), total),
                               "sentences": sentences, "articles": articles}
    return links


def all_links(look: Lookup, iri, own_sentences: int, total: int) -> dict:
    """Other entity -> link data, for every link that can be among the first: those sharing a sentence
    first, and the others only when fewer than five of those score above 0 (a link sharing no sentence
    scores 0)."""
    links: dict = {}
    for least in (1, 0):
        query = LINKS.replace("$entity", str(iri)).replace("$least", str(least))
        read_links(look, query, own_sentences, total, links)
        if sum(1 for link in links.values() if link["score"] > 0) >= SHOW_LINKS:
            break
    return links


def ranked_links(look: Lookup, links: dict) -> list[tuple]:
    """The first :data:`kg.entities.SHOW_LINKS` of ``links`` (other entity -> link data) as (label, type,
    link data), strongest first; names read for those that can be among them only."""
    counts = sorted(link_key(link, "")[:-1] for link in links.values())
    if not counts:
        return []
    last = counts[min(SHOW_LINKS, len(counts)) - 1]
    ranked = []
    for other, link in links.items():
        key = link_key(link, "")[:-1]
        if key <= last:
            label = look.value(other, RDFS_LABEL, other.value)
            ranked.append((key + (label, look.value(other, f"{KG}entityId", "")), label, type_of(look, other), link))
    ranked.sort(key=lambda item: item[0])
    return [(label, kind, link) for _, label, kind, link in ranked[:SHOW_LINKS]]


def describe(look: Lookup, node_id: str, iri, total: int) -> str:
    data = entity_data(look, iri)
    return entity_text(node_id, data, stated(look, iri), strongest(look, iri, data["sentences"], total))
