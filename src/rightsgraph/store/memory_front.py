"""The front of `serve --memory`: `/` is rightsgraph's query page (store.front) and `/query` is answered by
rightsgraph itself from the in-memory store `serve` holds (store.memory), with no server behind it.

The SPARQL 1.1 protocol's query operation: GET /query?query=..., POST /query with a form (query=...) or with the
query as the body (application/sparql-query); the answer in the format the Accept header asks for (SPARQL results as
JSON, XML, CSV or TSV; a graph as Turtle, N-Triples or RDF/XML). pyoxigraph's query() runs queries only: an update
(a form's update=..., or /update) is refused, and nothing else on the machine listens for one. pyoxigraph releases
the interpreter while it evaluates, so questions are answered side by side; a question still computing at
`--timeout` is answered 503 (it goes on in the background until done: pyoxigraph cannot stop it), and `query` then
asks the dataset store itself.
"""

from __future__ import annotations

import concurrent.futures
import http.server
import socket
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

import pyoxigraph as ox

from rightsgraph.store.front import MAX_BODY, FrontHandler, closing_fronts, start_fronts
from rightsgraph.store.memory import TIMED_OUT, TOKEN_HEADER, Held
from rightsgraph.store.server import Listeners

RESULTS = [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV]
GRAPHS = [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML]


def negotiate(accept: str, formats: list[Any]) -> Any:
    """The first of `formats` the Accept header takes, in its order of preference (q); the first of `formats` when
    it names none of them or anything (*/*)."""
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        wanted.append((-q, index, media.lower()))
    for _, _, media in sorted(wanted):
        for form in formats:
            if media == form.media_type or (media == "application/json" and form == ox.QueryResultsFormat.JSON):
                return form
    return formats[0]


def evaluate(store: ox.Store, text: str, accept: str) -> tuple[str, bytes]:
    """The answer to `text` in the format `accept` asks for: (media type, bytes)."""
    answer = store.query(text, use_default_graph_as_union=True)
    form = negotiate(accept, GRAPHS if isinstance(answer, ox.QueryTriples) else RESULTS)
    return form.media_type, answer.serialize(format=form) or b""


class MemoryHandler(FrontHandler):
    server: MemoryFront  # type: ignore[assignment]  # the page as FrontHandler sends it; /query answered here

    def _send(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header(TOKEN_HEADER, self.server.held.token)
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _answer(self, texts: list[str] | None) -> None:
        if not texts or len(texts) != 1:
            self._refuse(400, "give one query: /query?query=... (the SPARQL 1.1 protocol)")
            return
        held = self.server.held
        future = self.server.pool.submit(evaluate, held.store, texts[0], self.headers.get("Accept") or "")
        try:
            media, body = future.result(timeout=self.server.timeout)
        except concurrent.futures.TimeoutError:
            self._refuse(503, f"{TIMED_OUT} ({self.server.timeout} s)")
            return
        except SyntaxError as exc:
            self._refuse(400, f"the query does not parse: {exc}")
            return
        except (OSError, ValueError, RuntimeError) as exc:
            self._refuse(500, f"the query failed: {exc}")
            return
        self._send(200, media, body)

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path in ("/", "/index.html"):
            self._page(with_body=True)
        elif path == "/query":
            self._answer(urllib.parse.parse_qs(query).get("query"))
        else:
            self._refuse(404, "this server answers queries at /query")

    def do_HEAD(self) -> None:
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._page(with_body=False)
        else:
            self._refuse(405, "HEAD is for the page; ask questions with GET or POST at /query")

    def do_POST(self) -> None:
        if self.path.split("?", 1)[0] != "/query":
            self._refuse(405, "this server is read-only: it answers queries (GET, or POST to /query)")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower() or not 0 <= length <= MAX_BODY:
            self._refuse(411 if length >= 0 else 400, f"send the query with a Content-Length of at most {MAX_BODY}")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            self._answer([body])
        elif media == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                self._refuse(405, "this server is read-only: it runs no update")
            else:
                self._answer(form.get("query"))
        else:
            self._refuse(415, "send a query as application/sparql-query or as a form (query=...)")

    def _read_only(self) -> None:
        self._refuse(405, "this server is read-only: it answers queries (GET, or POST to /query)")

    do_PUT = do_DELETE = do_PATCH = _read_only

    def do_OPTIONS(self) -> None:
        self.send_response(204 if self.server.cors else 405)
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()


class MemoryFront(http.server.ThreadingHTTPServer):
    """The HTTP server on one of the user's listening sockets, answering from `held`."""

    daemon_threads = True

    def __init__(self, sock: socket.socket, page: bytes, held: Held, timeout: int, cors: bool, pool: Executor) -> None:
        super().__init__(sock.getsockname()[:2], MemoryHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock
        self.server_address = sock.getsockname()
        self.page, self.held, self.timeout, self.cors, self.pool = page, held, timeout, cors, pool


def run_memory(
    listeners: Listeners,
    page: bytes,
    held: Held,
    timeout: int,
    cors: bool,
    follow: Callable[[], None],
    on_ready: Callable[[], None] | None = None,
    every_s: float = 0.5,
) -> None:
    """Answer from `held` until SIGTERM or SIGHUP (a clean stop) or Ctrl-C (KeyboardInterrupt), asking `follow`
    every `every_s` seconds to bring it level with the dataset store."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="rightsgraph-query")
    fronts = [MemoryFront(sock, page, held, timeout, cors, pool) for sock in listeners.sockets]
    try:
        with closing_fronts(fronts):
            start_fronts(fronts, on_ready)
            while True:
                time.sleep(every_s)
                follow()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
