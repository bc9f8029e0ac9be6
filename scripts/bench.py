"""Scale benchmark: rightsgraph's path against the naive rdflib path, side by side, in one run.

    python scripts/bench.py --sizes 10000 100000 1000000 --runs 5 --jobs 2 \\
        --work /tmp/rightsgraph-bench --out docs/benchmarks.md [--budget 60 --query-budget 10]

For each size, a synthetic project of ceil(size / 1075) articles (scripts/gen_corpus.py, seed 1) is written
under --work/<size>/project, or reused when its marker file says it was made with the same arguments.
Then, each in processes of its own (scripts/bench_worker.py), so that peak RSS is per path:

rightsgraph (one process): the incremental build from an empty state with --jobs workers without validation
("build"); then, from an empty state again, the build that validates every graph with rudof, as `rightsgraph
build` does ("build + validate"; "validate" is the difference of the two); the network projection and its
measures (build.add_network); the export of dist/ without docs (build.write_dist: network files, N-Quads,
TriG, JSON-LD, Turtle, per-graph Turtle, VoID, SHA256SUMS); the incremental rebuild + revalidation after
editing one article's headline, and after adding one new article (a renamed copy; both undone afterwards); the
load of dist/rightsgraph.nq into an in-memory pyoxigraph Store; every query of queries/ (the parameterised
ones asked about synthetic nodes: bench_worker.PARAMS) through rightsgraph.api.Dataset on that store, p50 over
--runs.

naive (one process per step, each given --budget seconds of timed work): build = every file converted in one
process, in memory (bench_worker.naive_build) turned into one rdflib Graph through N-Triples; load = rdflib
Dataset parse of dist/rightsgraph.nq; validate = pySHACL on one Graph holding the ontology and every data
graph (inference="rdfs", advanced=True); queries = the same bound query texts on an rdflib Dataset with
default_union=True, p50 over --runs, a query not repeated after a run over 10 s and abandoned after
--query-budget seconds; export = rdflib TriG serialisation of the Dataset. The naive "incremental" is the
whole build + validate again. The defaults (budget 60 s, query budget 10 s) keep a 100,000-triple run under 5
minutes on 2 cores; give larger budgets for larger sizes.

Writes a Markdown table per size to --out: the sizes of this run replace their earlier sections, the
sections of other sizes are kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKER = HERE / "bench_worker.py"
TRIPLES_PER_ARTICLE = 1075
NAIVE_STEPS = ("build", "load", "validate", "queries", "export")


def corpus(work: Path, size: int, seed: int = 1) -> Path:
    """The project for one size, generated unless a marker says it already is (same articles, seed, generator)."""
    sys.path.insert(0, str(HERE))
    import gen_corpus

    project = work / str(size) / "project"
    articles = math.ceil(size / TRIPLES_PER_ARTICLE)
    want = {
        "articles": articles,
        "seed": seed,
        "generator": hashlib.sha256((HERE / "gen_corpus.py").read_bytes()).hexdigest(),
    }
    marker = project / ".bench-corpus.json"
    if marker.is_file() and json.loads(marker.read_text())["key"] == want:
        gen_corpus.copy_project(project)  # the data stays; ontology/, shapes/, queries/ follow the repository
        return project
    started = time.perf_counter()
    stats = gen_corpus.generate(articles, seed, project)
    marker.write_text(json.dumps({"key": want, "stats": stats}))
    print(f"  corpus: {articles} articles in {time.perf_counter() - started:.1f} s", flush=True)
    return project


def worker(args: list[str], timeout: float) -> tuple[list[dict], str | None]:
    """Run the worker; its JSON lines, and why it stopped early (None if it did not)."""
    command = [sys.executable, str(WORKER), *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        out, err = proc.communicate(timeout=timeout)
        problem = None if proc.returncode == 0 else f"exit {proc.returncode}: {err.strip()[-800:]}"
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        problem = f"killed after {timeout:.0f} s"
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], problem


def run_size(size: int, args: argparse.Namespace) -> dict:
    print(f"size {size:,}", flush=True)
    whole = time.perf_counter()
    project = corpus(args.work, size)
    common = [
        "--runs",
        str(args.runs),
        "--jobs",
        str(args.jobs),
        "--budget",
        str(args.budget),
        "--query-budget",
        str(args.query_budget),
    ]
    started = time.perf_counter()
    lines, problem = worker(["rightsgraph", str(project), *common], timeout=24 * 3600)
    if problem or not lines:
        raise SystemExit(f"rightsgraph path failed at {size}: {problem}")
    rg = lines[-1]
    print(f"  rightsgraph: {time.perf_counter() - started:.1f} s", flush=True)
    naive: dict = {"steps": {}, "queries": {}, "rss_mb": 0.0, "notes": []}
    for step in NAIVE_STEPS:
        started = time.perf_counter()
        # the budgets bound the timed parts; the setup (parsing the input) gets --budget, plus a minute
        queries = len(rg["queries"]) * (args.query_budget + args.runs * 10) if step == "queries" else 0
        allowance = args.budget * 2 + queries + 60
        lines, problem = worker(["naive", step, str(project), *common], timeout=allowance)
        for line in lines:
            if "query" in line:
                naive["queries"][line["query"]] = line
            elif "rss_mb" in line:
                naive["rss_mb"] = max(naive["rss_mb"], line["rss_mb"])
            else:
                naive["steps"][step] = line
        if problem:
            naive["notes"].append(f"naive {step}: {problem}")
        print(f"  naive {step}: {time.perf_counter() - started:.1f} s", flush=True)
    return {
        "size": size,
        "articles": math.ceil(size / TRIPLES_PER_ARTICLE),
        "rightsgraph": rg,
        "naive": naive,
        "wall": time.perf_counter() - whole,
    }


def seconds(value: float | None, budget: float) -> str:
    if value is None:
        return f"> {budget:g} (budget)"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def ratio(naive: float | None, rg: float | None, limit: float | None = None) -> str:
    if naive is None and limit is not None and rg:  # over budget: the budget gives a lower bound
        return f"> {limit / rg:.0f}×"
    if naive is None or rg is None or rg <= 0:
        return "—"
    return f"{naive / rg:.1f}×" if naive / rg < 100 else f"{naive / rg:.0f}×"


def table(run: dict, budget: float, query_budget: float) -> list[str]:
    rg, naive = run["rightsgraph"], run["naive"]
    step = {
        k: v.get("seconds") if k in naive["steps"] else None
        for k, v in {s: naive["steps"].get(s, {}) for s in NAIVE_STEPS}.items()
    }
    both = None if step["build"] is None or step["validate"] is None else step["build"] + step["validate"]
    rows = [
        (
            "build (rightsgraph: incremental from empty, no validation; naive: in memory + one rdflib Graph)",
            rg["build"],
            step["build"],
        ),
        (
            "validate (rightsgraph: build + validate minus build, rudof on groups of graphs; naive: pySHACL on the "
            "whole graph, RDFS inference)",
            rg["validate"],
            step["validate"],
        ),
        ("build + validate (rightsgraph: one call from empty; naive: the sum)", rg["build_validate"], both),
        ("network projection + measures", rg["network"], None),
        (
            "build + validate + network + export (the whole of `rightsgraph build --no-docs` from empty; naive: build "
            "+ validate + TriG)",
            rg["build_validate"] + rg["network"] + rg["export"],
            None if both is None or step["export"] is None else both + step["export"],
        ),
        ("export (rightsgraph: all of dist/ without docs; naive: TriG only)", rg["export"], step["export"]),
        ("edit one article, rebuild + revalidate (naive: build + validate again)", rg["edit"], both),
        ("add one article, rebuild + revalidate (naive: build + validate again)", rg["add"], both),
        ("load dist/rightsgraph.nq (pyoxigraph bulk_load; naive: rdflib Dataset)", rg["load"], step["load"]),
    ]
    lines = [
        f"### {run['size']:,} triples ({run['articles']} articles; built: {rg['triples']:,} triples with the ontology)",
        "",
        "| step | rightsgraph (s) | naive (s) | naive / rightsgraph |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, a, b in rows:
        shown = "n/a" if label.startswith("network") else seconds(b, budget)
        limit = (
            None
            if label.startswith("network")
            else (2 * budget if label.startswith(("build +", "edit", "add")) else budget)
        )
        lines.append(f"| {label} | {seconds(a, budget)} | {shown} | {ratio(b, a, limit if b is None else None)} |")
    lines.append(
        f"| peak RSS (MB; naive: largest step process) | {rg['rss_mb']:.0f} | {naive['rss_mb']:.0f} | "
        f"{ratio(naive['rss_mb'], rg['rss_mb'])} |"
    )
    validated = naive["steps"].get("validate", {})
    if validated.get("results") is not None:
        lines += [
            "",
            f"pySHACL (naive) reported {validated['results']} validation results on "
            f"{validated['triples']:,} triples; rightsgraph's validation reported none.",
        ]
    lines += [
        "",
        "| query (parameters: bench_worker.PARAMS) | rows | rightsgraph p50 (ms) | naive p50 (ms) "
        "| naive / rightsgraph |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    ratios, bounds = [], []
    for name, mine in sorted(rg["queries"].items()):
        theirs = naive["queries"].get(name, {})
        p50 = theirs.get("p50")
        runs = theirs.get("runs", 0)
        rows = (
            str(mine["rows"])
            if theirs.get("rows") in (None, mine["rows"])
            else f"{mine['rows']} (naive {theirs['rows']})"
        )
        cell = (
            "not run" if not theirs else (f"> {query_budget * 1000:g} (budget)" if p50 is None else f"{p50 * 1000:.1f}")
        )
        if p50 is not None and runs < mine["runs"]:
            cell += f" ({runs} run{'s' if runs > 1 else ''})"
        if theirs and mine["p50"] > 0:
            (ratios if p50 is not None else bounds).append((p50 or query_budget) / mine["p50"])
        lines.append(
            f"| {name} | {rows} | {mine['p50'] * 1000:.1f} | {cell} | "
            f"{ratio(p50, mine['p50'], query_budget if theirs else None)} |"
        )
    if ratios:
        lines += [
            "",
            f"Median naive / rightsgraph query ratio: **{statistics.median(ratios):.0f}×** over the "
            f"{len(ratios)} of {len(rg['queries'])} queries that the naive path answered within the budget "
            f"(range {min(ratios):.1f}× to {max(ratios):.0f}×)"
            + (
                f"; **{statistics.median(ratios + bounds):.0f}×** or more over all {len(ratios + bounds)}, "
                "counting each query over budget at the budget."
                if bounds
                else "."
            ),
        ]
    lines += ["", *(f"Note: {n}" for n in naive["notes"])] if naive["notes"] else []
    return [*lines, "", f"Wall time of this size (corpus, both paths): {run['wall']:.0f} s.", ""]


HEADER = [
    "# Benchmarks: rightsgraph at scale",
    "",
    "rightsgraph's path (incremental build with a persistent Oxigraph store, rudof validation on groups of "
    "graphs, embedded Oxigraph SPARQL) against the naive path (one rdflib Graph, whole-graph pySHACL, rdflib "
    "SPARQL), on synthetic corpora from `scripts/gen_corpus.py` (seed 1, about 1,075 triples per article). "
    "What each row measures is in the docstring of `scripts/bench.py`. Each run rewrites the sections of the "
    "sizes it measured and keeps the others; each section says when and how it was measured.",
    "",
]
SECTION = "<!-- bench size: {size} -->"


def run_line(args: argparse.Namespace, command: str) -> list[str]:
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("rdflib", "pyshacl", "pyoxigraph", "pyrudof", "networkx")
    )
    return [
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} with `{command}`; {os.cpu_count()} cores "
        f"({platform.machine()}), Python {platform.python_version()}; {versions}. Queries: p50 of {args.runs} runs; "
        f"rightsgraph builds with {args.jobs} jobs; each naive step had a budget of {args.budget:g} s, each naive "
        f"query run {args.query_budget:g} s.",
        "",
    ]


def kept_sections(path: Path, measured: set[int]) -> dict[int, str]:
    """The sections of an earlier run of this script for the sizes this run did not measure."""
    if not path.is_file():
        return {}
    text, kept = path.read_text(encoding="utf-8"), {}
    parts = re.split(r"^<!-- bench size: (\d+) -->$", text, flags=re.MULTILINE)
    for size, body in zip(parts[1::2], parts[2::2], strict=True):
        if int(size) not in measured:
            kept[int(size)] = body.strip("\n")
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000], help="target sizes in triples")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (p50 reported)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the rightsgraph build")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rightsgraph-bench"), help="where corpora live")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md", help="Markdown to write")
    parser.add_argument("--budget", type=float, default=60, help="seconds each naive step may take")
    parser.add_argument("--query-budget", type=float, default=10, help="seconds each naive query run may take")
    args = parser.parse_args(argv)
    args.work = args.work.resolve()
    command = "python scripts/bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    sections = kept_sections(args.out, set(args.sizes))
    for size in args.sizes:
        run = run_size(size, args)
        sections[size] = "\n".join(["", *run_line(args, command), *table(run, args.budget, args.query_budget)]).strip(
            "\n"
        )
    lines = list(HEADER)
    for size in sorted(sections):
        lines += [SECTION.format(size=size), "", sections[size], ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
