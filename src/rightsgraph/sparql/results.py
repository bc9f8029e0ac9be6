"""The output formats of a query's answer: a table (the CLI's), the W3C SPARQL results formats (JSON, CSV,
TSV) written by pyoxigraph's serializer, and Turtle for CONSTRUCT and DESCRIBE."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.sparql.library import Result

FORMATS = ("table", "csv", "tsv", "json", "ttl")
# SPARQL 1.1 Query Results JSON, CSV and TSV: https://www.w3.org/TR/sparql11-results-json/ and
# https://www.w3.org/TR/sparql11-results-csv-tsv/ (CSV: plain values, CRLF; TSV: N-Triples terms, "?var" header)
W3C = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def to_turtle(result: Result, prefixes: dict[str, str]) -> str:
    if result.triples is None:
        raise ValueError("ttl is for CONSTRUCT and DESCRIBE queries")
    ordered = sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")


def w3c_results(answer: ox.QuerySolutions | ox.QueryBoolean, format: str) -> bytes:
    """An answer in one of the W3C results formats ("json", "csv", "tsv"), written by pyoxigraph."""
    data = answer.serialize(format=W3C[format])
    assert data is not None  # serialize returns the bytes when given no output
    return data
