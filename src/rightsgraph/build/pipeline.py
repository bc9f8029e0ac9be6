"""The build: ontology, actor register and annotated articles -> one dataset -> dist/.

Graphs: the ontology and vocabularies in <graph/ontology>; each article in <graph/SLUG>. There is one
build path, the incremental build of `rightsgraph build` (build.incremental.Build); a full build is that build
from an empty state (`full=True`). The whole of dist/ is written in a staging directory and swapped in
only when complete.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from rightsgraph.build.check_cache import DIRECTORY as CHECKED
from rightsgraph.build.incremental import Build
from rightsgraph.build.manifest import code_key, dist_key, inputs_held
from rightsgraph.core import processes
from rightsgraph.core.distdir import build_lock, recover, staged
from rightsgraph.core.errors import disk_errors
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import DERIVED_GRAPHS, NETWORK_GRAPH, Project
from rightsgraph.sparql import queries
from rightsgraph.store.dataset import (
    SUMS,
    Synced,
    apply_sync,
    dump_checksum,
    graph_digest,
    listed_sums,
    network_terms,
    plan_sync,
    read_state,
)
from rightsgraph.store.persistent import reset_store, state_dir, state_lock

FOOTPRINTS = "query-footprints.json"  # in the build's state directory (sparql.footprint.Footprints)

if TYPE_CHECKING:  # the network and export modules are imported where dist/ is written: validate needs neither
    from rightsgraph.build.warm_copy import HeadStart
    from rightsgraph.network.graph import Networks
    from rightsgraph.network.measures import Measures


@dataclass
class BuildResult:
    store: ox.Store
    graphs: dict[str, int] = field(default_factory=dict)
    sourcemap: dict[str, str] = field(default_factory=dict)  # node IRI -> "file:line"
    networks: Networks | None = None
    violations: list = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    validated: list[str] = field(default_factory=list)  # the graphs this build validated (others: kept results)
    on_disk: bool = False
    measures: Measures | None = None
    synced: Synced | None = None  # what write_dist changed in the dataset store (store.dataset)
    read_at: int = 0  # when the build began reading data/ (ns): a file changed later may not be in it
    notes: list[str] = field(default_factory=list)  # for the researcher: empty networks, drafts left (write_dist)
    full: bool = False  # built from empty: dist/ is written anew too, nothing taken from the dist/ in place
    head_start: HeadStart | None = None  # the in-memory copy, begun when the build began (build.warm_copy)
    analysis: str = ""  # the id the networks are kept under (network.measure_cache), for the record of dist/
    sorted: dict[str, list[bytes]] | None = None  # the dataset's sorted lines, when add_network made them

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def build_incremental(
    project: Project, jobs: int = 1, validate: bool = True, reference: bool = False, progress=None, full: bool = False
) -> BuildResult:
    """Build into the persistent store of .rightsgraph/build/, redoing only what changed (see incremental).

    Validation results are kept per graph; switching between rudof and the pySHACL reference
    (`reference`) revalidates everything, as does `full`. `progress(step, done, total)` hears how far each
    step is."""
    read_at = time.time_ns()
    with state_lock(project), disk_errors(project.root / ".rightsgraph"):
        if full:  # under the lock: a build running beside this one keeps its store
            reset_store(project, keep=(CHECKED,))  # what the check that opened this build kept (cli.build_cmd)
        build = Build(project, jobs, reference, progress)
        store = build.run(validate=validate)
        sizes = build.graph_sizes()  # kept in the manifest: counting a million triples takes most of a second
        if sizes is None:
            counted = queries.load_query(project.queries_dir / "system" / "graph-sizes.rq")
            sizes = {row["graph"].value: int(row["triples"].value) for row in store.query(counted.text)}
            build.record_sizes(sizes)
    # the in-memory copy the build made (a full build, or validation of many graphs) serves what follows
    result = BuildResult(
        build.memory or store,
        violations=build.violations,
        changed=build.changed,
        validated=build.validated,
        on_disk=build.memory is None,
        full=full,
    )
    result.graphs, result.read_at = sizes, read_at
    return result


def add_network(project: Project, result: BuildResult) -> None:
    """Add the derived graphs (the type closure, the identity clusters); project and measure the actor
    networks, whose measures join the dataset as <graph/network>. The networks of the dist/ in place are taken
    instead when the edit since added or removed no quad that the queries projecting them name (kept_networks)."""
    from rightsgraph.build.entailment import add_derived_graphs
    from rightsgraph.export.dumps import sorted_lines
    from rightsgraph.network.measure_cache import MeasureCache
    from rightsgraph.network.pipeline import add_measures_graph, analyse
    from rightsgraph.sparql.footprint import Footprints

    start, result.head_start = result.head_start, None  # not held past here: a copy of most of the dataset
    if result.on_disk:  # the analysis and the dumps read the whole dataset many times
        from rightsgraph.build.warm_copy import warm_copy

        result.store, _ = warm_copy(project, result.store, result.full, start)
        result.on_disk = False
    result.graphs.update(add_derived_graphs(project, result.store))
    if ox.NamedNode(NETWORK_GRAPH) in set(result.store.named_graphs()):
        result.store.remove_graph(ox.NamedNode(NETWORK_GRAPH))  # a copy from the dump carries the last measures
    kept = state_dir(project)
    cache = MeasureCache(kept / "network-measures.pickle", code_key(), read=not result.full)
    with disk_errors(kept):  # the networks and measures kept for the next build
        with build_lock(project.root):  # the dist/ in place, read as its record says, is not swapped meanwhile
            analysis = kept_networks(project, result, cache)
        if analysis is None:
            footprints = Footprints(kept / FOOTPRINTS, code_key())
            analysis = analyse(project, result.store, cache, footprints)
            footprints.save()
    result.networks, result.measures, result.analysis = analysis.networks, analysis.measures, analysis.kept_as
    result.graphs[NETWORK_GRAPH] = add_measures_graph(result.store, result.networks, result.measures)
    if result.sorted is not None:  # the dumps are written from these: the measures join them, in IRI order
        result.sorted[NETWORK_GRAPH] = sorted_lines(result.store, NETWORK_GRAPH)
        result.sorted = dict(sorted(result.sorted.items()))


def kept_networks(project: Project, result: BuildResult, cache):
    """The networks and measures the dist/ in place was written from (network.measure_cache), when no quad added or
    removed since (export.delta) has a predicate that the queries which projected them name (sparql.footprint);
    else None. Asking whether costs the dataset's sorted lines, which the dumps are then written from (`sorted`)."""
    from rightsgraph.build.warm_copy import dump_record
    from rightsgraph.export.delta import edit_delta
    from rightsgraph.export.dumps import NQ, sorted_graphs
    from rightsgraph.network.pipeline import Analysis

    look = dump_record(project, result.full)
    note = look.recorded_note(NQ) if look is not None else None
    analysis = note.get("analysis") if isinstance(note, dict) else None
    kept = cache.load_analysis(analysis)
    if look is None or kept is None:
        return None
    networks, measures, footprint = kept
    result.sorted = graphs = sorted_graphs(result.store)
    delta = edit_delta(look, graphs, {g: graph_digest(lines) for g, lines in graphs.items()}, (NETWORK_GRAPH,))
    if delta is None or footprint is None or delta.touches(footprint):
        return None
    return Analysis(networks, measures, str(analysis))


