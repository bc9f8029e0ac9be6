"""The persistent store of incremental builds: an Oxigraph (RocksDB) store under .rightsgraph/build/store,
opened once per process, guarded by the build lock, copied to memory where the whole dataset is read
many times."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.distdir import build_lock
from rightsgraph.core.errors import UserError, is_disk_full
from rightsgraph.core.project import Project

_OPEN_STORES: dict[str, ox.Store] = {}


def state_dir(project: Project) -> Path:
    """Where builds keep what they carry over: the store, the manifest and the sourcemaps."""
    return project.root / ".rightsgraph" / "build"


def store_path(project: Project) -> str:
    return str((state_dir(project) / "store").resolve())


def open_store(project: Project) -> ox.Store:
    """The persistent store, opened once per process (RocksDB allows one opener). Another process that has
    it open, or a store damaged on disk, is a one-line error: the store is a cache of data/, which a full
    build remakes."""
    path = store_path(project)
    if path not in _OPEN_STORES:
        state_dir(project).mkdir(parents=True, exist_ok=True)
        try:
            _OPEN_STORES[path] = ox.Store(path)
        except (OSError, RuntimeError) as exc:
            if "lock" in str(exc).lower():
                raise UserError(
                    "another rightsgraph command (a build, validate or query) is using the build state",
                    path,
                    fix="wait for it to finish, then run this again",
                ) from None
            if is_disk_full(exc):
                raise
            raise UserError(
                f"the build state cannot be read ({exc})",
                path,
                fix="run 'rightsgraph build --full', which remakes it from data/",
            ) from None
    return _OPEN_STORES[path]


def reset_store(project: Project, keep: Collection[str] = ()) -> None:
    """Forget the store and everything kept beside it but the entries named in `keep` (what this run has just
    written there). Call it under state_lock. The files are removed (faster than clearing RocksDB) unless this
    process has the store open (RocksDB refuses a second handle while one lives): then it is cleared, and the rest of
    the state directory is removed."""
    path = store_path(project)
    opened = path in _OPEN_STORES
    if opened:
        _OPEN_STORES[path].clear()
    elif not keep:
        shutil.rmtree(state_dir(project), ignore_errors=True)
        return
    try:
        found = list(state_dir(project).iterdir())
    except FileNotFoundError:
        return
    for item in found:
        if (item.name in keep and item.is_dir() and not item.is_symlink()) or (opened and str(item.resolve()) == path):
            continue  # a kept name that is no folder (a crash's leftover) goes: a build from empty mends the state
        shutil.rmtree(item, ignore_errors=not opened) if item.is_dir() and not item.is_symlink() else item.unlink()


def close_stores() -> None:
    """Drop this process's handles on every persistent store (each closes once nothing else refers to it)."""
    _OPEN_STORES.clear()


def close_store(project: Project) -> None:
    """Drop this process's handle on the persistent store (it closes once nothing else refers to it)."""
    _OPEN_STORES.pop(store_path(project), None)


@contextmanager
def state_lock(project: Project) -> Iterator[None]:
    (project.root / ".rightsgraph").mkdir(exist_ok=True)
    with build_lock(project.root / ".rightsgraph"):
        yield


def memory_copy(store: ox.Store) -> ox.Store:
    """An in-memory copy of a store: what reads the whole dataset many times answers far faster from it
    than from RocksDB, and copying is one load in Rust."""
    memory = ox.Store()
    memory.load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return memory


def graph_bytes(store: ox.Store, graph: str) -> bytes:
    """One named graph of a store as N-Quads."""
    data = ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)), format=ox.RdfFormat.N_QUADS)
    assert data is not None  # serialize returns the bytes when given no output
    return data
