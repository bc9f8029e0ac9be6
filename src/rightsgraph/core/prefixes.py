"""The prefix map used in Turtle, TriG and JSON-LD output, read by the Turtle parser from the ontology
files' own @prefix lines (the ontology is the source of truth; code does not restate namespaces)."""

from __future__ import annotations

from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import turtle_prefixes


def project_prefixes(project: Project) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in project.ontology_files():
        for name, iri in turtle_prefixes(path).items():
            if name and iri.endswith(("#", "/")):
                found.setdefault(name, iri)
    return dict(sorted(found.items()))


def compact(iri: str | None, prefixes: dict[str, str]) -> str:
    if not iri:
        return ""
    # the longest namespace that matches: `id:actor/x`, not a shorter prefix's `base:id/actor/x`
    matches = [(name, ns) for name, ns in prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)]
    if matches:
        name, namespace = max(matches, key=lambda m: len(m[1]))
        return f"{name}:{iri[len(namespace) :]}"
    return iri if iri.startswith("http") else f"<{iri}>"
