"""Every query of queries/ (questions, system queries, rules) over a whole synthetic dataset, against loading it.

    python scripts/bench_system_queries.py [--size 100000] [--work /tmp/rightsgraph-bench] [--limit 3]

The system queries (reading view, timeline, network, checks) run over the whole dataset only in a build that
rewrites every page, a full build or the first after a change of the code or the shapes; an edit build binds them
to the articles it changed. The tests run them on a few articles. So a query that is fast on a few articles and
slow on the whole dataset is seen by no test and by no edit build: `reading-statements.rq` took 23 s at 100,000
triples (0.04 s once rewritten) and held a 1,000,000-triple build for more than ten minutes.

This script builds the synthetic project of scripts/bench.py (`rightsgraph build --no-docs`, as a researcher runs
it), loads its dist/rightsgraph.nq into an in-memory store (the baseline, timed in the same run), and runs every
query as the build does (rightsgraph.sparql.library.run_embedded: the union of the named graphs as the default
graph; parameters left unbound). Each query's time is reported as a ratio of the load. It exits 1 when one takes
more than --limit times the load (3 by default: the slowest take about 0.9 times the load at 100,000 triples on a
quiet machine, reading-statements.rq took 69 times it before its rewrite), 0 otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (scripts/ is not a package)

from rightsgraph.sparql.library import run_embedded  # noqa: E402

RIGHTSGRAPH = str(Path(sys.executable).with_name("rightsgraph"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000, help="target size in triples")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rightsgraph-bench"))
    parser.add_argument("--limit", type=float, default=3.0, help="the largest ratio of a query to the load")
    args = parser.parse_args(argv)

    project = bench.corpus(args.work, args.size)
    built = subprocess.run([RIGHTSGRAPH, "build", "--no-docs", "--jobs", "2", "-q"], cwd=project)
    if built.returncode != 0:
        return built.returncode
    dump = project / "dist" / "rightsgraph.nq"
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    load = time.perf_counter() - started
    print(f"load of {dump.name} ({len(store):,} quads): {load:.2f} s (the baseline)")
    print("| query | seconds | / load |\n| --- | ---: | ---: |")
    slow = []
    queries = project / "queries"
    files = [p for part in (".", "system", "rules") for p in sorted((queries / part).glob("*.rq"))]
    for path in files:
        started = time.perf_counter()
        run_embedded(store, path.read_text(encoding="utf-8"))
        took = time.perf_counter() - started
        name = path.relative_to(project / "queries").as_posix()
        print(f"| `{name}` | {took:.2f} | {took / load:.2f} |", flush=True)
        if took > args.limit * load:
            slow.append(name)
    if slow:
        print(f"slower than {args.limit} x the load: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
