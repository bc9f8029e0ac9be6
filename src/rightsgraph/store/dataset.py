"""The dataset store: the quads of dist/rightsgraph.nq in an Oxigraph (RocksDB) store under .rightsgraph/dataset/.

`rightsgraph query`, `network` and the Python API open it read-only (a few tens of milliseconds) instead of loading
the dump into memory on every call (seconds at a million triples). Each build that writes dist/ brings it level
with the new dump, graph by graph: only the graphs whose sorted N-Triples changed are replaced, so an edit to one
article rewrites one article's graph and the derived graphs, not the dataset.

Which dump the store holds is recorded beside it (state.json: the SHA-256 of the dump as dist/SHA256SUMS lists it,
and a digest per graph). A reader uses the store only when that record names the dump dist/ holds; otherwise
(no store yet, a build killed between dist/ and the store, a dist/ copied from elsewhere) it loads the dump as
before. A sync first withdraws the record and writes it again only when the store is complete, and a reader
checks the record again after opening: a read-only opening is a snapshot, so a reader never sees a store
half-way through a sync.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import Project

DUMP = "rightsgraph.nq"
SUMS = "SHA256SUMS"


@dataclass
class Synced:
    """What a sync did: the graphs it replaced, added or removed, and whether it reloaded the whole dump."""

    replaced: list[str]
    removed: list[str]
    reloaded: bool


def dataset_dir(project: Project) -> Path:
    return project.root / ".rightsgraph" / "dataset"


def dataset_location(project: Project) -> Path:
    """The Oxigraph store directory (what `serve` runs Oxigraph on)."""
    return dataset_dir(project) / "store"


def _state_file(project: Project) -> Path:
    return dataset_dir(project) / "state.json"


def graph_digest(lines: list[bytes]) -> str:
    """The digest of one graph's sorted N-Triples lines (export.dumps.sorted_graphs)."""
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def dump_checksum(dist: Path) -> str | None:
    """The SHA-256 of dist/rightsgraph.nq as dist/SHA256SUMS lists it (written with dist/, in the same swap)."""
    try:
        text = (dist / SUMS).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        checksum, _, name = line.partition("  ")
        if name == DUMP:
            return checksum
    return None


def _read_state(project: Project) -> dict:
    try:
        state = json.loads(_state_file(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _write_state(project: Project, state: dict) -> None:
    """Replace state.json atomically (written beside it, synced, renamed)."""
    target = _state_file(project)
    partial = target.with_name(target.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(state, handle, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)


@dataclass
class Plan:
    """What a sync will write: every graph's digest, and the lines of the graphs the store lacks or holds otherwise
    (only those are kept in memory while the rest of dist/ is written)."""

    digests: dict[str, str]
    lines: dict[str, list[bytes]]
    removed: list[str]
    reload: bool


def plan_sync(project: Project, graphs: dict[str, list[bytes]]) -> Plan:
    """Compare the graphs of the dist/ being written (export.dumps.sorted_graphs) with the store's record."""
    digests = {graph: graph_digest(lines) for graph, lines in graphs.items()}
    state = _read_state(project)
    kept: dict[str, str] = state.get("graphs", {}) if dataset_location(project).is_dir() else {}
    replaced = [g for g in digests if kept.get(g) != digests[g]]
    reload = not kept or len(replaced) > len(digests) // 2  # most of it changed: one bulk load of the dump is faster
    lines = {} if reload else {g: graphs[g] for g in replaced}
    return Plan(digests, lines, [g for g in kept if g not in digests], reload)


def apply_sync(project: Project, plan: Plan, dist: Path) -> Synced:
    """Bring the dataset store level with dist/ as planned. Call it under the dist/ lock, once dist/ is in place."""
    checksum = dump_checksum(dist)
    if not plan.reload and not plan.lines and not plan.removed and _read_state(project).get("dump") == checksum:
        return Synced([], [], False)
    dataset_dir(project).mkdir(parents=True, exist_ok=True)
    _write_state(project, {"dump": None, "graphs": {}})  # withdrawn until the store is complete again
    if plan.reload:
        shutil.rmtree(dataset_location(project), ignore_errors=True)
        store = ox.Store(str(dataset_location(project)))
        store.bulk_load(path=str(dist / DUMP), format=ox.RdfFormat.N_QUADS)
    else:
        store = ox.Store(str(dataset_location(project)))
        for graph in (*plan.removed, *plan.lines):
            store.remove_graph(ox.NamedNode(graph))
        for graph, lines in plan.lines.items():
            store.load(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    store.flush()  # a read-only opening then replays no log
    del store  # closes it: RocksDB allows one writer
    _write_state(project, {"dump": checksum, "graphs": plan.digests})
    return Synced(sorted(plan.digests) if plan.reload else sorted(plan.lines), plan.removed, plan.reload)


def dataset_stamp(project: Project) -> str | None:
    """The checksum of the dump the dataset store holds, when it is the dump of dist/; else None."""
    wanted = dump_checksum(project.dist_dir)
    return wanted if wanted is not None and _read_state(project).get("dump") == wanted else None


def open_dataset(project: Project) -> ox.Store | None:
    """The dataset store opened read-only, when it holds the dump of dist/; else None (load the dump instead)."""
    wanted = dataset_stamp(project)
    if wanted is None:
        return None
    try:
        store = ox.Store.read_only(str(dataset_location(project)))
    except (OSError, RuntimeError):  # removed or damaged: the dump still answers
        return None
    if _read_state(project).get("dump") != wanted:  # a sync began before the opening: its snapshot may be partial
        return None
    return store
