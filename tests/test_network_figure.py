"""The network figure (dist/network.png and .svg): arrowheads while they can be read, straight lines beyond."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import FancyArrowPatch

from rightsgraph.network.measures import measure
from rightsgraph.network.view import ARROWS_UP_TO, _draw


def network(ties: int) -> nx.DiGraph:
    """A synthetic stance network with `ties` ties among as few actors as hold them."""
    actors = next(n for n in itertools.count(2) if n * (n - 1) >= ties)
    graph = nx.DiGraph()
    for n in range(actors):
        graph.add_node(f"synthetic-actor-{n}", label=f"synthetic actor {n}")
    pairs = itertools.islice(itertools.permutations(range(actors), 2), ties)
    for i, (a, b) in enumerate(pairs):
        graph.add_edge(f"synthetic-actor-{a}", f"synthetic-actor-{b}", sign=(-1, 0, 1)[i % 3], weight=1)
    return graph


@pytest.mark.parametrize("ties, arrowheads", [(ARROWS_UP_TO, True), (ARROWS_UP_TO + 1, False)])
def test_ties_are_arrows_up_to_the_limit_and_lines_beyond(ties: int, arrowheads: bool) -> None:
    graph = network(ties)
    fig = _draw(graph, measure(graph))
    try:
        ax = fig.axes[0]
        arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        lines = [c for c in ax.collections if isinstance(c, LineCollection)]
        if arrowheads:
            assert len(arrows) == ties and not lines
        else:
            assert not arrows and len(lines) == 1 and len(lines[0].get_segments()) == ties
    finally:
        plt.close(fig)
