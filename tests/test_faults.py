"""Faults: a server dying in the middle of publish, two builds at once, a crash while writing dist/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.core.distdir import build_lock
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.export import void
from rightsgraph.export.publish import publish

from .conftest import Built, run_cli
from .servers import free_port, start_oxigraph


def summary(project: Project, endpoint: str | None = None) -> list[dict]:
    return json.loads(Dataset(project, endpoint=endpoint).serialized("dataset-summary", "json"))["results"]["bindings"]


@pytest.mark.server
def test_server_killed_in_the_middle_of_publish_then_a_rerun_completes(built: Built, tmp_path: Path) -> None:
    project = built.project
    port = free_port()
    server = start_oxigraph(tmp_path / "store", port)
    store_url = f"http://127.0.0.1:{port}/store"
    sent = []

    def kill_after_first(result) -> None:
        sent.append(result)
        if len(sent) == 1:
            server.terminate()
            server.wait(timeout=10)

    try:
        with pytest.raises(UserError, match="PUT of graph"):
            publish(project, store_url, on_sent=kill_after_first)
        assert len(sent) == 1
        server = start_oxigraph(tmp_path / "store", port)  # the same store, after the crash
        again = run_cli("publish", "--endpoint", store_url, "--json", root=project.root)
        assert again.returncode == 0, again.stderr
        graphs = [entry["graph"] for entry in json.loads(again.stdout)]
        assert len(graphs) == len(set(graphs)) == len({q.graph_name.value for q in built.quads})
        assert summary(project, f"http://127.0.0.1:{port}/query") == summary(project)  # nothing missing or doubled
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_second_build_at_the_same_time_is_refused_and_changes_nothing(project_copy: Project) -> None:
    dist = project_copy.dist_dir
    dist.mkdir()
    (dist / "marker").write_text("previous build", encoding="utf-8")
    (project_copy.root / ".rightsgraph").mkdir()
    with build_lock(project_copy.root / ".rightsgraph"):  # another build holds the store
        result = run_cli("build", "--no-docs", root=project_copy.root)
    assert result.returncode == 1 and "another rightsgraph build is running" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in dist.iterdir()] == ["marker"]


def test_a_crash_while_writing_dist_leaves_the_previous_dist(project_copy: Project, monkeypatch) -> None:
    result = build_incremental(project_copy, full=True)
    write_dist(project_copy, result, docs=False)
    before = {
        p.relative_to(project_copy.dist_dir): p.read_bytes() for p in project_copy.dist_dir.rglob("*") if p.is_file()
    }

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash half-way through the dumps")

    monkeypatch.setattr(void, "write_void", crash)  # write_dist imports it when it runs
    with pytest.raises(RuntimeError, match="simulated crash"):
        write_dist(project_copy, build_incremental(project_copy), docs=False)
    after = {
        p.relative_to(project_copy.dist_dir): p.read_bytes() for p in project_copy.dist_dir.rglob("*") if p.is_file()
    }
    assert after == before
    leftovers = [p.name for p in project_copy.root.iterdir() if p.name.startswith(".dist.")]
    assert leftovers == []
