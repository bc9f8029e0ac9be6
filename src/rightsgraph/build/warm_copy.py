"""The in-memory copy of the build store that writing dist/ reads (build.pipeline.add_network), made after an edit
mostly from the dist/ in place rather than from RocksDB.

Dumping the on-disk store is most of what an in-memory copy costs (at 100,000 triples, 1.1 s of 1.5 s). After an
edit most graphs are as the last build left them, and the last dist/ holds each of them as its part of
rightsgraph.nq (core.dist_reuse records where). A graph's part is taken when all of these hold:

- the record of the dist/ in place was written under the key the new dist/ is written under (the code, queries,
  ontology and shapes: build.manifest.dist_key), and rightsgraph.nq is as that build left it;
- that build noted the build's base key and each data graph's key (build.manifest.inputs_held) when it wrote
  dist/, and both are the same now: the graph was not built again since (by a build or a validate);

every other graph (an edited or added article, the ontology and register when they are not among the keyed
graphs) is dumped from the store. A missing or stale record costs time, never correctness.

`rightsgraph build` begins that load when it begins (head_start), on a thread (Oxigraph's load lets go of the GIL),
with the graphs the last build's manifest keys as the dist/ holds them: the edited article among them, whose new key
is not known yet. Once the build has run, warm_copy drops from that copy each graph it does not take after all, and
adds what the head start did not load: the copy holds the same quads either way. It uses the copy only when
rightsgraph.nq is still the very file the head start read (device, inode, size, time): another build may have
swapped in a dist/ meanwhile, whose record vouches for other bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from threading import Thread
from typing import BinaryIO

import pyoxigraph as ox

from rightsgraph.build.manifest import dist_key, inputs_held
from rightsgraph.core.dist_reuse import Reuse
from rightsgraph.core.project import Project
from rightsgraph.export.dumps import NQ
from rightsgraph.store.persistent import graph_bytes, memory_copy


def dump_record(project: Project, full: bool) -> Reuse | None:
    """The record of the dist/ in place (left in place), when it lists the parts of a rightsgraph.nq that is as its
    build left it and was written under the key a new dist/ is written under (with the documentation or without:
    the same rightsgraph.nq); None after `full`."""
    for docs in (True, False):
        record = Reuse(project, dist_key(project, docs), take=not full, consume=False)
        if record.recorded_parts(NQ) is not None:
            return record
    return None


def _takeable(project: Project, full: bool) -> tuple[set[str], dict[str, list] | None]:
    """The graphs whose part of the dist/ in place holds them as the manifest keys them now, and where the parts lie
    (None: no usable record)."""
    held = inputs_held(project)
    record = dump_record(project, full)
    parts, note = (record.recorded_parts(NQ), record.recorded_note(NQ)) if record is not None else (None, None)
    if parts is None or not isinstance(note, dict) or note.get("base") != held["base"]:
        return set(), None
    kept = note.get("keys") if isinstance(note.get("keys"), dict) else {}
    return {g for g, key in held["keys"].items() if kept.get(g) == key and g in parts}, parts


@dataclass
class HeadStart:
    """The graphs an edit build will likely take from the dist/ in place, loaded into memory on a thread from the
    start of the build (while it checks, converts and validates): `warm_copy` then adds only what changed."""

    memory: ox.Store
    taken: set[str]
    thread: Thread
    failed: list[BaseException]
    read: tuple[int, ...]  # the file read: rightsgraph.nq of another dist/ holds other bytes at those ranges

    def result(self, path: Path) -> tuple[ox.Store, set[str]] | None:
        """The copy and the graphs it holds, when its load succeeded and `path` is still the file it read; else None
        (then warm_copy reads everything afresh: a head start costs time, never correctness)."""
        self.thread.join()
        try:
            same = _identity(os.stat(path)) == self.read
        except OSError:
            same = False
        return (self.memory, self.taken) if same and not self.failed else None


def _identity(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def head_start(project: Project, full: bool) -> HeadStart | None:
    """Start loading the parts of rightsgraph.nq that the last build's manifest keys as the dist/ in place holds them
    (None when there is nothing to take). The file is opened first, then the file at its path is checked against the
    record and found to be the one opened: a dist/ swapped in by another build meanwhile is not read with the ranges of
    this one."""
    try:
        handle = open(project.dist_dir / NQ, "rb")  # noqa: SIM115  (closed by the thread, or below)
    except OSError:
        return None
    taken, parts = _takeable(project, full)  # the file at that path checked against the record, after opening it
    opened, now = _identity(os.fstat(handle.fileno())), _identity((project.dist_dir / NQ).stat())
    if not taken or parts is None or opened != now:
        handle.close()
        return None
    memory, failed = ox.Store(), []
    where = {g: (parts[g][0], parts[g][1]) for g in sorted(taken)}

    def load() -> None:
        try:
            with handle:
                memory.load(b"".join(_read(handle, where)), format=ox.RdfFormat.N_QUADS)
        except BaseException as exc:  # raised where the build takes the copy (HeadStart.result)
            failed.append(exc)

    # a daemon: a build that needs no copy (dist/ current, a violation) does not wait for it to exit
    thread = Thread(target=load, name="rightsgraph-head-start", daemon=True)
    thread.start()
    return HeadStart(memory, taken, thread, failed, opened)


def warm_copy(
    project: Project, store: ox.Store, full: bool, start: HeadStart | None = None
) -> tuple[ox.Store, set[str]]:
    """An in-memory copy of `store`, and the graphs taken from the dist/ in place (none after a build from empty);
    `start` holds what was loaded of them since the build began (head_start)."""
    taken, parts = _takeable(project, full)
    if parts is None:
        return memory_copy(store), set()
    begun = None if start is None else start.result(project.dist_dir / NQ)
    memory, had = begun if begun is not None else (ox.Store(), set())
    for graph in sorted(had - taken):  # rebuilt since the head start was made: the store holds it now
        memory.remove_graph(ox.NamedNode(graph))
    with open(project.dist_dir / NQ, "rb") as handle:
        chunks = _read(handle, {g: (parts[g][0], parts[g][1]) for g in sorted(taken - had)})
    for graph in sorted(g.value for g in store.named_graphs()):
        if graph not in taken:
            chunks.append(graph_bytes(store, graph))
    if chunks:
        memory.load(b"".join(chunks), format=ox.RdfFormat.N_QUADS)
    return memory, taken


def _read(handle: BinaryIO, where: dict[str, tuple[int, int]]) -> list[bytes]:
    out = []
    for start, end in where.values():
        handle.seek(start)
        out.append(handle.read(end - start))
    return out
