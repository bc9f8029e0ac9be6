"""Writing a query result as a table, CSV, TSV, SPARQL JSON results or Turtle."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from rightsgraph.sparql.library import Result, Term

FORMATS = ("table", "csv", "tsv", "json", "ttl")


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def to_json(result: Result) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [
        {c: _json_term(t) for c, t in zip(result.columns, row, strict=True) if t is not None} for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.columns}, "results": {"bindings": bindings}}, indent=2, ensure_ascii=False
    )


def to_delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        if delimiter == "\t":  # SPARQL TSV: terms in N-Triples syntax
            writer.writerow(["" if t is None else str(t) for t in row])
        else:  # SPARQL CSV: plain values
            writer.writerow(["" if t is None else t.value for t in row])
    return buffer.getvalue()


def to_turtle(result: Result, prefixes: dict[str, str]) -> str:
    if result.triples is None:
        raise ValueError("ttl is for CONSTRUCT and DESCRIBE queries")
    ordered = sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
