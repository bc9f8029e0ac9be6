"""`serve --memory`: the dataset in an in-memory Oxigraph, which answers the library's questions several times
faster than the on-disk dataset store (at a million triples, `stance-network` in 1.2 s against 6 s; docs/
benchmarks-cli.md), kept level with that store from build to build, and found by `rightsgraph query`.

- Loading: `oxigraph serve` on an in-memory store (store.server), then the dataset POSTed to it as N-Quads: the dump
  of dist/ when the dataset store holds it unchanged (its record's stamp is the dump's checksum), else the store's
  own quads (after a `validate`, the store is ahead of dist/), written to a temporary file first.
- Following (MemoryFollower, asked every half second by the front): when the dataset store's stamp changes (a build
  or a clean validate synced it, store.dataset), the graphs whose digests changed are read from the store and
  replaced in the running Oxigraph by one SPARQL update request (DROP and INSERT DATA per graph), without a restart
  or a reload; a graph the store no longer has is dropped. A sync that replaced most graphs (a build from empty)
  loads the whole dataset into a new Oxigraph instead, which takes over once loaded.
- Finding: while it serves, `serve` keeps .rightsgraph/serve.json: the URL of its query endpoint, its process id
  and the stamp it serves. `rightsgraph query` asks that endpoint instead of opening the store when the process is
  alive, answers, and serves the stamp the store holds now (a serve that lags or failed to follow is not asked).
  The endpoint answers through the front, which passes on only what reads (store.front).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import tempfile
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.store.dataset import dataset_stamp, dump_checksum, open_dataset, read_state
from rightsgraph.store.follow import Swapping
from rightsgraph.store.server import Oxigraph, start_server, stop_server

LOAD_WAIT_S = 3600  # a dataset of ten million triples loads in minutes
RELOAD_SHARE = 0.5  # a sync that replaced more than this share of the graphs is a full reload


def serve_file(project: Project) -> Path:
    return project.root / ".rightsgraph" / "serve.json"


def _request(server: Oxigraph, method: str, path: str, body: object, content_type: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=LOAD_WAIT_S)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": content_type})  # type: ignore[arg-type]
        answer = connection.getresponse()
        detail = answer.read().decode("utf-8", "replace").strip()[:300]
    except OSError as exc:
        raise UserError(f"the in-memory Oxigraph server did not take the dataset: {exc}") from None
    finally:
        connection.close()
    if answer.status >= 300:
        raise UserError(f"the in-memory Oxigraph server refused the dataset ({answer.status}): {detail}")


def _load(project: Project, server: Oxigraph, stamp: str) -> None:
    """POST the dataset the store holds under `stamp` to an empty in-memory Oxigraph."""
    dump = project.dist_dir / "rightsgraph.nq"
    if stamp == dump_checksum(project.dist_dir) and dump.is_file():
        with dump.open("rb") as handle:
            _request(server, "POST", "/store", handle, "application/n-quads")
        return
    store = open_dataset(project)
    if store is None:
        raise UserError("the dataset store changed while serve was loading it", fix="run rightsgraph serve again")
    with tempfile.NamedTemporaryFile(suffix=".nq", dir=project.root / ".rightsgraph") as quads:
        store.dump(quads.name, format=ox.RdfFormat.N_QUADS)
        del store
        with open(quads.name, "rb") as handle:
            _request(server, "POST", "/store", handle, "application/n-quads")


def start_memory(project: Project, timeout: int, cors: bool) -> tuple[Oxigraph, str, dict[str, str]]:
    """An in-memory Oxigraph holding the dataset store's dataset: the server, the stamp it holds and the digests of
    its graphs (from the store's record)."""
    stamp = dataset_stamp(project)
    if stamp is None:
        raise UserError("no dataset store holds dist/ yet", fix="run rightsgraph build first")
    digests = dict(read_state(project).get("graphs", {}))
    server = start_server(None, timeout, cors)
    try:
        _load(project, server, stamp)
    except BaseException:
        stop_server(server)
        raise
    return server, stamp, digests


def replace_graphs(store: ox.Store, changed: list[str], removed: list[str]) -> bytes:
    """One SPARQL update that drops `removed` and replaces each of `changed` with its triples in `store`."""
    parts = [f"DROP SILENT GRAPH <{graph}> ;\n".encode() for graph in [*removed, *changed]]
    for graph in changed:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        if triples:
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n".encode() + data + b"} } ;\n")
    return b"".join(parts).rstrip(b" ;\n") + b"\n"


class MemoryFollower(Swapping):
    """Called every half second by the front (store.front.run_front): keeps the in-memory Oxigraph level with the
    dataset store; returns a new server only after a full reload (None to keep the current one)."""

    def __init__(self, project: Project, stamp: str, digests: dict[str, str], timeout: int, cors: bool) -> None:
        super().__init__()
        self.project, self.stamp, self.digests, self.timeout, self.cors = project, stamp, digests, timeout, cors
        self.on_stamp: list = []  # called with (server, stamp) after each change of what is served

    def __call__(self, current: Oxigraph) -> Oxigraph | None:
        stamp = dataset_stamp(self.project)
        if stamp is None or stamp == self.stamp:
            return None
        state = read_state(self.project)
        store = open_dataset(self.project)
        if store is None or state.get("stamp") != stamp:
            return None  # a sync is under way: look again at the next turn
        digests: dict[str, str] = dict(state.get("graphs", {}))
        changed = sorted(g for g, d in digests.items() if self.digests.get(g) != d)
        removed = sorted(g for g in self.digests if g not in digests)
        newer = None
        try:
            if len(changed) + len(removed) > RELOAD_SHARE * max(len(digests), 1):
                del store
                newer, stamp, digests = start_memory(self.project, self.timeout, self.cors)
            else:
                update = replace_graphs(store, changed, removed)
                _request(current, "POST", "/update", update, "application/sparql-update")
        except UserError:
            return None  # the next turn tries again
        self.stamp, self.digests = stamp, digests
        if newer is not None:
            self.take_over(current, newer, self.timeout + 60)
        for call in self.on_stamp:
            call(newer or current, stamp)
        return newer


def announce(project: Project, url: str, stamp: str) -> None:
    """Write serve.json (one rename: a reader sees the old record or the new one)."""
    path = serve_file(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid(), "stamp": stamp}), encoding="utf-8")
    os.replace(tmp, path)


def withdraw_announcement(project: Project) -> None:
    """Remove serve.json if this process wrote it."""
    path = serve_file(project)
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()


def served_endpoint(project: Project) -> str | None:
    """The query endpoint of a `serve --memory` of this project that serves what the dataset store holds now; else
    None. A record left by a serve that died, or one that has not caught up with the last sync, is not used."""
    try:
        record = json.loads(serve_file(project).read_text(encoding="utf-8"))
        pid, url, stamp = int(record["pid"]), str(record["url"]), record["stamp"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    if stamp is None or stamp != dataset_stamp(project):
        return None
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as answer:
            return url if answer.status == 200 else None
    except (OSError, ValueError):
        return None


def front_url(address: tuple) -> str:
    """The query endpoint of the front listening on `address` (a socket's name), as this machine reaches it."""
    host, port = str(address[0]), int(address[1])
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/query"
