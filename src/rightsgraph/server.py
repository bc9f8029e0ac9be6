"""`serve` and `publish`: the built dataset behind a local Oxigraph server, or pushed to any SPARQL
server with the Graph Store Protocol.

serve: the N-Quads dump is loaded into a store directory (<root>/.rightsgraph/store, rebuilt each
time) and served by `oxigraph serve-read-only` (PyPI `oxigraph`): updates are refused, the default
graph is the union of the named graphs (as the queries expect), queries time out, and it listens on
127.0.0.1 unless told otherwise. Oxigraph follows SERVICE clauses to any URL: a server bound to a
public address lets anyone make it send requests, so keep it on loopback unless you mean it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from .errors import UserError
from .export import sorted_graphs, triples_of
from .project import Project
from .remote import Sent, put_graph


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UserError("the Oxigraph server is not installed", fix="pip install oxigraph (make run installs it)")
    return found


def dump_path(project: Project) -> Path:
    dump = project.dist_dir / "rightsgraph.nq"
    if not dump.is_file():
        raise UserError("no built dataset to serve or publish", dump, fix="run 'rightsgraph build' first")
    return dump


def prepare_store(project: Project, location: Path | None = None) -> Path:
    location = location or project.root / ".rightsgraph" / "store"
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    done = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(dump_path(project))],
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


def graphs_of(project: Project) -> dict[str, list[ox.Triple]]:
    store = ox.Store()
    store.bulk_load(path=str(dump_path(project)), format=ox.RdfFormat.N_QUADS)
    return {graph: list(triples_of(lines)) for graph, lines in sorted_graphs(store).items()}


def publish(project: Project, store_url: str, on_sent=None) -> list[Sent]:
    """PUT every named graph; a re-run replaces each graph again, so it never duplicates."""
    sent = []
    for graph, triples in graphs_of(project).items():
        result = put_graph(store_url, graph, triples)
        sent.append(result)
        if on_sent:
            on_sent(result)
    return sent
