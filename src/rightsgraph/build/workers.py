"""The work an incremental build hands to processes: converting one graph's YAML to N-Quads (with what the
rules derive) and validating a group of graphs in one SHACL run; and the pool that runs them in order."""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.authoring.annotations import load_one
from rightsgraph.authoring.context import load_context
from rightsgraph.build.rules import apply_rules
from rightsgraph.core import processes
from rightsgraph.core.project import Project
from rightsgraph.store.persistent import state_dir
from rightsgraph.validate.validators import make_validator

BULK = 20  # more graphs than this are loaded with one bulk_load; fewer, each in a transaction
GROUP = 10  # graphs per SHACL run: rudof's cost per call (about 60 ms) outweighs its cost per triple


def convert(args: tuple[str, str, list[str]]) -> tuple[str, bytes, dict, list, list, list]:
    """One graph's YAML -> (N-Quads with what the rules derive, sourcemap, references, concepts, types).

    The rules of queries/rules/ see only the graph they run on, so they run here, on a store of that graph."""
    root, graph, files = args
    project = Project.locate(root)
    emitted = load_one(project, load_context(project.ontology_dir / "context.jsonld"), graph, [Path(f) for f in files])
    store = ox.Store()
    store.extend(emitted.quads)
    apply_rules(project, store, graph)
    refs = lambda items: [(r.iri, str(r.path), r.line, r.key, r.namespace) for r in items]
    nquads = store.dump(format=ox.RdfFormat.N_QUADS)
    assert nquads is not None  # dump returns the bytes when given no output
    return (
        graph,
        nquads,
        emitted.mentioned,
        refs(emitted.references),
        refs(emitted.concepts),
        refs(emitted.types),
    )


_VALIDATORS: dict[tuple[str, bool, int], object] = {}


def validator(root: str, ontology: bytes, reference: bool):
    """One validator per process and ontology: shapes and ontology are read once, not once per graph."""
    key = (root, reference, hash(ontology))
    if key not in _VALIDATORS:
        quads = list(ox.parse(ontology, format=ox.RdfFormat.N_QUADS))
        _VALIDATORS.clear()
        project = Project.locate(root)
        state = state_dir(project)  # which SPARQL constraints Oxigraph answers, kept there from command to command
        kept = state / "sparql-constraints.json" if state.is_dir() else None
        _VALIDATORS[key] = make_validator(project, quads, reference, kept)
    return _VALIDATORS[key]


def validate_group(args: tuple[str, bytes, list[tuple[str, bytes, list[str]]], bool]) -> list[list[dict]]:
    """Validate a group of graphs in one SHACL run; each graph's data is closed over what its nodes need
    (validate.shacl.validation_data), so the union gives each node the result it would get alone.
    Results are returned per graph: those on the nodes that graph owns."""
    root, ontology, group, reference = args
    owners: dict[str, str] = {}
    for graph, _, owned in group:
        for node in owned:
            owners.setdefault(node, graph)
    data = b"".join(nquads for _, nquads, _ in group)
    found = validator(root, ontology, reference).validate_nquads(data, group[0][0], set(owners))
    per_graph: dict[str, list[dict]] = {graph: [] for graph, _, _ in group}
    for violation in found:
        per_graph[owners[violation.focus]].append({**violation.as_dict(), "graph": owners[violation.focus]})
    return [per_graph[graph] for graph, _, _ in group]


def interned(items: list[tuple]) -> list[tuple]:
    """References as tuples of interned strings: thousands of articles name the same files' paths and nodes."""
    return [tuple(sys.intern(v) if isinstance(v, str) else v for v in item) for item in items]


def pool_map(function, items, jobs: int, count: int | None = None):
    """function(item) for each item, in order, as each result comes (so that progress can be shown).
    `items` may be a generator (then give `count`): the pool starts on the first while the next are made.
    A few items are in flight at a time (Executor.map would submit every item before the first result came
    back, holding them all, and an error would wait for all of them): close the generator to stop early."""
    many = len(items) if count is None else count
    if jobs <= 1 or many <= 1:
        yield from (function(item) for item in items)
        return
    with processes.pool(jobs) as workers:  # forkserver, not fork (core.processes)
        pending: deque = deque()
        try:
            for item in items:
                pending.append(workers.submit(function, item))
                if len(pending) >= 4 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # an error, or a consumer that stopped early: what has not started need not run
            for future in pending:
                future.cancel()
