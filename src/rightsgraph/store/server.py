"""The store of `serve`: the built dataset behind a local Oxigraph server.

The N-Quads dump is loaded into a store directory (<root>/.rightsgraph/store, rebuilt each time) and
served by `oxigraph serve-read-only` (PyPI `oxigraph`, the optional extra `rightsgraph[server]`): updates
are refused, the default graph is the union of the named graphs (as the queries expect), queries time out,
and it listens on 127.0.0.1 unless told otherwise. Oxigraph follows SERVICE clauses to any URL: a server
bound to a public address lets anyone make it send requests, so keep it on loopback unless you mean it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.store.embedded import built_dump


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UserError(
            "the Oxigraph server is not installed",
            fix="pip install 'rightsgraph[server]' (the Oxigraph server is an optional extra; make install adds it)",
        )
    return found


def prepare_store(project: Project, location: Path | None = None) -> Path:
    location = location or project.root / ".rightsgraph" / "store"
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    done = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(built_dump(project))],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise UserError(
            f"oxigraph load failed: {done.stderr.strip()[:300]}",
            location,
            fix="check that no other server has this store open",
        )
    return location


def serve_command(location: Path, bind: str, timeout: int) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]
