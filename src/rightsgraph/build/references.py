"""The checks a build makes on the graphs it converted, against the whole store: every term is defined,
every reference names a node some file defines, no node is defined in two files, and nothing still
points at a node whose definition went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.authoring.annotations import check_references, check_terms, duplicate_error
from rightsgraph.authoring.context import load_context
from rightsgraph.authoring.yamlld import Emitted, Reference
from rightsgraph.build.manifest import Manifest
from rightsgraph.core.errors import UserError
from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import ONTOLOGY_GRAPH, REGISTER_GRAPH, Project
from rightsgraph.validate.checks import defined_terms
from rightsgraph.validate.shacl import locate

Converted = dict[str, tuple[list[tuple], list[tuple], list[tuple]]]  # graph -> (references, concepts, types)


def _typed_elsewhere(store: ox.Store, iri: str, graph: str) -> str | None:
    for q in store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None, None):
        if q.graph_name.value not in (graph, ONTOLOGY_GRAPH):
            return q.graph_name.value
    return None


def _lookups(store: ox.Store, index: ox.Store | None) -> tuple[Callable, Callable]:
    """is_defined(iri) and elsewhere(iri, graph): the store's answers, or, given a store to index (many
    graphs changed), one pass over its typing triples that answers the many lookups."""
    if index is None:
        is_defined = lambda iri: next(store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None), None) is not None
        return is_defined, lambda subject, graph: _typed_elsewhere(store, subject, graph)
    typed: dict[str, list[str]] = {}
    for q in index.quads_for_pattern(None, RDF_TYPE, None):
        typed.setdefault(q.subject.value, []).append(q.graph_name.value)
    elsewhere = lambda subject, graph: next(
        (g for g in typed.get(subject, ()) if g not in (graph, ONTOLOGY_GRAPH)), None
    )
    return typed.__contains__, elsewhere


def check_converted(
    project: Project, store: ox.Store, manifest: Manifest, converted: Converted, index: ox.Store | None = None
) -> None:
    """Raise the first UserError among the converted graphs (which `converted` gives up as it is read)."""
    base = load_context(project.ontology_dir / "context.jsonld").base
    known = defined_terms(project, store)
    is_defined, elsewhere = _lookups(store, index)
    defined_here = lambda: sorted(
        {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, None) if q.subject.value.startswith(base)}
    )
    paths: dict[str, Path] = {}  # one Path per file: a file holds thousands of references
    path = lambda name: paths.get(name) or paths.setdefault(name, Path(name))
    for graph in list(converted):
        refs, concepts, types = converted.pop(graph)
        part = Emitted(
            references=[Reference(i, path(p), ln, k, ns) for i, p, ln, k, ns in refs],
            concepts=[Reference(i, path(p), ln, k, ns) for i, p, ln, k, ns in concepts],
            types=[Reference(i, path(p), ln, k, ns) for i, p, ln, k, ns in types],
        )
        check_terms(part, known)
        check_references(part, is_defined, base, defined_here)
        if graph == REGISTER_GRAPH:
            _register_stands_alone(store, manifest, part, base)
        for subject in {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, None, ox.NamedNode(graph))}:
            other = elsewhere(subject, graph)
            if other is None:
                continue
            here = locate(manifest.sourcemap_file(graph), subject)
            if here is not None:
                first = locate(manifest.sourcemap_file(other), subject) or other
                raise duplicate_error(subject, here, first, base)


def _register_stands_alone(store: ox.Store, manifest: Manifest, part: Emitted, base: str) -> None:
    """The register refers only to its own nodes: an article is read with the register alone (its own copy of a
    project, a test's seed project), so a register place that lies in a country only an article defines reads as
    lying nowhere."""
    register = ox.NamedNode(REGISTER_GRAPH)
    for ref in part.references:
        node = ox.NamedNode(ref.iri)
        if not ref.iri.startswith(base) or next(store.quads_for_pattern(node, RDF_TYPE, None, register), None):
            continue
        other = _typed_elsewhere(store, ref.iri, REGISTER_GRAPH)
        where = (locate(manifest.sourcemap_file(other), ref.iri) or other) if other else "an article"
        slug = ref.iri[len(base) :]
        raise UserError(
            f"'{ref.key}' refers to {slug}, which an article defines ({where}), not the register",
            ref.path,
            ref.line,
            f"move the definition of {slug} into the register and mention it in that article instead",
        )


def check_gone(project: Project, store: ox.Store, manifest: Manifest, gone: set[str]) -> None:
    """No graph may still refer to a node that was defined before this build and is defined nowhere now."""
    base = load_context(project.ontology_dir / "context.jsonld").base
    for iri in sorted(gone):
        if next(store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, None), None) is None:
            for q in store.quads_for_pattern(None, None, ox.NamedNode(iri)):
                where = locate(manifest.sourcemap_file(q.graph_name.value), q.subject.value)
                raise UserError(
                    f"refers to {iri[len(base) :]}, which no file in data/ defines any more",
                    where.rpartition(":")[0] if where else q.graph_name.value,
                    int(where.rpartition(":")[2]) if where else None,
                    "restore its definition or remove the reference",
                )
