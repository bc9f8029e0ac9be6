"""`serve --memory`: the dataset in an in-memory pyoxigraph store inside `serve` itself, which answers the library's
questions several times faster than the on-disk dataset store (at a million triples, `stance-network` in 1.2 s
against 6 s; docs/benchmarks-cli.md), kept level with that store from build to build, and found by `rightsgraph
query`. The store lives in the serving process and is asked only through pyoxigraph's `query()`, which runs no
update: nothing on the machine can write to it (no writable server listens; store.memory_front answers /query).

- Loading (load_memory): the dump of dist/ when the dataset store holds it unchanged (its record's stamp is the
  dump's checksum; about 5 s at 1M triples), else the store's own quads (after a `validate` the store is ahead of
  dist/; about 12 s), from one consistent snapshot (`snapshot`: the stamp before, the store opened, its record read
  after, all agreeing).
- Following (MemoryFollower, every half second): when the dataset store's stamp changes (a build or a clean validate
  synced it, store.dataset), the graphs whose digests changed are read from the store and replaced by one SPARQL
  update (all DROPs, then one INSERT DATA), which pyoxigraph applies as one transaction: a question sees the dataset
  before or after, never between. A sync that changed most graphs (a build from empty) loads a new store, which
  takes over in one assignment. A failed update is reported once and tried again at the next change.
- Finding: while it serves, `serve` keeps .rightsgraph/serve.json: the URL of its query endpoint, its process id, a
  random token its answers carry (X-Rightsgraph-Serve) and the stamp it serves. `rightsgraph query` asks that
  endpoint instead of opening the store when the process answers with the token and serves the stamp the store
  holds now (a serve that lags, or one of another copy of the project, is not asked).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.store.dataset import dataset_stamp, dump_checksum, open_dataset, read_state

RELOAD_SHARE = 0.5  # a sync that replaced more than this share of the graphs is a full reload
TOKEN_HEADER = "X-Rightsgraph-Serve"
TIMED_OUT = "the question ran past serve's --timeout"  # the words of its refusal, which `query` recognises


def serve_file(project: Project) -> Path:
    return project.root / ".rightsgraph" / "serve.json"


@dataclass
class Held:
    """What `serve --memory` holds: the store its answers come from (replaced whole by a full reload), the stamp
    and graph digests of the dataset it holds, and the token of its answers."""

    store: ox.Store
    stamp: str
    digests: dict[str, str]
    token: str = field(default_factory=lambda: secrets.token_hex(16))


def snapshot(project: Project) -> tuple[ox.Store, str, dict[str, str]] | None:
    """The dataset store opened read-only with the stamp and digests of what it holds; None while a sync is under
    way (the stamp before the opening, the record read after it and the stamp after must agree)."""
    before = dataset_stamp(project)
    store = open_dataset(project)
    state = read_state(project)
    if store is None or before is None or state.get("stamp") != before or dataset_stamp(project) != before:
        return None
    return store, before, dict(state.get("graphs", {}))


def load_memory(project: Project) -> tuple[ox.Store, str, dict[str, str]]:
    """An in-memory store holding what the dataset store holds, with its stamp and digests."""
    for _ in range(20):  # a sync under way withdraws the record until the store is complete: wait for it
        taken = snapshot(project)
        if taken is None:
            time.sleep(0.5)
            continue
        disk, stamp, digests = taken
        memory = ox.Store()
        dump = project.dist_dir / "rightsgraph.nq"
        if stamp == dump_checksum(project.dist_dir) and dump.is_file():
            del disk
            memory.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            if dataset_stamp(project) != stamp:  # a build replaced dist/ meanwhile: load again
                continue
        else:
            memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        return memory, stamp, digests
    raise UserError("no dataset store holds dist/ yet", fix="run rightsgraph build first")


def replace_graphs(store: ox.Store, changed: list[str], removed: list[str]) -> str:
    """One SPARQL update that drops `removed` and `changed` and inserts each of `changed` as `store` holds it (one
    INSERT DATA: a blank node shared by two graphs stays one node)."""
    drops = [f"DROP SILENT GRAPH <{graph}>" for graph in [*removed, *changed]]
    blocks = []
    for graph in changed:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        if triples:
            data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
            blocks.append(f"GRAPH <{graph}> {{\n{data}}}")
    inserts = [f"INSERT DATA {{\n{chr(10).join(blocks)}\n}}"] if blocks else []
    return " ;\n".join([*drops, *inserts]) + "\n"


class MemoryFollower:
    """Asked every half second by the front (store.memory_front): keeps `held` level with the dataset store."""

    def __init__(self, project: Project, held: Held) -> None:
        self.project, self.held = project, held
        self.failed: str | None = None  # the stamp an update failed at: reported once, tried at the next change
        self.on_stamp: list = []  # called with the stamp after each change of what is served

    def __call__(self) -> None:
        stamp = dataset_stamp(self.project)
        if stamp is None or stamp in (self.held.stamp, self.failed):
            return
        taken = snapshot(self.project)
        if taken is None:
            return  # a sync is under way: look again at the next turn
        disk, stamp, digests = taken
        changed = sorted(g for g, d in digests.items() if self.held.digests.get(g) != d)
        removed = sorted(g for g in self.held.digests if g not in digests)
        try:
            if len(changed) + len(removed) > RELOAD_SHARE * max(len(digests), 1):
                del disk
                store, stamp, digests = load_memory(self.project)
                self.held.store = store  # one assignment: the next question asks the new store
            else:
                self.held.store.update(replace_graphs(disk, changed, removed))
        except (OSError, SyntaxError, ValueError, UserError) as exc:
            self.failed = stamp
            print(f"warning: serve --memory could not follow the last sync ({exc}); it serves the one before",
                  file=sys.stderr)  # fmt: skip
            return
        self.held.stamp, self.held.digests, self.failed = stamp, digests, None
        for call in self.on_stamp:
            call(stamp)


def announce(project: Project, url: str, held: Held) -> None:
    """Write serve.json (one rename: a reader sees the old record or the new one)."""
    path = serve_file(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    record = {"url": url, "pid": os.getpid(), "token": held.token, "stamp": held.stamp}
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, path)


def withdraw_announcement(project: Project) -> None:
    """Remove serve.json if this process wrote it."""
    path = serve_file(project)
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()


def served_endpoint(project: Project) -> str | None:
    """The query endpoint of a `serve --memory` of this project that serves what the dataset store holds now; else
    None. A record left by a serve that died, one of a copy of the project, or one that has not caught up with the
    last sync, is not used."""
    try:
        record = json.loads(serve_file(project).read_text(encoding="utf-8"))
        url, token, stamp = str(record["url"]), str(record["token"]), record["stamp"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stamp is None or stamp != dataset_stamp(project):
        return None
    try:
        import urllib.request  # HTTP's modules, only where a server may answer

        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as answer:
            return url if answer.status == 200 and answer.headers.get(TOKEN_HEADER) == token else None
    except (OSError, ValueError):
        return None


def front_url(address: tuple) -> str:
    """The query endpoint of the front listening on `address` (a socket's name), as this machine reaches it."""
    host, port = str(address[0]), int(address[1])
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/query"
