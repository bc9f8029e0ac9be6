"""The `rightsgraph` command: thin commands, one module per family.

Exit codes: 0 ok; 1 violations or bad input (one line naming file, line and fix; no traceback);
2 usage errors (from the option parser).
"""

from __future__ import annotations

import atexit
import importlib
import os
import pkgutil
import sys
import threading
from typing import Annotated, NoReturn

import typer

from rightsgraph.cli.output import print_error, print_json
from rightsgraph.core.errors import UserError
from rightsgraph.core.processes import collect_less

app = typer.Typer(
    name="rightsgraph",
    help="Turn human-rights news into a grounded, validated, queryable knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from rightsgraph import __version__

        print(f"rightsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn human-rights news into a grounded, validated, queryable knowledge graph."""


# One module per command family: every cli/<family>_cmd.py adds its commands with register(app). Every command
# module is imported on every call, so each imports the heavy parts of the package (the build, the network
# analysis, the validators) inside the commands that use them: `rightsgraph query` starts without them.
for found in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if found.name.endswith("_cmd"):
        importlib.import_module(f"{__name__}.{found.name}").register(app)


def _failed(kind: str, message: str, path: str | None = None, line: int | None = None, fix: str | None = None) -> None:
    """With --json, every failure is also a JSON document on stdout (a success prints its own)."""
    if "--json" in sys.argv[1:]:
        print_json({"ok": False, "error": {"kind": kind, "message": message, "file": path, "line": line, "fix": fix}})


def main() -> None:
    try:
        app(prog_name="rightsgraph")
    except SystemExit as stop:  # typer's own exits: success, a command's exit code, or a usage error it printed
        usage = stop.__context__  # typer exits while handling the usage error (click's or typer's own class)
        if stop.code == 130:
            _failed("interrupted", "interrupted")
        elif stop.code not in (0, None) and usage is not None and hasattr(usage, "format_message"):
            _failed("usage", usage.format_message(), fix="see --help")
        raise
    except UserError as exc:
        print_error(str(exc))
        _failed("bad input", exc.message, str(exc.path) if exc.path is not None else None, exc.line, exc.fix)
        sys.exit(1)
    except KeyboardInterrupt:
        print_error("", "interrupted")
        _failed("interrupted", "interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: one line, the traceback only on request
        if os.environ.get("RIGHTSGRAPH_DEBUG"):
            raise
        message = f"{type(exc).__name__}: {exc}"
        print_error(f"{message} (set RIGHTSGRAPH_DEBUG=1 for the traceback, and please report it)", "internal error:")
        _failed("internal error", message, fix="set RIGHTSGRAPH_DEBUG=1 for the traceback, and please report it")
        sys.exit(1)


def run() -> NoReturn:
    """The `rightsgraph` program (its console script, and `python -m rightsgraph`): `main`, then out of the process
    without tearing the interpreter down. Freeing every object and module one by one took 0.1 to 0.25 s after each
    build at 100,000 triples (mypy leaves the same way). What leaving runs still runs, in the interpreter's order: the
    threads are waited for, then the atexit handlers (logging, multiprocessing, temporary files); this process's
    handles on the build's store are dropped (RocksDB's write-ahead log keeps every write either way) and the output
    flushed. `main` itself, which tests call in-process, returns or raises as any function. The garbage collector runs
    less often in this process (core.processes)."""
    collect_less()
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    if not isinstance(code, int):  # a message to print: Python's own exit prints it
        raise SystemExit(code)
    _leave(code)


def _leave(code: int) -> NoReturn:
    from rightsgraph.store.persistent import close_stores

    shutdown = getattr(threading, "_shutdown", None)  # what the interpreter calls first when it exits
    try:
        if shutdown is not None:
            shutdown()
        atexit._run_exitfuncs()
    except KeyboardInterrupt:  # interrupted while leaving
        code = 130
    close_stores()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the process was started with that stream closed
                stream.flush()
    except (OSError, ValueError):  # a closed or broken stream: the interpreter's exit reports it as it would
        raise SystemExit(code) from None
    os._exit(code)
