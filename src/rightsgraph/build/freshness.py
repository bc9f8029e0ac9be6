"""Whether dist/ still shows data/: what `rightsgraph query` warns about before answering from the dump.

It reads the build state (build.manifest) as the build leaves it, so it lives with the build, not the CLI."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.authoring.annotations import inputs
from rightsgraph.build.manifest import Manifest, base_key, digest
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import compact
from rightsgraph.core.project import DERIVED_GRAPHS, GRAPH_NS, ONTOLOGY_GRAPH, Project
from rightsgraph.store.embedded import dump_path


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
    parts = [project.data_dir, project.ontology_dir, project.shapes_dir]
    entries = [p for part in parts if part.is_dir() for p in (part, *sorted(part.rglob("*")))]
    changed = [p for p in entries if p.stat().st_mtime_ns > written]
    if not changed:
        # Nothing newer than the dump, directories included: a file added, removed or renamed since (even one
        # copied with its old time) makes its directory newer. Reading data/ as the build does costs more
        # (half a second at 1M triples) and is left for when something is newer.
        return None
    try:
        wanted = inputs(project)
    except UserError as exc:  # data/ cannot be read as the build reads it: it changed since the dump
        return f"data/ no longer builds: {exc.message}"
    in_dump = {g.value for g in store.named_graphs()} - {ONTOLOGY_GRAPH, *DERIVED_GRAPHS}
    for graph in sorted(set(wanted) - in_dump):
        return f"{wanted[graph][0].relative_to(root)} is not in dist/"
    for graph in sorted(in_dump - set(wanted)):
        return f"{compact(graph, {'graph': GRAPH_NS})} of dist/ is no longer in data/"
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
    for graph, paths in wanted.items():
        touched = [p for p in paths if p in newer]
        if not touched:
            continue
        if graphs.get(graph, {}).get("key") != digest(root, paths):
            return f"{touched[0].relative_to(root)} changed since the last build"
        if manifest.sourcemap_file(graph) in converted:
            return f"{touched[0].relative_to(root)} changed since the last build; validate does not write dist/"
    if changed_base and converted:
        return f"{changed_base[0].relative_to(root)} changed since the last build; validate does not write dist/"
    return None
