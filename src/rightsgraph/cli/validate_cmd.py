"""`rightsgraph validate`: build data/ incrementally and validate it with SHACL (exit 1 on violations); what conforms
becomes what `query` and `serve` answer from (build.validated_sync)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    note,
    print_json,
    styled,
)
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project

if TYPE_CHECKING:
    from rightsgraph.store.dataset import Synced


def validate(
    root: RootOption = None,
    jobs: JobsOption = 1,
    reference: ReferenceOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Validate the graph built from data/ against shapes/ (rudof; --reference for pySHACL); only what changed is
    validated again."""
    from rightsgraph.build.drafts import draft_notes
    from rightsgraph.build.pipeline import build_incremental  # imported here: see cli/__init__
    from rightsgraph.build.validated_sync import NotSynced, sync_validated
    from rightsgraph.validate.shacl import format_violation

    project = Project.locate(root)
    with StepProgress(not (quiet or json_output)) as progress:
        result = build_incremental(project, jobs=jobs, reference=reference, progress=progress)
    violations = result.violations
    synced, not_synced = None, None
    if not violations:  # what conforms becomes what query and serve answer from (build.validated_sync)
        try:
            synced = sync_validated(project, result.store, result.read_at)
        except NotSynced as exc:
            not_synced = str(exc)
    # the draft nodes of the files just rebuilt: the guide's "validate after each step" hears of what is unconfirmed
    # (not asked for with -q, the edit loop's command)
    shown = json_output or not quiet
    notes = draft_notes(project, result.store, result.changed) if result.changed and shown else []
    if json_output:
        print_json(
            {
                "conforms": not violations,
                "violations": [v.as_dict() for v in violations],
                "dataset_store": synced.__dict__ if synced else {"not_synced": not_synced},
                "notes": notes,
            }
        )
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
        console.print(_queryable(synced, not_synced))
    for remark in notes if not json_output else []:
        note(remark)  # as the build's notes
    if violations:
        raise typer.Exit(1)


def _queryable(synced: Synced | None, not_synced: str | None) -> str:
    if synced is None:
        return f"query and serve still answer from dist/: {not_synced}; run rightsgraph build"
    if not synced.replaced and not synced.removed:
        return "query and serve answer from this data already"
    return (
        f"query and serve answer from it now ({len(synced.replaced)} graph(s) replaced, {len(synced.removed)} "
        "removed in the dataset store); dist/ and the network measures stay the last build's until rightsgraph build"
    )


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
