"""SPARQL over the knowledge graph with Oxigraph (pyoxigraph): canned queries, read-only, with a timeout.

Updates (INSERT, DELETE, LOAD, …) and SERVICE (federated queries, which would make this machine send
requests to any server a query names) are refused; a syntax error is reported with its line and column.
Queries run in a child process that cannot open a socket (:mod:`kg.sandbox`): whatever a query's text
hides, nothing leaves the machine; a query that uses SERVICE anyway fails there and is refused. A query may
call ``kg:score`` and ``kg:npmi`` (:mod:`kg.scores`), which compute association scores from counts.

>>> from kg.query import run_query, canned
>>> result = run_query(store, canned("person-roles"), {"name": "贺海东"})  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

SERVICE_WORD = re.compile(r"(?<![?$\w:])SERVICE\b", re.I)
UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


class QueryError(ValueError):
    """The query cannot be run: a syntax error, an update, a missing parameter or a timeout."""


@dataclass
class Result:
    """A SELECT result (``variables`` and ``rows`` of strings or None), or an ASK result (``boolean``)."""

    variables: list[str]
    rows: list[list]
    boolean: bool | None = None
    raw: list | None = None  # the pyoxigraph terms, for the JSON results format


def queries_dir() -> Path:
    """The canned queries' folder, installed with the package (``ontology/queries``, installed as ``kg.ontology``)."""
    from .ontology import QUERIES

    return QUERIES


def canned_names() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def canned(name: str) -> str:
    path = queries_dir() / f"{name.removesuffix('.rq')}.rq"
    if not path.is_file():
        raise QueryError(f"no canned query {name!r} (one of {', '.join(canned_names())})")
    return path.read_text(encoding="utf-8")


def describe(text: str) -> str:
    """The leading ``#`` comment of a query."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(lines)


# Strings, IRIs and comments, found in one left-to-right pass: whichever starts first wins, so a quote
# inside an IRI (<http://a/'>) or a "#" inside a string starts nothing (SPARQL 1.1 grammar, 19.8).
_LEXEMES = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""', r"'''(?:[^'\\]|\\.|'(?!''))*'''",  # long strings
    r'"(?:[^"\\\n\r]|\\.)*"', r"'(?:[^'\\\n\r]|\\.)*'",  # strings
    r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs
    r"#[^\n\r]*",  # comments
]), re.S)


def strip_comments_and_strings(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out, same length (offsets still match)."""
    def blank(match):
        found = match.group(0)
        if found[0] == "#":
            return " " * len(found)
        return found[0] + " " * (len(found) - 2) + found[-1] if len(found) >= 2 else " "

    return _LEXEMES.sub(blank, text)


MEMORY_SHARE = 0.5  # of the memory available when a query starts, what it may allocate
MIN_MEMORY = 256 * 2**20
SERVICE_REFUSED = "SERVICE is refused: kg query does not send queries to other endpoints"
PARSE_SECONDS = 10  # the syntax check runs the query on an empty store: a syntax error shows at once


def check_read_only(text: str) -> None:
    """Refuse SPARQL Update and federated queries: only what parses as a query (SELECT, ASK, CONSTRUCT,
    DESCRIBE) runs, and without SERVICE, which would send requests to other servers from this machine.

    The word SERVICE is looked for outside strings, IRIs and comments for a clear message; what decides is
    that the query is parsed and run where no socket can be opened (:func:`_isolated`)."""
    if SERVICE_WORD.search(strip_comments_and_strings(text)):
        raise QueryError(SERVICE_REFUSED)
    try:
        _isolated(_parse, text, timeout=PARSE_SECONDS, memory=None)
    except QueryError as error:
        if "timed out" not in str(error):  # parsed, and still evaluating on an empty store: not a syntax error
            raise


def _parse(text: str) -> None:
    """Parse ``text`` by running it on an empty store (updates do not parse as queries)."""
    import pyoxigraph as ox

    try:
        answer = ox.Store().query(text, custom_functions=sparql_functions())
        if not isinstance(answer, (bool, ox.QueryBoolean)):
            next(iter(answer), None)
    except SyntaxError as error:
        match = UPDATE_WORDS.search(strip_comments_and_strings(text))
        if match:
            raise QueryError(f"updates are refused: kg query is read-only ({match.group(1).upper()})") from None
        raise QueryError(syntax_message(text, str(error))) from None
    except PermissionError:  # SERVICE tried to open a socket (kg.sandbox refused it)
        raise QueryError(SERVICE_REFUSED) from None


_POSITION = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?:?\s*")


