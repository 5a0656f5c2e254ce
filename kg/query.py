"""SPARQL over the knowledge graph with Oxigraph (pyoxigraph): canned queries, read-only, with a timeout.

Updates (INSERT, DELETE, LOAD, …) and SERVICE (federated queries, which would make this machine send
requests to any server a query names) are refused; a syntax error is reported with its line and column.

>>> from kg.query import run_query, canned
>>> result = run_query(store, canned("person-roles"), {"name": "贺海东"})  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"
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
    return QUERIES_DIR


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


def strip_comments_and_strings(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out, same length (offsets still match)."""
    def blank(match):
        found = match.group(0)
        return found[0] + " " * (len(found) - 2) + found[-1] if len(found) >= 2 else " "

    text = re.sub(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'', blank, text)
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', blank, text)
    text = re.sub(r"<[^<>\s]*>", blank, text)
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), text)


def check_read_only(text: str) -> None:
    """Refuse SPARQL Update and federated queries: only what parses as a query (SELECT, ASK, CONSTRUCT,
    DESCRIBE) runs, and without SERVICE, which would send requests to other servers from this machine."""
    import pyoxigraph as ox

    if SERVICE_WORD.search(strip_comments_and_strings(text)):
        raise QueryError("SERVICE is refused: kg query does not send queries to other endpoints")
    try:
        ox.Store().query(text)  # an empty store: parses and answers at once; updates do not parse
    except SyntaxError as error:
        match = UPDATE_WORDS.search(strip_comments_and_strings(text))
        if match:
            raise QueryError(f"updates are refused: kg query is read-only ({match.group(1).upper()})") from None
        raise QueryError(syntax_message(text, str(error))) from None


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


def with_values(text: str, params: dict[str, str]) -> str:
    """``text`` with a ``VALUES`` block binding each parameter, first thing in the main ``WHERE { }`` (so it
    filters before any GROUP BY), or trailing the query when there is no ``WHERE {``.

    >>> with_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": "贺海东"})
    'SELECT ?x WHERE { VALUES (?name) { ("贺海东"@zh) }\\n ?x ?p ?name }'
    """
    if not params:
        return text
    names = sorted(params)
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad parameter name {name!r}")
    values = " ".join(str(term_of(params[name])) for name in names)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}"
    match = re.search(r"\bWHERE\s*\{", strip_comments_and_strings(text), re.I)
    if match:
        return f"{text[:match.end()]} {block}\n{text[match.end():]}"
    return f"{text.rstrip()}\n{block}\n"


def check_params(text: str, params: dict[str, str]) -> None:
    for name, (required, description) in parameters(text).items():
        if required and name not in params:
            raise QueryError(f"the query needs --param {name}=VALUE ({description})")


def execute(store, text: str, params: dict[str, str] | None = None) -> Result:
    """Run a read-only query; ``params`` bind variables (``name`` -> ``?name``) before evaluation."""
    import pyoxigraph as ox

    check_read_only(text)
    params = params or {}
    check_params(text, params)
    try:
        answer = store.query(with_values(text, params))
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


def _worker(connection, store_factory, text, params):
    try:
        connection.send(("ok", execute(store_factory(), text, params)))
    except Exception as error:  # noqa: BLE001 - reported to the parent
        connection.send(("error", f"{type(error).__name__}: {error}"))


def run_query(store, text: str, params: dict[str, str] | None = None, timeout: float | None = None) -> Result:
    """Run ``text`` on ``store`` (a pyoxigraph Store, or a function returning one).

    With ``timeout`` (seconds) the query runs in a forked child process that is killed when time is up,
    since pyoxigraph cannot interrupt a running query from Python.
    """
    if not timeout:
        return execute(store() if callable(store) else store, text, params)
    check_read_only(text)
    check_params(text, params or {})
    store_factory = store if callable(store) else (lambda: store)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(child, store_factory, text, params), daemon=True)
    process.start()
    child.close()
    if not parent.poll(timeout):
        process.kill()
        process.join()
        raise QueryError(f"query timed out after {timeout:g} s")
    status, value = parent.recv()
    process.join()
    if status == "error":
        raise QueryError(value)
    return value


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
