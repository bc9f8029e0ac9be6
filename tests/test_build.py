"""The build: dist/ contents, byte-identical output across hash seeds, self-contained docs."""

from __future__ import annotations

import re
import shutil

import pytest

from rightsgraph.core.project import Project

from .conftest import run_cli

pytestmark = pytest.mark.slow


def _build(project: Project, seed: str, *options: str) -> dict[str, bytes]:
    result = run_cli("build", "--quiet", *options, root=project.root, env={"PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr
    return {
        p.relative_to(project.dist_dir).as_posix(): p.read_bytes()
        for p in sorted(project.dist_dir.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical_across_hash_seeds_and_jobs(project_copy: Project) -> None:
    first = _build(project_copy, "1")
    shutil.rmtree(project_copy.dist_dir)
    # the JSON-LD, the graphs' own Turtle files and the network figure then come from other processes, the timeline and
    # the reading view from threads (the reading view begun before the dumps: no dist/ in place to take pages from)
    second = _build(project_copy, "4242", "--jobs", "2")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for expected in (
        "rightsgraph.nq",
        "rightsgraph.trig",
        "rightsgraph.ttl",
        "SHA256SUMS",
        "docs/ontology.html",
        "graphs/ontology.ttl",
        "network.svg",
        "network.png",
        "timeline.html",
    ):
        assert expected in first


def test_documentation_loads_nothing_from_the_network(project_copy: Project) -> None:
    files = _build(project_copy, "0")
    pages = [name for name in files if name.startswith("docs/") and name.endswith(".html")]
    assert len(pages) == 1 + len(list(project_copy.vocab_dir.glob("*.ttl")))
    remote = re.compile(rb"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    assert [name for name in pages if remote.search(files[name])] == []
    assert b"Vocabulary" in files["docs/vocab-stance.html"] or b"stance" in files["docs/vocab-stance.html"]


def test_checksums_list_every_file(project_copy: Project) -> None:
    files = _build(project_copy, "0")
    listed = {line.split("  ", 1)[1] for line in files["SHA256SUMS"].decode().splitlines()}
    assert listed == set(files) - {"SHA256SUMS"}
