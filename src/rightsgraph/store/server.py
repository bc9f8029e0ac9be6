"""The store of `serve`: the built dataset behind a local Oxigraph server (its front, with rightsgraph's own query
page, is store.front).

The dataset store the build keeps level with dist/ (store.dataset) is served as it is, and followed from
build to build (store.follow); where it does not hold dist/, the N-Quads dump is loaded into a store directory
(<root>/.rightsgraph/store, rebuilt each time). Either is served by `oxigraph serve-read-only` (PyPI
`oxigraph`, the optional extra `rightsgraph[server]`): updates are refused, the default graph is the union of
the named graphs (as the queries expect), queries time out. (`serve --memory` answers from an in-memory
pyoxigraph store in its own process instead: store.memory.) Oxigraph listens on a free loopback port;
rightsgraph listens on the address the user gives (127.0.0.1 unless told otherwise). Oxigraph follows SERVICE
clauses to any URL: a server bound to a public address lets anyone make it send requests, so keep it on loopback
unless you mean it.

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
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
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
