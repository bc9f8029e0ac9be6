"""Byte-reproducible dumps of the dataset: N-Quads, TriG, JSON-LD, Turtle per graph and merged.

Each graph is dumped by Oxigraph as N-Triples and its lines sorted as bytes; graphs follow in the
order of their IRIs. Identical input gives identical bytes whatever the store's internal order, and
no Python object is made per triple except where a writer needs one. There are no blank nodes in
rightsgraph data.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.authoring.context import load_context
from rightsgraph.core import processes
from rightsgraph.core.dist_reuse import PartsFile, Reuse, read_range
from rightsgraph.core.project import GRAPH_NS
from rightsgraph.export.jsonld import SEPARATOR, TAIL, Compactor, document_head, graph_part
from rightsgraph.export.turtle_parts import OldTurtle, prefix_lines, write_turtle
from rightsgraph.store.dataset import DUMP, SUMS, graph_digest, listed_sums


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


NQ, TRIG, TTL, JSONLD = DUMP, "rightsgraph.trig", "rightsgraph.ttl", "rightsgraph.jsonld"


def write_nquads(
    graphs: dict[str, list[bytes]], out: Path, reuse: Reuse | None = None, digests: dict[str, str] | None = None
) -> tuple[Path, dict[str, tuple[int, int]]]:
    """rightsgraph.nq, and where each graph's lines lie in it; a graph's part is read from the rightsgraph.nq in place
    where `reuse` has it under the graph's digest (the same lines), else made from its lines."""
    nq, ranges, position = out / NQ, {}, 0
    kept = {g: w for g in graphs if (w := reuse.part(NQ, g, digests[g])) is not None} if reuse and digests else {}
    try:
        old = open(reuse.dist / NQ if reuse is not None and kept else os.devnull, "rb")  # noqa: SIM115 (closed below)
    except OSError:  # gone since the record was read: every part made from its lines
        old, kept = open(os.devnull, "rb"), {}  # noqa: SIM115
    with open(nq, "wb") as handle, old:
        for graph, lines in graphs.items():
            where = kept.get(graph)
            if where is None:
                data = b"".join(nquads_lines({graph: lines}))
            else:
                old.seek(where[0])
                data = old.read(where[1] - where[0])
            handle.write(data)
            ranges[graph] = (position, position + len(data))
            position += len(data)
    return nq, ranges


def write_jsonld_dump(
    nq: Path,
    ranges: dict[str, tuple[int, int]],
    digests: dict[str, str],
    out: Path,
    context_path: Path,
    old: Path,
    kept: dict[str, tuple[int, int]],
) -> dict[str, list]:
    """rightsgraph.jsonld, graph by graph: the part of a graph in `kept` (its byte range in the file `old`) as it is,
    every other graph compacted from its lines of the N-Quads dump; where each part lies."""
    compactor = Compactor(load_context(context_path))
    with PartsFile(out / JSONLD, SEPARATOR, TAIL) as target, open(nq, "rb") as quads:
        target.head(document_head(context_path))
        for graph, (start, end) in ranges.items():
            where = kept.get(graph)
            if where is not None:
                target.add(graph, read_range(old, where), digests[graph])
                continue
            quads.seek(start)
            parsed = ox.parse(quads.read(end - start), format=ox.RdfFormat.N_QUADS)
            target.add(graph, graph_part(compactor, graph, parsed), digests[graph])
        return target.close()


def write_dumps(
    store: ox.Store,
    out: Path,
    prefixes: dict[str, str],
    context_path: Path,
    jobs: int = 1,
    graphs: dict[str, list[bytes]] | None = None,
    reuse: Reuse | None = None,
    digests: dict[str, str] | None = None,
    changed: Collection[bytes] | None = None,
) -> list[Path]:
    """Every dump (of `graphs`, the store's sorted_graphs, when the caller has them already), taking from the dist/
    in place what `reuse` allows (and, for the merged Turtle, `changed`: the subjects of the quads added or removed
    since it, as N-Triples writes them); with jobs > 1 the JSON-LD (the slowest writer, pure Python) and the graphs'
    own Turtle files, when most are to write, are written by other processes while this one writes the rest (and the
    build's threads, the reading view, hold the GIL less)."""
    graphs = sorted_graphs(store) if graphs is None else graphs
    digests = {graph: graph_digest(lines) for graph, lines in graphs.items()} if digests is None else digests
    nq, ranges = write_nquads(graphs, out, reuse, digests)
    kept = {}
    if reuse is not None:
        reuse.made_parts(NQ, {graph: [start, end, digests[graph]] for graph, (start, end) in ranges.items()})
        kept = {g: where for g in graphs if (where := reuse.part(JSONLD, g, digests[g])) is not None}
    old = reuse.dist / JSONLD if reuse is not None else out / JSONLD
    job = (nq, ranges, digests, out, context_path, old, kept)
    # the graphs' own Turtle files not linked from the dist/ in place, written from the N-Quads dump
    files, todo = graph_files(graphs, digests, out, reuse)
    turtles = (nq, [(graph, ranges[graph], path) for graph, path in todo], prefixes)
    far_jsonld = jobs > 1 and len(kept) < len(graphs) // 2
    far_files = jobs > 1 and len(todo) > len(graphs) // 2
    pool, jsonld, written = None, None, None
    if far_jsonld or far_files:
        pool = processes.pool(int(far_jsonld) + int(far_files))
        jsonld = pool.submit(write_jsonld_dump, *job) if far_jsonld else None
        written = pool.submit(write_graph_turtle, *turtles) if far_files else None
    try:
        trig = write_trig(graphs, digests, out, prefixes, reuse)
        ttl = out / TTL
        turtle = write_turtle(graphs, ttl, prefixes, _kept_turtle(reuse, changed), changed)
        if reuse is not None:
            reuse.made_parts(TTL, turtle)
        parts = jsonld.result() if jsonld is not None else write_jsonld_dump(*job)
        if written is not None:
            written.result()
        else:
            write_graph_turtle(*turtles)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if reuse is not None:
        reuse.made_parts(JSONLD, parts)
    return [nq, trig, ttl, out / JSONLD, *files]


