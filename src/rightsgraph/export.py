"""Byte-reproducible dumps of the dataset: N-Quads, TriG, Turtle per graph and merged.

Quads are sorted by their N-Quads text before writing, so identical input gives identical bytes
whatever the store's internal order. There are no blank nodes in rightsgraph data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from .jsonld_out import write_jsonld
from .project import GRAPH_NS


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    return sorted(store, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def graph_slug(graph: ox.NamedNode) -> str:
    iri = graph.value
    return iri[len(GRAPH_NS):].replace("/", "--") if iri.startswith(GRAPH_NS) else hashlib.sha256(
        iri.encode()).hexdigest()[:16]


def write_dumps(store: ox.Store, out: Path, prefixes: dict[str, str], context_path: Path) -> list[Path]:
    quads = sorted_quads(store)
    written: list[Path] = []
    nq = out / "rightsgraph.nq"
    ox.serialize(quads, str(nq), ox.RdfFormat.N_QUADS)
    trig = out / "rightsgraph.trig"
    ox.serialize(quads, str(trig), ox.RdfFormat.TRIG, prefixes=prefixes)
    merged = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                    key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    ttl = out / "rightsgraph.ttl"
    ox.serialize(merged, str(ttl), ox.RdfFormat.TURTLE, prefixes=prefixes)
    written += [nq, trig, ttl, write_jsonld(quads, out, context_path)]
    graphs_dir = out / "graphs"
    graphs_dir.mkdir(exist_ok=True)
    by_graph: dict[str, list[ox.Triple]] = {}
    names: dict[str, ox.NamedNode] = {}
    for q in quads:
        key = q.graph_name.value
        names[key] = q.graph_name
        by_graph.setdefault(key, []).append(ox.Triple(q.subject, q.predicate, q.object))
    for key in sorted(by_graph):
        path = graphs_dir / f"{graph_slug(names[key])}.ttl"
        ox.serialize(by_graph[key], str(path), ox.RdfFormat.TURTLE, prefixes=prefixes)
        written.append(path)
    return written


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksums(out: Path) -> Path:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{sha256_file(p)}  {p.relative_to(out).as_posix()}\n" for p in files]
    target = out / "SHA256SUMS"
    target.write_text("".join(lines), encoding="utf-8")
    return target

