"""The concepts of one concept scheme file, as its documentation page lists them.

Read with queries/system/docs-concepts.rq and docs-concept-values.rq from the file itself (the default graph)
and the ontology (a named graph, for the labels of the properties). pyLODE 3.3.4's VocPub profile shows a
scheme's metadata only; `export.docs` adds what is read here to its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.sparql import queries

SKOS = "http://www.w3.org/2004/02/skos/core#"
ONTOLOGY_GRAPH = ox.NamedNode("urn:rightsgraph:docs:ontology")


@dataclass(frozen=True)
class Value:
    text: str  # a literal's lexical form, or an IRI
    is_iri: bool


@dataclass
class Row:
    property: str
    heading: str  # the property's English label, or "" where none is known
    values: list[Value] = field(default_factory=list)


@dataclass
class Concept:
    iri: str
    notation: str
    label: str
    definition: str
    anchor: str = ""  # the fragment id on its page
    depth: int = 0  # 0 for a concept with no broader concept in the file
    rows: list[Row] = field(default_factory=list)  # in the order the query ranks them

    def values(self, prop: str) -> list[Value]:
        return [v for row in self.rows if row.property == prop for v in row.values]


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


def _anchors(concepts: list[Concept]) -> None:
    """Each concept's fragment id: its IRI's last segment (its slug), made unique in the page."""
    taken: set[str] = {"metadata", "concepts", "namespaces", "legend", "toc", "content", "pylode"}
    for concept in concepts:
        base = concept.iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or "concept"
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        concept.anchor = anchor


def _in_tree_order(concepts: list[Concept]) -> list[Concept]:
    """Broader before narrower, depth first, each level by label; a concept under two broader concepts is
    listed under the first; a cycle's members (which SKOS allows) come at the end, at depth 0."""
    by_iri = {c.iri: c for c in concepts}
    children: dict[str, list[Concept]] = {}
    has_parent: set[str] = set()
    for concept in concepts:
        for parent in concept.values(SKOS + "broader"):
            if parent.is_iri and parent.text in by_iri and parent.text != concept.iri:
                children.setdefault(parent.text, []).append(concept)
                has_parent.add(concept.iri)
    key = lambda c: (c.label.casefold(), c.iri)
    ordered: list[Concept] = []
    seen: set[str] = set()

    def walk(concept: Concept, depth: int) -> None:
        if concept.iri in seen:
            return
        seen.add(concept.iri)
        concept.depth = depth
        ordered.append(concept)
        for child in sorted(children.get(concept.iri, []), key=key):
            walk(child, depth + 1)

    for root in sorted((c for c in concepts if c.iri not in has_parent), key=key):
        walk(root, 0)
    for rest in sorted(concepts, key=key):
        walk(rest, 0)
    return ordered


def read_concepts(project: Project, scheme_file: Path, ontology: list[ox.Quad] | None = None) -> list[Concept]:
    """Every concept of `scheme_file`, broader before narrower, with its statements grouped by property."""
    store = ox.Store()
    store.extend(parse_turtle(scheme_file))
    store.extend(ontology if ontology is not None else parse_turtle(project.ontology_file, ONTOLOGY_GRAPH))
    system = project.queries_dir / "system"
    concepts: dict[str, Concept] = {}
    solutions = store.query(queries.load_query(system / "docs-concepts.rq").text)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        iri = _text(row["concept"])
        concepts[iri] = Concept(iri, _text(row["notation"]), _text(row["label"]), _text(row["definition"]))
    solutions = store.query(queries.load_query(system / "docs-concept-values.rq").text)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        concept = concepts.get(_text(row["concept"]))
        if concept is None:
            continue
        prop = _text(row["property"])
        if not concept.rows or concept.rows[-1].property != prop:
            concept.rows.append(Row(prop, _text(row["heading"])))
        concept.rows[-1].values.append(Value(_text(row["value"]), isinstance(row["value"], ox.NamedNode)))
    ordered = _in_tree_order(list(concepts.values()))
    _anchors(ordered)
    return ordered


def ontology_quads(project: Project) -> list[ox.Quad]:
    """The ontology file in the named graph the values query reads property labels from (parsed once per run)."""
    return parse_turtle(project.ontology_file, ONTOLOGY_GRAPH)
