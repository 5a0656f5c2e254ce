"""The kg ontology (``kg.ttl``), its SHACL shapes (``shapes.ttl``) and the canned SPARQL queries
(``queries/*.rq``): installed with the package, so every command finds them wherever it runs."""
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
ONTOLOGY = FOLDER / "kg.ttl"
SHAPES = FOLDER / "shapes.ttl"
QUERIES = FOLDER / "queries"
