"""Camps by structural balance: the two-way split of a signed network that breaks the fewest ties (positive
ties within a camp, negative across), never splitting actors that belong to one another.

An actor and the body it is part of (a sub-organisation and its parent, a member and its organisation, as
queries/system/network-affiliations.rq gives them, followed transitively) form one block: the search places
blocks, not actors, so the two are in one camp by construction. Ties inside a block still count in the
frustration when they are negative (a body that criticises its own parent breaks balance, visibly).

The search is exact up to EXACT_LIMIT blocks (every split, vectorised with numpy) and a deterministic local
search beyond. `component_splits` splits each connected part of a network on its own: two parts with no tie
between them say nothing about whether their camps are the same, so they are never aligned with each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

EXACT_LIMIT = 18  # exhaustive search over 2^(n-1) bipartitions up to this many signed blocks

Ties = dict[tuple[str, str], int]


def signed_ties(graph: nx.DiGraph) -> Ties:
    """Undirected signed ties: the sum of the signed weights of both directions."""
    ties: Ties = {}
    for u, v, d in graph.edges(data=True):
        if d["sign"]:
            key = (min(u, v), max(u, v))
            ties[key] = ties.get(key, 0) + d["sign"] * d["weight"]
    return {k: w for k, w in ties.items() if w}


def frustration(ties: Ties, side: dict[str, int]) -> int:
    """Weight of ties that break balance: negative within a camp, positive across camps."""
    return sum(abs(w) for (u, v), w in ties.items() if (side[u] == side[v]) != (w > 0))


def blocks(nodes: Iterable[str], part_of: nx.DiGraph | None = None) -> dict[str, str]:
    """Each node's block, named by its least member: nodes one of which is part of the other (along part_of,
    transitively, through nodes absent from `nodes` too) are one block."""
    present = sorted(set(nodes))
    union = nx.utils.UnionFind(present)
    if part_of is not None:
        inside = set(present)
        for node in present:
            if node in part_of:
                for whole in sorted(nx.descendants(part_of, node) & inside):
                    union.union(node, whole)
    block: dict[str, str] = {}
    for members in union.to_sets():
        name = min(members)
        block.update((n, name) for n in members)
    return block


def _contract(ties: Ties, block: dict[str, str]) -> Ties:
    merged: Ties = {}
    for (u, v), w in ties.items():
        a, b = block[u], block[v]
        if a != b:
            key = (min(a, b), max(a, b))
            merged[key] = merged.get(key, 0) + w
    return {k: w for k, w in merged.items() if w}


def _exact(nodes: list[str], ties: Ties) -> dict[str, int]:
    """Every split with the first node on side 0, in the order itertools.product((0, 1), repeat=n-1) gives
    them; the first with the least frustration."""
    import numpy as np  # here, not at import: every CLI command imports this module

    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    shifts = np.arange(n - 2, -1, -1, dtype=np.int64)  # node 1 is the most significant bit
    sides = np.zeros((len(codes), n), dtype=np.int8)
    if n > 1:
        sides[:, 1:] = (codes[:, None] >> shifts[None, :]) & 1
    cost = np.zeros(len(codes), dtype=np.int64)
    for (u, v), w in ties.items():
        apart = sides[:, index[u]] ^ sides[:, index[v]]
        cost += abs(w) * (apart if w > 0 else 1 - apart)
    best = sides[int(np.argmin(cost))]
    return {node: int(best[i]) for i, node in enumerate(nodes)}


def _local(nodes: list[str], ties: Ties) -> dict[str, int]:
    side = {n: 0 for n in nodes}  # greedy local search, deterministic order
    improved = True
    while improved:
        improved = False
        for n in nodes:
            before = frustration(ties, side)
            side[n] ^= 1
            if frustration(ties, side) < before:
                improved = True
            else:
                side[n] ^= 1
    return side


def balance_partition(ties: Ties, part_of: nx.DiGraph | None = None) -> tuple[dict[str, int], int]:
    """The split of the tied actors into sides 0 and 1, and its frustration; actors of one block together."""
    nodes = sorted({n for tie in ties for n in tie})
    if not nodes:
        return {}, 0
    block = blocks(nodes, part_of)
    merged = _contract(ties, block)
    names = sorted({n for tie in merged for n in tie})
    block_side = (_exact if len(names) <= EXACT_LIMIT else _local)(names, merged) if names else {}
    side = {n: block_side.get(block[n], 0) for n in nodes}
    return side, frustration(ties, side)


@dataclass(frozen=True)
class Split:
    """The balance split of one connected part of a signed network."""

    side: dict[str, int]
    frustration: int
    ties: int  # the signed pairs of actors in the part


def component_splits(ties: Ties, part_of: nx.DiGraph | None = None, min_ties: int = 1) -> list[Split]:
    """A split for each connected part (actors linked by signed ties or by belonging to one another) that has
    at least `min_ties` signed ties; the largest part first."""
    nodes = sorted({n for tie in ties for n in tie})
    block = blocks(nodes, part_of)
    linked = nx.Graph()
    linked.add_nodes_from(nodes)
    linked.add_edges_from(ties)
    linked.add_edges_from(block.items())
    splits = []
    for part in sorted(nx.connected_components(linked), key=lambda c: (-len(c), min(c))):
        own = {k: w for k, w in ties.items() if k[0] in part}
        if len(own) >= min_ties:
            side, cost = balance_partition(own, part_of)
            splits.append(Split(side, cost, len(own)))
    return splits
