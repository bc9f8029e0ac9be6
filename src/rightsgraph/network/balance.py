"""Camps by structural balance: the two-way split of a signed network that breaks the fewest ties (positive
ties within a camp, negative across), never splitting actors that belong to one another.

An actor and the body it is part of (a sub-organisation and its parent, a member and its organisation, as
queries/system/network-affiliations.rq gives them, followed transitively) form one block: the search places
blocks, not actors, so the two are in one camp by construction. Ties inside a block still count in the
frustration when they are negative (a body that criticises its own parent breaks balance, visibly).

The search is exact up to EXACT_LIMIT blocks (every split, vectorised with numpy) and a deterministic local
search beyond. A block that the split leaves undecided, as costly on one side as on the other (its ties cancel
out, or it likes two enemies alike), is on neither: its ties say nothing about its camp. `component_splits`
splits each connected part of a network on its own: two parts with no tie between them say nothing about
whether their camps are the same, so they are never aligned with each other.
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


def _start(nodes: list[str], ties: Ties) -> dict[str, int]:
    """A first split: nodes placed one by one in breadth-first order from the least (heaviest ties first), each
    on the side its ties to the nodes already placed favour (side 0 when they do not); exact when the network is
    balanced."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in ties.items())
    side: dict[str, int] = {}
    for root in nodes:
        if root in side:
            continue
        side[root] = 0
        queue = [root]
        while queue:
            node = queue.pop(0)
            for nxt in sorted(graph[node], key=lambda m: (-abs(graph[node][m]["weight"]), m)):
                if nxt not in side:
                    pull = sum(graph[nxt][m]["weight"] * (1 if side[m] == 0 else -1) for m in graph[nxt] if m in side)
                    side[nxt] = 0 if pull >= 0 else 1
                    queue.append(nxt)
    return side


def _improve(nodes: list[str], ties: Ties, side: dict[str, int]) -> dict[str, int]:
    """Move one node at a time, in a deterministic order, while that breaks less."""
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


def _local(nodes: list[str], ties: Ties) -> dict[str, int]:
    """The better of two local searches: from the breadth-first split, and from every node on side 0."""
    found = [_improve(nodes, ties, _start(nodes, ties)), _improve(nodes, ties, dict.fromkeys(nodes, 0))]
    return min(found, key=lambda side: frustration(ties, side))


def _decided(merged: Ties, block_side: dict[str, int]) -> set[str]:
    """The blocks whose side the split decides: moving one alone to the other side would break more tie weight
    than it mends. (The split being optimal, or locally so, no move mends more than it breaks.)"""
    margin = dict.fromkeys(block_side, 0)
    for (u, v), w in merged.items():
        kept = abs(w) if (block_side[u] == block_side[v]) == (w > 0) else -abs(w)
        margin[u] += kept
        margin[v] += kept
    return {b for b, m in margin.items() if m > 0}


def balance_partition(ties: Ties, part_of: nx.DiGraph | None = None) -> tuple[dict[str, int], int]:
    """The split of the tied actors into sides 0 and 1, and its frustration; actors of one block together. An
    actor whose block the split leaves undecided has no side; its ties count in the frustration all the same
    (as they would on either side)."""
    nodes = sorted({n for tie in ties for n in tie})
    if not nodes:
        return {}, 0
    block = blocks(nodes, part_of)
    merged = _contract(ties, block)
    names = sorted({n for tie in merged for n in tie})
    block_side = (_exact if len(names) <= EXACT_LIMIT else _local)(names, merged) if names else {}
    placed = {n: block_side.get(block[n], 0) for n in nodes}  # a block with no tie left costs the same anywhere
    decided = _decided(merged, block_side)
    return {n: s for n, s in placed.items() if block[n] in decided}, frustration(ties, placed)


@dataclass(frozen=True)
class Split:
    """The balance split of one connected part of a signed network."""

    side: dict[str, int]  # the actors with a side; those the split leaves undecided are not in it
    frustration: int
    ties: int  # the signed pairs of actors in the part
    debate: frozenset[str]  # the actors that signed ties alone link to the part's main debate


def main_debate(ties: Ties) -> frozenset[str]:
    """The actors of the largest set that signed ties alone connect (the most ties, then the most actors, then
    the least actor): in a part that belonging holds together, the others are in it only through a body they
    belong to, or a member or part they have."""
    parts = sorted(
        nx.connected_components(nx.Graph(list(ties))),
        key=lambda c: (-sum(1 for u, _ in ties if u in c), -len(c), min(c)),
    )
    return frozenset(parts[0]) if parts else frozenset()


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
            splits.append(Split(side, cost, len(own), main_debate(own)))
    return splits
