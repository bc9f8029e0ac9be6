"""The built dataset as an embedded store: dist/rightsgraph.nq loaded into memory, as queries, the
network commands and the Python API read it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project


def dump_path(project: Project) -> Path:
    return project.dist_dir / "rightsgraph.nq"


def built_dump(project: Project) -> Path:
    """The dump of the last build, or a clear error when there is none."""
    dump = dump_path(project)
    if not dump.is_file():
        raise UserError("no built dataset to serve or publish", dump, fix="run 'rightsgraph build' first")
    return dump


def load_dump(project: Project) -> ox.Store | None:
    """The built dataset in an in-memory store, or None before any build."""
    dump = dump_path(project)
    if not dump.is_file():
        return None
    store = ox.Store()
    store.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return store
