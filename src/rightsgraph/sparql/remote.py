"""Talking to a SPARQL 1.1 endpoint: queries through SPARQLWrapper, graphs through the Graph Store
Protocol (plain HTTP: SPARQLWrapper has no GSP).

A result body is parsed strictly: Oxigraph's server (and others) send HTTP 200 before a timeout
cancels the query, leaving a truncated body, so malformed JSON is an error, never a short answer.
Every request keeps a deadline and a size limit (transport), and an answer a row limit (limits);
credentials come from the environment or ~/.netrc, and no message shows them.
"""

from __future__ import annotations

import http.client
import math
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, TypeVar, cast

import pyoxigraph as ox
from SPARQLWrapper import SPARQLWrapper

from rightsgraph.core.errors import UserError
from rightsgraph.sparql.library import Result
from rightsgraph.sparql.limits import Limits
from rightsgraph.sparql.queries import query_form
from rightsgraph.sparql.results import w3c_results
from rightsgraph.sparql.transport import CREDENTIALS_FIX, Body, Deadline, authorization, check_url, redact

T = TypeVar("T")


def _strictly(endpoint: str, read: Callable[[], T]) -> T:
    """read(), reading a result body strictly: whatever pyoxigraph's parser refuses is a clear error."""
    try:
        return read()
    except (SyntaxError, ValueError) as exc:
        raise UserError(
            f"the endpoint sent a truncated or malformed result ({type(exc).__name__}: {exc})",
            redact(endpoint),
            fix="the query may have timed out on the server; retry or raise its timeout",
        ) from None


def parse_json_results(body: bytes, endpoint: str, limits: Limits | None = None) -> Result:
    """A SPARQL JSON result read by pyoxigraph's strict parser, consumed whole inside the try: a body cut off
    part-way fails while the rows are read, and is reported, never returned as a short answer."""
    limits = limits or Limits()

    def read() -> Result:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        return Result(columns=[v.value for v in answer.variables], rows=[list(solution) for solution in answer])

    result = _strictly(endpoint, read)
    if len(result.rows) > limits.max_rows:
        raise limits.too_many_rows(redact(endpoint))
    return result


def convert_json_results(body: bytes, endpoint: str, format: str, limits: Limits | None = None) -> bytes:
    """A SPARQL JSON result rewritten in a W3C results format ("json", "csv", "tsv") by pyoxigraph, as
    strictly as it is read, within the row limit: checked whole and counted before a row is written, with no
    Python term made (parse_json_results made every one: 0.4 s of a 30,000-row answer at 1M triples)."""
    limits = limits or Limits()
    parse = lambda: ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def count() -> None:
        answer = parse()
        if not isinstance(answer, ox.QueryBoolean):
            for rows, _ in enumerate(answer, start=1):
                if rows > limits.max_rows:
                    raise limits.too_many_rows(redact(endpoint))

    _strictly(endpoint, count)
    return _strictly(endpoint, lambda: w3c_results(parse(), format))


class BoundedClient(SPARQLWrapper):
    """SPARQLWrapper's request, sent through an opener that keeps a deadline (transport.Deadline), with the
    Authorization header as an unredirected header: a redirect never carries the credentials to another host."""

    def __init__(self, endpoint: str, deadline: Deadline, credentials: str | None) -> None:
        super().__init__(endpoint)
        self.opener = deadline.opener()
        self.deadline = deadline
        self.credentials = credentials

    def _createRequest(self) -> urllib.request.Request:
        request = super()._createRequest()
        if self.credentials:
            request.add_unredirected_header("Authorization", self.credentials)
        return request

    def _query(self) -> tuple[Any, str]:  # SPARQLWrapper's urlopen, through the bounded opener
        return self.opener.open(self._createRequest(), timeout=self.deadline.left()), self.returnFormat


def refused(exc: urllib.error.HTTPError, what: str, where: str, credentials: str | None, fix: str) -> UserError:
    """An HTTP error status as one line: credentials asked for or refused, or the server's own words."""
    if exc.code in (401, 403):
        return UserError(
            f"{what}: the server {'refused the credentials' if credentials else 'asks for credentials'} "
            f"(HTTP {exc.code} {exc.reason})",
            where,
            fix=f"check the credentials: {CREDENTIALS_FIX}" if credentials else CREDENTIALS_FIX,
        )
    try:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
    except (OSError, http.client.HTTPException):
        detail = ""
    return UserError(f"{what}: HTTP {exc.code} {exc.reason} {detail}".strip(), where, fix=fix)


