"""Byte-reproducible dumps of the dataset: N-Quads, TriG, JSON-LD, Turtle per graph and merged.

Each graph is dumped by Oxigraph as N-Triples and its lines sorted as bytes; graphs follow in the
order of their IRIs. Identical input gives identical bytes whatever the store's internal order, and
no Python object is made per triple except where a writer needs one. There are no blank nodes in
rightsgraph data.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import GRAPH_NS
from rightsgraph.export.jsonld import write_jsonld


def sorted_graphs(store: ox.Store) -> dict[str, list[bytes]]:
    """Graph IRI -> its triples as sorted N-Triples lines (without the newline), graphs in IRI order."""
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        raise ValueError("rightsgraph keeps every triple in a named graph; this store's default graph has some")
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    dumped = {g.value: sorted_lines(store, g.value) for g in graphs}
    return {graph: lines for graph, lines in dumped.items() if lines}


def sorted_lines(store: ox.Store, graph: str) -> list[bytes]:
    """One graph of the store as sorted N-Triples lines (without the newline)."""
    return sorted(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).splitlines())


def nquads_lines(graphs: dict[str, list[bytes]]):
    """N-Quads lines (with newline) of sorted_graphs: each N-Triples line ' .' becomes ' <graph> .'."""
    for graph, lines in graphs.items():
        suffix = b" <" + graph.encode() + b"> .\n"
        for line in lines:
            yield line[:-2] + suffix


def triples_of(lines: list[bytes]):
    return ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)


def graph_slug(graph: ox.NamedNode) -> str:
    iri = graph.value
    return (
        iri[len(GRAPH_NS) :].replace("/", "--")
        if iri.startswith(GRAPH_NS)
        else hashlib.sha256(iri.encode()).hexdigest()[:16]
    )


def jsonld_from_nquads(nq: Path, out: Path, context_path: Path) -> Path:
    """rightsgraph.jsonld from the sorted N-Quads dump (quads grouped by graph, then by subject)."""
    quads: Iterable[ox.Quad] = ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)
    return write_jsonld(itertools.groupby(quads, key=lambda q: q.graph_name.value), out, context_path)


def write_dumps(
    store: ox.Store,
    out: Path,
    prefixes: dict[str, str],
    context_path: Path,
    jobs: int = 1,
    graphs: dict[str, list[bytes]] | None = None,
) -> list[Path]:
    """Every dump (of `graphs`, the store's sorted_graphs, when the caller has them already); with jobs > 1 the
    JSON-LD (the slowest writer, pure Python) is written by a second process while this one writes the rest."""
    graphs = sorted_graphs(store) if graphs is None else graphs
    nq = out / "rightsgraph.nq"
    with open(nq, "wb") as handle:
        handle.writelines(nquads_lines(graphs))
    pool, jsonld = None, None
    if jobs > 1:  # forkserver, not fork: see build.workers.pool_map
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("forkserver"))
        jsonld = pool.submit(jsonld_from_nquads, nq, out, context_path)
    try:
        written = _write_turtle_dumps(graphs, nq, out, prefixes)
        written.insert(3, jsonld.result() if jsonld is not None else jsonld_from_nquads(nq, out, context_path))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return written


def _write_turtle_dumps(graphs: dict[str, list[bytes]], nq: Path, out: Path, prefixes: dict[str, str]) -> list[Path]:
    trig = out / "rightsgraph.trig"
    ox.serialize(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS), str(trig), ox.RdfFormat.TRIG, prefixes=prefixes)
    ttl = out / "rightsgraph.ttl"
    merged = sorted(set().union(*graphs.values()))
    ox.serialize(triples_of(merged), str(ttl), ox.RdfFormat.TURTLE, prefixes=prefixes)
    del merged
    written = [nq, trig, ttl]
    graphs_dir = out / "graphs"
    graphs_dir.mkdir(exist_ok=True)
    for graph, lines in graphs.items():
        path = graphs_dir / f"{graph_slug(ox.NamedNode(graph))}.ttl"
        ox.serialize(triples_of(lines), str(path), ox.RdfFormat.TURTLE, prefixes=prefixes)
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
