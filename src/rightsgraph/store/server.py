"""The store of `serve`: the built dataset behind a local Oxigraph server, with rightsgraph's own query page.

The dataset store the build keeps level with dist/ (store.dataset) is served as it is, and followed from
build to build (store.follow); where it does not hold dist/, the N-Quads dump is loaded into a store directory
(<root>/.rightsgraph/store, rebuilt each time). Either is served by `oxigraph serve-read-only` (PyPI
`oxigraph`, the optional extra `rightsgraph[server]`): updates
are refused, the default graph is the union of the named graphs (as the queries expect), queries time out.
Oxigraph listens on a free loopback port; rightsgraph listens on the address the user gives (127.0.0.1
unless told otherwise), answers `/` with its query page (templates/query.html: one file that loads nothing
from the network, the project's prefixes declared, the library's questions as examples) and passes every
other request to Oxigraph as it is, streaming the answer back. Oxigraph's own page (YASGUI) fetched prefix.cc.
Oxigraph follows SERVICE clauses to any URL: a server bound to a public address lets anyone make it send
requests, so keep it on loopback unless you mean it.

What the server bounds, measured on Oxigraph 0.5.13: `--timeout-s` cancels some queries still computing
(a COUNT over a product of three patterns stops at the limit, even after its client has left), but not all
(over four patterns it ran on, a core busy, long after its client had gone), and not one that streams its
rows (a cartesian SELECT sent 1 GB in 40 s under a 5 s limit, for as long as its client read). The server
has no limit on the size of an answer. rightsgraph's own client stops at its limits (sparql.limits); only
stopping the server stops a query it does not cancel. Cross-origin requests get CORS headers only with
`cors` (oxigraph's --cors).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import http.client
import http.server
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO

from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.sparql.library import Library, bind, bound_text
from rightsgraph.sparql.queries import QueryFile
from rightsgraph.store.embedded import built_dump


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UserError(
            "the Oxigraph server is not installed",
            fix="pip install 'rightsgraph[server]' (the Oxigraph server is an optional extra; make install adds it)",
        )
    return found


def prepare_store(project: Project, location: Path | None = None) -> Path:
    location = location or project.root / ".rightsgraph" / "store"
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    done = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(built_dump(project))],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise UserError(
            f"oxigraph load failed: {done.stderr.strip()[:300]}",
            location,
            fix="check that no other server has this store open",
        )
    return location


# ------------------------------------------------------------------------------------ the address --

BIND = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:\[\]/]+):(?P<port>[0-9]{1,5})")


def parse_bind(bind: str) -> tuple[str, int]:
    """The host and port of a --bind value, HOST:PORT or [IPv6]:PORT, or a ValueError saying what is wrong."""
    match = BIND.fullmatch(bind)
    if match is None:
        raise ValueError(f"{bind!r} is not HOST:PORT, such as 127.0.0.1:7878 or [::1]:7878")
    port = int(match["port"])
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} of {bind!r} is not between 1 and 65535")
    return match["host"].strip("[]"), port


LISTEN_FIX = "give --bind an address of this machine and a free port, such as 127.0.0.1:7878"


def listen_fix(error: int, host: str, port: int) -> str:
    if error == errno.EADDRINUSE:
        other = f"[{host}]" if ":" in host else host
        return (
            f"choose another port with --bind, such as --bind {other}:{port + 1 if port < 65535 else 7878}, "
            "or stop the program that listens on this one"
        )
    if error == errno.EACCES:
        return "ports below 1024 need privileges: choose a port from 1024 to 65535 with --bind"
    return LISTEN_FIX


@dataclass
class Listeners:
    """Listening sockets for every address a --bind value names."""

    bind: str
    sockets: list[socket.socket]
    loopback: bool  # every address is a loopback one

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()


def listen(bind: str) -> Listeners:
    """Listen on each address that `bind` names; a one-line UserError naming the address and the fix if one
    cannot be listened on (a port in use, a privileged port, an address not of this machine, an unknown host)."""
    host, port = parse_bind(bind)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UserError(f"cannot listen on {bind}: the host is unknown ({exc.strerror})", fix=LISTEN_FIX) from None
    sockets: list[socket.socket] = []
    seen: set[tuple] = set()
    for family, kind, proto, _, address in addresses:
        if address in seen:
            continue
        seen.add(address)
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Oxigraph's listener did
            sock.bind(address)
            sock.listen(64)
        except OSError as exc:
            sock.close()
            for other in sockets:
                other.close()
            fix = listen_fix(exc.errno or 0, host, port)
            raise UserError(f"cannot listen on {bind}: {exc.strerror}", fix=fix) from None
        sockets.append(sock)
    loopback = all(ipaddress.ip_address(address[0].split("%")[0]).is_loopback for *_, address in addresses)
    return Listeners(bind, sockets, loopback)


# ------------------------------------------------------------------------------------- the page --


def _script_json(data: object) -> str:
    """JSON that no text can end its script element with: "<", ">" and "&" as JSON escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


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
    return template.replace("__RIGHTSGRAPH_DATA__", _script_json(data), 1).encode("utf-8")


