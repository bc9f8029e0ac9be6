"""The published type closure: `?x a rg:Actor` finds every actor, whatever subclass it was typed with.

Every node of the dataset gets the rightsgraph superclasses of its classes (queries/system/type-closure.rq,
the closure validation uses too) in the derived named graph <graph/entailed-types>, so that a plain
`?x a rg:Actor` over the union of the graphs needs no `rdf:type/rdfs:subClassOf*` and no reasoner, on
the embedded store, on `serve` and on any endpoint the dataset is published to. The asserted types stay
in the graphs that state them; only rdf:type triples are added, no domain or range entailment.

Identity judgements (rg:IdentityJudgement) connect nodes of different articles; <graph/identity> gives every
node they connect the canonical node of its cluster (queries/system/identity-closure.rq), so that a query
groups what several articles say about one thing by `rg:canonicalNode` without following the judgements.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import IDENTITY_GRAPH, TYPES_GRAPH, Project
from rightsgraph.sparql import queries


def add_type_closure(project: Project, store: ox.Store) -> int:
    """Replace <graph/entailed-types> with the subclass closure of the types in the other graphs."""
    return _replace_derived(store, TYPES_GRAPH, project.queries_dir / "system" / "type-closure.rq")


def _replace_derived(store: ox.Store, name: str, rule: Path) -> int:
    """Replace the graph `name` with what the CONSTRUCT `rule` derives from the union of the graphs."""
    graph = ox.NamedNode(name)
    if graph in set(store.named_graphs()):
        store.remove_graph(graph)  # a loaded dump carries the closure of its build
    construct = queries.load_query(rule).text
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in store.query(construct, use_default_graph_as_union=True)
    ]
    store.extend(quads)
    return len(quads)


def add_identity_closure(project: Project, store: ox.Store) -> int:
    """Replace <graph/identity> with the canonical node of every node an identity judgement connects."""
    return _replace_derived(store, IDENTITY_GRAPH, project.queries_dir / "system" / "identity-closure.rq")


def add_derived_graphs(project: Project, store: ox.Store) -> dict[str, int]:
    """Both derived graphs of the dataset, as the dump holds them: the type closure, then the identity closure."""
    return {TYPES_GRAPH: add_type_closure(project, store), IDENTITY_GRAPH: add_identity_closure(project, store)}
