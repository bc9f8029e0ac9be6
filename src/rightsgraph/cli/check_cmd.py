"""`rightsgraph check`: the ontology checks (syntax, labels, definitions, schemes, undefined terms)."""

from __future__ import annotations

import typer

from rightsgraph.cli.output import JsonOption, RootOption, console, print_json, styled
from rightsgraph.core.project import Project


def check(root: RootOption = None, json_output: JsonOption = False) -> None:
    """Check the ontology and vocabularies, and every rg:/vocab term used in the project."""
    from rightsgraph.validate.checks import check_ontology  # imported here: see cli/__init__

    project = Project.locate(root)
    findings = check_ontology(project)
    if json_output:
        print_json(
            {
                "ok": not findings,
                "findings": [
                    {"check": f.check, "term": f.term, "file": f.path, "line": f.line, "problem": f.problem}
                    for f in findings
                ],
            }
        )
    elif findings:
        for f in findings:
            console.print(str(f))
        console.print(styled(f"{len(findings)} ontology problem(s)", "red"))
    else:
        console.print(styled("ontology checks passed", "green"))
    if findings:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
