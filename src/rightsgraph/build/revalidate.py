"""Which graphs a build validates, and validating them: the changed graphs, the graphs linked to them
(whose validation data they feed), every article graph when the register changed, and any graph without
kept results. Groups of graphs go to the workers; the results are kept per graph in the manifest."""

from __future__ import annotations

from contextlib import closing
from typing import cast

import pyoxigraph as ox

from rightsgraph.build.manifest import Manifest
from rightsgraph.build.workers import BULK, GROUP, pool_map, validate_group, validator
from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import ONTOLOGY_GRAPH, REGISTER_GRAPH, Project
from rightsgraph.store.persistent import graph_bytes
from rightsgraph.validate.shacl import Violation, locate, register_index, validation_data


def linked(project: Project, store: ox.Store, graphs: list[str], reference: bool, ontology: bytes) -> set[str]:
    """The other data graphs whose validation data (see validate.shacl.validation_data) these graphs feed:
    those that refer to a node these graphs type, and those that own a node these graphs point at
    by a predicate the shapes follow backwards. `ontology`: the store's ontology graph (ontology_of)."""
    inverse = validator(str(project.root), ontology, reference).inverse_predicates
    found: set[str] = set()
    for graph in graphs:
        name = ox.NamedNode(graph)
        for q in store.quads_for_pattern(None, RDF_TYPE, None, name):
            found |= {o.graph_name.value for o in store.quads_for_pattern(None, None, q.subject)}
        for predicate in inverse:
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, name):
                # the graph that defines the node pointed at (not every graph that mentions it); the
                # object is a node's IRI, since the shapes follow the predicate backwards from that node
                node = cast(ox.NamedNode, q.object)
                found |= {o.graph_name.value for o in store.quads_for_pattern(node, RDF_TYPE, None)}
    return found - set(graphs) - {ONTOLOGY_GRAPH, REGISTER_GRAPH}


def ontology_of(store: ox.Store) -> bytes:
    """The ontology graph of the store as N-Quads, which a build reads once: it is the same for the whole build (a
    change to it starts afresh), and at a million triples reading it from RocksDB takes tens of milliseconds."""
    return graph_bytes(store, ONTOLOGY_GRAPH)


def to_validate(manifest: dict, changed: list[str], dependents: set[str]) -> list[str]:
    graphs = sorted(manifest["graphs"])
    stale = set(graphs) if REGISTER_GRAPH in changed else set(changed) | dependents
    return [g for g in graphs if manifest["graphs"][g]["violations"] is None or g in stale]


def validate_graphs(
    project: Project,
    store: ox.Store,
    manifest: dict,
    kept: Manifest,
    todo: list[str],
    reference: bool,
    jobs: int,
    progress,
    ontology: bytes,
) -> None:
    """Validate `todo` (store: the whole dataset; `ontology`: its ontology graph, ontology_of) and keep each graph's
    results, located, in the manifest."""
    inverse = validator(str(project.root), ontology, reference).inverse_predicates
    groups = [todo[i : i + GROUP] for i in range(0, len(todo), GROUP)]

    def work():  # made while the workers validate the groups already made
        made, register = 0, register_index(store)
        progress("collecting validation data", 0, len(todo))
        for group in groups:
            items = []
            for g in group:
                data, owned = validation_data(store, g, inverse, register)
                items.append((g, ox.serialize(data, format=ox.RdfFormat.N_QUADS), sorted(owned)))
            made += len(group)
            progress("collecting validation data", made, len(todo))
            yield (str(project.root), ontology, items, reference)

    progress("validating graphs", 0, len(todo))
    done = 0
    with closing(pool_map(validate_group, work(), jobs, len(groups))) as validated:
        for group, results in zip(groups, validated, strict=True):
            done += len(group)
            progress("validating graphs", done, len(todo))
            for g, found in zip(group, results, strict=True):
                for v in found:
                    v["source"] = locate(kept.sourcemap_file(g), v["focus"]) or locate(
                        kept.sourcemap_file(REGISTER_GRAPH), v["focus"]
                    )
                manifest["graphs"][g]["violations"] = found


def needs_memory(todo: list[str]) -> bool:
    """Validating many graphs makes many lookups: an in-memory copy of the store answers them faster."""
    return len(todo) > BULK


def kept_violations(manifest: dict) -> list[Violation]:
    """Every graph's violations, each once, in a stable order."""
    unique: dict[tuple, Violation] = {}
    for g in sorted(manifest["graphs"]):
        for v in manifest["graphs"][g]["violations"]:
            violation = Violation(**v)
            unique.setdefault(violation.identity(), violation)
    return sorted(unique.values(), key=lambda v: (v.graph, v.focus, v.shape, v.path or "", v.message))
