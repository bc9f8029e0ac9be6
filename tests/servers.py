"""Real servers for tests: an Oxigraph server on a free loopback port, and a deliberately broken one."""

from __future__ import annotations

import http.server
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


def start_oxigraph(location: Path, port: int, read_only: bool = False) -> subprocess.Popen:
    """`oxigraph serve` on 127.0.0.1:port with the union default graph, once it answers."""
    command = [
        oxigraph_binary(),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        "30",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    return process


@contextmanager
def oxigraph_server(location: Path, read_only: bool = False) -> Iterator[str]:
    """A running Oxigraph server for the duration of the block; yields its base URL."""
    port = free_port()
    process = start_oxigraph(location, port, read_only)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def truncating_server(body: bytes) -> Iterator[str]:
    """An HTTP server that answers every request 200 with `body` (a cut-off result, as after a timeout)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
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
