"""Measures of the stance network: degrees, PageRank, betweenness, Louvain communities; camps by
structural balance within each issue (issues) and one global split of the whole network; a short text
summary; and the measures as RDF in a derived named graph."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from rightsgraph.core.namespaces import RDF_TYPE, XSD
from rightsgraph.core.project import NETWORK_GRAPH, ONTOLOGY_NS
from rightsgraph.network.balance import balance_partition, signed_ties
from rightsgraph.network.issue_rdf import issue_quads
from rightsgraph.network.issues import UNALIGNED, IssueCamps

SEED = 42
PROV = "http://www.w3.org/ns/prov#"


@dataclass
class Measures:
    pagerank: dict[str, float] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    in_degree: dict[str, int] = field(default_factory=dict)
    out_degree: dict[str, int] = field(default_factory=dict)
    community: dict[str, int] = field(default_factory=dict)
    camp: dict[str, str] = field(default_factory=dict)  # the global split: one for the whole network
    frustration: int = 0
    signed_ties: int = 0
    issues: list[IssueCamps] = field(default_factory=list)  # the camps within each issue
    # where the page and the figure draw each actor (view.layout of the stance network, which depends on nothing else)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)


def measure(graph: nx.DiGraph, part_of: nx.DiGraph | None = None) -> Measures:
    """The measures of the whole stance network, with its global split (issues are added by the caller)."""
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
    side, m.frustration = balance_partition(ties, part_of)
    m.signed_ties = len(ties)
    names = {}
    for value in (0, 1):
        members = [n for n, s in side.items() if s == value]
        if members:
            leader = max(members, key=lambda n: (m.pagerank[n], n))
            names[value] = f"camp of {graph.nodes[leader]['label']}"
    m.camp = {n: names[side[n]] if n in side else UNALIGNED for n in graph.nodes}
    return m


def measures_quads(graph: nx.DiGraph, m: Measures, derived_from: list[str]) -> list[ox.Quad]:
    """The measures as RDF in <graph/network>, a derived graph that says what it was computed from: those of
    each actor (rg:camp is its camp in the global split), then the issues and their camps (issue_rdf)."""
    g = ox.NamedNode(NETWORK_GRAPH)
    decimal, integer = ox.NamedNode(XSD + "decimal"), ox.NamedNode(XSD + "integer")
    quads = [ox.Quad(g, RDF_TYPE, ox.NamedNode(ONTOLOGY_NS + "NetworkMeasurement"), g)]
    quads += [ox.Quad(g, ox.NamedNode(PROV + "wasDerivedFrom"), ox.NamedNode(s), g) for s in sorted(derived_from)]
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
    return quads + issue_quads(m.issues, g)
