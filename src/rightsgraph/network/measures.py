"""Measures of the stance network: degrees, PageRank, betweenness, Louvain communities, and camps by
structural balance; a short text summary; and the measures as RDF in a derived named graph."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from rightsgraph.core.namespaces import RDF_TYPE, XSD
from rightsgraph.core.project import NETWORK_GRAPH, ONTOLOGY_NS

SEED = 42
EXACT_LIMIT = 18  # exhaustive search over 2^(n-1) bipartitions up to this many signed nodes


@dataclass
class Measures:
    pagerank: dict[str, float] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    in_degree: dict[str, int] = field(default_factory=dict)
    out_degree: dict[str, int] = field(default_factory=dict)
    community: dict[str, int] = field(default_factory=dict)
    camp: dict[str, str] = field(default_factory=dict)
    frustration: int = 0
    signed_ties: int = 0


def signed_ties(graph: nx.DiGraph) -> dict[tuple[str, str], int]:
    """Undirected signed ties: the sum of the signed weights of both directions."""
    ties: dict[tuple[str, str], int] = {}
    for u, v, d in graph.edges(data=True):
        if d["sign"]:
            key = (min(u, v), max(u, v))
            ties[key] = ties.get(key, 0) + d["sign"] * d["weight"]
    return {k: w for k, w in ties.items() if w}


def _frustration(ties: dict[tuple[str, str], int], side: dict[str, int]) -> int:
    """Weight of ties that break balance: negative within a camp, positive across camps."""
    return sum(abs(w) for (u, v), w in ties.items() if (side[u] == side[v]) != (w > 0))


def balance_partition(ties: dict[tuple[str, str], int]) -> tuple[dict[str, int], int]:
    nodes = sorted({n for tie in ties for n in tie})
    if not nodes:
        return {}, 0
    if len(nodes) <= EXACT_LIMIT:
        best: tuple[int, dict[str, int]] | None = None
        for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
            side = dict(zip(nodes, (0, *bits), strict=True))
            cost = _frustration(ties, side)
            if best is None or cost < best[0]:
                best = (cost, side)
        assert best is not None  # product() yields at least one assignment (the empty one when repeat=0)
        return best[1], best[0]
    side = {n: 0 for n in nodes}  # greedy local search, deterministic order
    improved = True
    while improved:
        improved = False
        for n in nodes:
            before = _frustration(ties, side)
            side[n] ^= 1
            if _frustration(ties, side) < before:
                improved = True
            else:
                side[n] ^= 1
    return side, _frustration(ties, side)


def measure(graph: nx.DiGraph) -> Measures:
    m = Measures()
    if graph.number_of_nodes() == 0:
        return m
    m.pagerank = nx.pagerank(graph, weight="weight")
    m.betweenness = nx.betweenness_centrality(graph, normalized=True)
    m.in_degree = dict(graph.in_degree(weight="weight"))
    m.out_degree = dict(graph.out_degree(weight="weight"))
    communities = nx.community.louvain_communities(graph.to_undirected(), weight="weight", seed=SEED)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    m.community = {n: i + 1 for i, members in enumerate(ordered) for n in members}
    ties = signed_ties(graph)
    side, m.frustration = balance_partition(ties)
    m.signed_ties = len(ties)
    names = {}
    for value in (0, 1):
        members = [n for n, s in side.items() if s == value]
        if members:
            leader = max(members, key=lambda n: (m.pagerank[n], n))
            names[value] = f"camp of {graph.nodes[leader]['label']}"
    m.camp = {n: names[side[n]] if n in side else "unaligned" for n in graph.nodes}
    return m


EMPTY = "the stance network is empty: no statement in data/annotations/ takes a stance towards an actor"


def summary(graph: nx.DiGraph, m: Measures) -> str:
    if graph.number_of_nodes() == 0:
        return f"Stance network: 0 actors, 0 ties ({EMPTY})."
    label = lambda n: graph.nodes[n]["label"]
    lines = [
        f"Stance network: {graph.number_of_nodes()} actors, {graph.number_of_edges()} directed ties "
        f"({sum(1 for *_, d in graph.edges(data=True) if d['sign'] < 0)} negative, "
        f"{sum(1 for *_, d in graph.edges(data=True) if d['sign'] > 0)} positive, "
        f"{sum(1 for *_, d in graph.edges(data=True) if d['sign'] == 0)} neutral)."
    ]
    top = sorted(m.pagerank, key=lambda n: (-m.pagerank[n], n))[:5]
    lines.append("Most central (PageRank): " + "; ".join(f"{label(n)} {m.pagerank[n]:.3f}" for n in top) + ".")
    targets = sorted(graph.nodes, key=lambda n: (-m.in_degree[n], n))[:3]
    lines.append("Most targeted: " + "; ".join(f"{label(n)} ({m.in_degree[n]} statements)" for n in targets) + ".")
    camps: dict[str, list[str]] = {}
    for n, camp in m.camp.items():
        camps.setdefault(camp, []).append(label(n))
    lines.append(
        f"Camps (structural balance; {m.frustration} of the signed tie weight breaks balance across "
        f"{m.signed_ties} signed ties):"
    )
    for camp in sorted(camps, key=lambda c: (c == "unaligned", c)):
        lines.append(f"  {camp}: " + ", ".join(sorted(camps[camp])))
    lines.append(f"Communities (Louvain): {len(set(m.community.values()))}.")
    return "\n".join(lines)


def measures_quads(graph: nx.DiGraph, m: Measures, derived_from: list[str]) -> list[ox.Quad]:
    """The measures as RDF in <graph/network>, a derived graph that says what it was computed from."""
    g = ox.NamedNode(NETWORK_GRAPH)
    decimal, integer = ox.NamedNode(XSD + "decimal"), ox.NamedNode(XSD + "integer")
    quads = [
        ox.Quad(
            g,
            RDF_TYPE,
            ox.NamedNode(ONTOLOGY_NS + "NetworkMeasurement"),
            g,
        )
    ]
    quads += [
        ox.Quad(g, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), ox.NamedNode(s), g)
        for s in sorted(derived_from)
    ]
    for node in sorted(graph.nodes):
        actor = ox.NamedNode(node)
        values = [
            ("pageRank", f"{m.pagerank[node]:.6f}", decimal),
            ("betweenness", f"{m.betweenness[node]:.6f}", decimal),
            ("inDegree", str(int(m.in_degree[node])), integer),
            ("outDegree", str(int(m.out_degree[node])), integer),
            ("community", str(m.community[node]), integer),
            ("camp", m.camp[node], None),
        ]
        for name, value, datatype in values:
            literal = ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)
            quads.append(ox.Quad(actor, ox.NamedNode(ONTOLOGY_NS + name), literal, g))
    return quads
