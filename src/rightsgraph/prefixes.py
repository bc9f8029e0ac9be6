"""The prefix map used in Turtle, TriG and JSON-LD output, read from the ontology files' own
@prefix lines (the ontology is the source of truth; code does not restate namespaces)."""

from __future__ import annotations

from .project import Project
from .terms import PREFIX_DECL


def project_prefixes(project: Project) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in project.ontology_files():
        for name, iri in PREFIX_DECL.findall(path.read_text(encoding="utf-8")):
            if name and iri.endswith(("#", "/")):
                found.setdefault(name, iri)
    return dict(sorted(found.items()))
