"""`rightsgraph validate`: build data/ in memory and validate it with SHACL; exit 1 on violations."""

from __future__ import annotations

import typer

from rightsgraph.cli.output import (
    JobsOption,
    JsonOption,
    QuietOption,
    ReferenceOption,
    RootOption,
    StepProgress,
    console,
    line,
    print_json,
    styled,
)
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project


def validate(
    root: RootOption = None,
    jobs: JobsOption = 1,
    reference: ReferenceOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Validate the graph built from data/ against shapes/ (rudof; --reference for pySHACL); only what changed is
    validated again."""
    from rightsgraph.build.pipeline import build_incremental  # imported here: see cli/__init__
    from rightsgraph.validate.shacl import format_violation

    project = Project.locate(root)
    with StepProgress(not (quiet or json_output)) as progress:
        result = build_incremental(project, jobs=jobs, reference=reference, progress=progress)
    violations = result.violations
    if json_output:
        print_json({"conforms": not violations, "violations": [v.as_dict() for v in violations]})
    elif violations:
        prefixes = {"id": ID_NS, **project_prefixes(project)}
        for v in violations:
            console.print(format_violation(v, prefixes))
        console.print(styled(f"{len(violations)} violation(s)", "red"))
    elif not quiet:
        console.print(
            line(
                styled("conforms", "green"),
                f": {result.triples} triples in {len(result.graphs)} graphs, 0 violations "
                f"({len(result.changed)} graph(s) rebuilt)",
            )
        )
    if violations:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
