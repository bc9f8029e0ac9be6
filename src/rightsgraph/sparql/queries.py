"""The SPARQL files of queries/: their metadata headers, loading and safe parameter binding.

Every .rq file starts with a comment header, one `# key: value` per line:

    # title: Who condemned the executions
    # description: Statements whose stance is condemns, with speaker and evidence.
    # param: event | iri | https://w3id.org/rightsgraph/id/event/x | the event to ask about
    # columns: statement, speaker, quote

Parameters are bound as RDF terms through pyoxigraph's `substitutions`, never pasted into text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError

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


def _header(path: Path, text: str) -> dict[str, list[tuple[int, str]]]:
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


def load_query(path: Path) -> QueryFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("not UTF-8 text", path, fix="save the file as UTF-8") from None
    except OSError as exc:
        raise UserError(
            f"cannot read the query: {exc.strerror}", path, fix="restore the file from the project"
        ) from None
    header = _header(path, text)
    for key in ("title", "description"):
        if key not in header:
            raise UserError(f"query header has no '{key}'", path, 1, f"add a line '# {key}: ...' at the top")
    params = tuple(_param(path, line, value) for line, value in header.get("param", []))
    columns: tuple[str, ...] = ()
    if "columns" in header:
        columns = tuple(c.strip() for c in header["columns"][0][1].split(",") if c.strip())
    return QueryFile(
        path=path,
        name=path.stem,
        title=header["title"][0][1],
        description=" ".join(v for _, v in header["description"]),
        text=text,
        params=params,
        columns=columns,
    )


def _rdflib_error_line(text: str) -> int | None:
    """rdflib's parser points at the start of the failing construct, Oxigraph's at the furthest
    point it read; for an invalid query, prefer rdflib's line when it also rejects the query."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(text)
    except Exception as exc:  # pyparsing.ParseException and friends
        return getattr(exc, "lineno", None)
    return None


def check_syntax(query: QueryFile) -> None:
    """Parse the query with Oxigraph's SPARQL parser (on an empty store, so nothing is read)."""
    try:
        ox.Store().query(query.text)
    except SyntaxError as exc:
        message = str(exc)
        where = re.search(r"at (\d+):(\d+)", message)
        line = _rdflib_error_line(query.text) or (int(where.group(1)) if where else None)
        raise UserError(
            f"SPARQL syntax error: {message}", query.path, line, "correct the query at or just before that line"
        ) from None


def load_dir(directory: Path, pattern: str = "*.rq") -> list[QueryFile]:
    return [load_query(p) for p in sorted(directory.glob(pattern))]