def _kept_turtle(reuse: Reuse | None, changed: Collection[bytes] | None) -> OldTurtle | None:
    """The merged Turtle in place, where its parts lie, when the record of dist/ vouches for it and what changed since
    is known."""
    if reuse is None or changed is None:
        return None
    parts, head = reuse.recorded_parts(TTL), reuse.head(TTL)
    return OldTurtle(reuse.dist / TTL, head, parts) if parts is not None and head is not None else None


def write_trig(
    graphs: dict[str, list[bytes]], digests: dict[str, str], out: Path, prefixes: dict[str, str], reuse: Reuse | None
) -> Path:
    """rightsgraph.trig, graph by graph: Oxigraph's TriG of the whole dataset is its prefix lines, then each graph's
    block as Oxigraph writes that graph alone (a test checks the two agree byte for byte); a graph's block is taken
    from the dist/ in place when `reuse` allows."""
    target = out / TRIG
    with PartsFile(target) as trig:
        for graph, lines in graphs.items():
            where = reuse.part(TRIG, graph, digests[graph]) if reuse is not None else None
            head = None  # the prefix lines, from a graph written here or, if the first is taken, from the file in place
            if where is not None and reuse is not None:
                block = read_range(reuse.dist / TRIG, where)
                if not trig.started and (kept_head := reuse.head(TRIG)) is not None:
                    head = read_range(reuse.dist / TRIG, kept_head)
            else:
                quads = ox.parse(b"".join(nquads_lines({graph: lines})), format=ox.RdfFormat.N_QUADS)
                written = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
                head, block = prefix_lines(written, prefixes)
            if not trig.started:
                trig.head(head or b"")
            trig.add(graph, block, digests[graph])
        parts = trig.close()
    if reuse is not None:
        reuse.made_parts(TRIG, parts)
    return target


def graph_files(
    graphs: dict[str, list[bytes]], digests: dict[str, str], out: Path, reuse: Reuse | None
) -> tuple[list[Path], list[tuple[str, Path]]]:
    """graphs/SLUG.ttl of each graph: every path, and the (graph, path) of those still to write, the others linked
    from the dist/ in place where `reuse` allows."""
    graphs_dir = out / "graphs"
    graphs_dir.mkdir(exist_ok=True)
    paths, todo = [], []
    for graph in graphs:
        path = graphs_dir / f"{graph_slug(ox.NamedNode(graph))}.ttl"
        if reuse is None or not reuse.file(path.relative_to(out).as_posix(), digests[graph], path):
            todo.append((graph, path))
        paths.append(path)
    return paths, todo


def write_graph_turtle(nq: Path, todo: list[tuple[str, tuple[int, int], Path]], prefixes: dict[str, str]) -> None:
    """Each graph's Turtle file, from its lines of the N-Quads dump (`nq`, the byte range of each graph): a line of
    the dump is the graph's N-Triples line with the graph before its final ' .' (nquads_lines). Runs in a second
    process while the build writes the rest."""
    with open(nq, "rb") as quads:
        for graph, (start, end), path in todo:
            quads.seek(start)
            lines = quads.read(end - start).replace(b" <" + graph.encode() + b"> .\n", b" .\n")
            ox.serialize(
                ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), str(path), ox.RdfFormat.TURTLE, prefixes=prefixes
            )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Sums:
    """The SHA-256 of files, each read once: by its device, inode, size and time, so that VoID and SHA256SUMS read a
    dump once, and a file linked from the dist/ in place (the same inode) is not read at all when the SHA256SUMS there
    lists it and it has not changed since that list was written (its time is before the list's). The caller passes
    the dist/ in place only when its SHA256SUMS is as the build that wrote it left it (core.dist_reuse)."""

    def __init__(self, dist: Path | None = None) -> None:
        self.known: dict[tuple[int, int, int, int], str] = {}
        if dist is not None:
            self._listed(dist)

    @staticmethod
    def _key(path: Path) -> tuple[int, int, int, int]:
        stat = path.stat()
        return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns

    def _listed(self, dist: Path) -> None:
        try:
            written = (dist / SUMS).stat().st_mtime_ns
        except OSError:
            return
        for name, digest in listed_sums(dist).items():
            try:
                key = self._key(dist / name)
            except OSError:
                continue
            if key[3] < written:  # changed since the list was written: read again
                self.known[key] = digest

    def of(self, path: Path) -> str:
        key = self._key(path)
        if key not in self.known:
            self.known[key] = sha256_file(path)
        return self.known[key]


def write_checksums(out: Path, sums: Sums | None = None) -> Path:
    sums = sums or Sums()
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{sums.of(p)}  {p.relative_to(out).as_posix()}\n" for p in files]
    target = out / "SHA256SUMS"
    target.write_text("".join(lines), encoding="utf-8")
    return target
