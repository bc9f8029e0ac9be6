"""The store of `serve`: the built dataset behind a local Oxigraph server.

The N-Quads dump is loaded into a store directory (<root>/.rightsgraph/store, rebuilt each time) and
served by `oxigraph serve-read-only` (PyPI `oxigraph`, the optional extra `rightsgraph[server]`): updates
are refused, the default graph is the union of the named graphs (as the queries expect), queries time out,
and it listens on 127.0.0.1 unless told otherwise. Oxigraph follows SERVICE clauses to any URL: a server
bound to a public address lets anyone make it send requests, so keep it on loopback unless you mean it.

What the server bounds, measured on Oxigraph 0.5.13: `--timeout-s` cancels some queries still computing
(a COUNT over a product of three patterns stops at the limit, even after its client has left), but not all
(over four patterns it ran on, a core busy, long after its client had gone), and not one that streams its
rows (a cartesian SELECT sent 1 GB in 40 s under a 5 s limit, for as long as its client read). The server
has no limit on the size of an answer. rightsgraph's own client stops at its limits (sparql.limits); only
stopping the server stops a query it does not cancel. Cross-origin requests get CORS headers only with
`cors` (oxigraph's --cors).
"""

from __future__ import annotations

import errno
import ipaddress
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

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
LISTEN_FIXES = {
    errno.EADDRINUSE: "choose another port with --bind, or stop the program that listens on this one",
    errno.EACCES: "ports below 1024 need privileges: choose a port from 1024 to 65535 with --bind",
}


def check_can_listen(bind: str) -> bool:
    """Try each address that `bind` names, as the server will; a UserError if one cannot be listened on.
    Returns whether every address is a loopback one."""
    host, port = parse_bind(bind)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UserError(
            f"cannot listen on {bind}: the host is unknown ({exc.strerror})",
            fix=LISTEN_FIX,
        ) from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server's listener does
            try:
                probe.bind(address)
            except OSError as exc:
                raise UserError(
                    f"cannot listen on {bind}: {exc.strerror}", fix=LISTEN_FIXES.get(exc.errno or 0, LISTEN_FIX)
                ) from None
    return all(ipaddress.ip_address(address[0].split("%")[0]).is_loopback for *_, address in addresses)


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
