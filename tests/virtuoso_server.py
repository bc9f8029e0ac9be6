"""A real Virtuoso for tests: Debian's virtuoso-t (package virtuoso-opensource-7-bin) on two free loopback ports,
in a directory of its own with its own virtuoso.ini, stopped at the end of the block.

A fresh database has the administrator dba, password dba. Its SPARQL endpoint (/sparql) reads without
credentials; its Graph Store (/sparql-graph-crud-auth) writes with HTTP Digest only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from .servers import free_port

BINARY = "virtuoso-t"
USER = PASSWORD = "dba"  # the administrator of a fresh database

# Relative paths are the server's working directory. ResultSetMaxRows: Virtuoso cuts an answer at that many rows
# with HTTP 200 and only a header (X-SPARQL-MaxRows) to say so (Debian's virtuoso.ini sets 10,000): far above any
# answer here. MaxQueryExecutionTime: past it a query fails (HTTP 500, "Transaction timed out"): the longest limit
# a test's client gives (test_virtuoso's 300 s for the slow questions), so that a query the client gave up on does not
# run on and slow the next ones, and the server does not stop one the client still waits for. At 60 s (the client's
# default limit), conflicting-claims and conflicting-claims-across-articles (about 40 s on the corpus) timed out on a
# busy machine (2026-11-28, a fresh-clone run beside other tests) and passed alone.
INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 300
"""


@dataclass(frozen=True)
class Virtuoso:
    base: str  # http://127.0.0.1:PORT

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"


def virtuoso_binary() -> str:
    """The path of virtuoso-t; a missing one skips the test, except under CI, where it fails."""
    found = shutil.which(BINARY)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{BINARY} is missing under CI: 'make test' installs Debian's virtuoso-opensource-7-bin")
    pytest.skip(f"{BINARY} is not installed; 'make test' installs Debian's virtuoso-opensource-7-bin (as root)")


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"virtuoso-t exited ({process.returncode}): {tail}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"Virtuoso at {url} did not answer in {seconds:g} s")


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[Virtuoso]:
    """Virtuoso with a fresh database in `directory`, listening on 127.0.0.1 only, for the block."""
    binary = virtuoso_binary()
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = directory / "virtuoso-t.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)], cwd=directory, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process, log)
        yield Virtuoso(base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
