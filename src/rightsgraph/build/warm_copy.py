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
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.build.manifest import dist_key, inputs_held
from rightsgraph.core.dist_reuse import Reuse
from rightsgraph.core.project import Project
from rightsgraph.export.dumps import NQ
from rightsgraph.store.persistent import graph_bytes, memory_copy


def warm_copy(project: Project, store: ox.Store, full: bool) -> tuple[ox.Store, set[str]]:
    """An in-memory copy of `store`, and the graphs taken from the dist/ in place (none after a build from empty)."""
    held = inputs_held(project)
    parts, note = None, None
    for docs in (True, False):  # dist/ written with the documentation or without: the same rightsgraph.nq
        record = Reuse(project, dist_key(project, docs), take=not full, consume=False)
        parts, note = record.recorded_parts(NQ), record.recorded_note(NQ)
        if parts is not None:
            break
    if parts is None or not isinstance(note, dict) or note.get("base") != held["base"]:
        return memory_copy(store), set()
    kept = note.get("keys") if isinstance(note.get("keys"), dict) else {}
    taken = {g for g, key in held["keys"].items() if kept.get(g) == key and g in parts}
    chunks = _parts(project.dist_dir / NQ, {g: (parts[g][0], parts[g][1]) for g in sorted(taken)})
    for graph in sorted(g.value for g in store.named_graphs()):
        if graph not in taken:
            chunks.append(graph_bytes(store, graph))
    memory = ox.Store()
    memory.bulk_load(b"".join(chunks), format=ox.RdfFormat.N_QUADS)
    return memory, taken


def _parts(path: Path, where: dict[str, tuple[int, int]]) -> list[bytes]:
    with open(path, "rb") as handle:
        out = []
        for start, end in where.values():
            handle.seek(start)
            out.append(handle.read(end - start))
        return out
