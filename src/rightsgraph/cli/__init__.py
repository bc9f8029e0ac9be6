"""The `rightsgraph` command: thin commands, one module per family.

Exit codes: 0 ok; 1 violations or bad input (one line naming file, line and fix; no traceback);
2 usage errors (from the option parser).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.markup import escape

from rightsgraph import __version__
from rightsgraph.cli import build_cmd, check_cmd, docs_cmd, network_cmd, query_cmd, server_cmd, validate_cmd
from rightsgraph.cli.output import err_console, print_json
from rightsgraph.core.errors import UserError

app = typer.Typer(
    name="rightsgraph",
    help="Turn human-rights news into a grounded, validated, queryable knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"rightsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn human-rights news into a grounded, validated, queryable knowledge graph."""


for module in (build_cmd, validate_cmd, check_cmd, query_cmd, server_cmd, network_cmd, docs_cmd):
    module.register(app)


def main() -> None:
    try:
        app()
    except UserError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        if "--json" in sys.argv[1:]:
            print_json(
                {"ok": False, "error": {"message": exc.message, "file": exc.path, "line": exc.line, "fix": exc.fix}}
            )
        sys.exit(1)
    except Exception as exc:  # a bug, not bad input: one line, the traceback only on request
        if os.environ.get("RIGHTSGRAPH_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error:[/] {type(exc).__name__}: {exc} "
            "(set RIGHTSGRAPH_DEBUG=1 for the traceback, and please report it)",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("[bold red]interrupted[/]")
        sys.exit(130)
