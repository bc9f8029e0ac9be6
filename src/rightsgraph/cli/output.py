"""Terminal output shared by the commands: rich consoles, JSON printing, option types."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any, ContextManager

import typer
from rich.console import Console

console = Console(emoji=False)  # ":speaker:" in "rg:speaker:" is not an emoji
err_console = Console(stderr=True, emoji=False)

RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Project directory (holds ontology/ and data/); default: found from the current directory."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable JSON report on stdout.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to convert and validate articles with.")]
ReferenceOption = Annotated[bool, typer.Option("--reference", help="Validate with pySHACL, the reference, instead of rudof (slower; same results on every shape fixture).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")


def spinner(text: str, enabled: bool = True) -> ContextManager[Any]:
    """A status spinner on stderr for slow steps, or nothing when quiet or printing JSON."""
    return err_console.status(text) if enabled else nullcontext()
