"""Talking to a SPARQL 1.1 endpoint: queries through SPARQLWrapper, graphs through the Graph Store
Protocol (plain HTTP: SPARQLWrapper has no GSP).

A result body is parsed strictly: Oxigraph's server (and others) send HTTP 200 before a timeout
cancels the query, leaving a truncated body, so malformed JSON is an error, never a short answer.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.sparql.library import Result
from rightsgraph.sparql.results import w3c_results

T = TypeVar("T")


def _strictly(endpoint: str, read: Callable[[], T]) -> T:
    """read(), reading a result body strictly: whatever pyoxigraph's parser refuses is a clear error."""
    try:
        return read()
    except (SyntaxError, ValueError) as exc:
        raise UserError(
            f"the endpoint sent a truncated or malformed result ({type(exc).__name__}: {exc})",
            endpoint,
            fix="the query may have timed out on the server; retry or raise its timeout",
        ) from None


def parse_json_results(body: bytes, endpoint: str) -> Result:
    """A SPARQL JSON result read by pyoxigraph's strict parser, consumed whole inside the try: a body cut off
    part-way fails while the rows are read, and is reported, never returned as a short answer."""

    def read() -> Result:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        return Result(columns=[v.value for v in answer.variables], rows=[list(solution) for solution in answer])

    return _strictly(endpoint, read)


def convert_json_results(body: bytes, endpoint: str, format: str) -> bytes:
    """A SPARQL JSON result rewritten in a W3C results format ("json", "csv", "tsv") by pyoxigraph, as
    strictly as it is read."""
    return _strictly(
        endpoint, lambda: w3c_results(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON), format)
    )


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


def fetch(endpoint: str, text: str, timeout: float = 60) -> tuple[bool, bytes]:
    """Send a query; return whether it makes a graph (CONSTRUCT, DESCRIBE: Turtle) and the response body
    (else SPARQL JSON results)."""
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setTimeout(int(timeout))
    client.setQuery(text)
    client.queryType = query_form(text)
    is_graph = client.queryType in ("CONSTRUCT", "DESCRIBE")
    client.setReturnFormat(TURTLE if is_graph else JSON)
    try:
        return is_graph, client.query().response.read()
    except SPARQLWrapperException as exc:
        raise UserError(
            f"the endpoint refused the query: {exc}", endpoint, fix="check the query and the endpoint"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise UserError(
            f"cannot reach the endpoint: {getattr(exc, 'reason', exc)}",
            endpoint,
            fix="check the URL and that the server is running",
        ) from None


def run_remote(endpoint: str, text: str, timeout: float = 60) -> Result:
    is_graph, body = fetch(endpoint, text, timeout)
    if is_graph:
        try:
            return Result(
                triples=[
                    ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.TURTLE)
                ]
            )
        except SyntaxError as exc:
            raise UserError(
                f"the endpoint sent a truncated or malformed graph ({exc})",
                endpoint,
                fix="retry, or raise the server's timeout",
            ) from None
    return parse_json_results(body, endpoint)


@dataclass
class Sent:
    graph: str
    triples: int
    status: int


def put_graph(store_url: str, graph: str, triples: list[ox.Triple], timeout: float = 60) -> Sent:
    """Replace one named graph with the Graph Store Protocol (HTTP PUT): 201 created, 204 replaced."""
    separator = "&" if "?" in store_url else "?"
    url = f"{store_url}{separator}graph={urllib.parse.quote(graph, safe='')}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Sent(graph, len(triples), response.status)
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:200]
        raise UserError(
            f"PUT of graph {graph} failed: HTTP {exc.code} {exc.reason} {detail}".strip(),
            store_url,
            fix="check the Graph Store URL and that the server accepts writes; re-run to resume",
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise UserError(
            f"PUT of graph {graph} failed: {getattr(exc, 'reason', exc)}",
            store_url,
            fix="check that the server is running; re-running publish replaces every graph again",
        ) from None
