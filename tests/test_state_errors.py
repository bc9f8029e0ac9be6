"""The build state and dist/ under trouble: a damaged store, a store another process holds, a full disk.
Each is a one-line error naming the place and the fix, never an internal error, and dist/ stays as it was."""

from __future__ import annotations

import errno
import gc
from pathlib import Path

import pytest

from rightsgraph.build.manifest import Manifest
from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.export import void
from rightsgraph.store.persistent import close_store, open_store, state_dir

from .conftest import run_cli


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device", "somewhere")


def test_regression_a_corrupt_build_store_was_an_internal_error(minimal: Project) -> None:
    build_incremental(minimal)
    close_store(minimal)
    gc.collect()  # the last reference goes: RocksDB closes the store
    (state_dir(minimal) / "store" / "CURRENT").write_text("garbage\n")
    with pytest.raises(UserError, match="build state cannot be read") as caught:
        build_incremental(minimal)
    assert "build --full" in (caught.value.fix or "")
    assert build_incremental(minimal, full=True).violations == []  # the fix it names works


def test_regression_a_command_beside_one_holding_the_store_was_an_internal_error(minimal: Project) -> None:
    build_incremental(minimal)
    open_store(minimal)  # this process holds the store, as a build writing dist/ does
    result = run_cli("validate", root=minimal.root)
    assert result.returncode == 1, result.stderr
    assert "another rightsgraph command" in result.stderr and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    close_store(minimal)


def test_regression_a_full_disk_while_writing_dist_was_an_internal_error(
    minimal: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_incremental(minimal)
    write_dist(minimal, result, docs=False)
    before = sorted(p.name for p in minimal.dist_dir.iterdir())
    monkeypatch.setattr(void, "write_void", full_disk)  # write_dist imports it when it runs
    with pytest.raises(UserError, match="the disk is full") as caught:
        write_dist(minimal, build_incremental(minimal), docs=False)
    assert "free disk space" in (caught.value.fix or "")
    assert sorted(p.name for p in minimal.dist_dir.iterdir()) == before
    assert list(Path(minimal.root).glob(".dist.*")) == []


def test_regression_a_full_disk_while_keeping_the_build_state_was_an_internal_error(
    minimal: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Manifest, "save", full_disk)
    with pytest.raises(UserError, match="the disk is full"):
        build_incremental(minimal)
    monkeypatch.undo()
    assert build_incremental(minimal).violations == []  # and the next build, with space, is whole