def syntax_message(text: str, message: str) -> str:
    """Oxigraph's syntax error as "line L, column C: reason", with the line quoted and a caret under C.

    >>> print(syntax_message("SELECT ?x WHERE { ?x ?p }", "error at 1:26: expected one of LATERAL"))
    SPARQL syntax error at line 1, column 26: expected one of LATERAL
      SELECT ?x WHERE { ?x ?p }
                               ^
    """
    match = _POSITION.search(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column = int(match.group(1)), int(match.group(2))
    reason = " ".join(message[match.end():].split()) or "unexpected input"
    if len(reason) > 160:
        reason = reason[:159] + "…"
    lines = text.split("\n")
    quoted = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * (len(quoted[:column - 1].expandtabs(1)) if quoted else 0) + "^"
    return f"SPARQL syntax error at line {line}, column {column}: {reason}\n  {quoted}\n  {caret}"


PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*(\(required\))?\s*:?\s*(.*)$")


def parameters(text: str) -> dict[str, tuple[bool, str]]:
    """The ``# param NAME [(required)]: description`` lines of a query: name -> (required, description)."""
    found = {}
    for line in text.splitlines():
        match = PARAM_LINE.match(line.strip())
        if match:
            found[match.group(1)] = (bool(match.group(2)), match.group(3))
    return found


def term_of(value: str):
    """A parameter value as an RDF term: ``<iri>`` an IRI, ``"text"`` a plain string, digits an integer,
    anything else a Chinese-tagged literal (``贺海东`` -> ``"贺海东"@zh``, as entity labels are)."""
    import pyoxigraph as ox

    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return ox.Literal(value[1:-1])
    if re.fullmatch(r"-?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value, language="zh")


def terms_of(value: str) -> list:
    """The RDF terms a parameter value matches: a bare name matches a label with or without a language
    tag (``贺海东`` -> ``"贺海东"@zh`` and ``"贺海东"``); the explicit forms of :func:`term_of` match themselves."""
    import pyoxigraph as ox

    term = term_of(value)
    if isinstance(term, ox.Literal) and term.language == "zh":
        return [term, ox.Literal(value)]
    return [term]


def with_values(text: str, params: dict[str, str]) -> str:
    """``text`` with a ``VALUES`` block binding each parameter, first thing in the main ``WHERE { }`` (so it
    filters before any GROUP BY), or trailing the query when there is no ``WHERE {``. A bare name is bound
    to the literal with and without the ``@zh`` tag (one row each, see :func:`terms_of`).

    >>> with_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": "贺海东"})
    'SELECT ?x WHERE { VALUES (?name) { ("贺海东"@zh) ("贺海东") }\\n ?x ?p ?name }'
    """
    from itertools import product

    if not params:
        return text
    names = sorted(params)
    return with_rows(text, names, product(*(terms_of(params[name]) for name in names)))


def with_rows(text: str, names, rows) -> str:
    """``text`` with a ``VALUES`` block binding the variables ``names`` to each row of RDF terms ``rows``,
    placed as :func:`with_values` places it."""
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad parameter name {name!r}")
    values = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ {values} }}"
    match = re.search(r"\bWHERE\s*\{", strip_comments_and_strings(text), re.I)
    if match:
        return f"{text[:match.end()]} {block}\n{text[match.end():]}"
    return f"{text.rstrip()}\n{block}\n"


def check_params(text: str, params: dict[str, str]) -> None:
    """Every required parameter given, and no other: a canned query takes the names its ``# param`` lines
    declare, any other query the variables it uses (a misspelt name would otherwise bind nothing)."""
    declared = parameters(text)
    for name, (required, description) in declared.items():
        if required and name not in params:
            raise QueryError(f"the query needs --param {name}=VALUE ({description})")
    if declared:
        unknown = sorted(set(params) - set(declared))
        known = ", ".join(declared)
    else:
        used = set(re.findall(r"[?$](\w+)", strip_comments_and_strings(text)))
        unknown = sorted(set(params) - used)
        known = ", ".join(sorted(used)) or "none"
    if unknown:
        raise QueryError(f"unknown --param {', '.join(unknown)}: the query's parameters are {known}")


def execute(store, text: str, params: dict[str, str] | None = None) -> Result:
    """Run a read-only query in this process; ``params`` bind variables (``name`` -> ``?name``) before
    evaluation. :func:`run_query` runs it where nothing can leave the machine."""
    params = params or {}
    check_params(text, params)
    try:
        if text == canned("neighbors"):  # the same answer, without scoring every link of a hub
            from .strongest import neighbors

            found = neighbors(store, text, params)
            if found is not None:
                return found
        return _evaluate(store, text, params)
    except PermissionError:  # SERVICE tried to open a socket (kg.sandbox refused it)
        raise QueryError(SERVICE_REFUSED) from None


