"""Whether what `rightsgraph query` answers from still shows data/: the dataset store (stale_store) or, where it
does not serve dist/, the dump (stale_dist); the query warns before answering.

It reads the build state (build.manifest) as the build leaves it, so it lives with the build, not the CLI."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.authoring.datafiles import inputs
from rightsgraph.build.manifest import Manifest, base_files, base_key, digest
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import compact
from rightsgraph.core.project import DERIVED_GRAPHS, GRAPH_NS, ONTOLOGY_GRAPH, Project
from rightsgraph.store.dataset import read_state, state_file
from rightsgraph.store.embedded import dump_path


def newer_than(project: Project, written: int) -> list[Path]:
    """The files and directories of data/, ontology/, shapes/ and the rules and system queries of queries/ (what
    every graph depends on, manifest.base_files) changed after `written` (ns). None at all says the data is what was
    built then, directories included: a file added, removed or renamed since (even one copied with its old time)
    makes its directory newer. Reading data/ as the build does costs more (half a second at 1M triples) and is left
    for when something is newer."""
    parts = [
        project.data_dir,
        project.ontology_dir,
        project.shapes_dir,
        project.queries_dir / "rules",
        project.queries_dir / "system",
    ]
    entries = [p for part in parts if part.is_dir() for p in (part, *sorted(part.rglob("*")))]
    return [p for p in entries if p.stat().st_mtime_ns > written]


def _inputs_against(project: Project, held: set[str], says: tuple[str, str]) -> dict[str, list[Path]] | str:
    """data/'s graphs and their files as the build reads them; or what to say when data/ no longer builds, or has
    a graph that `held` has not (says[0]) or lacks one it has (says[1])."""
    try:
        wanted = inputs(project)
    except UserError as exc:  # data/ cannot be read as the build reads it: it changed since
        return f"data/ no longer builds: {exc.message}"
    for graph in sorted(set(wanted) - held):
        return f"{wanted[graph][0].relative_to(project.root)} {says[0]}"
    for graph in sorted(held - set(wanted)):
        return f"{compact(graph, {'graph': GRAPH_NS})} {says[1]}"
    return wanted


def stale_store(project: Project) -> str | None:
    """What makes the dataset store (store.dataset: what `query` answers from once a build wrote dist/, and a clean
    validate keeps level) older than data/, ontology/ and shapes/, or None when it is current. As stale_dist, by
    contents: the digests of the files of each graph against the keys the store's record holds."""
    state = read_state(project)
    if "base" not in state:
        return "the dataset store was made by an earlier rightsgraph"
    root = project.root
    # files changed after the build began reading data/ (a file saved while it ran is not in it)
    read_at = int(state.get("read_at") or state_file(project).stat().st_mtime_ns)
    if state["base"] != base_key(project):  # a few milliseconds, whatever the times of the files
        edited = [p for p in base_files(project) if p.exists() and p.stat().st_mtime_ns > read_at]
        named = edited[0].relative_to(root) if edited else "ontology/, shapes/ or the rules of queries/"
        return f"{named} changed since the last build"
    changed = newer_than(project, read_at)
    if not changed:
        return None
    held: dict[str, str] = state.get("keys", {})
    wanted = _inputs_against(project, set(held), ("is not in the dataset yet", "is no longer in data/"))
    if isinstance(wanted, str):
        return wanted
    newer = {p for p in changed if p.is_file()}
    for graph, paths in wanted.items():
        touched = [p for p in paths if p in newer]
        if touched and held.get(graph) != digest(root, paths):
            return f"{touched[0].relative_to(root)} changed since the last validate or build"
    return None


def stale_dist(project: Project, store: ox.Store) -> str | None:
    """What makes dist/rightsgraph.nq older than data/, ontology/ and shapes/, or None when it is current.

    Contents decide, not times: a file newer than the dump (the only candidates) counts when its graph's digest
    differs from the one the last build or validate recorded (an edit since), or when the build state converted
    its graph after the dump was written (`validate` without `build`: it converts changed graphs and rewrites
    their sourcemaps, but not dist/). A file touched and not changed counts for nothing. An article added or
    removed counts whatever the times: the dump's graphs are compared with data/'s."""
    dump = dump_path(project)
    written = dump.stat().st_mtime_ns
    root = project.root
    changed = newer_than(project, written)
    if not changed:
        return None
    in_dump = {g.value for g in store.named_graphs()} - {ONTOLOGY_GRAPH, *DERIVED_GRAPHS}
    wanted = _inputs_against(project, in_dump, ("is not in dist/", "of dist/ is no longer in data/"))
    if isinstance(wanted, str):
        return wanted
    newer = [p for p in changed if p.is_file()]
    if not newer:
        return None
    manifest = Manifest(project)
    kept = manifest.kept()
    if kept is None:
        return f"{newer[0].relative_to(root)} is newer, and no build state tells what changed"
    base, graphs = kept
    data_files = {p for paths in wanted.values() for p in paths}
    changed_base = [p for p in newer if p not in data_files]
    if changed_base and base.rsplit("-", 1)[0] != base_key(project):
        return f"{changed_base[0].relative_to(root)} changed since the last build"
    converted = [p for p in manifest.sourcemaps.glob("*.json") if p.stat().st_mtime_ns > written]
    newer_files = set(newer)  # looked up once per file of data/ (1,862 at 1M triples)
    for graph, paths in wanted.items():
        touched = [p for p in paths if p in newer_files]
        if not touched:
            continue
        if graphs.get(graph, {}).get("key") != digest(root, paths):
            return f"{touched[0].relative_to(root)} changed since the last build"
        if manifest.sourcemap_file(graph) in converted:
            return f"{touched[0].relative_to(root)} changed since the last build; validate does not write dist/"
    if changed_base and converted:
        return f"{changed_base[0].relative_to(root)} changed since the last build; validate does not write dist/"
    return None
