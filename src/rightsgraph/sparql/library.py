"""The research-question library (queries/*.rq): parameters bound as RDF terms, run embedded or remote.

Parameters never enter the query as text of the user's making: each value becomes an RDF term
(an IRI checked by Oxigraph's IRI parser, or a literal), serialised in N-Triples syntax by Oxigraph
into a `VALUES` block placed at the start of the query's outer WHERE group. The same bound text runs
on the embedded store and on a remote endpoint, so both give the same answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError, did_you_mean
from rightsgraph.core.namespaces import XSD
from rightsgraph.core.project import Project
from rightsgraph.sparql.queries import QueryFile, load_dir, load_query

OUTER_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
Term = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass
class Result:
    """A query's answer: columns and rows of RDF terms (None where unbound), or triples, or a boolean."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    triples: list[ox.Triple] | None = None
    boolean: bool | None = None

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of plain Python values (IRIs and strings as str, numbers as int/float)."""
        return [{c: python_value(t) for c, t in zip(self.columns, row, strict=True)} for row in self.rows]


def python_value(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == XSD + "integer":
            return int(term.value)
        if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value == "true"
    return term.value


class Library:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.queries = {q.name: q for q in load_dir(project.queries_dir)}

    def get(self, name: str) -> QueryFile:
        if name in self.queries:
            return self.queries[name]
        path = Path(name)
        if path.suffix == ".rq" and path.is_file():
            return load_query(path)
        raise UserError(
            f"no query named '{name}'",
            fix=did_you_mean(name, sorted(self.queries))
            + " ('rightsgraph queries' lists them; a path to a .rq file works too)",
        )


def term_for(query: QueryFile, name: str, kind: str, value: str) -> Term:
    """A parameter value as an RDF term of its declared type, or a UserError naming the fix."""
    where = f"parameter '{name}' of {query.name}"
    try:
        if kind == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(value)
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if kind == "date":
            return ox.Literal(dt.date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        return ox.Literal(value)
    except ValueError as exc:
        raise UserError(
            f"{where} must be a{'n' if kind[0] in 'ai' else ''} {kind}: {value!r} ({exc})",
            query.path,
            fix=f"give --param {name}=<{kind}>",
        ) from None


def bind(query: QueryFile, given: dict[str, str]) -> dict[str, Term]:
    declared = {p.name: p for p in query.params}
    for name in given:
        if name not in declared:
            raise UserError(
                f"{query.name} has no parameter '{name}'",
                query.path,
                fix=did_you_mean(name, list(declared)) if declared else "this query takes no parameters",
            )
    bound: dict[str, Term] = {}
    for name, param in declared.items():
        value = given.get(name, param.default)
        if value is None:
            raise UserError(
                f"{query.name} needs the parameter '{name}' ({param.description})",
                query.path,
                fix=f"give --param {name}=<{param.type}>",
            )
        bound[name] = term_for(query, name, param.type, value)
    return bound


def bound_text(query: QueryFile, bindings: dict[str, Term]) -> str:
    """The query with one VALUES row for its parameters at the start of the outer WHERE group."""
    if not bindings:
        return query.text
    match = OUTER_WHERE.search(query.text)
    if match is None:
        raise UserError("a query with parameters needs a WHERE clause", query.path, fix="write 'WHERE {' explicitly")
    names = " ".join(f"?{n}" for n in bindings)
    row = " ".join(str(t) for t in bindings.values())
    return f"{query.text[: match.end()]}\n  VALUES ({names}) {{ ({row}) }}\n{query.text[match.end() :]}"


def run_embedded(store: ox.Store, text: str) -> Result:
    answer = store.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return Result(columns=columns, rows=[list(row) for row in answer])  # positional: None where unbound
    return Result(triples=list(answer))
