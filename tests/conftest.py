"""Shared fixtures: the real project, and throwaway copies of it that a test may break."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from rightsgraph.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("ontology", "shapes", "queries", "data", "metadata")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project.locate(ROOT)


@dataclass(frozen=True)
class Built:
    """A copy of the project built into its own dist/, and the quads of the store it was written from."""

    project: Project
    quads: frozenset


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed dataset built once per session, in a copy of the project, by the path `rightsgraph build`
    takes (the incremental build from an empty state, validated; dist/ without docs)."""
    from rightsgraph.build.pipeline import build_incremental, write_dist

    root = tmp_path_factory.mktemp("built")
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, root / part)
    project = Project.locate(root)
    result = build_incremental(project, full=True)
    assert result.violations == [], result.violations
    write_dist(project, result, docs=False)
    return Built(project, frozenset(result.store))


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of ontology/, shapes/, queries/ and data/ that the test may change."""
    for part in PROJECT_PARTS:
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, tmp_path / part)
    return Project.locate(tmp_path)


def project_from_fixture(root: Path, fixture: Path, slug: str) -> Path:
    """A project in `root` with the real ontology, shapes, queries and metadata, and the article of a fixture
    folder (source.txt, annotation.yaml with SHA256 standing for the text's digest, actors.yaml)."""
    for part in ("ontology", "shapes", "queries", "metadata"):
        shutil.copytree(ROOT / part, root / part)
    (root / "data" / "sources").mkdir(parents=True)
    (root / "data" / "annotations").mkdir()
    text = (fixture / "source.txt").read_text(encoding="utf-8")
    (root / "data" / "sources" / f"{slug}.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    annotation = (fixture / "annotation.yaml").read_text(encoding="utf-8").replace("SHA256", digest)
    (root / "data" / "annotations" / f"{slug}.yaml").write_text(annotation, encoding="utf-8")
    shutil.copy(fixture / "actors.yaml", root / "data" / "actors.yaml")
    return root


def minimal_with_dist(root: Path) -> Project:
    """The minimal project copied under `root` and built with its dist/ (no docs), as `rightsgraph build` does."""
    from rightsgraph.build.pipeline import build_incremental, write_dist

    project = Project.locate(project_from_fixture(root, MINIMAL, MINIMAL_SLUG))
    write_dist(project, build_incremental(project, full=True), docs=False)
    return project


MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
MINIMAL_SLUG = "synthetic-article"


def project_from_corpus_fixture(root: Path, fixture: Path) -> Project:
    """The minimal project plus a synthetic corpus folder: its register (actors.yaml) and each SLUG.txt with
    its SLUG.yaml (SHA256 standing for the text's digest)."""
    project_from_fixture(root, MINIMAL, MINIMAL_SLUG)
    shutil.copy(fixture / "actors.yaml", root / "data" / "actors.yaml")
    for text in sorted(fixture.glob("*.txt")):
        body = text.read_text(encoding="utf-8")
        (root / "data" / "sources" / text.name).write_text(body, encoding="utf-8")
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        annotation = text.with_suffix(".yaml").read_text(encoding="utf-8").replace("SHA256", digest)
        (root / "data" / "annotations" / f"{text.stem}.yaml").write_text(annotation, encoding="utf-8")
    return Project.locate(root)


@pytest.fixture
def minimal(tmp_path: Path) -> Project:
    """A project with the real ontology, shapes and queries, and one synthetic article (fixtures/minimal)."""
    return Project.locate(project_from_fixture(tmp_path, MINIMAL, MINIMAL_SLUG))


def add_to_source(project: Project, slug: str, words: str) -> None:
    """Append a sentence to an article's text (so that a test's time or count can be worded as the text words it),
    with the new digest in its annotation."""
    source = project.data_dir / "sources" / f"{slug}.txt"
    before = source.read_text(encoding="utf-8")
    after = before.rstrip("\n") + " " + words + "\n"
    source.write_text(after, encoding="utf-8")
    annotation = project.data_dir / "annotations" / f"{slug}.yaml"
    old, new = (hashlib.sha256(t.encode("utf-8")).hexdigest() for t in (before, after))
    annotation.write_text(annotation.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once in a file; return the 1-based line where the replacement starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _command_prefix() -> list[str]:
    return [sys.executable, "-m", "rightsgraph"]


def run_cli(
    *args: str, root: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed `rightsgraph` command as a user would."""
    command = [*_command_prefix(), *args]
    if root is not None:
        command += ["--root", str(root)] if args and args[0] not in ("--help", "--version") else []
    full_env = {**os.environ, **(env or {})}
    full_env.pop("RIGHTSGRAPH_DEBUG", None)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=full_env)


run_cli.command_prefix = _command_prefix  # type: ignore[attr-defined]


CHROMIUM = "/usr/bin/chromium"  # Debian's chromium, driven by playwright (never `playwright install`)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, launched once for the browser tests, with no background network traffic."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: 'make test' installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed; 'make test' installs it (as root); remove when it is everywhere")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
