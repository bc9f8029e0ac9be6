"""The output formats of a query's answer: a table (the CLI's), the W3C SPARQL 1.1 query results formats
(JSON, XML, CSV, TSV) written by pyoxigraph's serializer for SELECT and ASK, and RDF (Turtle, N-Triples,
JSON-LD) for the graph that CONSTRUCT and DESCRIBE make.

A format can hold one kind of answer: `format_problem` says when it cannot. The table is the default for
every kind: for a graph it means Turtle, as do csv and tsv (tables of values, which a graph is not).
"""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.sparql.library import Result

# SPARQL 1.1 Query Results JSON, XML, CSV and TSV: https://www.w3.org/TR/sparql11-results-json/,
# https://www.w3.org/TR/rdf-sparql-XMLres/ and https://www.w3.org/TR/sparql11-results-csv-tsv/ (CSV: plain values,
# CRLF, a header of names; TSV: terms in Turtle syntax, a header of ?names).
W3C = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
FORMATS = ("table", *W3C, *GRAPH)
AS_TURTLE = ("table", "csv", "tsv")  # asked of a graph, these mean Turtle
TABLE_FORMATS = "table, csv, tsv, json or xml"
GRAPH_FORMATS = "ttl, nt or jsonld"
XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")  # a literal's datatype Turtle does not write


def format_problem(form: str, format: str) -> str | None:
    """Why `format` cannot hold the answer of a query of this form (SELECT, ASK, CONSTRUCT, DESCRIBE), as the
    end of a sentence such as "counts is a SELECT query: ..."; None if it can."""
    if form in ("CONSTRUCT", "DESCRIBE") and format in W3C and format not in AS_TURTLE:
        return f"its answer is a graph, which SPARQL results ({format}) cannot hold; use --format {GRAPH_FORMATS}"
    if form in ("SELECT", "ASK") and format in GRAPH:
        made = "a table" if form == "SELECT" else "yes or no"
        return f"its answer is {made}, not a graph ({format}); use --format {TABLE_FORMATS}"
    return None


def graph_format(format: str) -> str:
    """The RDF format a graph is written in when `format` was asked for: Turtle for the table formats."""
    return "ttl" if format in AS_TURTLE else format


def serialize_graph(result: Result, format: str, prefixes: dict[str, str]) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in an RDF format ("ttl", "nt", "jsonld"), its triples sorted (the same
    answer, the same bytes), the prefixes it uses declared in Turtle."""
    if result.triples is None:
        raise ValueError(f"{format} is for CONSTRUCT and DESCRIBE queries")
    ordered = sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    data = ox.serialize(ordered, format=GRAPH[format], prefixes=used_prefixes(ordered, prefixes))
    assert data is not None  # serialize returns the bytes when given no output
    return data


def used_prefixes(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes whose namespace starts an IRI the triples write (a datatype's too): those Turtle declares."""
    iris = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal) and term.language is None and term.datatype != XSD_STRING:
                iris.add(term.datatype.value)
    return {name: ns for name, ns in prefixes.items() if any(iri.startswith(ns) for iri in iris)}


def w3c_results(answer: ox.QuerySolutions | ox.QueryBoolean, format: str) -> bytes:
    """An answer in one of the W3C results formats ("json", "xml", "csv", "tsv"), written by pyoxigraph."""
    data = answer.serialize(format=W3C[format])
    assert data is not None  # serialize returns the bytes when given no output
    return data
