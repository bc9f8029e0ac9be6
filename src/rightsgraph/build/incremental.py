"""The incremental build: the persistent store (store.persistent) and a manifest (build.manifest).

Each data graph (the register, one per article) is keyed by a hash of the files it is built from;
everything it depends on besides (ontology, vocabularies, context, shapes, rules) forms the base key.
A rebuild converts only the graphs whose key changed (build.workers), checks their references against the
store (build.references), and validates only them and the graphs linked to them, or all article graphs
when the register changed (build.revalidate); the violations of the other graphs come from the manifest.
A full build is the same thing from an empty state.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import closing, nullcontext
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.authoring.datafiles import inputs
from rightsgraph.build import revalidate
from rightsgraph.build.file_hashes import FileHashes
from rightsgraph.build.manifest import Manifest, base_key, digest
from rightsgraph.build.references import Converted, check_converted, check_gone
from rightsgraph.build.workers import BULK, convert, interned, pool_map
from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import ONTOLOGY_GRAPH, Project
from rightsgraph.core.rdf_files import load_files
from rightsgraph.store.persistent import graph_bytes, memory_copy, open_store
from rightsgraph.validate.shacl import Violation


def _in_background(store: ox.Store, spool: Path) -> Future:
    """store.bulk_load of the spool file on a thread of its own (Build._loaded removes the spool once it is done)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rightsgraph-bulk-load")
    try:
        return pool.submit(store.bulk_load, path=str(spool), format=ox.RdfFormat.N_QUADS)
    finally:
        pool.shutdown(wait=False)  # the thread ends with the load


