"""The data model that every pipeline stage takes and returns.

Offsets are always character offsets into the *decoded text of the source*
(``Document.text``), end exclusive, so that any span can be shown to a user
exactly as it was printed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("person", "organization", "place", "project")
# Relations a sentence states (kg.extract.relations), each a graph edge keyed by its name.
STATED_RELATIONS = ("meets", "visits", "signs_with", "cooperates_with", "invests_in", "builds")


@dataclass
class Document:
    """One unit of input: a text file, one JSON-lines record or one HTML page."""

    source: str  # path as given, or "<path>#<id or line>" for a JSON-lines record
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    year: int | None = None  # publication year when the input says so
    meta: dict = field(default_factory=dict)  # other input metadata (JSON-lines id/source, format)


@dataclass
class Sentence:
    """A sentence of an article.

    ``text`` is what extraction reads: the source slice with page-break gaps
    removed ("为企\n\n业" becomes "为企业"). ``gaps`` lists them as
    ``(position in text, number of source characters removed)`` so that any
    offset in ``text`` maps back to the source with :meth:`to_source`.
    """

    start: int
    end: int
    text: str
    gaps: tuple[tuple[int, int], ...] = ()

    def to_source(self, offset: int, is_end: bool = False) -> int:
        """Map an offset in ``text`` to an offset in the document text."""
        shift = 0
        for position, removed in self.gaps:
            if position < offset or (position == offset and not is_end):
                shift += removed
        return self.start + offset + shift


@dataclass
class Article:
    """A news article: a span of a document with its headline and metadata."""

    document: Document
    index: int  # 0-based position of the article within its document
    start: int
    end: int
    title: str | None = None
    date: str | None = None
    byline: str | None = None
    body_start: int | None = None  # where the text after the headline lines starts
    sentences: list[Sentence] = field(default_factory=list)
    duplicate_spans: list[tuple[int, int]] = field(default_factory=list)  # repeated paragraphs to skip
    month_day: str | None = None  # "01-09" from the dateline even when the year is unknown
    continued: bool = False  # continued from another page ("上接第1版") or starting mid-sentence
    positions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, title) of posts named

    @property
    def source(self) -> str:
        return self.document.source

    @property
    def text(self) -> str:
        return self.document.text[self.start:self.end]

    @property
    def key(self) -> str:
        """A stable identifier of the article across runs."""
        return f"{self.source}#a{self.index}"


@dataclass
class Mention:
    """A surface string of one entity type at one place in one article."""

    surface: str  # exactly as in the source text (may contain a page-break newline)
    type: str
    start: int
    end: int
    article: Article | None = None
    sentence: int | None = None  # index into article.sentences
    name: str | None = None  # normalised name suggested by the extractor (e.g. split word joined)
    rule: str = ""  # which rule found it, for explanations

    @property
    def key(self) -> str:
        return self.name or self.surface


@dataclass
class Role:
    """A title a person holds, and where: 市长 at 呼和浩特市."""

    title: str
    org: str | None = None  # canonical name of the organisation or place
    article: Article | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Entity:
    """One real-world thing: all mentions that refer to it, merged."""

    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    merge_reasons: dict[str, str] = field(default_factory=dict)  # alias -> why it was merged

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass
class Relation:
    """A typed link between two entities, backed by evidence.

    Relations a sentence states (``kg.extract.relations``): ``meets`` (person -> person), ``visits``
    (person -> place or organization), ``signs_with`` and ``cooperates_with`` (between organizations,
    places or people), ``invests_in`` and ``builds`` (organization -> project); ``attrs`` holds the
    ``verb`` that states it and ``evidence`` the words that do.
    """

    source: str  # entity id
    target: str  # entity id
    type: str  # "meets" | "visits" | "signs_with" | "cooperates_with" | "invests_in" | "builds" | ...
    attrs: dict = field(default_factory=dict)
    evidence: list[tuple[str, int, int]] = field(default_factory=list)  # (article key, start, end)
