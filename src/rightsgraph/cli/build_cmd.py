"""`rightsgraph build`: data/ -> checked, validated dataset -> dist/ (all or nothing)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..build import build_dataset, write_dist
from ..checks import check_ontology
from ..errors import UserError
from ..prefixes import project_prefixes
from ..project import ID_NS, Project
from ..validate import format_violation, validate_store
from .output import JsonOption, QuietOption, RootOption, console, err_console, print_json, spinner


def build(
    root: RootOption = None,
    validate: Annotated[bool, typer.Option("--validate/--no-validate", help="Validate with SHACL before writing dist/.")] = True,
    docs: Annotated[bool, typer.Option("--docs/--no-docs", help="Write the ontology documentation (pyLODE).")] = True,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Build the graph from data/, validate it and write dist/ (the previous dist/ stays if anything fails)."""
    project = Project.locate(root)
    findings = check_ontology(project)
    if findings:
        first = findings[0]
        raise UserError(f"{first.term} {first.problem} ({len(findings)} ontology problem(s); "
                        "run 'rightsgraph check')", first.path, first.line, "correct the ontology")
    with spinner("building", not (quiet or json_output)):
        result = build_dataset(project)
    violations = []
    if validate:
        with spinner("validating with SHACL", not (quiet or json_output)):
            violations = validate_store(project, result.store, result.sourcemap)
    if violations:
        for v in violations:
            err_console.print(format_violation(v, {"id": ID_NS, **project_prefixes(project)}),
                              highlight=False, soft_wrap=True, markup=False)
        raise UserError(f"{len(violations)} SHACL violation(s); dist/ was not changed",
                        fix="correct the annotations named above, or build with --no-validate")
    files = write_dist(project, result, docs=docs)
    if json_output:
        print_json({"ok": True, "graphs": result.graphs, "triples": result.triples,
                    "files": [str(f.relative_to(project.root)) for f in files]})
    elif not quiet:
        table = Table("graph", "triples", title=f"built {result.triples} triples")
        for name, count in result.graphs.items():
            table.add_row(name, str(count))
        console.print(table)
        console.print(f"wrote {len(files)} files to {project.dist_dir}")


def register(app: typer.Typer) -> None:
    app.command("build")(build)
