"""`rightsgraph build`: data/ -> checked, validated dataset -> dist/ (all or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from rightsgraph.cli.output import (
    JobsOption,
    JsonOption,
    QuietOption,
    ReferenceOption,
    RootOption,
    StepProgress,
    console,
    err_console,
    note,
    print_json,
)
from rightsgraph.cli.tables import print_table
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project

if TYPE_CHECKING:
    from pathlib import Path

    from rightsgraph.build.pipeline import BuildResult
    from rightsgraph.store.dataset import Synced


def build(
    root: RootOption = None,
    validate: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Validate with SHACL before writing dist/.")
    ] = True,
    docs: Annotated[bool, typer.Option("--docs/--no-docs", help="Write the ontology documentation (pyLODE).")] = True,
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild everything, ignoring what the last build kept.")
    ] = False,
    jobs: JobsOption = 1,
    reference: ReferenceOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every graph with its triples.")] = False,
) -> None:
    """Build the graph from data/, validate it and write dist/ (the previous dist/ stays if anything fails).

    Only the articles whose files changed since the last build are converted and validated again."""
    from rightsgraph.build.check_cache import DIRECTORY as CHECKED
    from rightsgraph.build.check_cache import CheckCache
    from rightsgraph.build.pipeline import build_incremental, current_dist, write_dist  # see cli/__init__
    from rightsgraph.build.warm_copy import head_start
    from rightsgraph.store.persistent import state_dir, state_lock
    from rightsgraph.validate.checks import require_sound_ontology
    from rightsgraph.validate.shacl import format_violation

    project = Project.locate(root)
    # the copy in memory that writing dist/ reads, loaded from the dist/ in place while the build checks and converts
    start = head_start(project, full)  # none with --full
    with state_lock(project):  # what the check keeps (build.check_cache) is written under the build lock
        # --full takes nothing kept, but keeps what it checks for the next build (its reset spares it)
        # no folder to keep it in (a file in its place): checked without it, as the cache only saves time
        try:
            cache: CheckCache | None = CheckCache(state_dir(project) / CHECKED, project.root, read=not full)
        except OSError:
            cache = None
        require_sound_ontology(project, cache)
    with StepProgress(not (quiet or json_output)) as progress:  # one set of bars for the whole build
        result = build_incremental(
            project, jobs=jobs, validate=validate, reference=reference, progress=progress, full=full
        )
        result.head_start = start
        if result.violations:
            prefixes = {"id": ID_NS, **project_prefixes(project)}
            for v in result.violations:
                err_console.print(format_violation(v, prefixes))
            raise UserError(
                f"{len(result.violations)} SHACL violation(s); dist/ was not changed",
                fix="correct the annotations named above, or build with --no-validate",
            )
        current = None if full else current_dist(project, result, docs)
        if current is None:
            files = write_dist(project, result, docs=docs, jobs=jobs, progress=progress)
    if current is not None:  # nothing dist/ is made from changed: it stays, byte for byte what a build writes
        _report_current(project, result, current, json_output, quiet, validate)
        return
    if json_output:
        _print_report(project, result, files, result.synced.__dict__ if result.synced else None, validate)
        return
    for remark in result.notes if not quiet else []:  # write_dist's: the networks' and the drafts'
        note(remark)
    if not quiet:
        summary = (
            f"built {result.triples} triples in {len(result.graphs)} graphs, {_checked(validate)} "
            f"({len(result.changed)} rebuilt)"
        )
        if verbose:
            rows = [[name, str(count)] for name, count in result.graphs.items()]
            print_table(summary, ["graph", "triples"], rows)
        else:
            console.print(summary + _listed(result.changed))
        console.print(f"wrote {len(files)} files to {project.dist_dir}")
        if result.synced is not None and verbose:
            console.print(_synced(result.synced))


def _checked(validate: bool) -> str:
    """What the summary line says of validation: a build that validated stopped at the first violation."""
    return "0 violations" if validate else "not validated (--no-validate)"


def _report_current(
    project: Project, result: BuildResult, files: list[Path], json_output: bool, quiet: bool, validate: bool
) -> None:
    if json_output:
        _print_report(project, result, files, None, validate, dist="current")
        return
    for remark in result.notes if not quiet else []:
        note(remark)
    if not quiet:
        console.print(
            f"built {result.triples} triples in {len(result.graphs)} graphs, {_checked(validate)} (0 rebuilt): "
            "dist/ is current, "
            f"nothing it is made from changed since the last build ({len(files)} files; --full writes it again)"
        )


def _print_report(
    project: Project,
    result: BuildResult,
    files: list[Path],
    synced: dict | None,
    validate: bool,
    **extra: str,
) -> None:
    """The --json report of a build (`violations`: 0 when validated, null with --no-validate)."""
    report = {
        "ok": True,
        "graphs": result.graphs,
        "triples": result.triples,
        "violations": 0 if validate else None,
        "rebuilt": result.changed,
        "dataset_store": synced,
        "files": [str(f.relative_to(project.root)) for f in files],
        **extra,
        "notes": result.notes,
    }
    print_json(report)


SHOWN = 5  # changed graphs named in the summary line; --verbose lists every graph


def _listed(graphs: list[str]) -> str:
    if not graphs:
        return ""
    names = ", ".join(_short(g) for g in graphs[:SHOWN])
    more = f" and {len(graphs) - SHOWN} more (--verbose lists every graph)" if len(graphs) > SHOWN else ""
    return f": {names}{more}"


def _synced(synced: Synced) -> str:
    if synced.reloaded:
        return f"dataset store (what query reads): loaded from the dump, {len(synced.replaced)} graphs"
    return (
        f"dataset store (what query reads): {len(synced.replaced)} graphs replaced, {len(synced.removed)} removed"
        + _listed(synced.replaced)
    )


def _short(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


def register(app: typer.Typer) -> None:
    app.command("build")(build)
