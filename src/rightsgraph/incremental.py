"""The incremental build: a persistent store and a manifest under .rightsgraph/build/.

Each data graph (the register, one per article) is keyed by a hash of the files it is built from;
everything it depends on besides (ontology, vocabularies, context, shapes, rules) forms the base key.
A rebuild converts only the graphs whose key changed, checks their references against the store,
and validates only them (all article graphs when the register changed); the violations of the other
graphs come from the manifest. A full build is the same thing from an empty state.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager, nullcontext
from importlib.metadata import version
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from .annotations import check_references, check_terms, duplicate_error, inputs, load_one
from .checks import defined_terms
from .context import load_context
from .distdir import build_lock
from .errors import UserError
from .namespaces import RDF_TYPE
from .project import ONTOLOGY_GRAPH, REGISTER_GRAPH, Project
from .rdf_files import load_files
from .rules import apply_rules
from .validate import Violation, locate, validation_data
from .validators import make_validator

_OPEN_STORES: dict[str, ox.Store] = {}


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256(version("rightsgraph").encode())
    for path in paths:
        h.update(path.as_posix().encode() + b"\0")
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()


def base_key(project: Project) -> str:
    files = [
        *project.ontology_files(),
        project.ontology_dir / "context.jsonld",
        *project.shape_files(),
        *sorted((project.queries_dir / "rules").glob("*.rq")),
        *sorted((project.queries_dir / "system").glob("*.rq")),
    ]
    return digest(files)


class State:
    def __init__(self, project: Project) -> None:
        self.dir = project.root / ".rightsgraph" / "build"
        self.manifest_path = self.dir / "manifest.json"
        self.sourcemaps = self.dir / "sourcemaps"

    def load_manifest(self, key: str) -> dict:
        try:
            manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if manifest.get("base") == key:
                return manifest
        except (OSError, ValueError):
            pass
        self.manifest_path.unlink(missing_ok=True)
        shutil.rmtree(self.sourcemaps, ignore_errors=True)
        return {"base": key, "graphs": {}}

    @property
    def store_path(self) -> str:
        return str((self.dir / "store").resolve())

    def store(self) -> ox.Store:
        """The persistent store, opened once per process (RocksDB allows one opener)."""
        if self.store_path not in _OPEN_STORES:
            self.dir.mkdir(parents=True, exist_ok=True)
            _OPEN_STORES[self.store_path] = ox.Store(self.store_path)
        return _OPEN_STORES[self.store_path]

    def save_manifest(self, manifest: dict) -> None:
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.manifest_path)

    def sourcemap_file(self, graph: str) -> Path:
        return self.sourcemaps / (hashlib.sha256(graph.encode()).hexdigest()[:24] + ".json")


def reset_state(project: Project) -> None:
    """Forget what earlier builds kept: the next build converts and validates everything. Call it under
    state_lock. The store's files are removed (faster than clearing RocksDB) unless this process has it
    open (RocksDB refuses a second handle while one lives): then it is cleared."""
    state = State(project)
    state.manifest_path.unlink(missing_ok=True)
    if state.store_path in _OPEN_STORES:
        _OPEN_STORES[state.store_path].clear()
    else:
        shutil.rmtree(state.dir, ignore_errors=True)


def close_store(project: Project) -> None:
    """Drop this process's handle on the persistent store (it closes once nothing else refers to it)."""
    _OPEN_STORES.pop(State(project).store_path, None)


@contextmanager
def state_lock(project: Project) -> Iterator[None]:
    (project.root / ".rightsgraph").mkdir(exist_ok=True)
    with build_lock(project.root / ".rightsgraph"):
        yield


