"""Crashes lose nothing: a build killed (SIGKILL) at any commit point, then the build a user runs next,
gives exactly the dist/ of a clean build of the files as they are then, whether the user reverted the edit
(the worst case: the store holds what no file says any more) or kept it. dist/ is the previous build or the
new one, whole, at every instant, and what a killed build leaves beside it is removed by the next."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import MINIMAL_SLUG, project_from_fixture, run_cli

pytestmark = pytest.mark.slow

KILL_AT = Path(__file__).with_name("kill_at.py")
GEN_CORPUS = Path(__file__).parents[1] / "scripts" / "gen_corpus.py"
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
BUILD = ["build", "--no-docs", "--quiet"]
OLD_NAME, NEW_NAME = "name: Synthetic Ministry\n", "name: Synthetic Ministry of Edits\n"
# The commit points of an incremental build after the register changed, in the order they come: the
# manifest that forgets the graphs about to change, the store's removal and load of the register, the
# final manifest, and the swap of dist/ (atomic exchange, or two renames where there is none).
POINTS = [
    ("manifest-save", 1, "before"),
    ("manifest-save", 1, "after"),
    ("store-remove_graph", 1, "after"),
    ("store-load", 1, "after"),
    ("manifest-save", 2, "before"),
    ("manifest-save", 2, "after"),
    ("dist-exchange", 1, "before"),
    ("dist-exchange", 1, "after"),
    ("dist-rename", 1, "after"),
    ("dist-rename", 2, "after"),
]


def snapshot(dist: Path) -> dict[str, str]:
    return {
        p.relative_to(dist).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(dist.rglob("*"))
        if p.is_file()
    }


def killed_build(root: Path, point: str, n: int, when: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(KILL_AT), point, str(n), when, "--", *BUILD, "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def build(root: Path) -> None:
    result = run_cli(*BUILD, root=root)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project, built once: dist/ and the build state a later build starts from."""
    root = project_from_fixture(tmp_path_factory.mktemp("template"), FIXTURE, MINIMAL_SLUG)
    build(root)
    return root


@pytest.fixture(scope="module")
def clean(template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """dist/ of a clean build (no earlier state) of the files as they were, and with the edit."""
    out = {"reverted": snapshot(template / "dist")}
    edited = tmp_path_factory.mktemp("edited") / "project"
    shutil.copytree(template, edited, ignore=shutil.ignore_patterns(".rightsgraph", "dist"))
    register = edited / "data" / "actors.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME), encoding="utf-8")
    build(edited)
    out["kept"] = snapshot(edited / "dist")
    assert out["kept"] != out["reverted"]
    return out


def crash_then_build(template: Path, work: Path, point: tuple[str, int, str], revert: bool) -> dict:
    root = work / f"{point[0]}-{point[1]}-{point[2]}-{'reverted' if revert else 'kept'}"
    shutil.copytree(template, root)
    register = root / "data" / "actors.yaml"
    original = register.read_text(encoding="utf-8")
    register.write_text(original.replace(OLD_NAME, NEW_NAME), encoding="utf-8")
    crashed = killed_build(root, *point)
    during = snapshot(root / "dist") if (root / "dist").is_dir() else None
    if revert:
        register.write_text(original, encoding="utf-8")
    after = run_cli(*BUILD, root=root)
    return {
        "killed": crashed.returncode,
        "stderr": crashed.stderr + after.stderr,
        "dist after the crash": during,
        "exit": after.returncode,
        "dist": snapshot(root / "dist"),
        "leftovers": sorted(p.name for p in root.glob(".dist.*")),
    }


@pytest.fixture(scope="module")
def outcomes(template: Path, clean: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("crashes")
    with ThreadPoolExecutor(max_workers=3) as pool:
        return {
            (point, revert): pool.submit(crash_then_build, template, work, point, revert)
            for point in POINTS
            for revert in (True, False)
        }


@pytest.mark.parametrize("revert", [True, False], ids=["reverted", "kept"])
@pytest.mark.parametrize("point", POINTS, ids=["-".join(map(str, p)) for p in POINTS])
def test_a_build_killed_at_a_commit_point_then_rebuilt_equals_a_clean_build(
    point: tuple[str, int, str], revert: bool, outcomes: dict, clean: dict
) -> None:
    outcome = outcomes[(point, revert)].result()
    assert outcome["killed"] == -9, f"the build was not killed at {point}: {outcome['stderr']}"
    whole = [clean["reverted"], clean["kept"]]
    if point[0] == "dist-rename":  # two renames: between them there is no dist/, which the next build repairs
        whole.append(None)
    assert outcome["dist after the crash"] in whole, "dist/ was not whole after the kill"
    assert outcome["exit"] == 0, outcome["stderr"]
    assert outcome["dist"] == clean["reverted" if revert else "kept"]
    assert outcome["leftovers"] == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of 22 articles, built once: a change to all of them goes through the bulk load."""
    root = tmp_path_factory.mktemp("corpus") / "project"
    subprocess.run([sys.executable, str(GEN_CORPUS), "--articles", "22", "--out", str(root)], check=True)
    build(root)
    return root


def headlines(root: Path, old: str, new: str) -> None:
    for path in sorted((root / "data" / "annotations").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_build_killed_in_its_bulk_load_then_reverted_equals_a_clean_build(
    when: str, corpus: Path, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(corpus, root)
    headlines(root, "Synthetic report", "Synthetic dispatch")
    assert killed_build(root, "store-bulk_load", 1, when).returncode == -9
    headlines(root, "Synthetic dispatch", "Synthetic report")
    build(root)
    assert snapshot(root / "dist") == snapshot(corpus / "dist")


def test_regression_a_dist_symlink_was_replaced_by_a_directory(template: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns("dist"))
    (tmp_path / "published").mkdir()
    (root / "dist").symlink_to(tmp_path / "published")
    build(root)
    build(root)  # the second build replaces what the link points to
    assert (root / "dist").is_symlink() and (root / "dist").resolve() == (tmp_path / "published").resolve()
    assert "rightsgraph.nq" in snapshot(root / "dist")
    assert sorted(p.name for p in tmp_path.glob(".published.*")) == []
