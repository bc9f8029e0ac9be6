"""The build rules: every CONSTRUCT of queries/rules/ run on one graph, what it derives added to that graph."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.core.project import Project
from rightsgraph.sparql import queries


def apply_rules(project: Project, store: ox.Store, graph: str) -> int:
    """Run every CONSTRUCT of queries/rules/ on one graph and add what it derives to that graph."""
    target = ox.NamedNode(graph)
    derived: list[ox.Quad] = []
    for rule in queries.load_dir(project.queries_dir / "rules"):
        for t in store.query(rule.text, default_graph=target):
            derived.append(ox.Quad(t.subject, t.predicate, t.object, target))
    store.extend(derived)
    return len(derived)
