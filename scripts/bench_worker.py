"""The measuring half of scripts/bench.py: one process per path (and per naive step), JSON lines on stdout.

    python scripts/bench_worker.py rightsgraph PROJECT --runs 5 --jobs 2
    python scripts/bench_worker.py naive STEP PROJECT --runs 5 --budget 600 --query-budget 60
                                    # STEP: build load validate queries export

Each process reports its peak RSS (ru_maxrss), so the numbers of one path are not inflated by the other.
A naive step gives up after --budget seconds of timed work (SIGALRM: rdflib and pySHACL are pure Python,
so the alarm interrupts them) and says so; its untimed setup (parsing the input) is not counted. In the
queries step, each run of a query has --query-budget seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import signal
import statistics
import sys
import time
from pathlib import Path

SLOW_RUN = 10.0  # a naive query run longer than this is not repeated
SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/id/"
# The parameterised queries' defaults name nodes of the real article; on a synthetic corpus they are asked
# about nodes that scripts/gen_corpus.py makes in every corpus (the register, the first article).
PARAMS = {
    "actor-profile": {"actor": SYNTHETIC + "actor/synthetic-ministry-1"},
    "claims-about-event": {"event": SYNTHETIC + "event/synthetic-a00001-e1"},
    "claims-by-actor": {"actor": SYNTHETIC + "actor/synthetic-rights-observatory-2"},
    "event-participants": {"event": SYNTHETIC + "event/synthetic-a00001-e1"},
    "evidence-for-node": {"node": SYNTHETIC + "claim/synthetic-a00001-s1-c1"},
    "find-by-name": {"text": "Ministry"},
}


def emit(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


# ------------------------------------------------------------------------------------------ rightsgraph --


def new_article(data: Path, number: int, new: int) -> list[Path]:
    """A copy of article `number` as article `new`, every id renamed (same text, other IRIs)."""
    old, slug = f"{number:05d}", f"synthetic-article-{new:05d}"
    text = (data / "annotations" / f"synthetic-article-{old}.yaml").read_text(encoding="utf-8")
    for prefix in ("synthetic-article-", "synthetic-a", "synthetic-author-", "synthetic-wire/"):
        text = text.replace(prefix + old, f"{prefix}{new:05d}")
    paths = [data / "annotations" / f"{slug}.yaml", data / "sources" / f"{slug}.txt"]
    paths[0].write_text(text, encoding="utf-8", newline="\n")
    shutil.copyfile(data / "sources" / f"synthetic-article-{old}.txt", paths[1])
    return paths


def rightsgraph_path(root: Path, runs: int, jobs: int) -> None:
    import pyoxigraph as ox

    from rightsgraph.api import Dataset
    from rightsgraph.build.pipeline import add_network, build_incremental, write_dist
    from rightsgraph.core.project import Project
    from rightsgraph.store.persistent import close_store, reset_store

    project = Project.locate(root)
    shutil.rmtree(root / ".rightsgraph", ignore_errors=True)
    out: dict[str, object] = {}
    out["build"], first = timed(build_incremental, project, jobs=jobs, validate=False)
    del first  # its store may be the RocksDB one: closed, the reset removes its files instead of clearing it
    gc.collect()
    close_store(project)
    reset_store(project)  # again from empty, validating this time: what `rightsgraph build` does
    out["build_validate"], result = timed(build_incremental, project, jobs=jobs)
    out["validate"] = out["build_validate"] - out["build"]
    assert not result.violations, f"{len(result.violations)} violations: {result.violations[:3]}"
    out["triples"] = result.triples
    out["network"], _ = timed(add_network, project, result)
    out["export"], _ = timed(write_dist, project, result, docs=False, jobs=jobs)

    data = root / "data"
    article = data / "annotations" / "synthetic-article-00001.yaml"
    original = article.read_bytes()
    count = len(list((data / "annotations").glob("synthetic-article-*.yaml")))
    added: list[Path] = []
    try:  # one edited value, then one new article; each rebuilds and revalidates what it touches
        edited = original.replace(b'headline: "Synthetic report 1:', b'headline: "Synthetic report 1 (edited):', 1)
        assert edited != original
        article.write_bytes(edited)
        out["edit"], again = timed(build_incremental, project, jobs=jobs)
        assert len(again.changed) == 1 and not again.violations, (again.changed, again.violations[:3])
        added = new_article(data, 1, count + 1)
        out["add"], again = timed(build_incremental, project, jobs=jobs)
        assert len(again.changed) == 1 and not again.violations, (again.changed, again.violations[:3])
    finally:
        article.write_bytes(original)
        for path in added:
            path.unlink(missing_ok=True)
    shutil.rmtree(root / ".rightsgraph", ignore_errors=True)  # the state now describes the edited corpus

    store = ox.Store()
    out["load"], _ = timed(store.bulk_load, path=str(root / "dist" / "rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(project, store=store)
    queries: dict[str, dict] = {}
    for name in sorted(dataset.library.queries):
        times, rows = [], 0
        for _ in range(runs):
            seconds, answer = timed(dataset.result, name, **PARAMS.get(name, {}))
            times.append(seconds)
            rows = len(answer.rows) if answer.triples is None else len(answer.triples)
        queries[name] = {"p50": statistics.median(times), "runs": runs, "rows": rows}
    out["queries"] = queries
    out["rss_mb"] = peak_rss_mb()
    emit(**out)


# ---------------------------------------------------------------------------------------------- naive --


class OverBudget(Exception):
    pass


def _alarm(_signum, _frame):
    raise OverBudget


def budgeted(budget: float, function, *args, **kwargs) -> tuple[float | None, object]:
    """(seconds, value), or (None, None) when the call ran past the budget."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return timed(function, *args, **kwargs)
    except OverBudget:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def data_graph(root: Path, with_network: bool = True):
    """The built dataset as one rdflib Graph (the graphs merged), parsed from dist/rightsgraph.nq."""
    import pyoxigraph as ox
    import rdflib

    from rightsgraph.network.measures import NETWORK_GRAPH

    quads = ox.parse(path=str(root / "dist" / "rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in quads
        if with_network or q.graph_name.value != NETWORK_GRAPH
    ]
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def union_dataset(root: Path):
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(root / "dist" / "rightsgraph.nq"), format="nquads")
    return dataset


