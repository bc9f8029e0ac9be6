"""What a researcher runs, timed as they see it: `rightsgraph` commands as processes, against the naive path.

    python scripts/bench_cli.py --size 100000 [--jobs 2] [--work /tmp/rightsgraph-bench] [--out docs/benchmarks-cli.md]
                                [--skip-naive] [--repeat 3]

On the synthetic project of scripts/bench.py for --size (scripts/gen_corpus.py, seed 1; synthetic namespace), it
runs the CLI as a researcher types it and measures each command's wall time, from the start of the process until
it exits (for a query: until its last row is printed, and until its first 100 rows are), and the peak resident
memory of the whole process tree (rightsgraph and its workers, sampled every 20 ms from /proc):

- `rightsgraph build --no-docs --jobs J --full`, from an empty build state;
- edit-to-answer: one article's headline edited, then `rightsgraph build --no-docs --jobs J` and `rightsgraph query
  articles --format csv`, which must show the new headline (the edit is undone afterwards, and built again); run
  --repeat times (3), the loop of the median total reported with the lowest and highest;
- add-to-answer: the same with a new article (a renamed copy of one), removed afterwards;
- the same two with `rightsgraph validate --jobs J` in place of the build: the edit loop of the README, where a clean
  validate makes the change queryable (build.validated_sync) and dist/ waits for the next build;
- `rightsgraph query NAME --format csv` for every question of the library (parameters as scripts/bench_worker.py
  gives them), twice, the second run reported;
- then the same with `rightsgraph serve --memory` running (store.memory: `query` asks it), after the time it took
  to load and the memory of its process tree; and the edit loop with it: edit, `validate`, `query articles`, the
  answer checked to be the served one (or the store's, if the server had not caught up: the run says which).

The naive path runs in the same run, in processes of its own (scripts/bench_worker.py naive): its build is the
rdflib conversion plus whole-graph pySHACL, which an edit repeats in full; a naive query call is rdflib's parse of
dist/rightsgraph.nq plus rdflib's answer (p50), as a command that loads the dump per call would take. A naive step
or query that runs past its budget (--budget, --query-budget) is stopped and shown as "> budget", a lower bound.

Prints a Markdown table, and with --out replaces the section "## As a researcher runs it (SIZE triples)" there
(the sections of other sizes are kept).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (scripts/ is not a package)
from bench_worker import PARAMS, new_article  # noqa: E402

RIGHTSGRAPH = str(Path(sys.executable).with_name("rightsgraph"))
FIRST_ROWS = 100
# The commands run as on a researcher's machine, where Python keeps the bytecode it compiles (__pycache__): with
# PYTHONDONTWRITEBYTECODE set, as some containers set it, every command compiled rightsgraph's modules again, which
# no researcher's command does (0.1 to 0.3 s of each command, measured 2026-11-28).
CLI_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Naive:
    seconds: float
    lower_bound: bool  # a step or query over its budget: the naive path takes longer than this


@dataclass
class Run:
    wall: float
    rss_mb: float
    first: float | None = None  # seconds until FIRST_ROWS rows were printed (queries)
    out: str = ""
    err: str = ""


def tree_rss_kb(root: int) -> int:
    """The resident memory of a process and its descendants now, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        ppid = int(re.search(r"^PPid:\s+(\d+)", status, re.M).group(1))  # type: ignore[union-attr]
        found = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(found.group(1)) if found else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run(args: list[str], cwd: Path, rows: bool = False) -> Run:
    """One command as a process; wall time, peak RSS of its tree, and (rows) when its FIRST_ROWS-th row came."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [RIGHTSGRAPH, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env=CLI_ENV,
    )
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    first, lines = None, []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if rows and first is None and len(lines) == FIRST_ROWS + 1:  # the header and 100 rows
            first = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    process.wait()
    wall = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"rightsgraph {' '.join(args)} failed: {err.strip()[-500:]}")
    return Run(wall, peak[0] / 1024, first if first is not None else (wall if rows else None), "".join(lines), err)


def params(name: str) -> list[str]:
    return [arg for key, value in PARAMS.get(name, {}).items() for arg in ("--param", f"{key}={value}")]


def loop_command(command: str, jobs: str) -> list[str]:
    """What makes an edit queryable: `build` (dist/ and the dataset store) or `validate` (the dataset store)."""
    return ["build", "--no-docs", "--jobs", jobs, "-q"] if command == "build" else ["validate", "--jobs", jobs, "-q"]


def edit_to_answer(project: Path, jobs: str, command: str = "build") -> tuple[Run, Run]:
    """Edit one article's headline, build (or validate), query: (that command, query), the change checked in the
    answer."""
    article = sorted((project / "data" / "annotations").glob("*.yaml"))[0]
    original = article.read_text(encoding="utf-8")
    headline = re.search(r"^(\s+headline: )(.*)$", original, re.M)
    assert headline, f"no headline in {article}"
    marker = "edited for the benchmark"
    article.write_text(original.replace(headline.group(0), f"{headline.group(1)}{marker}", 1), encoding="utf-8")
    try:
        build = run(loop_command(command, jobs), project)
        answer = run(["query", "articles", "--format", "csv"], project)
        assert marker in answer.out, "the edit is not in the answer"
        assert "older than data/" not in answer.err, answer.err
    finally:
        article.write_text(original, encoding="utf-8")
    run(loop_command(command, jobs), project)
    return build, answer


def add_to_answer(project: Path, jobs: str, command: str = "build") -> tuple[Run, Run]:
    """Add an article (a copy of the first, every id renamed), build, query; the new article checked in the answer."""
    data = project / "data"
    count = len(list((data / "annotations").glob("synthetic-article-*.yaml")))
    added = new_article(data, 1, count + 1)
    slug = added[0].stem
    try:
        build = run(loop_command(command, jobs), project)
        answer = run(["query", "articles", "--format", "csv"], project)
        assert slug in answer.out, "the new article is not in the answer"
        assert "older than data/" not in answer.err, answer.err
    finally:
        for path in added:
            path.unlink()
    run(loop_command(command, jobs), project)
    return build, answer


SERVED = "answered by rightsgraph serve --memory"


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def median(loops: list[tuple[Run, Run]]) -> tuple[Run, Run]:
    """The loop (command, query) whose total wall time is the median of `loops` (the lower middle one of an even
    number)."""
    ordered = sorted(loops, key=lambda loop: loop[0].wall + loop[1].wall)
    return ordered[(len(ordered) - 1) // 2]


def spread(loops: list[tuple[Run, Run]]) -> str:
    totals = sorted(loop[0].wall + loop[1].wall for loop in loops)
    return f"median of {len(totals)}: {totals[0]:.2f} to {totals[-1]:.2f} s" if len(totals) > 1 else "one run"


def serve_memory(project: Path) -> tuple[subprocess.Popen, float]:
    """`rightsgraph serve --memory` on a free loopback port, once `query` asks it: (the process, seconds to load)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.perf_counter()
    process = subprocess.Popen(
        [RIGHTSGRAPH, "serve", "--memory", "--bind", f"127.0.0.1:{port}"],
        cwd=project,
        env=CLI_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    record = project / ".rightsgraph" / "serve.json"
    while not record.is_file():
        if process.poll() is not None:
            raise SystemExit("rightsgraph serve --memory did not start")
        time.sleep(0.05)
    return process, time.perf_counter() - started


def naive(project: Path, jobs: str, budget: float, query_budget: float) -> dict:
    common = ["--runs", "3", "--jobs", jobs, "--budget", str(budget), "--query-budget", str(query_budget)]
    out: dict = {"steps": {}, "queries": {}}
    for step in ("build", "validate", "load", "queries"):
        lines, problem = bench.worker(["naive", step, str(project), *common], timeout=budget * 2 + 3600)
        for line in lines:
            if "query" in line:
                out["queries"][line["query"]] = line
            elif "seconds" in line:
                out["steps"][step] = line
        if problem:
            out.setdefault("notes", []).append(f"naive {step}: {problem}")
    return out


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000, help="target size in triples")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rightsgraph-bench"))
    parser.add_argument("--budget", type=float, default=120, help="seconds each naive step may take")
    parser.add_argument("--query-budget", type=float, default=10, help="seconds each naive query may take")
    parser.add_argument(
        "--repeat", type=positive, default=3, help="edit loops run this many times each; the median is reported"
    )
    parser.add_argument("--out", type=Path, help="Markdown file whose section for this size is replaced")
    parser.add_argument(
        "--skip-naive", action="store_true", help="leave the naive path out (at 1M it takes most of an hour)"
    )
    args = parser.parse_args()
    project = bench.corpus(args.work, args.size)
    shutil.rmtree(project / ".rightsgraph", ignore_errors=True)
    full = run(["build", "--no-docs", "--jobs", args.jobs, "--full", "-q"], project)
    edits = [edit_to_answer(project, args.jobs) for _ in range(args.repeat)]
    edit = median(edits)
    add = add_to_answer(project, args.jobs)
    edits_v = [edit_to_answer(project, args.jobs, "validate") for _ in range(args.repeat)]
    edit_v = median(edits_v)
    add_v = add_to_answer(project, args.jobs, "validate")
    names = sorted(p.stem for p in (project / "queries").glob("*.rq"))
    queries = {}
    for name in names:
        run(["query", name, "--format", "csv", *params(name)], project, rows=True)  # the page cache warmed
        queries[name] = run(["query", name, "--format", "csv", *params(name)], project, rows=True)
    server, loading = serve_memory(project)
    try:
        server_rss = tree_rss_kb(server.pid) / 1024
        served = {}
        for name in names:
            run(["query", name, "--format", "csv", *params(name)], project, rows=True)
            served[name] = run(["query", name, "--format", "csv", *params(name)], project, rows=True)
            assert SERVED in served[name].err, f"query {name} was not answered by serve --memory"
            assert served[name].out == queries[name].out, f"serve --memory answered {name} otherwise"
        edit_s = edit_to_answer(project, args.jobs, "validate")
    finally:
        server.terminate()
        server.wait()
    slow = (
        {"steps": {}, "queries": {}} if args.skip_naive else naive(project, args.jobs, args.budget, args.query_budget)
    )
    steps = slow["steps"]
    # a naive step over its budget counts as the budget, and its figure as a lower bound ("> ...")
    parts = [steps.get(s, {}).get("seconds") for s in ("build", "validate")]
    naive_build = None if args.skip_naive else Naive(sum(args.budget if p is None else p for p in parts), None in parts)
    load = steps.get("load", {}).get("seconds")
    lines = [
        f"## As a researcher runs it ({args.size:,} triples)",
        "",
        f"`python scripts/bench_cli.py --size {args.size} --jobs {args.jobs}`: each rightsgraph command as a "
        "process, wall time until it exits and peak RSS of its process tree; the naive path in the same run.",
        "",
        "| what the researcher runs | rightsgraph | peak RSS | naive | rightsgraph / naive |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def row(what: str, ours: float, rss: float, theirs: Naive | None) -> None:
        if theirs is None:
            lines.append(f"| {what} | {seconds(ours)} | {rss:.0f} MB | - | - |")
            return
        bound = ("> ", "< ") if theirs.lower_bound else ("", "")
        ratio = f"{bound[1]}{ours / theirs.seconds:.1%}"
        lines.append(f"| {what} | {seconds(ours)} | {rss:.0f} MB | {bound[0]}{seconds(theirs.seconds)} | {ratio} |")

    row(f"`build --no-docs --jobs {args.jobs} --full` from empty", full.wall, full.rss_mb, naive_build)
    row(
        f"edit one headline, `build`, then `query articles` ({spread(edits)})",
        edit[0].wall + edit[1].wall,
        edit[0].rss_mb,
        naive_build,
    )
    row("... of which `build`", edit[0].wall, edit[0].rss_mb, None)
    row("add one article, `build`, then `query articles`", add[0].wall + add[1].wall, add[0].rss_mb, naive_build)
    share = (edit[0].wall + edit[1].wall) / full.wall
    lines.append(f"| edit-to-answer with `build` / full build | {share:.1%} | | | |")
    row(
        f"edit one headline, `validate`, then `query articles` ({spread(edits_v)})",
        edit_v[0].wall + edit_v[1].wall,
        edit_v[0].rss_mb,
        None,
    )
    row("... of which `validate` (the edit queryable)", edit_v[0].wall, edit_v[0].rss_mb, None)
    row("add one article, `validate`, then `query articles`", add_v[0].wall + add_v[1].wall, add_v[0].rss_mb, None)
    row("... of which `validate` (the article queryable)", add_v[0].wall, add_v[0].rss_mb, None)
    lines.append(
        f"| edit-to-answer with `validate` / full build | {(edit_v[0].wall + edit_v[1].wall) / full.wall:.1%} | | | |"
    )
    lines.append(
        f"| `serve --memory` until `query` asks it (loading the dataset) | {seconds(loading)} | "
        f"{server_rss:.0f} MB | - | - |"
    )
    by = "serve --memory" if SERVED in edit_s[1].err else "the dataset store: the server had not caught up"
    row(
        f"edit one headline, `validate`, then `query articles` (answered by {by})",
        edit_s[0].wall + edit_s[1].wall,
        edit_s[0].rss_mb,
        None,
    )
    lines += [
        "",
        f"Each question as `query NAME --format csv`, the second of two runs: wall time until the process exits, and "
        f"until its first {FIRST_ROWS} rows are printed; on the dataset store, then with `serve --memory` running "
        "(the same bytes printed); the naive path loads the dump with rdflib and answers with rdflib.",
        "",
        f"| question | dataset store | first {FIRST_ROWS} rows | with `serve --memory` | first {FIRST_ROWS} rows "
        "| naive | serve --memory / naive |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, measured in queries.items():
        answer = slow["queries"].get(name, {}).get("p50")
        fast = served[name]
        if load is None:
            theirs, ratio = "-", "-"
        else:  # a query not answered within its budget: the budget, as a lower bound
            naive_s = load + (args.query_budget if answer is None else answer)
            bound = ("> ", "< ") if answer is None else ("", "")
            theirs, ratio = f"{bound[0]}{seconds(naive_s)}", f"{bound[1]}{fast.wall / naive_s:.1%}"
        lines.append(
            f"| `{name}` | {seconds(measured.wall)} | {seconds(measured.first)} | {seconds(fast.wall)} | "
            f"{seconds(fast.first)} | {theirs} | {ratio} |"
        )
    lines += ["", *[f"- {note}" for note in slow.get("notes", [])]]
    text = "\n".join(lines).rstrip() + "\n"
    print(text)
    if args.out:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        pattern = re.compile(rf"^## As a researcher runs it \({args.size:,} triples\)\n.*?(?=^## |\Z)", re.M | re.S)
        replaced = pattern.sub(lambda _: text + "\n", current) if pattern.search(current) else current + "\n" + text
        args.out.write_text(replaced, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