# The page may run its own inline script and style and talk to this server, and nothing else.
PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

# ------------------------------------------------------------------------------------ the server --


def serve_command(location: Path, bind: str, timeout: int, cors: bool = False) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
        *(["--cors"] if cors else []),
    ]


def _die_with_parent() -> None:
    """In the child, before Oxigraph starts (Linux): a SIGTERM when rightsgraph dies, even of SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/query?query=ASK%7B%7D")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@dataclass
class Oxigraph:
    process: subprocess.Popen
    port: int
    errors: IO[bytes]

    def failure(self) -> str:
        self.errors.seek(0)
        lines = [ln for ln in self.errors.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        return lines[0].strip()[:300] if lines else f"exit code {self.process.returncode}"


def start_server(location: Path, timeout: int, cors: bool, wait_s: float = 60) -> Oxigraph:
    """`oxigraph serve-read-only` on a free loopback port, once it answers, or a UserError with its error."""
    for attempt in range(5):  # a port found free may be taken before Oxigraph binds it: then another port
        port = _free_loopback_port()
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the server, which writes to it)
        process = subprocess.Popen(
            serve_command(location, f"127.0.0.1:{port}", timeout, cors),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"},
            process_group=0,  # Ctrl-C reaches rightsgraph alone, which stops Oxigraph
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        server = Oxigraph(process, port, errors)
        deadline = time.monotonic() + wait_s
        while process.poll() is None and time.monotonic() < deadline:
            if _answers(port):
                return server
            time.sleep(0.05)
        _stop(process)
        failure = server.failure() if process.returncode != -signal.SIGTERM else f"no answer in {wait_s:.0f} s"
        errors.close()
        if "in use" not in failure or attempt == 4:
            raise UserError(f"the Oxigraph server did not start: {failure}", location)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def oxigraph(location: Path, timeout: int, cors: bool, wait_s: float = 60) -> Iterator[Oxigraph]:
    """The Oxigraph server of `location` for the duration of the block, stopped when it ends."""
    server = start_server(location, timeout, cors, wait_s)
    try:
        yield server
    finally:
        stop_server(server)


def stop_server(server: Oxigraph) -> None:
    _stop(server.process)
    server.errors.close()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop serving."""


def _stop_on_signal(signum: int, frame: object) -> None:
    raise Stopped(signal.Signals(signum).name)


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
    threads = [threading.Thread(target=f.serve_forever, daemon=True, name="rightsgraph-serve") for f in fronts]
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {s: signal.signal(s, _stop_on_signal) for s in stops}
    try:
        for thread in threads:
            thread.start()
        if on_ready:
            on_ready()
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
    except Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for front in fronts:
            front.shutdown()
            front.server_close()
