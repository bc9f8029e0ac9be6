"""The research-question library (queries/*.rq): parameters bound as RDF terms, run embedded or remote.

Parameters never enter the query as text of the user's making: each value becomes an RDF term
(an IRI checked by Oxigraph's IRI parser, or a literal), serialised in N-Triples syntax by Oxigraph
into a `VALUES` block placed at the start of the query's outer WHERE group, and in each sub-select a `#@bind`
line marks (sparql.markers). The same bound text runs on the embedded store and on a remote endpoint, so both
give the same answer.

The project's prefixes (those of ontology/, and `id:` for the dataset's nodes) need no declaration in a
query, and an IRI parameter may be written with them (`--param actor=id:actor/x`). A query of the user's
own without declared parameters (an ad-hoc query) binds `--param name=value` to its variable ?name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError, did_you_mean
from rightsgraph.core.namespaces import XSD
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.sparql import markers, syntax
from rightsgraph.sparql.queries import QueryFile, load_dir, load_query, parse_query

OUTER_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
FIRST_GROUP = re.compile(r"\b(?:SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE)  # WHERE is optional but in CONSTRUCT
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
LOOKS_LIKE_SPARQL = re.compile(r"\s|[{}?]")
Term = ox.NamedNode | ox.Literal | ox.BlankNode
# The library's queries join a multi-valued column into one cell with this separator (every GROUP_CONCAT in
# queries/ says so; tests/test_query_exactness.py checks it).
JOINED = " | "


def split_joined(value: object) -> list[str]:
    """The values of a cell the library's query joined with JOINED (none for an unbound or empty cell)."""
    return [v for v in str(value).split(JOINED) if v] if value else []


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


_INTEGER, _BOOLEAN, _STRING = XSD + "integer", XSD + "boolean", XSD + "string"
_FLOATS = frozenset((XSD + "decimal", XSD + "double", XSD + "float"))


