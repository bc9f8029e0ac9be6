"""`rightsgraph build` with nothing changed leaves dist/ as it is (build.pipeline.current_dist): it would write the
same bytes (a no-change build took longer than a full one at 1M triples). Anything dist/ is made from, changed,
and dist/ is written again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightsgraph.core.project import Project

from .conftest import edit, project_from_corpus_fixture, run_cli
from .test_identity import CORPUS


def build(project: Project, *extra: str) -> dict:
    result = run_cli("build", "--json", *extra, root=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def dist_bytes(project: Project) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(project.dist_dir.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    return project_from_corpus_fixture(tmp_path, CORPUS)


def test_a_build_with_nothing_changed_keeps_dist_and_says_so(corpus: Project) -> None:
    first = build(corpus, "--no-docs")
    assert "dist" not in first
    before, written = dist_bytes(corpus), corpus.dist_dir.joinpath("rightsgraph.nq").stat().st_mtime_ns
    again = build(corpus, "--no-docs")
    assert again["dist"] == "current" and again["rebuilt"] == []
    assert sorted(again["files"]) == sorted(first["files"]) and again["graphs"] == first["graphs"]
    assert dist_bytes(corpus) == before
    assert corpus.dist_dir.joinpath("rightsgraph.nq").stat().st_mtime_ns == written
    plain = run_cli("build", "--no-docs", root=corpus.root)
    assert "dist/ is current" in plain.stdout
    full = build(corpus, "--no-docs", "--full")
    assert "dist" not in full and dist_bytes(corpus) == before  # --full writes it again, the same bytes


@pytest.mark.parametrize(
    "change",
    [
        "an article",
        "a library question",
        "the metadata",
        "the docs option",
        "a file of dist/",
        "a validate",
        "a file of dist/ edited",  # regression: only the files' presence was checked
        "a file added to dist/",
    ],
)
def test_anything_dist_is_made_from_changed_writes_it_again(corpus: Project, change: str) -> None:
    build(corpus, "--no-docs")
    article = corpus.data_dir / "annotations" / "synthetic-follow-up.yaml"
    options = ["--no-docs"]
    if change == "an article":
        edit(article, "name: lawyers", "name: the lawyers")
    elif change == "a library question":
        question = corpus.queries_dir / "stance-network.rq"
        question.write_text(question.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "the metadata":
        metadata = corpus.root / "metadata" / "dataset.ttl"
        metadata.write_text(metadata.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "the docs option":
        options = []
    elif change == "a file of dist/":
        (corpus.dist_dir / "network.html").unlink()
    elif change == "a file of dist/ edited":
        page = corpus.dist_dir / "network.html"
        page.write_text(page.read_text(encoding="utf-8").replace("<html", "<html data-edited", 1), encoding="utf-8")
    elif change == "a file added to dist/":
        (corpus.dist_dir / "stray.txt").write_text("left here\n", encoding="utf-8")
    else:
        edit(article, "name: lawyers", "name: the lawyers")
        assert run_cli("validate", root=corpus.root).returncode == 0
    again = build(corpus, *options)
    assert "dist" not in again, change
    assert (corpus.dist_dir / "network.html").is_file() and not (corpus.dist_dir / "stray.txt").exists()
    assert "data-edited" not in (corpus.dist_dir / "network.html").read_text(encoding="utf-8")
    assert build(corpus, *options)["dist"] == "current"  # and then it is current


def test_regression_a_current_dist_dropped_the_notes_of_the_build(tmp_path: Path) -> None:
    """A project with no article yet: the build says so, and so does the build that finds dist/ current."""
    project = project_from_corpus_fixture(tmp_path, CORPUS)
    for path in [*(project.data_dir / "annotations").glob("*.yaml"), *(project.data_dir / "sources").glob("*.txt")]:
        path.unlink()
    first = build(project, "--no-docs")
    assert first["notes"] and "no annotated article" in first["notes"][0]
    again = build(project, "--no-docs")
    assert again["dist"] == "current" and again["notes"] == first["notes"]


def test_regression_a_current_dist_left_what_a_killed_build_had_staged_beside_it(corpus: Project) -> None:
    """A build killed before the swap leaves its staging directory; the next build, finding dist/ current, still
    removes it (found by tests/test_crash.py)."""
    build(corpus, "--no-docs")
    staging = corpus.root / ".dist.staging-99999"
    staging.mkdir()
    (staging / "rightsgraph.nq").write_text("", encoding="utf-8")
    assert build(corpus, "--no-docs")["dist"] == "current"
    assert not staging.exists()
