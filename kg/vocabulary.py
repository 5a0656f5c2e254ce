"""The IRIs kg's RDF uses, as plain strings: one place for the mapping (:mod:`kg.rdfstream`), the readers of
a store (:mod:`kg.readback`, :mod:`kg.lookup`) and the SPARQL functions (:mod:`kg.scores`). Nothing is
imported here, so that ``kg show`` can use them without loading rdflib.
"""
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