def current_dist(project: Project, result: BuildResult, docs: bool) -> list[Path] | None:
    """The files of dist/ when a build would write them again byte for byte (nothing it is made from changed since
    the build that wrote it, and every file it lists is there), with the sizes of the derived graphs added to
    `result`'s; else None. The dataset store's record says what the last build wrote dist/ from (store.dataset): its
    data keys, its base and the rest of its inputs (dist_key), and a stamp equal to the dump's checksum (no validate
    has changed the store since)."""
    with build_lock(project.root):  # not while another build writes dist/
        dist = project.dist_dir
        recover(dist.resolve() if dist.is_symlink() else dist)  # what a killed build left beside dist/ goes
        state, checksum = read_state(project), dump_checksum(project.dist_dir)
        if checksum is None or state.get("dump") != checksum or state.get("stamp") != checksum:
            return None
        held = inputs_held(project)
        if any(state.get(k) != held[k] for k in ("base", "keys")) or state.get("dist_key") != dist_key(project, docs):
            return None
        derived, notes = state.get("derived_sizes"), state.get("notes")
        if state.get("dist_files") != files_written(project.dist_dir) or not isinstance(derived, dict):
            return None  # a file of dist/ edited, removed or added by hand since
    result.graphs = dict(sorted({**result.graphs, **derived}.items()))
    result.notes = list(notes or [])
    return [project.dist_dir / name for name in listed_sums(project.dist_dir)]


