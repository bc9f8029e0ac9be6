"""The published type closure: `?x a rg:Actor` finds every actor, whatever subclass it was typed with.

Every node of the dataset gets the rightsgraph superclasses of its classes (queries/system/type-closure.rq,
the closure validation uses too) in the derived named graph <graph/entailed-types>, so that a plain
`?x a rg:Actor` over the union of the graphs needs no `rdf:type/rdfs:subClassOf*` and no reasoner, on
the embedded store, on `serve` and on any endpoint the dataset is published to. The asserted types stay
in the graphs that state them; only rdf:type triples are added, no domain or range entailment.
"""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.core.project import TYPES_GRAPH, Project
from rightsgraph.sparql import queries


def add_type_closure(project: Project, store: ox.Store) -> int:
    """Replace <graph/entailed-types> with the subclass closure of the types in the other graphs."""
    graph = ox.NamedNode(TYPES_GRAPH)
    if graph in set(store.named_graphs()):
        store.remove_graph(graph)  # a loaded dump carries the closure of its build
    closure = queries.load_query(project.queries_dir / "system" / "type-closure.rq").text
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in store.query(closure, use_default_graph_as_union=True)
    ]
    store.extend(quads)
    return len(quads)