def naive_build(project) -> int:
    import pyoxigraph as ox
    import rdflib

    from rightsgraph.authoring.annotations import load_one
    from rightsgraph.authoring.context import load_context
    from rightsgraph.authoring.datafiles import inputs
    from rightsgraph.build.rules import apply_rules

    # The naive path converts every file in one process, with no state, store or checks of the build.
    context = load_context(project.ontology_dir / "context.jsonld")
    store = ox.Store()
    for graph, files in inputs(project).items():
        store.extend(load_one(project, context, graph, files).quads)
        apply_rules(project, store, graph)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store)
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return len(graph)


def naive_validate(data, shapes) -> int:
    import pyshacl
    from rdflib.namespace import SH

    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="rdfs", advanced=True)
    return len(list(report.objects(None, SH.result)))


def naive_step(step: str, root: Path, runs: int, budget: float, query_budget: float, scratch: Path) -> None:
    import rdflib

    from rightsgraph.core.project import Project
    from rightsgraph.sparql.library import Library, bind, bound_text

    project = Project.locate(root)
    if step == "build":
        seconds, size = budgeted(budget, naive_build, project)
        emit(step=step, seconds=seconds, triples=size)
    elif step == "load":
        seconds, dataset = budgeted(budget, union_dataset, root)
        emit(step=step, seconds=seconds, quads=None if dataset is None else len(dataset))
    elif step == "validate":
        data = data_graph(root, with_network=False)
        shapes = rdflib.Graph()
        for path in sorted((root / "shapes").glob("*.ttl")):
            shapes.parse(path, format="turtle")
        seconds, results = budgeted(budget, naive_validate, data, shapes)
        emit(step=step, seconds=seconds, results=results, triples=len(data))
    elif step == "export":
        dataset = union_dataset(root)
        seconds, _ = budgeted(budget, dataset.serialize, destination=str(scratch / "naive.trig"), format="trig")
        emit(step=step, seconds=seconds)
    elif step == "queries":
        dataset = union_dataset(root)
        library = Library(project)
        for name in sorted(library.queries):
            query = library.queries[name]
            text = bound_text(query, bind(query, PARAMS.get(name, {})))
            times, rows = [], None
            for _ in range(runs):
                seconds, answer = budgeted(query_budget, lambda text=text: list(dataset.query(text)))
                if seconds is None:
                    break
                times.append(seconds)
                rows = len(answer)
                if seconds > SLOW_RUN:
                    break
            emit(query=name, p50=statistics.median(times) if times else None, runs=len(times), rows=rows)
    emit(step=step, rss_mb=peak_rss_mb())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", choices=("rightsgraph", "naive"))
    parser.add_argument("args", nargs="+", help="PROJECT, or STEP PROJECT for the naive path")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--budget", type=float, default=600)
    parser.add_argument("--query-budget", type=float, default=60)
    args = parser.parse_args()
    if args.path == "rightsgraph":
        rightsgraph_path(Path(args.args[0]), args.runs, args.jobs)
    else:
        step, root = args.args
        naive_step(step, Path(root), args.runs, args.budget, args.query_budget, Path(root).parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