def sparql_functions() -> dict:
    """The functions kg's queries may call (``kg:score``, ``kg:npmi``: :mod:`kg.scores`), registered where
    the query runs (the child process of :func:`run_query`)."""
    from .scores import sparql_functions as functions

    return functions()


def _evaluate(store, text: str, params: dict[str, str]) -> Result:
    """``text`` on ``store``: patterns outside ``GRAPH`` match the triples of every graph (a store may keep
    each article's statements in a named graph of its own), kg's functions registered."""
    import pyoxigraph as ox

    try:
        answer = store.query(with_values(text, params), use_default_graph_as_union=True,
                             custom_functions=sparql_functions())
    except SyntaxError as error:
        raise QueryError(syntax_message(text, str(error))) from None
    if isinstance(answer, bool):
        return Result([], [], boolean=answer)
    if isinstance(answer, ox.QueryBoolean):
        return Result([], [], boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        raw = [[solution[v] for v in variables] for solution in answer]
        return Result(variables, [[term_text(t) for t in row] for row in raw], raw=raw)
    # CONSTRUCT / DESCRIBE: triples as rows
    raw = [[t.subject, t.predicate, t.object] for t in answer]
    return Result(["subject", "predicate", "object"], [[term_text(t) for t in row] for row in raw], raw=raw)


def _execute_in_child(store, text, params):
    return execute(store() if callable(store) else store, text, params)


def run_query(store, text: str, params: dict[str, str] | None = None, timeout: float | None = None,
              memory: int | None = -1) -> Result:
    """Run ``text`` on ``store`` (a pyoxigraph Store, or a function returning one).

    The query runs in a forked child process that cannot open a socket (:mod:`kg.sandbox`; in this
    process where there is no ``fork``); with ``timeout`` (seconds) the child is killed when time is up,
    since pyoxigraph cannot interrupt a running query from Python. The child may allocate ``memory``
    bytes beyond what it inherits (-1: :func:`memory_budget`; None: no limit but the process's own): a
    query that needs more stops there, with a :class:`QueryError`, instead of taking the machine's memory
    or aborting this process.
    """
    check_read_only(text)
    check_params(text, params or {})
    budget = memory_budget() if memory == -1 else memory
    return _isolated(_execute_in_child, store, text, params, timeout=timeout, memory=budget)


def memory_budget() -> int:
    """What a query may allocate: half the memory available now (at least 256 MB)."""
    from .sandbox import available_memory

    return max(int(available_memory() * MEMORY_SHARE), MIN_MEMORY)


def _isolated(function, *args, timeout, memory):
    """``function(*args)`` in a :mod:`kg.sandbox` child, its failures as :class:`QueryError`."""
    from . import sandbox

    if not sandbox.available():
        return function(*args)
    try:
        return sandbox.run(function, *args, timeout=timeout or None, memory=memory)
    except sandbox.Failed as failure:
        if failure.reason == "timeout":
            raise QueryError(f"query timed out after {timeout:g} s") from None
        if failure.reason == "memory":
            allowed = f" ({memory / 2**20:,.0f} MB)" if memory else ""
            raise QueryError(f"query stopped: it needed more memory than it may use{allowed}; add a LIMIT "
                             "or make the patterns more selective") from None
        if failure.reason == "start":
            raise QueryError(f"cannot start the query process: {failure}") from None
        raise QueryError(f"the query process died ({failure})") from None


def term_text(term) -> str | None:
    if term is None:
        return None
    return term.value


def _term_json(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    item = {"type": "literal", "value": term.value}
    if term.language:
        item["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        item["datatype"] = term.datatype.value
    return item


def format_result(result: Result, fmt: str = "table") -> str:
    """``table`` (aligned text), ``csv``/``tsv``/``json`` (the SPARQL 1.1 results formats)."""
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        bindings = []
        for row in result.raw or []:
            bindings.append({v: _term_json(t) for v, t in zip(result.variables, row) if t is not None})
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return buffer.getvalue().rstrip("\r\n")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        for row in result.raw or []:
            lines.append("\t".join("" if t is None else str(t) for t in row))
        return "\n".join(lines)
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}")
    cells = [result.variables] + [["" if v is None else v.replace("\n", "\\n") for v in row] for row in result.rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = []
    for number, row in enumerate(cells):
        lines.append("  ".join(pad(value, widths[i]) for i, value in enumerate(row)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


def display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
