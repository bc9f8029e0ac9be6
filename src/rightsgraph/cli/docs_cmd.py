"""`rightsgraph docs`: HTML documentation of the ontology and vocabularies (pyLODE)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rightsgraph.cli.output import RootOption, console
from rightsgraph.core.project import Project


def docs(
    root: RootOption = None,
    out: Annotated[Path, typer.Option(help="Directory to write the pages to.")] = Path("dist/docs"),
) -> None:
    """Write HTML documentation of the ontology and each concept scheme."""
    from rightsgraph.export.docs import write_docs  # imported here: see cli/__init__

    project = Project.locate(root)
    for path in write_docs(project, out):
        console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("docs")(docs)
