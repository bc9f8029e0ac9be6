"""Writing the networks for Gephi, scripts and spreadsheets: GraphML, GEXF, node-link JSON, CSV; and the
camps within each issue as one CSV (issue-camps.csv: an actor's camp differs from issue to issue, which no
single-valued node attribute can hold; global_camp is the one split of the whole network).

Attributes are typed and single-valued (GraphML rejects lists and None): lists are joined with ";". Text
is written as `core.text.plain` gives it (control characters as escapes), so that XML can carry every
name and each file says the same.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from rightsgraph.core.text import plain
from rightsgraph.network import FORMATS
from rightsgraph.network.measures import Measures

if TYPE_CHECKING:
    from rightsgraph.core.dist_reuse import Reuse


def with_measures(graph: nx.DiGraph, m: Measures) -> nx.DiGraph:
    out = graph.copy()
    for node in out.nodes:
        out.nodes[node].update(
            pagerank=round(m.pagerank.get(node, 0.0), 6),
            betweenness=round(m.betweenness.get(node, 0.0), 6),
            in_degree=int(m.in_degree.get(node, 0)),
            out_degree=int(m.out_degree.get(node, 0)),
            community=int(m.community.get(node, 0)),
            global_camp=m.camp.get(node, "unaligned"),
        )
    return out


def _value(value: object) -> object:
    return "" if value is None else plain(value) if isinstance(value, str) else value


def _clean(graph: nx.Graph) -> nx.Graph:
    """A copy whose attribute values are str, int, float or bool, never None or lists, text made plain; no
    graph-level attrs."""
    out = graph.__class__()
    for node, data in sorted(graph.nodes(data=True)):
        out.add_node(plain(node), **{k: _value(v) for k, v in sorted(data.items())})
    for u, v, data in sorted(graph.edges(data=True)):
        out.add_edge(plain(u), plain(v), **{k: _value(val) for k, val in sorted(data.items())})
    return out


def analysed_files(reuse: Reuse, out: Path, stem: str, formats: tuple[str, ...], note: dict) -> list[Path] | None:
    """The network's files taken from the dist/ in place when they were written from the very networks and measures
    noted (`note`: the id network.measure_cache keeps them under, and the formats), without making them again to
    compare; else None."""
    paths = _paths(out, stem, formats)
    names = _names(out, paths)
    keys = [reuse.recorded_key(name) if reuse.recorded_note(name) == note else None for name in names]
    if not all(key is not None and reuse.intact(name) for name, key in zip(names, keys, strict=True)):
        return None
    out.mkdir(parents=True, exist_ok=True)
    for name, key, path in zip(names, keys, paths, strict=True):
        reuse.file(name, str(key), path, note)  # links it: the file is intact, and was made from its recorded key
    return paths


def write_network(
    graph: nx.Graph,
    out: Path,
    stem: str,
    formats: tuple[str, ...] = FORMATS,
    reuse: Reuse | None = None,
    note: dict | None = None,
) -> list[Path]:
    """The network in each format under `out`; with `reuse` (a build's record of the dist/ in place), files taken
    from that dist/ when they were written from the same network (the digest of its node-link JSON, which holds
    every node, tie, attribute and value type the other formats write, in their order), and noted with `note`."""
    out.mkdir(parents=True, exist_ok=True)
    clean = _clean(graph)
    text = json.dumps(nx.node_link_data(clean, edges="links"), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if reuse is not None:
        key = hashlib.sha256(f"{','.join(formats)}\n{text}".encode()).hexdigest()
        paths = _paths(out, stem, formats)
        names = _names(out, paths)
        if all(reuse.can(name, key) for name in names):
            for name, path in zip(names, paths, strict=True):
                reuse.file(name, key, path, note)
            return paths
        for name in names:
            reuse.made(name, key, note)
    written = []
    if "graphml" in formats:
        path = out / f"{stem}.graphml"
        nx.write_graphml(clean, path, encoding="utf-8", prettyprint=True)
        written.append(path)
    if "gexf" in formats:
        path = out / f"{stem}.gexf"
        nx.write_gexf(clean, path, encoding="utf-8", prettyprint=True, version="1.2draft")
        _strip_gexf_date(path)
        written.append(path)
    if "json" in formats:
        path = out / f"{stem}.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if "csv" in formats:
        written += _write_csv(clean, out, stem)
    return written


def _paths(out: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:
    """The files write_network writes, in its order."""
    names = {"graphml": [f"{stem}.graphml"], "gexf": [f"{stem}.gexf"], "json": [f"{stem}.json"]}
    names["csv"] = [f"{stem}-nodes.csv", f"{stem}-edges.csv"]
    return [out / name for f in ("graphml", "gexf", "json", "csv") if f in formats for name in names[f]]


def _names(out: Path, paths: list[Path]) -> list[str]:
    """The files as dist/ names them: network/stance.graphml."""
    return [f"{out.name}/{path.name}" for path in paths]


def write_issue_camps(m: Measures, labels: dict[str, str], out: Path) -> Path:
    """One row per (issue, actor) of every issue's stance network: the actor's camp in it, or unaligned."""
    path = out / "issue-camps.csv"
    out.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["issue", "kind", "issue_label", "signed_ties", "actor", "actor_label", "camp"])
        for found in sorted(m.issues, key=lambda f: f.issue.iri):
            for actor, camp in sorted(found.camp.items()):
                row = [found.issue.iri, found.issue.kind, found.issue.label, found.signed_ties]
                writer.writerow([_value(v) for v in (*row, actor, labels.get(actor, actor), camp)])
    return path


def _strip_gexf_date(path: Path) -> None:
    """networkx stamps GEXF files with today's date; drop it so identical input gives identical bytes."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r' lastmodifieddate="[^"]*"', "", text), encoding="utf-8")


def _write_csv(graph: nx.Graph, out: Path, stem: str) -> list[Path]:
    node_keys = sorted({k for _, d in graph.nodes(data=True) for k in d})
    edge_keys = sorted({k for *_, d in graph.edges(data=True) for k in d})
    nodes, edges = out / f"{stem}-nodes.csv", out / f"{stem}-edges.csv"
    with open(nodes, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", *node_keys])
        for node, data in graph.nodes(data=True):
            writer.writerow([node, *(data.get(k, "") for k in node_keys)])
    with open(edges, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source", "target", *edge_keys])
        for u, v, data in graph.edges(data=True):
            writer.writerow([u, v, *(data.get(k, "") for k in edge_keys)])
    return [nodes, edges]
