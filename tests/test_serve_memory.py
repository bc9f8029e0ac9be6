"""`serve --memory` (store.memory): the dataset in an in-memory Oxigraph behind the read-only front, kept level with
the dataset store after a build or a clean validate without a reload, and asked by `rightsgraph query` while it runs
(the same answer, byte for byte, as the dataset store gives)."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rightsgraph.core.project import Project
from rightsgraph.store.dataset import dataset_stamp
from rightsgraph.store.front import start_fronts
from rightsgraph.store.memory import serve_file

from .conftest import edit, project_from_corpus_fixture, run_cli
from .servers import free_port, wait_until_up
from .test_identity import CORPUS
from .test_serve_follows import ASK_EDITED, ask, wait_for

SERVED = "note: answered by rightsgraph serve --memory at"


def start_memory_serve(root: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [*run_cli.command_prefix(), "serve", "--memory", "--root", str(root), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, seconds=120)
    return process


def articles(project: Project) -> tuple[str, str]:
    done = run_cli("query", "articles", "--format", "csv", root=project.root)
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def refused(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.server
def test_serve_memory_answers_query_follows_a_validate_and_refuses_writes(tmp_path: Path) -> None:
    project: Project = project_from_corpus_fixture(tmp_path, CORPUS)
    assert run_cli("build", "--no-docs", root=project.root).returncode == 0
    local, said = articles(project)
    assert SERVED not in said
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_memory_serve(project.root, port)
    try:
        record = json.loads(serve_file(project).read_text(encoding="utf-8"))
        assert record["url"] == f"{base}/query" and record["stamp"] == dataset_stamp(project)
        served, said = articles(project)
        assert SERVED in said and served == local  # the same answer, byte for byte

        writes = [  # an update, a graph-store write, and an update sent as a query form
            ("POST", "/update", b"DROP ALL", "application/sparql-update"),
            ("PUT", "/store?default", b"", "application/n-triples"),
            ("POST", "/query", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        ]
        for method, path, data, media in writes:
            write = urllib.request.Request(f"{base}{path}", data=data, method=method, headers={"Content-Type": media})
            assert refused(write) == 405, (method, path)
        assert ask(base, "ASK { ?s ?p ?o }"), "a refused write changed the dataset"
        # a regression (a review): the in-memory store was an `oxigraph serve` that anyone on the machine could
        # write to through its own loopback port; serve now holds the store itself and starts no server
        assert not Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split(), (
            "serve started a server"
        )
        # a record whose token the server does not give back (a copy of the project, a reused port) is not asked
        kept = serve_file(project).read_text(encoding="utf-8")
        serve_file(project).write_text(kept.replace(record["token"], "0" * 32), encoding="utf-8")
        assert SERVED not in articles(project)[1]
        serve_file(project).write_text(kept, encoding="utf-8")

        article = project.data_dir / "annotations" / "synthetic-dispute.yaml"
        label = next(ln for ln in article.read_text(encoding="utf-8").splitlines() if ln.strip().startswith("label:"))
        edit(article, label, label.rstrip() + " (edited)")
        done = run_cli("validate", root=project.root)
        assert done.returncode == 0, done.stderr
        assert wait_for(base, ASK_EDITED, seconds=60), "serve --memory still answers from before the validate"
        assert process.poll() is None
        assert json.loads(serve_file(project).read_text(encoding="utf-8"))["stamp"] == dataset_stamp(project)
        edited, said = articles(project)
        assert SERVED in said
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert not serve_file(project).exists(), "serve left its record behind"
    local_edited, said = articles(project)
    assert SERVED not in said and local_edited == edited  # the dataset store gives what the served copy gave


def test_regression_a_server_answered_before_it_announced_itself() -> None:
    """start_fronts began serving, then called on_ready (which writes serve --memory's serve.json): CI asked once the
    port answered and found no serve.json. Now a front begins serving only once on_ready has returned."""
    announced = threading.Event()
    seen: list[bool] = []
    serving = threading.Event()

    class Front:
        def serve_forever(self) -> None:
            seen.append(announced.is_set())
            serving.set()

    def ready() -> None:
        time.sleep(0.2)  # a slow announcement: a front started before it would begin serving first
        announced.set()

    start_fronts([Front(), Front()], ready)
    assert serving.wait(10)
    deadline = time.monotonic() + 10
    while len(seen) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen == [True, True]
