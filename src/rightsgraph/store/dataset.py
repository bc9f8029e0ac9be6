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

Each sync that replaces graphs adds a few small files to RocksDB's first level, one per index, and closes the store
before RocksDB merges them: at a million triples twelve syncs made every question on the store about twice as slow.
The record keeps how many table files the store had when it was last loaded or compacted (`files`); a sync that
leaves COMPACT_AFTER more compacts it (`settle`: at a million triples, about two seconds, once in four syncs; a
store whose record has no count, made by an earlier rightsgraph, counts from none).

A reader keeps the store it opened for RETIRE_S after a sync replaced it. RocksDB opens some table files with the
store and the others when a question first needs them, and a compaction (RocksDB's own, or `settle`'s) or a reload
removes files: a reader of the store before (a `serve` answering until it moves to the new store, a `query` running
during a build) then failed on a file gone. So a sync never writes the store a reader may have open: it writes a
new generation beside it (store-N: the table files, which RocksDB never changes once written, linked; its small
logs copied; or, for a reload, a new store), and the record names the generation to open and when each one before
was replaced (`retired`). A sync removes the generations replaced more than RETIRE_S before; never the one it
replaces. Until then they take disk: little after an edit (their table files are mostly the same files), a whole
store after a compaction or a reload.

A clean `rightsgraph validate` also brings the store level with what it validated (build.validated_sync): the
store is then ahead of dist/, which stays the last build's. The record says so: `dump` still names the dist/ the
store started from, `keys` the inputs of each data graph it holds (the build manifest's keys), `stamp` changes
with every sync (what `serve` follows), and `network` is "stale" while the network measures are the last build's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import NETWORK_GRAPH, Project

DUMP = "rightsgraph.nq"
SUMS = "SHA256SUMS"
COMPACT_AFTER = 32  # table files that syncs may add before the store is compacted (a sync adds about eight)
GENERATION = re.compile(r"store(-[0-9]+)?")  # the dataset store's directories: "store" (before generations), store-N
# seconds a replaced generation is kept for its readers: longer than a question's default time limit (60 s) and a
# `serve`'s grace for the server it moves from (its time limit and a minute)
RETIRE_S = 600


@dataclass
class Synced:
    """What a sync did: the graphs it replaced, added or removed, and whether it reloaded the whole dump."""

    replaced: list[str]
    removed: list[str]
    reloaded: bool


def dataset_dir(project: Project) -> Path:
    return project.root / ".rightsgraph" / "dataset"


def dataset_location(project: Project, state: dict | None = None) -> Path:
    """The Oxigraph store directory the record names (what `serve` runs Oxigraph on); `state`: the record, read
    once by the caller."""
    name = (read_state(project) if state is None else state).get("store")
    return dataset_dir(project) / (name if isinstance(name, str) and GENERATION.fullmatch(name) else "store")


def state_file(project: Project) -> Path:
    return dataset_dir(project) / "state.json"


def graph_digest(lines: list[bytes]) -> str:
    """The digest of one graph's sorted N-Triples lines (export.dumps.sorted_graphs)."""
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def listed_sums(dist: Path) -> dict[str, str]:
    """Each file dist/SHA256SUMS lists, as it names them, with its SHA-256 (none when there is no such file)."""
    try:
        text = (dist / SUMS).read_text(encoding="utf-8")
    except OSError:
        return {}
    return {name: checksum for checksum, _, name in (line.partition("  ") for line in text.splitlines()) if name}


def dump_checksum(dist: Path) -> str | None:
    """The SHA-256 of dist/rightsgraph.nq as dist/SHA256SUMS lists it (written with dist/, in the same swap)."""
    return listed_sums(dist).get(DUMP)


def read_state(project: Project) -> dict:
    try:
        state = json.loads(state_file(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(project: Project, state: dict) -> None:
    """Replace state.json atomically (written beside it, synced, renamed)."""
    target = state_file(project)
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
    state = read_state(project)
    kept: dict[str, str] = state.get("graphs", {}) if dataset_location(project).is_dir() else {}
    replaced = [g for g in digests if kept.get(g) != digests[g]]
    reload = not kept or len(replaced) > len(digests) // 2  # most of it changed: one bulk load of the dump is faster
    lines = {} if reload else {g: graphs[g] for g in replaced}
    return Plan(digests, lines, [g for g in kept if g not in digests], reload)


def apply_sync(project: Project, plan: Plan, dist: Path, held: dict) -> Synced:
    """Bring the dataset store level with dist/ as planned. Call it under the dist/ lock, once dist/ is in place.
    `held` is what the store is made from, for the record (build.manifest.inputs_held)."""
    checksum, state = dump_checksum(dist), read_state(project)
    recorded = state.get("dump") == checksum and all(state.get(k) == v for k, v in held.items() if k != "read_at")
    if not plan.reload and not plan.lines and not plan.removed and recorded and "network" not in state:
        return Synced([], [], False)
    before = dataset_location(project, state)
    withdraw(project, state)
    location = next_generation(project, None if plan.reload else before)
    store = ox.Store(str(location))
    if plan.reload:
        store.bulk_load(path=str(dist / DUMP), format=ox.RdfFormat.N_QUADS)
    else:
        for graph in (*plan.removed, *plan.lines):
            store.remove_graph(ox.NamedNode(graph))
        for graph, lines in plan.lines.items():
            store.load(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    files = settle(store, location, None if plan.reload else state.get("files", 0))
    del store  # closes it: RocksDB allows one writer
    record = {"dump": checksum, "stamp": checksum, "graphs": plan.digests, "files": files}
    write_state(project, {**record, **held, **generations(project, state, location)})
    prune(project, state, location)
    return Synced(sorted(plan.digests) if plan.reload else sorted(plan.lines), plan.removed, plan.reload)


def next_generation(project: Project, source: Path | None) -> Path:
    """A new generation of the store (store-N, N one more than any there, even one a sync cut short left): a copy of
    `source` (its table files linked, the rest copied), or none yet (a reload)."""
    numbers = [int(path.name[6:]) for path in dataset_dir(project).glob("store-*") if GENERATION.fullmatch(path.name)]
    target = dataset_dir(project) / f"store-{max(numbers, default=0) + 1}"
    if source is None:
        return target
    assert source.is_dir(), source  # a sync that replaces graphs has a store to start from (plan_sync, _sync)
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.name.endswith(".sst"):
            try:
                os.link(item, target / item.name)
                continue
            except OSError:  # a file system without hard links: copied
                pass
        if item.is_file() and item.name != "LOCK" and not item.name.startswith("LOG"):
            shutil.copy2(item, target / item.name)
    return target


def generations(project: Project, state: dict, location: Path) -> dict:
    """What the record says of the generations once a sync has made `location` from the store `state` names: the
    one to open, and when each one before was replaced (ns since the epoch)."""
    retired = {name: when for name, when in state.get("retired", {}).items() if (dataset_dir(project) / name).is_dir()}
    before = dataset_location(project, state)
    if before != location and before.is_dir():
        retired[before.name] = time.time_ns()
    return {"store": location.name, "retired": retired}


def prune(project: Project, state: dict, location: Path) -> None:
    """After a sync that made `location` from the store `state` names: remove the generations replaced more than
    RETIRE_S ago, and those no record ever named (left by a sync cut short); never `location` nor the one it
    replaced."""
    keep = {location.name, dataset_location(project, state).name}
    retired = read_state(project).get("retired", {})
    oldest = time.time_ns() - int(RETIRE_S * 1e9)
    for path in dataset_dir(project).iterdir():
        if not path.is_dir() or not GENERATION.fullmatch(path.name) or path.name in keep:
            continue
        if path.name not in retired or retired[path.name] < oldest:
            shutil.rmtree(path, ignore_errors=True)


def table_files(location: Path) -> int:
    """How many table files (*.sst) RocksDB keeps for the store."""
    return sum(1 for name in os.listdir(location) if name.endswith(".sst"))


def settle(store: ox.Store, location: Path, recorded: int | None) -> int:
    """Flush the store written at `location` (a read-only opening then replays no log), and compact it when it has
    COMPACT_AFTER table files more than `recorded`, its count when last loaded or compacted (None: it was just
    loaded); the count to record."""
    store.flush()
    files = table_files(location)
    if recorded is None or files < recorded + COMPACT_AFTER:
        return files if recorded is None else recorded
    store.optimize()
    return table_files(location)


def withdraw(project: Project, state: dict) -> None:
    """Before a sync makes a new generation of the store: no reader trusts the store until the record is written
    again, and the record still names the generations of `state` (the one to open, those replaced)."""
    dataset_dir(project).mkdir(parents=True, exist_ok=True)
    kept = {key: state[key] for key in ("store", "retired") if key in state}
    write_state(project, {"dump": None, "graphs": {}, **kept})


def dataset_stamp(project: Project, state: dict | None = None) -> str | None:
    """What changes with every sync of a dataset store that serves dist/ (its dump, or that dump and the validated
    changes since); None when the store does not serve dist/. `state`: the record, read once by the caller."""
    wanted = dump_checksum(project.dist_dir)
    state = read_state(project) if state is None else state
    return state.get("stamp", wanted) if wanted is not None and state.get("dump") == wanted else None


def network_stale(project: Project) -> list[str] | None:
    """When a validate changed the data in the store since the build that measured the networks: the IRIs that
    read the measures (the network graph's, and the terms only it uses); else None."""
    state = read_state(project)
    return [NETWORK_GRAPH, *state.get("network_terms", [])] if state.get("network") == "stale" else None


def open_dataset(project: Project) -> ox.Store | None:
    """The dataset store opened read-only, when it serves dist/ (its dump, or that dump and the changes a validate
    made queryable since); else None (load the dump instead)."""
    state = read_state(project)
    wanted, location = dataset_stamp(project, state), dataset_location(project, state)
    if wanted is None:
        return None
    try:
        store = ox.Store.read_only(str(location))
    except (OSError, RuntimeError):  # removed or damaged: the dump still answers
        return None
    if dataset_stamp(project) != wanted:  # a sync began before the opening: its snapshot may be partial
        return None
    return store


def network_terms(store: ox.Store) -> list[str]:
    """The predicates and classes that only <graph/network> uses: a question that names one reads the measures (the
    build looks them up in its in-memory store, for the record; at 1M triples the on-disk store takes a second)."""
    network = ox.NamedNode(NETWORK_GRAPH)
    predicates = {q.predicate for q in store.quads_for_pattern(None, None, None, network)} - {RDF_TYPE}
    classes = {q.object for q in store.quads_for_pattern(None, RDF_TYPE, None, network)}
    only = [p for p in predicates if all(q.graph_name == network for q in store.quads_for_pattern(None, p, None))]
    only += [
        c
        for c in classes
        if isinstance(c, ox.NamedNode)
        and all(q.graph_name == network for q in store.quads_for_pattern(None, RDF_TYPE, c))
    ]
    return sorted(t.value for t in only)
