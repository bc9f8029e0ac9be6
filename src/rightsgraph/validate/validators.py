"""Which validator runs: rudof (FastValidator, the default) or pySHACL (Validator, the reference); and a whole
store validated graph by graph with it. Kept apart from validate.py and fast_validate.py, which it chooses
between, so that neither imports the other's module in a cycle."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import ONTOLOGY_GRAPH, Project
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, Violation, graph_quads, register_index, validation_data


def make_validator(
    project: Project, ontology: list[ox.Quad], reference: bool = False, kept: Path | None = None
) -> Validator:
    """rudof (fast; proven to report what pySHACL reports on every shape fixture), or pySHACL itself
    (the reference) when asked or when pyrudof is not installed. `kept`: FastValidator's file of verdicts."""
    if not reference:
        try:
            import pyrudof  # noqa: F401
        except ImportError:
            reference = True
    if reference:
        return Validator(project, ontology)
    return FastValidator(project, ontology, kept)


def validate_store(
    project: Project,
    store: ox.Store,
    sourcemap: dict[str, str] | None = None,
    graphs: list[str] | None = None,
    reference: bool = False,
) -> list[Violation]:
    """Validate every data graph (or only `graphs`) with the register; return the violations, sorted."""
    validator = make_validator(project, graph_quads(store, ONTOLOGY_GRAPH), reference)
    names = sorted(g.value for g in store.named_graphs() if g.value != ONTOLOGY_GRAPH)
    violations: list[Violation] = []
    register = register_index(store)
    for name in names:
        if graphs is not None and name not in graphs:
            continue
        quads, owned = validation_data(store, name, validator.inverse_predicates, register)
        violations += validator.validate(quads, name, owned)
    sourcemap = sourcemap or {}
    # A register actor that an article mentions is reported with both graphs: report a result once.
    unique: dict[tuple[str | None, ...], Violation] = {}
    for v in violations:
        unique.setdefault(v.identity(), v)
    located = [replace(v, source=sourcemap.get(v.focus)) for v in unique.values()]
    return sorted(located, key=lambda v: (v.graph, v.focus, v.shape, v.path or "", v.message))
