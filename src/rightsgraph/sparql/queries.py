"""The SPARQL files of queries/: their metadata headers, loading and safe parameter binding.

Every .rq file of the project starts with a comment header, one `# key: value` per line:

    # title: Who condemned the executions
    # description: Statements whose stance is condemns, with speaker and evidence.
    # param: event | iri | https://w3id.org/rightsgraph/id/event/x | the event to ask about
    # columns: statement, speaker, quote

A query of the user's own (a .rq file elsewhere, or text given to `rightsgraph sparql`) needs no header: its
`# param:` lines are read if it has them, and every other comment is a comment (`strict=False`).

Parameters are bound as RDF terms (library.bind), never pasted into text as the user wrote them.
A line `#@bind ?event` in a sub-select puts the parameter's VALUES row there too (sparql.markers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.sparql import markers, syntax

HEADER_KEYS = {"title", "description", "param", "columns", "tags"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class QueryFile:
    path: Path
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    columns: tuple[str, ...] = field(default_factory=tuple)
    adhoc: bool = False  # the user's own query, not one of the project's: --param binds any of its variables
    prelude: str = ""  # one line declaring the project's prefixes that the text uses without declaring them
    prefixes: tuple[tuple[str, str], ...] = ()  # the prefixes known besides the text's own (the project's)

    @property
    def known_prefixes(self) -> dict[str, str]:
        """The prefixes a parameter value may use: the project's, and those the query declares."""
        return {**dict(self.prefixes), **syntax.declared_prefixes(self.text)}

    def with_prefixes(self, prefixes: dict[str, str]) -> QueryFile:
        """This query with `prefixes` available without declaring them (the text's own declarations win)."""
        return replace(self, prelude=syntax.prelude(self.text, prefixes), prefixes=tuple(prefixes.items()))


def _header(path: Path, text: str, strict: bool = True) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        key, sep, value = body.partition(":")
        if not sep or " " in key.strip():
            continue
        key = key.strip().lower()
        if key not in HEADER_KEYS and not strict:
            continue  # a comment of the user's own query
        if key not in HEADER_KEYS:
            raise UserError(f"unknown header key {key!r}", path, number, f"use one of {', '.join(sorted(HEADER_KEYS))}")
        found.setdefault(key, []).append((number, value.strip()))
    return found


def _param(path: Path, line: int, value: str) -> Param:
    parts = [p.strip() for p in value.split("|")]
    if len(parts) != 4 or not parts[0] or parts[1] not in {"iri", "string", "integer", "date"}:
        raise UserError(
            f"bad parameter declaration {value!r}",
            path,
            line,
            "write '# param: name | iri|string|integer|date | default | description'",
        )
    return Param(parts[0], parts[1], parts[2] or None, parts[3])


def load_query(path: Path, strict: bool = True) -> QueryFile:
    """A query file: with `strict` (the project's files), its header must give a title and a description
    and use only the header keys; otherwise the header is optional and other comments are comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("not UTF-8 text", path, fix="save the file as UTF-8") from None
    except OSError as exc:
        raise UserError(
            f"cannot read the query: {exc.strerror}", path, fix="restore the file from the project"
        ) from None
    return parse_query(text, path, path.stem, strict)


def parse_query(text: str, path: Path, name: str, strict: bool = True) -> QueryFile:
    """A query from its text; `path` names where it came from in messages (a file, or "<stdin>")."""
    header = _header(path, text, strict)
    for key in ("title", "description"):
        if key not in header and strict:
            raise UserError(f"query header has no '{key}'", path, 1, f"add a line '# {key}: ...' at the top")
    params = tuple(_param(path, line, value) for line, value in header.get("param", []))
    markers.check(path, text, tuple(p.name for p in params))
    columns: tuple[str, ...] = ()
    if "columns" in header:
        columns = tuple(c.strip() for c in header["columns"][0][1].split(",") if c.strip())
    return QueryFile(
        path=path,
        name=name,
        title=header["title"][0][1] if "title" in header else name,
        description=" ".join(v for _, v in header.get("description", [])),
        text=text,
        params=params,
        columns=columns,
        adhoc=not strict,
    )


def check_syntax(query: QueryFile) -> None:
    """Parse the query with Oxigraph's SPARQL parser (on an empty store, so nothing is read); an error names
    the line and column of the query's own text, with the text there and a caret under it."""
    try:
        ox.Store().query(query.prelude + query.text)
    except SyntaxError as exc:
        known = dict(query.prefixes)
        raise syntax.syntax_error(query.text, query.prelude, str(exc), query.path, known) from None
    for marker in markers.markers(query.text):  # where a marker puts its VALUES block, the query must parse too
        block = markers.values_block(marker.variables, {name: ["UNDEF"] for name in marker.variables})
        try:
            ox.Store().query(query.prelude + query.text[: marker.start] + block + query.text[marker.end :])
        except SyntaxError:
            raise UserError(
                "the query does not parse with a VALUES block where this #@bind marker stands",
                query.path,
                marker.line,
                "put the marker on a line of its own at the start of a group, before its first pattern",
            ) from None


def load_dir(directory: Path, pattern: str = "*.rq") -> list[QueryFile]:
    return [load_query(p) for p in sorted(directory.glob(pattern))]


PROLOGUE = re.compile(r"(?:\s*#[^\n]*(?:\n|$)|\s*PREFIX\s+[\w.-]*:\s*<[^>]*>|\s*BASE\s+<[^>]*>)*", re.IGNORECASE)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the comments and the prologue.

    SPARQLWrapper guesses the form with a regular expression that takes "?addressee" for the update
    keyword ADD (and then refuses to send a SELECT as a query), so rightsgraph tells it the form."""
    match = re.match(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text[PROLOGUE.match(text).end() :], re.IGNORECASE)
    if match is None:
        raise UserError(
            "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are sent to an endpoint",
            fix="updates are not part of the query library",
        )
    return match.group(1).upper()