class Build:
    """One incremental build of a project; `run()` returns the store, what changed and the violations."""

    def __init__(self, project: Project, jobs: int = 1, reference: bool = False, progress=None) -> None:
        self.project = project
        self.progress = progress or (lambda step, done, total: None)  # called as work items finish
        self.jobs = jobs
        self.reference = reference
        self.kept = Manifest(project)
        self.changed: list[str] = []
        self.dependents: set[str] = set()
        self.validated: list[str] = []
        self.violations: list[Violation] = []
        self.memory: ox.Store | None = None  # an in-memory copy of the whole store, when one was needed
        self.sizes: dict[str, int] = {}  # the triples of each graph converted by this build
        self.manifest: dict = {}
        self.spool = self.kept.dir / "bulk.nq"  # many graphs go through a file, not through memory
        self.loading: Future | None = None  # a fresh build's bulk load into the store on disk, while the copy works

    def run(self, validate: bool = True) -> ox.Store:
        key = base_key(self.project) + ("-reference" if self.reference else "-rudof")
        manifest = self.kept.load(key)
        self.kept.sourcemaps.mkdir(parents=True, exist_ok=True)
        store = open_store(self.project)
        self.fresh = not manifest["graphs"]
        if self.fresh:
            store.clear()
            graph = ox.NamedNode(ONTOLOGY_GRAPH)
            load_files(store, self.project.root, self.project.ontology_files(), graph=graph)
            manifest["ontology_triples"] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        self.manifest = manifest
        wanted = inputs(self.project)
        hashes = FileHashes(self.kept.dir)  # an unchanged file costs a stat, not a read (build.file_hashes)
        keys = {g: digest(self.project.root, files, hashes) for g, files in wanted.items()}
        hashes.save()
        # graphs the manifest does not know but the store holds: left by a build killed part-way
        strays = [] if self.fresh else [g.value for g in store.named_graphs() if g.value not in manifest["graphs"]]
        removed = [g for g in manifest["graphs"] if g not in wanted]
        removed += [g for g in strays if g not in wanted and g != ONTOLOGY_GRAPH]
        self.changed = [g for g in wanted if manifest["graphs"].get(g, {}).get("key") != keys[g]]
        try:
            partial = bool(manifest["graphs"]) and len(self.changed) < len(wanted)
            ontology = revalidate.ontology_of(store) if partial or validate else b""
            linked = lambda graphs: revalidate.linked(self.project, store, graphs, self.reference, ontology)
            self.dependents = linked([*removed, *self.changed]) if partial else set()
            self._forget_first(manifest, [*removed, *self.changed])
            converted, gone = self._apply(store, manifest, removed, self.changed, wanted)
            # while the store on disk loads (a fresh build), its copy in memory answers: they hold the same graphs
            held = self.memory or store  # made here only by a fresh build, whose store on disk is still loading
            many = len(self.changed) > BULK  # one pass over the typing triples answers the many lookups
            check_converted(self.project, held, self.kept, converted, (self.memory or store) if many else None)
            check_gone(self.project, held, self.kept, gone)
            if partial:
                self.dependents |= linked(self.changed)
            for g in self.changed:
                manifest["graphs"][g] = {"key": keys[g], "violations": None, "triples": self.sizes[g]}
            if validate:
                self._validate(store, manifest, ontology)
            self._loaded()
            self.kept.save(manifest)
        except BaseException:
            # The store is half-changed, other graphs may refer to what went, and kept results may no
            # longer hold: start afresh next time.
            self.kept.forget()
            self._loaded(failed=True)
            raise
        return store

    def _loaded(self, failed: bool = False) -> None:
        """Wait for the store on disk to finish loading, then remove the spool it read (and raise what stopped the
        load, unless the build failed already): the store is not used again while it loads, nor left to a next build.
        The load is forgotten only once done: an interrupt during the wait leaves it to the wait of the failure."""
        if self.loading is None:
            return
        wait([self.loading])
        loading, self.loading = self.loading, None
        self.spool.unlink(missing_ok=True)
        if not failed:
            loading.result()

    def graph_sizes(self) -> dict[str, int] | None:
        """The triples of each graph of the store, by graph IRI, as the manifest records them; None where it does
        not record them all (a manifest of an earlier version): then count them in the store."""
        graphs, ontology = self.manifest.get("graphs", {}), self.manifest.get("ontology_triples")
        if ontology is None or any("triples" not in info for info in graphs.values()):
            return None
        sizes = {ONTOLOGY_GRAPH: int(ontology), **{g: int(info["triples"]) for g, info in graphs.items()}}
        return dict(sorted(sizes.items()))

    def record_sizes(self, sizes: dict[str, int]) -> None:
        """Keep the sizes counted in the store in the manifest, where graph_sizes finds them next time."""
        if ONTOLOGY_GRAPH not in sizes or not self.manifest.get("graphs"):
            return
        self.manifest["ontology_triples"] = sizes[ONTOLOGY_GRAPH]
        for graph, info in self.manifest["graphs"].items():
            info["triples"] = sizes.get(graph, 0)
        self.kept.save(self.manifest)

    def _forget_first(self, manifest: dict, graphs: list[str]) -> None:
        """Before the store changes, the manifest on disk stops claiming the graphs about to change and the
        kept results of the graphs linked to them: if this build is killed, the next one redoes them."""
        if self.fresh or not graphs:
            return
        for g in graphs:
            manifest["graphs"].pop(g, None)
        for g in self.dependents & set(manifest["graphs"]):
            manifest["graphs"][g]["violations"] = None
        self.kept.save(manifest)

    def _apply(
        self, store: ox.Store, manifest: dict, removed: list[str], changed: list[str], wanted: dict[str, list[Path]]
    ) -> tuple[Converted, set[str]]:
        """Replace the changed graphs; return what the references check needs of each converted graph, and
        the IRIs that were defined before and may be gone now."""
        gone: set[str] = set()
        present = set() if self.fresh else {g.value for g in store.named_graphs()}  # a fresh store holds none
        for g in (*removed, *changed):
            if g in present:
                gone |= {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, None, ox.NamedNode(g))}
                store.remove_graph(ox.NamedNode(g))
            manifest["graphs"].pop(g, None)
            self.kept.sourcemap_file(g).unlink(missing_ok=True)
        work = [(str(self.project.root), g, [str(p) for p in wanted[g]]) for g in changed]
        converted: Converted = {}
        bulk = len(work) > BULK  # bulk_load writes RocksDB's files directly (not atomic: see run's except)
        spool = self.spool
        try:
            with (
                open(spool, "wb") if bulk else nullcontext() as handle,
                closing(pool_map(convert, work, self.jobs)) as results,
            ):
                self.progress("converting articles", 0, len(work))
                for done, (graph, nquads, sourcemap, refs, concepts, types) in enumerate(results, 1):
                    self.progress("converting articles", done, len(work))
                    self.sizes[graph] = nquads.count(b"\n")  # a store's dump: one line per distinct quad
                    handle.write(nquads) if bulk else store.load(nquads, format=ox.RdfFormat.N_QUADS)
                    self.kept.sourcemap_file(graph).write_text(json.dumps(sourcemap, sort_keys=True), encoding="utf-8")
                    # kept until the checks: shared strings (one path per file, one IRI per node), the sourcemap on disk
                    converted[graph] = (interned(refs), interned(concepts), interned(types))
            if bulk and self.fresh:
                # the store holds just the ontology and these: copying them to memory is cheap here. The store on
                # disk loads on a thread meanwhile (RocksDB's bulk load keeps one core busy and lets go of the GIL)
                self.memory = ox.Store()
                self.memory.load(graph_bytes(store, ONTOLOGY_GRAPH), format=ox.RdfFormat.N_QUADS)
                self.loading = _in_background(store, spool)
                self.memory.load(path=str(spool), format=ox.RdfFormat.N_QUADS)
            elif bulk:
                store.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS)
        finally:
            if self.loading is None:
                spool.unlink(missing_ok=True)
        return converted, gone

    def _validate(self, store: ox.Store, manifest: dict, ontology: bytes) -> None:
        todo = revalidate.to_validate(manifest, self.changed, self.dependents)
        self.validated = todo
        if self.memory is None and revalidate.needs_memory(todo):
            self.memory = memory_copy(store)
        revalidate.validate_graphs(
            self.project,
            self.memory or store,
            manifest,
            self.kept,
            todo,
            self.reference,
            self.jobs,
            self.progress,
            ontology,
        )
        self.violations = revalidate.kept_violations(manifest)
