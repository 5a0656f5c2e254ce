"""The IRIs kg's RDF uses, as plain strings, and the keys its resources' IRIs are made of: one place for the
mapping (:mod:`kg.rdfstream`), the readers of a store (:mod:`kg.readback`, :mod:`kg.lookup`,
:mod:`kg.strongest`), the store's record of changes (:mod:`kg.changes`) and the SPARQL functions
(:mod:`kg.scores`). Only the standard library is imported here, so that ``kg show`` and ``kg query`` can use
them without loading rdflib.
"""
import hashlib
from urllib.parse import quote

KG = "https://w3id.org/kg-news/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD = "http://www.w3.org/2001/XMLSchema#"
# The classes of the four entity types: kg's type -> the class's local name under KG.
CLASSES = {"person": "Person", "organization": "Organization", "place": "Place", "project": "Project"}
# Relations a sentence states, as a property from the first entity to the second (ontology/kg.ttl).
STATED_PROPERTIES = {"meets": "meets", "visits": "visits", "signs_with": "signsWith",
                     "cooperates_with": "cooperatesWith", "invests_in": "investsIn", "builds": "builds"}


def resource_key(*parts) -> str:
    """The name-free key of a resource's IRI (``{base}{kind}/{key}``): the first 16 hex digits of the SHA-1
    of its parts (an article's key; a person, a title and an organisation...)."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def pair_key(a, b) -> str:
    """The key of the co-occurrence of the entities ``a`` and ``b`` (ids): the smaller first."""
    return resource_key(a, b) if a <= b else resource_key(b, a)


def entity_local(node_id) -> str:
    """An entity's id as the local part of its IRI (``{base}{id}``) and of its named graph's."""
    return quote(str(node_id), safe="-._~")
