"""Terminal output shared by the commands: rich consoles, JSON printing, option types."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

console = Console(emoji=False)  # ":speaker:" in "rg:speaker:" is not an emoji
err_console = Console(stderr=True, emoji=False)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root", help="Project directory (holds ontology/ and data/); default: found from the current directory."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable JSON report on stdout.")]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Processes to convert and validate articles with.")
]
ReferenceOption = Annotated[
    bool,
    typer.Option(
        "--reference",
        help="Validate with pySHACL, the reference, instead of rudof (slower; same results on every shape fixture).",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")


def working(text: str, enabled: bool = True) -> AbstractContextManager[Any]:
    """A spinner on stderr while a command loads or computes (a 1M-triple dump takes seconds to load);
    nothing when stderr is not a terminal, so that pipes and --json output stay clean."""
    return err_console.status(text) if enabled and err_console.is_terminal else nullcontext()


class StepProgress:
    """Rich progress bars on stderr, one per step of a build (`progress(step, done, total)`), or nothing
    when quiet or printing JSON. A step's bar appears with its first report; "step: part" reports move
    the bar of "step" and name the part in its text."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=False,
            disable=not enabled,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> StepProgress:
        self.bars.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.bars.__exit__(exc_type, exc, tb)

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        key = step.split(": ", 1)[0]
        if key not in self.tasks:
            self.tasks[key] = self.bars.add_task(step, total=total)
        self.bars.update(self.tasks[key], completed=done, total=total, description=step)