def stream(is_graph: bool, body: Body, limits: Limits, where: str) -> None:
    """Parse a body as it arrives (pyoxigraph's parsers read it lazily), counting rows or triples: past the row
    limit the reading stops; a body cut off, by the server or by a limit, is an error, never a short answer."""
    source = cast(IO[bytes], body)  # a RawIOBase, which pyoxigraph reads as any binary file
    try:
        if is_graph:
            parsed: Any = ox.parse(source, format=ox.RdfFormat.TURTLE)
        else:
            parsed = ox.parse_query_results(source, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return
        for count, _ in enumerate(parsed, start=1):
            if count > limits.max_rows:
                raise limits.too_many_rows(where)
    except (SyntaxError, ValueError) as exc:
        if body.failure == "size":
            raise limits.too_large(where) from None
        if body.failure == "time":
            raise limits.too_slow(where) from None
        raise UserError(
            f"the endpoint sent a truncated or malformed {'graph' if is_graph else 'result'} "
            f"({type(exc).__name__}: {exc})",
            where,
            fix="the query may have timed out on the server; retry or raise its timeout",
        ) from None


def fetch(endpoint: str, text: str, limits: Limits | None = None) -> tuple[bool, bytes]:
    """Send a query; return whether it makes a graph (CONSTRUCT, DESCRIBE: Turtle) and the response body
    (else SPARQL JSON results), parsed as it arrives within the limits: time, rows and size."""
    limits = limits or Limits()
    where = redact(check_url(endpoint))
    credentials = authorization(endpoint)
    with Deadline(limits.timeout) as deadline:
        client = BoundedClient(endpoint, deadline, credentials)
        client.setMethod("POST")
        client.setTimeout(math.ceil(limits.timeout))
        client.setQuery(text)
        client.queryType = query_form(text)
        is_graph = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat("turtle" if is_graph else "json")
        try:
            response = client.query().response
            cut = response.headers.get("X-SPARQL-MaxRows")
            if cut:  # Virtuoso cuts an answer at ResultSetMaxRows and still says 200
                raise UserError(
                    f"the endpoint cut the answer at {cut} rows (Virtuoso's ResultSetMaxRows)",
                    where,
                    fix="raise ResultSetMaxRows in the server's virtuoso.ini, or ask for fewer rows",
                )
            body = Body(response, deadline, limits.max_bytes)
            stream(is_graph, body, limits, where)
        except urllib.error.HTTPError as exc:
            if deadline.passed:
                raise limits.too_slow(where) from None
            raise refused(exc, "the endpoint refused the query", where, credentials, "check the query") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if deadline.passed:
                raise limits.too_slow(where) from None
            raise UserError(
                f"cannot reach the endpoint: {getattr(exc, 'reason', None) or exc or type(exc).__name__}",
                where,
                fix="check the URL and that the server is running",
            ) from None
    return is_graph, body.data()


def run_remote(endpoint: str, text: str, limits: Limits | None = None) -> Result:
    is_graph, body = fetch(endpoint, text, limits)
    if is_graph:  # whole and within the limits: fetch parsed it as it came
        return Result(
            triples=[ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        )
    return parse_json_results(body, endpoint, limits)


@dataclass
class Sent:
    graph: str
    triples: int
    status: int


def put_graph(
    store_url: str, graph: str, triples: list[ox.Triple], deadline: Deadline, credentials: str | None = None
) -> Sent:
    """Replace one named graph with the Graph Store Protocol (HTTP PUT): 201 created, 204 replaced; within the
    deadline of the whole publish."""
    separator = "&" if "?" in store_url else "?"
    url = f"{store_url}{separator}graph={urllib.parse.quote(graph, safe='')}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    if credentials:
        request.add_unredirected_header("Authorization", credentials)
    where, what = redact(store_url), f"PUT of graph {graph} failed"
    try:
        with deadline.opener().open(request, timeout=deadline.left()) as response:
            return Sent(graph, len(triples), response.status)
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if deadline.passed:
            raise UserError(
                f"PUT of graph {graph} stopped: publish took longer than {deadline.seconds:g} s (the time limit)",
                where,
                fix="give --timeout SECONDS with more seconds; re-running publish replaces every graph again",
            ) from None
        if isinstance(exc, urllib.error.HTTPError):
            fix = "check the Graph Store URL and that the server accepts writes; re-run to resume"
            raise refused(exc, what, where, credentials, fix) from None
        raise UserError(
            f"{what}: {getattr(exc, 'reason', None) or exc or type(exc).__name__}",
            where,
            fix="check that the server is running; re-running publish replaces every graph again",
        ) from None
