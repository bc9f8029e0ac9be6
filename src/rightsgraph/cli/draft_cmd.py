"""`rightsgraph draft SLUG`: an assisted first draft of an article's annotation, every node marked to confirm."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rightsgraph.authoring.draft.nlp import INSTALL
from rightsgraph.cli.output import RootOption, console
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project


def draft(
    slug: Annotated[str, typer.Argument(help="The article: data/sources/SLUG.txt and data/annotations/SLUG.yaml.")],
    root: RootOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write the draft to this file instead (e.g. data/drafts/SLUG.yaml, which the build does not read)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace confirmed events, statements and claims of the annotation.")
    ] = False,
) -> None:
    """Draft the annotation of an article from its text: mentions of register actors and places, candidate new
    actors, counts with their qualifier, dates normalised to EDTF with their wording, statements from reporting
    verbs (speaker, stance, claim, certainty from hedges), denials and responses, forecasts.

    Every proposed node carries `draft: true` and a quote that occurs once in the text: confirm a node by deleting
    that line. The draft goes to data/annotations/SLUG.yaml when it holds only the skeleton of `rightsgraph new`
    (article, mentions, actors, places, laws, context) and earlier drafts, which are kept and replaced; a file with
    confirmed analysis is refused unless --force or --out. Needs the optional draft extra of rightsgraph (spaCy,
    dateparser; make install adds it).
    """
    try:  # the optional extra rightsgraph[draft]: without it, one line saying how to install it
        from rightsgraph.authoring.draft.files import draft_article
    except ImportError as missing:
        raise UserError(f"rightsgraph draft needs {missing.name}, which is not installed", fix=INSTALL) from None
    project = Project.locate(root)
    path = draft_article(project, slug, out=out, force=force)
    console.print(f"wrote {path}: confirm each node marked draft: true, then run rightsgraph validate")


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
