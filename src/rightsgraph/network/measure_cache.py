"""The build keeps the measures of the last network analysis, keyed by everything they are computed from.

PageRank, betweenness, Louvain communities, the balance split, each issue's camps and the layout the page and the
figure draw (view.layout) are a function of the stance
network (nodes, edges and their data, in the order they were built), its ties statement by statement, the
affiliations, the statements' events, the events' topics and the scope (network/scope.py), and of the code and
library versions (the caller's `salt`). When a build's inputs give the same key, the measures are read back instead
of computed again: an edit that leaves the stance network as it was (a headline, a quote, a count) costs the
queries, not the measures. A miss, an unreadable file or another key
computes them afresh; `build --full` never reads the file.

The file also keeps the networks themselves and the footprint of the queries they were projected by
(sparql.footprint), under an id of their own that the record of dist/ names: an edit that adds or removes no quad
the footprint names leaves the networks as they were, and the next build takes them without asking the queries
(build.pipeline.add_network).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import uuid
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import networkx as nx


def _canonical(obj: Any) -> Any:
    """`obj` as nested tuples whose repr is the same in every process for equal inputs: sets and dicts sorted (their
    order follows the hash seed, or the order in which the store gave the rows: lookups, which no measure follows),
    graphs and lists in their order (which PageRank's sums and Louvain's sweeps follow)."""
    if isinstance(obj, nx.Graph):
        nodes = [(n, _canonical(d)) for n, d in obj.nodes(data=True)]
        edges = [(u, v, _canonical(d)) for u, v, d in obj.edges(data=True)]
        return ("graph", type(obj).__name__, _canonical(obj.graph), nodes, edges)
    if is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__, tuple((f.name, _canonical(getattr(obj, f.name))) for f in fields(obj)))
    if isinstance(obj, dict):
        return ("dict", tuple(sorted((repr(_canonical(k)), repr(_canonical(v))) for k, v in obj.items())))
    if isinstance(obj, (set, frozenset)):
        return ("set", tuple(sorted(repr(_canonical(x)) for x in obj)))
    if isinstance(obj, (list, tuple)):
        return ("list", tuple(_canonical(x) for x in obj))
    return obj


@dataclass(frozen=True)
class MeasureCache:
    path: Path
    salt: str  # what else the measures depend on: the code and the versions of the libraries
    read: bool = True  # False: compute afresh (build --full), and keep the result for the next build
    # the file as read, read once: a build asks for the kept networks, then (when it cannot take them) for the measures
    _read: list[dict] = field(default_factory=list, compare=False, repr=False)

    def key(self, *inputs: Any) -> str:
        return hashlib.blake2b(repr((self.salt, _canonical(inputs))).encode(), digest_size=32).hexdigest()

    def _kept(self) -> dict:
        if not self.read:
            return {}
        if not self._read:
            try:
                with self.path.open("rb") as f:
                    kept = pickle.load(f)  # the project's own state directory, written by its builds only
            except Exception:  # absent, cut short or from another version: computed again
                kept = {}
            self._read.append(kept if isinstance(kept, dict) else {})
        return self._read[0]

    def load(self, key: str) -> Any | None:
        kept = self._kept()
        return kept.get("measures") if kept.get("key") == key else None

    def load_analysis(self, analysis: object) -> tuple[Any, Any, Any] | None:
        """The networks, measures and footprint kept under the id `analysis` (what the record of dist/ names)."""
        kept = self._kept()
        if not isinstance(analysis, str) or kept.get("analysis") != analysis or "networks" not in kept:
            return None
        return kept["networks"], kept["measures"], kept["footprint"]

    def save(self, key: str, measures: Any, networks: Any = None, footprint: Any = None) -> str:
        """Keep the measures (and the networks they were computed from, with the footprint of the queries that
        projected them) for the next build; the id they are kept under. Written beside the file under a name of its
        own, then renamed over it, so that a build cut short or another build at the same time leaves a whole file or
        none."""
        analysis = uuid.uuid4().hex
        kept = {"key": key, "measures": measures, "analysis": analysis}
        if networks is not None and footprint is not None:
            kept.update(networks=networks, footprint=footprint)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, prefix=self.path.name, delete=False) as f:
            pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, self.path)
        self._read[:] = [kept]
        return analysis
