"""Real servers for tests: an Oxigraph server on a free loopback port, and a deliberately broken one."""

from __future__ import annotations

import hashlib
import http.server
import secrets
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rightsgraph.store.server import oxigraph_binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read() if process.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start in {seconds}s")


def start_oxigraph(location: Path, port: int, read_only: bool = False, timeout: int = 30) -> subprocess.Popen:
    """`oxigraph serve` on 127.0.0.1:port with the union default graph and a query timeout, once it answers."""
    command = [
        oxigraph_binary(),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    return process


@contextmanager
def oxigraph_server(location: Path, read_only: bool = False, timeout: int = 30) -> Iterator[str]:
    """A running Oxigraph server for the duration of the block; yields its base URL."""
    port = free_port()
    process = start_oxigraph(location, port, read_only, timeout)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def truncating_server(body: bytes, headers: dict[str, str] | None = None) -> Iterator[str]:
    """An HTTP server that answers every request 200 with `body` (a cut-off result, as after a timeout), and
    `headers` (Virtuoso's X-SPARQL-MaxRows when it cut an answer)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


class Recorder(http.server.ThreadingHTTPServer):
    """A loopback HTTP server that keeps what it was sent: (method, path, Authorization header) per request."""

    daemon_threads = True

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.requests: list[tuple[str, str, str | None]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def running(server: Recorder) -> Iterator[Recorder]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


ANSWER = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://example.org/1"}}]}}'


@contextmanager
def auth_server(expected: str, redirect_to: str | None = None) -> Iterator[Recorder]:
    """A SPARQL endpoint and Graph Store that checks the Authorization header: with `expected`, a PUT gets 201
    and a query ANSWER; without it, 401. With `redirect_to`, every request is sent there (303 See Other)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server: Recorder = self.server  # type: ignore[assignment]
            server.requests.append((self.command, self.path, self.headers.get("Authorization")))
            if redirect_to:
                self.send_response(303)
                self.send_header("Location", redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="rightsgraph test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"" if self.command == "PUT" else ANSWER
            self.send_response(201 if self.command == "PUT" else 200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args: object) -> None:
            pass

    with running(Recorder(Handler)) as server:
        yield server


@contextmanager
def dripping_server(response: bytes, interval: float = 1.0) -> Iterator[str]:
    """A loopback server that reads each request whole, then sends `response` one byte every `interval`
    seconds: a socket timeout never trips, only an overall deadline ends the wait. Yields its base URL."""
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _drip(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                for byte in response:
                    if stop.wait(interval):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:  # the client gave up
                return

        do_GET = do_POST = do_PUT = _drip

        def log_message(self, *args: object) -> None:
            pass

    with running(Recorder(Handler)) as server:
        try:
            yield server.url
        finally:
            stop.set()


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class DigestRecorder(Recorder):
    """A Recorder that also keeps the nonces it issued."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        super().__init__(handler)
        self.nonces: set[str] = set()


@contextmanager
def digest_server(user: str, password: str, realm: str = "SPARQL") -> Iterator[DigestRecorder]:
    """A Graph Store and SPARQL endpoint that takes HTTP Digest only, as Virtuoso's /sparql-graph-crud-auth and
    /sparql-auth do: basic credentials get a bare 401 (no challenge), a request without credentials a Digest
    challenge with a new nonce, a right Digest answer (RFC 7616, qop=auth) 201 to a PUT, 200 and ANSWER to a
    query. Every request is recorded (method, path, Authorization header)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        server: DigestRecorder

        def _right(self, header: str) -> bool:
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[len("Digest ") :]))
            if fields.get("username") != user or fields.get("nonce") not in self.server.nonces:
                return False
            ha1, ha2 = _md5(f"{user}:{realm}:{password}"), _md5(f"{self.command}:{fields.get('uri')}")
            parts = ":".join(fields.get(key, "") for key in ("nonce", "nc", "cnonce", "qop"))
            return fields.get("uri") == self.path and fields.get("response") == _md5(f"{ha1}:{parts}:{ha2}")

        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            header = self.headers.get("Authorization")
            self.server.requests.append((self.command, self.path, header))
            if header and header.startswith("Digest ") and self._right(header):
                body = b"" if self.command in ("PUT", "HEAD") else ANSWER
                self.send_response(201 if self.command == "PUT" else 200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            self.send_response(401)
            if not (header and header.startswith("Basic ")):  # basic gets a bare 401, as from Virtuoso
                nonce = secrets.token_hex(16)
                self.server.nonces.add(nonce)
                challenge = f'Digest realm="{realm}", nonce="{nonce}", qop="auth", algorithm="MD5"'
                self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = do_HEAD = _answer

        def log_message(self, *args: object) -> None:
            pass

    with running(DigestRecorder(Handler)) as server:
        yield server