def files_written(dist: Path) -> dict[str, list[int]]:
    """Every file of dist/ with its size and time, as the build left it (or as someone changed it since)."""
    found = {}
    for path in sorted(dist.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(dist).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return found


def _at_once(function, *args) -> Future:
    done: Future = Future()
    done.set_result(function(*args))
    return done


@contextmanager
def side_by_side(jobs: int):
    """`beside(function, *args)`: a future of function(*args), run on a thread when jobs > 1 (pyoxigraph lets go of
    the GIL while it answers a query), in a copy of the caller's context (sparql.answers.using), else at once.
    Leaving waits for them all; what has not started when an error leaves does not start."""
    if jobs <= 1:
        yield _at_once
        return
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="rightsgraph-dist")
    try:  # each on a copy of the caller's context: the answers the build keeps (sparql.answers.using) go along
        yield lambda function, *args: pool.submit(copy_context().run, function, *args)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


class Elsewhere:
    """`elsewhere(function, *args)`: function(*args) in a second process when jobs > 1 (pure-Python work that would
    hold the GIL: the network figure), else at once; `wait()` until all has run, raising what it raised."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future] = []

    def __call__(self, function, *args) -> None:
        if self.jobs <= 1:
            function(*args)
            return
        if self.pool is None:
            self.pool = processes.pool(1)
        self.futures.append(self.pool.submit(function, *args))

    def wait(self) -> None:
        futures, self.futures = self.futures, []
        for future in futures:
            future.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def in_a_process(jobs: int):
    """An Elsewhere, waited for on leaving (and its process ended, whatever happened)."""
    elsewhere = Elsewhere(jobs)
    try:
        yield elsewhere
        elsewhere.wait()
    finally:
        elsewhere.close()


def write_dist(project: Project, result: BuildResult, docs: bool = True, jobs: int = 1, progress=None) -> list[Path]:
    from rightsgraph.authoring.context import load_context
    from rightsgraph.build.drafts import draft_notes
    from rightsgraph.core.dist_reuse import Reuse
    from rightsgraph.export.delta import edit_delta
    from rightsgraph.export.docs import write_docs
    from rightsgraph.export.dumps import NQ, Sums, sorted_graphs, write_checksums, write_dumps
    from rightsgraph.export.reading import write_reading_view
    from rightsgraph.export.reading_reuse import changes
    from rightsgraph.export.timeline import PAGE as TIMELINE
    from rightsgraph.export.timeline import write_timeline
    from rightsgraph.export.view_reuse import take_or_write
    from rightsgraph.export.void import statistics, write_void
    from rightsgraph.network.pipeline import notes, write_network_files
    from rightsgraph.sparql.answers import DIRECTORY as ANSWERS_DIR
    from rightsgraph.sparql.answers import Answers, kept_answers, using
    from rightsgraph.sparql.footprint import Footprints

    tell = progress or (lambda step, done, total: None)
    steps = 7 + docs
    if result.networks is None:
        tell("writing dist/: network analysis", 0, steps)
        add_network(project, result)
    assert result.networks is not None and result.measures is not None  # add_network sets both, here or before
    result.notes = notes(result.networks, result.graphs) + draft_notes(project, result.store)  # before dist/ moves
    with build_lock(project.root):
        # what may be taken from the dist/ in place (nothing after a build from empty)
        reuse = Reuse(project, dist_key(project, docs), take=not result.full)
        sums = Sums(project.dist_dir if reuse.intact(SUMS) else None)  # those of files linked from the dist/ in place
        # the answers of the queries the dist/ in place was written from: taken where the edit since cannot change them
        footprints = Footprints(state_dir(project) / FOOTPRINTS, code_key())
        kept = kept_answers(reuse.recorded_note(NQ))
        answers = Answers(state_dir(project) / ANSWERS_DIR, result.store, kept, footprints)
        with (
            disk_errors(project.dist_dir),
            staged(project.dist_dir) as out,
            using(answers),
            in_a_process(jobs) as elsewhere,
            side_by_side(jobs) as beside,
        ):
            # after an edit, what it changed since the dist/ in place decides which views are taken (export.view_reuse)
            graphs, result.sorted = result.sorted, None
            plan = plan_sync(project, graphs) if graphs is not None else None  # keeps the changed graphs' lines
            delta = edit_delta(reuse, graphs, plan.digests) if graphs is not None and plan is not None else None
            answers.delta = delta
            # the timeline and the reading view only read the store: they run beside the network files and the dumps
            stated = beside(statistics, project, result.store)  # VoID's, of the whole store (first: it is short)
            view = (project, result.store, out, reuse)
            # with no record of the dist/ in place (a build from empty) every page is written again: the reading view,
            # the longest of the writers, starts now rather than once the dumps' lines are sorted
            reading = None if reuse.recorded_parts(NQ) is not None else beside(write_reading_view, *view)
            write = partial(write_timeline, project, result.store, out)
            timeline = beside(take_or_write, reuse, TIMELINE, out / TIMELINE, delta, footprints, write)
            tell("writing dist/: network files and figure", 1, steps)
            files = write_network_files(
                project,
                result.store,
                result.networks,
                result.measures,
                out,
                reuse=reuse,
                elsewhere=elsewhere,
                analysis=result.analysis,
            )
            tell("writing dist/: N-Quads, TriG, JSON-LD, Turtle", 2, steps)
            if graphs is None or plan is None:
                graphs = sorted_graphs(result.store)
                plan = plan_sync(project, graphs)
            if reading is None:
                nodes = load_context(project.ontology_dir / "context.jsonld").base
                found = changes(reuse, graphs, plan.digests, result.store, nodes, delta)  # the pages written again
                reading = beside(write_reading_view, *view, found)
            files += write_dumps(
                result.store,
                out,
                project_prefixes(project),
                project.ontology_dir / "context.jsonld",
                jobs,
                graphs,
                reuse,
                plan.digests,
                delta.subjects() if delta is not None else None,
            )
            del graphs
            elsewhere.wait()  # the figure: VoID describes every file of `files`, its bytes too
            tell("writing dist/: VoID description", 3, steps)
            files.append(write_void(project, result.store, out, files, sums, stated.result()))
            tell("writing dist/: reading view of each article", 4, steps)
            # views of the data, not dumps: not in void.ttl
            files += reading.result()
            tell("writing dist/: timeline of events and statements", 5, steps)
            files.append(timeline.result())
            if docs:
                tell("writing dist/: ontology documentation", 6, steps)
                files += write_docs(project, out / "docs")
            tell("writing dist/: checksums", steps - 1, steps)
            write_checksums(out, sums)
            reuse.made(SUMS, "")  # its time tells the next build which sums it lists may be taken (export.dumps.Sums)
            tell("writing dist/", steps, steps)
        # dist/ is in place (the staging directory swapped in): the dataset store follows it, under the same lock
        with disk_errors(project.root / ".rightsgraph"):
            held = {**inputs_held(project), "read_at": result.read_at, "dist_key": dist_key(project, docs)}
            held["derived_sizes"] = {g: n for g, n in result.graphs.items() if g in DERIVED_GRAPHS}
            held["network_terms"] = network_terms(result.store)
            held["notes"] = result.notes
            held["dist_files"] = files_written(project.dist_dir)
            # what the graphs of rightsgraph.nq were built from: the next build may take them (build.warm_copy)
            # and the networks its measures come from (network.measure_cache)
            note = {"base": held["base"], "keys": held["keys"], "analysis": result.analysis}
            reuse.note(NQ, {**note, **answers.note()})
            result.synced = apply_sync(project, plan, project.dist_dir, held)
            reuse.save(project)
            footprints.save()
            answers.prune()
    return [project.dist_dir / f.relative_to(out) for f in files]