def _convert(args: tuple[str, str, list[str]]) -> tuple[str, bytes, dict, list, list, list]:
    """Worker: one graph's YAML -> (N-Quads with what the rules derive, sourcemap, references, concepts, types).

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


def _validator(root: str, ontology: bytes, reference: bool):
    """One validator per process and ontology: shapes and ontology are read once, not once per graph."""
    key = (root, reference, hash(ontology))
    if key not in _VALIDATORS:
        quads = list(ox.parse(ontology, format=ox.RdfFormat.N_QUADS))
        _VALIDATORS.clear()
        _VALIDATORS[key] = make_validator(Project.locate(root), quads, reference)
    return _VALIDATORS[key]


BULK = 20  # more graphs than this are loaded with one bulk_load; fewer, each in a transaction
GROUP = 10  # graphs per SHACL run: rudof's cost per call (about 60 ms) outweighs its cost per triple


def _validate(args: tuple[str, bytes, list[tuple[str, bytes, list[str]]], bool]) -> list[list[dict]]:
    """Worker: validate a group of graphs in one SHACL run; each graph's data is closed over what its
    nodes need (validate.validation_data), so the union gives each node the result it would get alone.
    Results are returned per graph: those on the nodes that graph owns."""
    root, ontology, group, reference = args
    owners: dict[str, str] = {}
    for graph, _, owned in group:
        for node in owned:
            owners.setdefault(node, graph)
    data = b"".join(nquads for _, nquads, _ in group)
    found = _validator(root, ontology, reference).validate_nquads(data, group[0][0], set(owners))
    per_graph: dict[str, list[dict]] = {graph: [] for graph, _, _ in group}
    for violation in found:
        per_graph[owners[violation.focus]].append({**violation.as_dict(), "graph": owners[violation.focus]})
    return [per_graph[graph] for graph, _, _ in group]


def _compact(items: list[tuple]) -> list[tuple]:
    """References as tuples of interned strings: thousands of articles name the same files' paths and nodes."""
    return [tuple(sys.intern(v) if isinstance(v, str) else v for v in item) for item in items]


def _pool_map(function, items, jobs: int, count: int | None = None):
    """function(item) for each item, in order, as each result comes (so that progress can be shown).
    `items` may be a generator (then give `count`): the pool starts on the first while the next are made.
    A few items are in flight at a time (Executor.map would submit every item before the first result came
    back, holding them all, and an error would wait for all of them): close the generator to stop early."""
    many = len(items) if count is None else count
    if jobs <= 1 or many <= 1:
        yield from (function(item) for item in items)
        return
    # forkserver, not fork: this process holds RocksDB and rudof threads, and a forked child can
    # inherit one of their locks held (a hang seen in the tests).
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        pending: deque = deque()
        try:
            for item in items:
                pending.append(pool.submit(function, item))
                if len(pending) >= 4 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # an error, or a consumer that stopped early: what has not started need not run
            for future in pending:
                future.cancel()


def memory_copy(store: ox.Store) -> ox.Store:
    """An in-memory copy of a store: what reads the whole dataset many times answers far faster from it
    than from RocksDB, and copying is one bulk load in Rust."""
    memory = ox.Store()
    memory.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return memory


def _graph_bytes(store: ox.Store, graph: str) -> bytes:
    data = ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)), format=ox.RdfFormat.N_QUADS)
    assert data is not None  # serialize returns the bytes when given no output
    return data


def _typed_elsewhere(store: ox.Store, iri: str, graph: str) -> str | None:
    for q in store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None, None):
        if q.graph_name.value not in (graph, ONTOLOGY_GRAPH):
            return q.graph_name.value
    return None


