"""`rightsgraph new SLUG --text FILE`: start an article: its source text and an annotation skeleton that builds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rightsgraph.cli.output import JsonOption, RootOption, console, line, print_json, styled
from rightsgraph.core.project import Project

if TYPE_CHECKING:
    from rightsgraph.authoring.scaffold import NewArticle


def _shown(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()


def _report(project: Project, article: NewArticle) -> dict:
    return {
        "ok": True,
        "slug": article.slug,
        "written": {"source": _shown(project, article.source), "annotation": _shown(project, article.annotation)},
        "sha256": article.sha256,
        "headline": article.headline,
        "draft": article.draft_key is not None,
        "mentions": [
            {"id": m.id, "name": m.name, "start": m.start, "end": m.end, "quote": m.quote} for m in article.mentions
        ],
        "not_proposed": [
            {"id": u.id, "name": u.name, "start": u.start, "reason": "named only in passages that occur more than once"}
            for u in article.unquotable
        ],
    }


def new(
    slug: Annotated[str, typer.Argument(help="The article's slug: its file names, its id article/SLUG, its graph.")],
    text: Annotated[
        Path, typer.Option("--text", help="The article's text (UTF-8), copied unchanged to data/sources/SLUG.txt.")
    ],
    language: Annotated[str, typer.Option("--language", help="The text's language, a BCP 47 tag.")] = "en",
    root: RootOption = None,
    json_output: JsonOption = False,
) -> None:
    """Start an article: copy its text into data/sources/ and write data/annotations/SLUG.yaml, a skeleton
    with the text's SHA-256 and a grounded mention of every register actor and place the text names."""
    from rightsgraph.authoring.scaffold import new_article  # imported here: see cli/__init__

    project = Project.locate(root)
    article = new_article(project, slug, text, language)
    if json_output:
        print_json(_report(project, article))
        return
    console.print(line("wrote ", _shown(project, article.source)))
    console.print(line("wrote ", _shown(project, article.annotation)))
    if article.headline is None:
        console.print("headline: no line near the top reads as one; write it in the annotation (TODO)")
    for m in article.mentions:
        console.print(line("  mention ", styled(m.id, "cyan"), f" ({m.name}): ", repr(m.quote)))
    for u in article.unquotable:
        console.print(line("  not proposed ", styled(u.id, "yellow"), f" ({u.name}): named only in repeated passages"))
    found = f"{len(article.mentions)} mention(s) of register actors and places"
    console.print(styled(f"{found}; next: annotate it, then rightsgraph build", "green"))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
