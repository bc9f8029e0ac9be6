"""Embedded queries under limits: a time limit, a row limit and a size limit, and Ctrl-C.

pyoxigraph evaluates a query in Rust and offers no way to cancel it: it releases the GIL while it works but
checks no signal, so a COUNT over a cartesian product ignores Ctrl-C and every deadline until it ends. So the
query runs elsewhere and streams its answer through a pipe: SELECT as SPARQL TSV (a header, then one line per
row), CONSTRUCT and DESCRIBE as N-Triples (one line per triple), ASK as `true` or `false`. This process reads
the pipe against the deadline and counts lines as they come; past a limit, or on Ctrl-C, it stops. The
answer is then parsed by pyoxigraph, which wrote it losslessly.

"Elsewhere" is one of two places. A child process forked from this one (`isolate`) shares the loaded store
copy-on-write and is killed at a limit, which ends the evaluation at once; the copies of the pages the query
touches cost about 20 ms on the seed and 0.4 to 1 s at 1M triples. A thread costs nothing, and is stopped
by its next write to the closed pipe: an aggregate still computing runs on until it has a first row, or
until the process exits, which is what the CLI does after a query (so `rightsgraph query` uses a thread).
A store this process did not load may be an on-disk RocksDB store, whose threads a child would not have:
only an in-memory store goes to a child, and only on Linux.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import selectors
import signal
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.sparql.library import Result
from rightsgraph.sparql.limits import Limits
from rightsgraph.sparql.results import w3c_results

CAN_FORK = sys.platform.startswith("linux")
SOLUTIONS, BOOLEAN, GRAPH = b"S", b"A", b"G"
CHUNK = 1 << 16


@dataclass
class Answer:
    """A query's answer as the child wrote it: its kind (SOLUTIONS, BOOLEAN, GRAPH) and its bytes."""

    kind: bytes
    body: bytes

    @property
    def is_graph(self) -> bool:
        return self.kind == GRAPH

    def _solutions(self) -> ox.QuerySolutions | ox.QueryBoolean:
        return ox.parse_query_results(self.body, format=ox.QueryResultsFormat.TSV)

    def result(self) -> Result:
        if self.kind == GRAPH:
            return Result(triples=[ox.Triple(q.subject, q.predicate, q.object) for q in self._triples()])
        answer = self._solutions()
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        return Result(columns=[v.value for v in answer.variables], rows=[list(row) for row in answer])

    def _triples(self) -> list[ox.Quad]:
        return list(ox.parse(self.body, format=ox.RdfFormat.N_TRIPLES))

    def w3c(self, format: str) -> bytes:
        """A SELECT or ASK answer in a W3C results format ("json", "csv", "tsv"), written by pyoxigraph."""
        if format == "tsv" and self.kind == SOLUTIONS:
            return self.body  # already the TSV that pyoxigraph writes
        return w3c_results(self._solutions(), format)


def evaluate(store: ox.Store, text: str, out: BinaryIO) -> None:
    """Run the query and write its kind and its answer to `out` as they are computed."""
    answer = store.query(text, use_default_graph_as_union=True)
    try:
        if isinstance(answer, ox.QueryTriples):
            out.write(GRAPH)
            ox.serialize(answer, out, format=ox.RdfFormat.N_TRIPLES)
        else:
            out.write(BOOLEAN if isinstance(answer, ox.QueryBoolean) else SOLUTIONS)
            answer.serialize(out, format=ox.QueryResultsFormat.TSV)
    finally:
        del answer  # pyoxigraph's iterators must be dropped by the thread that made them, not by a traceback


