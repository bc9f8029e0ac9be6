"""The front of `serve`: the address the user gives, answering `/` with rightsgraph's own query page
(templates/query.html: one file that loads nothing from the network, the project's prefixes declared, the
library's questions as examples) and passing every other request to the Oxigraph server behind it (store.server),
streaming the answer back. Oxigraph's own page (YASGUI) fetched prefix.cc.

`serve --memory` answers /query itself from an in-memory store (store.memory_front), with this page.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import signal
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from importlib import resources

from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.core.text import script_json
from rightsgraph.sparql.library import Library, bind, bound_text
from rightsgraph.sparql.queries import QueryFile
from rightsgraph.store.server import Listeners, Oxigraph

# ------------------------------------------------------------------------------------- the page --


def _example_text(query: QueryFile) -> str:
    """A library query as the page offers it: its parameters bound to their defaults, where it has any."""
    try:
        return bound_text(query, bind(query, {}))
    except UserError:  # a parameter without a default: the text as it is, the variable free
        return query.text


def query_page(project: Project) -> bytes:
    """The query page: the project's prefixes and the library's questions, in one file that loads nothing."""
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "text": _example_text(q)}
        for q in sorted(Library(project).queries.values(), key=lambda q: q.title.casefold())
    ]
    prefixes = {"id": ID_NS, **project_prefixes(project)}  # as the library's queries may use them undeclared
    data = {"prefixes": prefixes, "examples": examples}
    template = resources.files("rightsgraph.store").joinpath("templates/query.html").read_text(encoding="utf-8")
    return template.replace("__RIGHTSGRAPH_DATA__", script_json(data), 1).encode("utf-8")


# The page may run its own inline script and style and talk to this server, and nothing else.
PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
NOT_PASSED_BACK = (HOP_BY_HOP - {"content-length"}) | {"server", "date"}  # this server sends its own
MAX_BODY = 64 * 1024 * 1024  # a query or form larger than this is refused (413)


class FrontHandler(http.server.BaseHTTPRequestHandler):
    """`/` is the query page; every other request goes to Oxigraph as it is, and its answer comes back as it
    streams. One request per connection (HTTP/1.0): the end of an answer is the end of the connection."""

    server: Front
    server_version = "rightsgraph"

    def _page(self, with_body: bool) -> None:
        page = self.server.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Content-Security-Policy", PAGE_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(page)

    def _plain(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _forward(self) -> None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._plain(411, "send the request with a Content-Length")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._plain(400, "bad Content-Length")
            return
        if length > MAX_BODY or length < 0:
            self._plain(413, f"a request body is at most {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=self.server.wait_s)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
        except OSError as exc:
            upstream.close()
            self._plain(504 if isinstance(exc, TimeoutError) else 502, f"the Oxigraph server did not answer: {exc}")
            return
        try:
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in NOT_PASSED_BACK:
                    self.send_header(name, value)
            self.end_headers()
            while chunk := answer.read1(65536):
                self.wfile.write(chunk)
        except OSError:  # the client left, or Oxigraph stopped mid-answer: the connection ends either way
            self.close_connection = True
        finally:
            upstream.close()

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._page(with_body=True)
        else:
            self._forward()

    def do_HEAD(self) -> None:
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._page(with_body=False)
        else:
            self._forward()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _forward

    def log_message(self, format: str, *args: object) -> None:  # quiet, as Oxigraph is
        pass


class Front(http.server.ThreadingHTTPServer):
    """The HTTP server on one of the user's listening sockets."""

    daemon_threads = True

    def __init__(self, sock: socket.socket, page: bytes, upstream_port: int, wait_s: float) -> None:
        super().__init__(sock.getsockname()[:2], FrontHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock
        self.server_address = sock.getsockname()
        self.page, self.upstream_port, self.wait_s = page, upstream_port, wait_s


def start_fronts(fronts: list, on_ready: Callable[[], None] | None) -> None:
    """`on_ready`, then each front serving in a thread of its own: a server that answers has announced itself
    (serve --memory's serve.json). The sockets listen already, so a client that connects meanwhile waits in the
    backlog. (`on_ready` came after the threads: a test that asked once the port answered missed serve.json.)"""
    if on_ready:
        on_ready()
    for front in fronts:
        threading.Thread(target=front.serve_forever, daemon=True, name="rightsgraph-serve").start()


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop serving."""


def _stop_on_signal(signum: int, frame: object) -> None:
    raise Stopped(signal.Signals(signum).name)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Stopped in the block (serve --memory installs it before loading, so that a stop
    while loading is clean)."""
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {s: signal.signal(s, _stop_on_signal) for s in stops}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_front(
    listeners: Listeners,
    page: bytes,
    server: Oxigraph,
    timeout: int,
    on_ready: Callable[[], None] | None = None,
    follow: Callable[[Oxigraph], Oxigraph | None] | None = None,
    every_s: float = 0.5,
) -> None:
    """Serve the page and pass requests to Oxigraph until SIGTERM or SIGHUP (a clean stop), Ctrl-C
    (KeyboardInterrupt, as every command) or Oxigraph's exit (a UserError with its first line). `follow`, asked
    every `every_s` seconds, may give a server to pass the next requests to instead (store.follow)."""
    wait_s = timeout + 60  # Oxigraph cancels most queries at `timeout`; a proxied request waits a minute more
    fronts = [Front(sock, page, server.port, wait_s) for sock in listeners.sockets]
    with stopped_by_signals(), closing_fronts(fronts):
        start_fronts(fronts, on_ready)
        while True:
            try:
                server.process.wait(timeout=every_s if follow else None)
            except subprocess.TimeoutExpired:
                newer = follow(server) if follow else None
                if newer is not None:
                    server = newer
                    for front in fronts:
                        front.upstream_port = newer.port
                continue
            raise UserError(f"the Oxigraph server stopped: {server.failure()}", fix="run rightsgraph serve again")


@contextlib.contextmanager
def closing_fronts(fronts: list) -> Iterator[None]:
    """The fronts shut down when the block ends; a Stopped (SIGTERM, SIGHUP) ends it cleanly."""
    try:
        yield
    except Stopped:
        pass
    finally:
        for front in fronts:
            front.shutdown()
            front.server_close()