class Build:
    """One incremental build of a project; `run()` returns the store, what changed and the violations."""

    def __init__(self, project: Project, jobs: int = 1, reference: bool = False, progress=None) -> None:
        self.project = project
        self.progress = progress or (lambda step, done, total: None)  # called as work items finish
        self.jobs = jobs
        self.reference = reference
        self.state = State(project)
        self.changed: list[str] = []
        self.dependents: set[str] = set()
        self.validated: list[str] = []
        self.violations: list[Violation] = []
        self.memory: ox.Store | None = None  # an in-memory copy of the whole store, when one was needed

    def run(self, validate: bool = True) -> ox.Store:
        key = base_key(self.project) + ("-reference" if self.reference else "-rudof")
        manifest = self.state.load_manifest(key)
        self.state.sourcemaps.mkdir(parents=True, exist_ok=True)
        store = self.state.store()
        self.fresh = not manifest["graphs"]
        if self.fresh:
            store.clear()
            load_files(store, self.project.root, self.project.ontology_files(), graph=ox.NamedNode(ONTOLOGY_GRAPH))
        wanted = inputs(self.project)
        keys = {g: digest(files) for g, files in wanted.items()}
        removed = [g for g in manifest["graphs"] if g not in wanted]
        self.changed = [g for g in wanted if manifest["graphs"].get(g, {}).get("key") != keys[g]]
        try:
            partial = bool(manifest["graphs"]) and len(self.changed) < len(wanted)
            self.dependents = self._linked(store, [*removed, *self.changed]) if partial else set()
            gone = self._apply(store, manifest, removed, self.changed, wanted)
            self._check(store, self.changed, gone)
            if partial:
                self.dependents |= self._linked(store, self.changed)
            for g in self.changed:
                manifest["graphs"][g] = {"key": keys[g], "violations": None}
            if validate:
                self._validate(store, manifest)
            self.state.save_manifest(manifest)
        except BaseException:
            # The store is half-changed, other graphs may refer to what went, and kept results may no
            # longer hold: start afresh next time.
            self.state.manifest_path.unlink(missing_ok=True)
            raise
        return store

    def _linked(self, store: ox.Store, graphs: list[str]) -> set[str]:
        """The other data graphs whose validation data (see validate.validation_data) these graphs feed:
        those that refer to a node these graphs type, and those that own a node these graphs point at
        by a predicate the shapes follow backwards."""
        ontology = _graph_bytes(store, ONTOLOGY_GRAPH)
        inverse = _validator(str(self.project.root), ontology, self.reference).inverse_predicates
        linked: set[str] = set()
        for graph in graphs:
            name = ox.NamedNode(graph)
            for q in store.quads_for_pattern(None, RDF_TYPE, None, name):
                linked |= {o.graph_name.value for o in store.quads_for_pattern(None, None, q.subject)}
            for predicate in inverse:
                for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, name):
                    # the graph that defines the node pointed at (not every graph that mentions it); the
                    # object is a node's IRI, since the shapes follow the predicate backwards from that node
                    node = cast(ox.NamedNode, q.object)
                    linked |= {o.graph_name.value for o in store.quads_for_pattern(node, RDF_TYPE, None)}
        return linked - set(graphs) - {ONTOLOGY_GRAPH, REGISTER_GRAPH}

    def _apply(
        self, store: ox.Store, manifest: dict, removed: list[str], changed: list[str], wanted: dict[str, list[Path]]
    ) -> set[str]:
        """Replace the changed graphs; return the IRIs that were defined before and may be gone now."""
        gone: set[str] = set()
        present = set() if self.fresh else {g.value for g in store.named_graphs()}  # a fresh store holds none
        for g in (*removed, *changed):
            if g in present:
                gone |= {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, None, ox.NamedNode(g))}
                store.remove_graph(ox.NamedNode(g))
            manifest["graphs"].pop(g, None)
            self.state.sourcemap_file(g).unlink(missing_ok=True)
        work = [(str(self.project.root), g, [str(p) for p in wanted[g]]) for g in changed]
        self._converted = {}
        bulk = len(work) > BULK  # bulk_load writes RocksDB's files directly (not atomic: see run's except)
        spool = self.state.dir / "bulk.nq"  # many graphs go through a file, not through memory
        try:
            with (
                open(spool, "wb") if bulk else nullcontext() as handle,
                closing(_pool_map(_convert, work, self.jobs)) as converted,
            ):
                self.progress("converting articles", 0, len(work))
                for done, (graph, nquads, sourcemap, refs, concepts, types) in enumerate(converted, 1):
                    self.progress("converting articles", done, len(work))
                    handle.write(nquads) if bulk else store.load(nquads, format=ox.RdfFormat.N_QUADS)
                    self.state.sourcemap_file(graph).write_text(json.dumps(sourcemap, sort_keys=True), encoding="utf-8")
                    # kept until _check: shared strings (one path per file, one IRI per node), the sourcemap on disk
                    self._converted[graph] = tuple(_compact(items) for items in (refs, concepts, types))
            if bulk:
                store.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS)
                if self.fresh:  # the store holds just the ontology and these: copying them to memory is cheap here
                    self.memory = ox.Store()
                    self.memory.bulk_load(_graph_bytes(store, ONTOLOGY_GRAPH), format=ox.RdfFormat.N_QUADS)
                    self.memory.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS)
        finally:
            spool.unlink(missing_ok=True)
        return gone

    def _check(self, store: ox.Store, changed: list[str], gone: set[str]) -> None:
        from .yamlld import Emitted, Reference

        base = load_context(self.project.ontology_dir / "context.jsonld").base
        known = defined_terms(self.project, store)
        is_defined = lambda iri: next(store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None), None) is not None
        elsewhere = lambda subject, graph: _typed_elsewhere(store, subject, graph)
        if len(changed) > BULK:  # one pass over the typing triples answers the many lookups below
            typed: dict[str, list[str]] = {}
            for q in (self.memory or store).quads_for_pattern(None, RDF_TYPE, None):
                typed.setdefault(q.subject.value, []).append(q.graph_name.value)
            is_defined = typed.__contains__
            elsewhere = lambda subject, graph: next(
                (g for g in typed.get(subject, ()) if g not in (graph, ONTOLOGY_GRAPH)), None
            )
        for graph in changed:
            refs, concepts, types = self._converted.pop(graph)
            part = Emitted(
                references=[Reference(i, Path(p), ln, k, ns) for i, p, ln, k, ns in refs],
                concepts=[Reference(i, Path(p), ln, k, ns) for i, p, ln, k, ns in concepts],
                types=[Reference(i, Path(p), ln, k, ns) for i, p, ln, k, ns in types],
            )
            check_terms(part, known)
            check_references(
                part,
                is_defined,
                base,
                lambda: sorted(
                    {
                        q.subject.value
                        for q in store.quads_for_pattern(None, RDF_TYPE, None)
                        if q.subject.value.startswith(base)
                    }
                ),
            )
            for subject in {
                q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, None, ox.NamedNode(graph))
            }:
                other = elsewhere(subject, graph)
                if other is None:
                    continue
                here = locate(self.state.sourcemap_file(graph), subject)
                if here is not None:
                    first = locate(self.state.sourcemap_file(other), subject) or other
                    raise duplicate_error(subject, here, first, base)
        for iri in sorted(gone):
            if next(store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None), None) is None:
                for q in store.quads_for_pattern(None, None, ox.NamedNode(iri)):
                    where = locate(self.state.sourcemap_file(q.graph_name.value), q.subject.value)
                    raise UserError(
                        f"refers to {iri[len(base) :]}, which no file in data/ defines any more",
                        where.rpartition(":")[0] if where else q.graph_name.value,
                        int(where.rpartition(":")[2]) if where else None,
                        "restore its definition or remove the reference",
                    )

    def _validate(self, store: ox.Store, manifest: dict) -> None:
        graphs = sorted(manifest["graphs"])
        stale = set(self.changed) | self.dependents
        if REGISTER_GRAPH in self.changed:
            stale = set(graphs)
        todo = [g for g in graphs if manifest["graphs"][g]["violations"] is None or g in stale]
        self.validated = todo
        ontology = _graph_bytes(store, ONTOLOGY_GRAPH)
        inverse = _validator(str(self.project.root), ontology, self.reference).inverse_predicates
        if self.memory is None and len(todo) > BULK:  # many lookups
            self.memory = memory_copy(store)
        store = self.memory or store
        groups = [todo[i : i + GROUP] for i in range(0, len(todo), GROUP)]

        def work():  # made while the workers validate the groups already made
            made = 0
            self.progress("collecting validation data", 0, len(todo))
            for group in groups:
                items = []
                for g in group:
                    data, owned = validation_data(store, g, inverse)
                    items.append((g, ox.serialize(data, format=ox.RdfFormat.N_QUADS), sorted(owned)))
                made += len(group)
                self.progress("collecting validation data", made, len(todo))
                yield (str(self.project.root), ontology, items, self.reference)

        self.progress("validating graphs", 0, len(todo))
        done = 0
        with closing(_pool_map(_validate, work(), self.jobs, len(groups))) as validated:
            for group, results in zip(groups, validated, strict=True):
                done += len(group)
                self.progress("validating graphs", done, len(todo))
                for g, found in zip(group, results, strict=True):
                    for v in found:
                        v["source"] = locate(self.state.sourcemap_file(g), v["focus"]) or locate(
                            self.state.sourcemap_file(REGISTER_GRAPH), v["focus"]
                        )
                    manifest["graphs"][g]["violations"] = found
        unique: dict[tuple, Violation] = {}
        for g in graphs:
            for v in manifest["graphs"][g]["violations"]:
                violation = Violation(**v)
                unique.setdefault(violation.identity(), violation)
        self.violations = sorted(unique.values(), key=lambda v: (v.graph, v.focus, v.shape, v.path or "", v.message))