class _Worker:
    """The query running elsewhere, writing to `fd`'s other end: stop() ends it, finish() raises its error."""

    fd: int

    def stop(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError


class _Child(_Worker):
    def __init__(self, store: ox.Store, text: str) -> None:
        self.fd, write = os.pipe()
        self.errors, error_write = os.pipe()
        try:
            with warnings.catch_warnings():  # Python 3.12 warns of fork with threads: the child runs none of theirs
                warnings.simplefilter("ignore", DeprecationWarning)
                self.pid = os.fork()
        except OSError:
            for fd in (self.fd, write, self.errors, error_write):
                os.close(fd)
            raise
        if self.pid == 0:  # the child: evaluate, write, and leave without running anything of the parent's
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole process group
                low, high = sorted((write, error_write))  # every other descriptor closed, among them the write
                os.closerange(3, low)  # ends of pipes of queries that other threads run: their readers see EOF
                os.closerange(low + 1, high)
                os.closerange(high + 1, os.sysconf("SC_OPEN_MAX"))
                with os.fdopen(write, "wb") as out:
                    evaluate(store, text, out)
            except BaseException as exc:  # reported when the parent still reads; else it has gone
                os.write(error_write, f"{type(exc).__name__}\0{exc}".encode("utf-8", "replace")[:8192])
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        os.close(error_write)
        self.done = False

    def _reap(self, kill: bool) -> int:
        if self.done:
            return 0
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        return status

    def stop(self) -> None:
        self._reap(kill=True)
        os.close(self.errors)

    def finish(self) -> None:
        status = self._reap(kill=False)
        with os.fdopen(self.errors, "rb") as errors:
            message = errors.read()
        code = os.waitstatus_to_exitcode(status)
        if code < 0:
            raise ChildProcessError(f"the query process was killed by signal {-code}")
        if code != 0:  # the child's exception, as the same built-in type where it is one (SyntaxError, OSError)
            kind, _, text = message.decode("utf-8", "replace").partition("\0")
            error = getattr(builtins, kind, None)
            error = error if isinstance(error, type) and issubclass(error, Exception) else OSError
            raise error(text or f"the query process ended with {code}")


class _Thread(_Worker):
    def __init__(self, store: ox.Store, text: str) -> None:
        self.fd, write = os.pipe()
        self.error: BaseException | None = None

        def work() -> None:
            try:
                with os.fdopen(write, "wb") as out:
                    evaluate(store, text, out)
            except BaseException as exc:  # raised by finish(); after stop() nobody asks (a broken pipe)
                self.error = exc

        self.thread = threading.Thread(target=work, name="rightsgraph query", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        pass  # the read end is closed by run_limited: the thread's next write fails and it ends

    def finish(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def run_limited(
    store: ox.Store, text: str, limits: Limits, where: Path | str | None = None, isolate: bool = True
) -> Answer:
    """The answer of a query on `store` within `limits` (a UserError naming the limit when it is passed), in a
    child process when `isolate` and this platform forks, else in a thread."""
    worker: _Worker
    try:
        worker = _Child(store, text) if isolate and CAN_FORK else _Thread(store, text)
    except OSError:  # no process to spare (fork's EAGAIN, ENOMEM): a thread
        worker = _Thread(store, text)
    deadline = time.monotonic() + limits.timeout
    chunks: list[bytes] = []
    size = lines = 0
    finished = False
    selector = selectors.DefaultSelector()
    selector.register(worker.fd, selectors.EVENT_READ)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise limits.too_slow(where)
            if not selector.select(left):
                continue
            chunk = os.read(worker.fd, CHUNK)
            if not chunk:
                break
            size += len(chunk)
            lines += chunk.count(b"\n")
            if size > limits.max_bytes:
                raise limits.too_large(where)
            header = 1 if (chunks[0] if chunks else chunk)[:1] == SOLUTIONS else 0
            if lines - header > limits.max_rows:
                raise limits.too_many_rows(where)
            chunks.append(chunk)
        finished = True
    finally:
        selector.close()
        os.close(worker.fd)
        if not finished:
            worker.stop()
    try:
        worker.finish()
    except ChildProcessError as exc:  # the kernel's out-of-memory killer, most likely
        raise UserError(f"{exc}, perhaps out of memory", where, fix="narrow the query, or lower --max-size") from None
    body = b"".join(chunks)
    if not body:
        raise OSError("the query process ended without an answer")
    return Answer(body[:1], body[1:])
