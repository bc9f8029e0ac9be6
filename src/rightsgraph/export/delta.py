"""What an edit changed since the dist/ in place: the quads added or removed, graph by graph.

The graphs of the dist/ being written (export.dumps.sorted_graphs, with their digests) are compared with the parts
of the `rightsgraph.nq` in place that the record of dist/ lists (core.dist_reuse): a graph whose digest is the same
is unchanged; the lines of every other graph are compared with its old lines, read from the dump in place. The
export steps that write a part of dist/ only when what it is made from changed (the reading view's pages, the
network analysis) decide from this.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pyoxigraph as ox

from rightsgraph.core.dist_reuse import Reuse, read_range
from rightsgraph.export.dumps import NQ, nquads_lines
from rightsgraph.sparql.footprint import seen

if TYPE_CHECKING:
    from rightsgraph.sparql.footprint import Footprint


@dataclass
class Delta:
    graphs: set[str]  # the graphs whose content changed, added and removed ones too
    quads: list[ox.Quad]  # the quads added or removed

    def subjects(self) -> set[bytes]:
        """The subjects of the quads added or removed, as N-Triples writes them."""
        return {str(quad.subject).encode() for quad in self.quads}

    @cached_property
    def _seen(self) -> tuple[frozenset[str], frozenset[str]]:
        return seen(self.quads)

    def touches(self, footprint: Footprint) -> bool:
        """footprint.touched_by(self.quads), from the predicates and ends of the quads gathered once: a build asks it
        of every query whose answer it keeps (sparql.answers)."""
        return footprint.meets(*self._seen)


def edit_delta(
    reuse: Reuse, graphs: dict[str, list[bytes]], digests: dict[str, str], leave: Collection[str] = ()
) -> Delta | None:
    """The quads added or removed since the dist/ in place in every graph but those of `leave`; None when it cannot
    be told (no record of the dist/ in place, or its dump changed since)."""
    old = reuse.recorded_parts(NQ)
    if old is None:
        return None
    names = (set(graphs) | set(old)).difference(leave)
    changed = {g for g in names if g not in old or g not in graphs or old[g][2] != digests[g]}
    quads: list[ox.Quad] = []
    for graph in sorted(changed):
        now = set(nquads_lines({graph: graphs.get(graph, [])}))
        was = read_range(reuse.dist / NQ, (old[graph][0], old[graph][1])) if graph in old else b""
        quads += ox.parse(b"".join(sorted(now ^ set(was.splitlines(keepends=True)))), format=ox.RdfFormat.N_QUADS)
    return Delta(changed, quads)
