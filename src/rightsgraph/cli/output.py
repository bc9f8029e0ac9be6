"""Terminal output shared by the commands: rich consoles, JSON printing, option types.

Text that can come from data (names, quotes, labels, messages, file names) is printed as it is. The two
consoles never read markup ("[of justice]" and "[/]" are text), emoji codes or highlighting, and show
control characters as escapes (a name can neither style the output nor drive the terminal): that is the
consoles' own rule, not something each command must remember. Where a command wants colour it says so
with rich.text.Text and a style: `styled`, `line`, `print_error`, `warning`.
"""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.status import Status
from rich.text import Text

from rightsgraph.core.text import plain


class LiteralConsole(Console):
    """A rich console that prints every string literally: no markup, no emoji (":speaker:" in "rg:speaker:"
    is not one), no highlighting, no wrapping inside a line of text, control characters as escapes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, soft_wrap=True, **kwargs)

    def render_str(self, text: str, **options: Any) -> Text:  # every str printed, in a table, title or rule
        options.update(markup=False, emoji=False, highlight=False)
        return super().render_str(plain(text), **options)

    def status(self, status: RenderableType, **options: Any) -> Status:  # rich reads a str status as markup
        return super().status(styled(status) if isinstance(status, str) else status, **options)


console = LiteralConsole()
err_console = LiteralConsole(stderr=True)


def styled(text: object, style: str = "") -> Text:
    """`text` as literal text (control characters as escapes) in a rich style such as "bold red"."""
    return Text(plain(str(text)), style=style)


def line(*parts: str | Text) -> Text:
    """One line of output from literal strings and `styled` parts."""
    return Text.assemble(*(part if isinstance(part, Text) else styled(part) for part in parts))


def print_error(message: str, label: str = "error:") -> None:
    """The one `error: <message>` line on stderr; the message is printed as it is."""
    err_console.print(line(styled(label, "bold red"), " ", message) if message else styled(label, "bold red"))


def warning(message: str) -> None:
    err_console.print(line(styled("warning:", "yellow"), " ", message))


def note(message: str) -> None:
    err_console.print(line(styled("note:", "cyan"), " ", message))


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
    return err_console.status(styled(text)) if enabled and err_console.is_terminal else nullcontext()


class StepProgress:
    """Rich progress bars on stderr, one per step of a build (`progress(step, done, total)`), or nothing
    when quiet or printing JSON. A step's bar appears with its first report; "step: part" reports move
    the bar of "step" and name the part in its text. The bars start with the first report: a command that
    fails before it reports prints nothing but its error."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=False,
            disable=not enabled,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> StepProgress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.tasks:
            self.bars.__exit__(exc_type, exc, tb)

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        step = plain(step)  # a step may name a file
        key = step.split(": ", 1)[0]
        if not self.tasks:
            self.bars.__enter__()
        if key not in self.tasks:
            self.tasks[key] = self.bars.add_task(step, total=total)
        self.bars.update(self.tasks[key], completed=done, total=total, description=step)