def python_value(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == _STRING:  # most cells: tested first
            return term.value
        if datatype == _INTEGER:
            return int(term.value)
        if datatype in _FLOATS:
            return float(term.value)
        if datatype == _BOOLEAN:
            return term.value == "true"
    return term.value


def known_prefixes(project: Project) -> dict[str, str]:
    """The prefixes every query may use undeclared: `id:` for the dataset's nodes, and those of ontology/."""
    return {"id": ID_NS, **project_prefixes(project)}


class Prefixed(MutableMapping[str, QueryFile]):
    """Queries by name, each given the known prefixes (QueryFile.with_prefixes) when first taken: a command that asks
    one question does not scan the text of every other for the prefixes it uses."""

    def __init__(self, queries: list[QueryFile], prefixes: dict[str, str]) -> None:
        self.raw = {q.name: q for q in queries}  # as read
        self.done: dict[str, QueryFile] = {}  # given the prefixes
        self.prefixes = prefixes

    def __getitem__(self, name: str) -> QueryFile:
        if name not in self.done:
            self.done[name] = self.raw[name].with_prefixes(self.prefixes)
        return self.done[name]

    def __setitem__(self, name: str, query: QueryFile) -> None:
        self.raw[name] = self.done[name] = query

    def __delitem__(self, name: str) -> None:
        del self.raw[name]
        self.done.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class Library:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.prefixes = known_prefixes(project)
        self.queries = Prefixed(load_dir(project.queries_dir), self.prefixes)

    def get(self, name: str) -> QueryFile:
        """A question by name, or a .rq file of the user's own by path (it needs no header)."""
        if name in self.queries:
            return self.queries[name]
        path = Path(name)
        if path.suffix == ".rq" and path.is_file():
            return load_query(path, strict=False).with_prefixes(self.prefixes)
        if LOOKS_LIKE_SPARQL.search(name):
            fix = "to run SPARQL text, give it to 'rightsgraph sparql TEXT' (or 'rightsgraph sparql -' for stdin)"
        else:
            fix = (
                did_you_mean(name, sorted(self.queries))
                + " ('rightsgraph queries' lists them; a path to a .rq file works too)"
            )
        raise UserError(f"no query named '{name}'", fix=fix)

    def add_text(self, text: str, origin: str) -> QueryFile:
        """SPARQL text of the user's own (from the command line or stdin) as a question of this library, under
        the name `origin`, which messages show where a file name would be."""
        query = parse_query(text, Path(origin), origin, strict=False).with_prefixes(self.prefixes)
        self.queries[query.name] = query
        return query


def iri_term(query: QueryFile, value: str) -> ox.NamedNode | None:
    """`value` as an IRI when it is written as one: <iri>, a prefixed name of a known prefix (id:actor/x), or an
    absolute IRI (scheme:...); else None."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    prefix, sep, local = value.partition(":")
    known = query.known_prefixes
    if sep and prefix in known and not local.startswith("//"):
        return ox.NamedNode(known[prefix] + local)
    if SCHEME.match(value):
        return ox.NamedNode(value)
    return None


def term_for(query: QueryFile, name: str, kind: str, value: str) -> Term:
    """A parameter value as an RDF term of its declared type, or a UserError naming the fix."""
    where = f"parameter '{name}' of {query.name}"
    try:
        if kind == "iri":
            iri = iri_term(query, value)
            if iri is None:
                raise ValueError("not an absolute IRI, nor a prefixed name such as id:actor/x")
            return iri
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


def guessed_term(query: QueryFile, name: str, value: str) -> Term:
    """A value for a variable of an ad-hoc query: an IRI where written as one (<iri>, id:actor/x, https://...),
    an integer, a decimal, true or false as in Turtle, a literal in Turtle's quotes ("x"@en, "2024"^^xsd:gYear),
    or anything else as a string."""
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    quoted = re.fullmatch(r'"(.*)"(?:@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)|\^\^(.+))?', value, re.DOTALL)
    if quoted:
        text, language, datatype = quoted.groups()
        if language:
            return ox.Literal(text, language=language)
        kind = iri_term(query, datatype) if datatype else None
        if datatype and kind is None:
            raise UserError(f"--param {name}: {datatype!r} is not a datatype IRI", query.path, fix="use xsd:...")
        return ox.Literal(text, datatype=kind) if kind else ox.Literal(text)
    prefix = value.partition(":")[0]
    if value.startswith("<") or prefix in query.known_prefixes or re.match(r"^[a-zA-Z][\w+.-]*://|^urn:", value):
        try:
            iri = iri_term(query, value)
        except ValueError as exc:
            raise UserError(f"--param {name}: {value!r} is not an IRI ({exc})", query.path, fix="correct it") from None
        if iri is not None:
            return iri
    return ox.Literal(value)


def _bind_variables(query: QueryFile, given: dict[str, str]) -> dict[str, Term]:
    """An ad-hoc query's parameters: each names one of its variables, whose value it fixes."""
    names = syntax.variables(query.text)
    for name in given:
        if name not in names:
            raise UserError(
                f"the query has no variable ?{name} for --param {name}",
                query.path,
                fix=did_you_mean(name, names) if names else "this query has no variables",
            )
    return {name: guessed_term(query, name, value) for name, value in given.items()}


def bind(query: QueryFile, given: dict[str, str]) -> dict[str, Term]:
    if query.adhoc and not query.params:
        return _bind_variables(query, given)
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
    """The query, after its prefix line, with one VALUES row for its parameters at the start of the outer
    WHERE group (found outside comments, strings and IRIs)."""
    if not bindings:
        return query.prelude + query.text
    return bound_rows(query, list(bindings), [list(bindings.values())])


def bound_rows(query: QueryFile, names: list[str], rows: list[list[Term]]) -> str:
    """The query with a VALUES block of `rows` for the variables `names` at the start of its outer WHERE group:
    the question asked of those values only (what bound_text does for one row of parameters)."""
    text = inner_values(query.text, names, rows)
    blanked = syntax.blank(text)
    found = [m for m in (OUTER_WHERE.search(blanked), FIRST_GROUP.search(blanked)) if m is not None]
    match = min(found, key=lambda m: m.end()) if found else None
    if match is None:
        raise UserError("a query with parameters needs a WHERE clause", query.path, fix="write 'WHERE {' explicitly")
    variables = " ".join(f"?{n}" for n in names)
    block = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)
    return f"{query.prelude}{text[: match.end()]}\n  VALUES ({variables}) {{ {block} }}\n{text[match.end() :]}"


def inner_values(text: str, names: list[str], rows: list[list[Term]]) -> str:
    """The text with each `#@bind ?x` marker (sparql.markers) that names a bound variable replaced by a VALUES block
    of that variable's values among `rows`: the sub-select it stands in is then asked of those values only, where it
    would otherwise be computed for every value before the outer VALUES row is joined with it."""
    values = {name: list(dict.fromkeys(str(row[i]) for row in rows)) for i, name in enumerate(names)}
    return markers.expand(text, values)


_asked: ContextVar[list[str] | None] = ContextVar("asked", default=None)


@contextmanager
def recording() -> Iterator[list[str]]:
    """The texts of the queries run_embedded answers on this thread while inside (sparql.footprint reads them)."""
    texts: list[str] = []
    token = _asked.set(texts)
    try:
        yield texts
    finally:
        _asked.reset(token)


def note_asked(text: str) -> None:
    """Count `text` among the queries asked (`recording`), whether it was answered here or its answer was kept
    (sparql.answers)."""
    asked = _asked.get()
    if asked is not None:
        asked.append(text)


def run_embedded(store: ox.Store, text: str) -> Result:
    note_asked(text)
    answer = store.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return Result(columns=columns, rows=[list(row) for row in answer])  # positional: None where unbound
    return Result(triples=list(answer))


def embedded_records(store: ox.Store, text: str) -> list[dict[str, object]]:
    """`run_embedded(store, text).records()`, each row made plain as it comes rather than after the answer's terms
    are all held (at a million triples, the 323,724 rows of the reading view's links held 1.6 million terms beside
    their dicts)."""
    note_asked(text)
    answer = store.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryTriples):
        for _ in answer:  # evaluated, as run_embedded evaluates it (an error is raised, not an empty answer)
            pass
    if not isinstance(answer, ox.QuerySolutions):
        return []  # as Result.records has it for a boolean or triples: no columns
    columns = [v.value for v in answer.variables]
    return [{c: python_value(t) for c, t in zip(columns, row, strict=True)} for row in answer]
