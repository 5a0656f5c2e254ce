"""kg: build a knowledge graph of people, organizations, places and projects from Chinese news.

The pipeline, each stage a module::

    corpus   files -> Documents -> Articles with Sentences
    extract  Article -> Mentions (person, organization, place, project) and Roles
    resolve  Mentions -> Entities (short forms merged with full names)
    graph    Entities + Articles -> networkx graph (co-occurrence and typed relations)
    export   graph -> Turtle, GraphML, HTML, the JSON-lines extraction contract

Most users call :func:`kg.pipeline.build` or the ``kg`` command.
"""

__version__ = "0.1.0"
