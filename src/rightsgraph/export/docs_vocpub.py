"""pyLODE's VocPub page of a concept scheme, with its concepts.

pyLODE 3.3.4's VocPub profile renders a scheme's metadata, its namespaces and an empty legend, and no concept
(3.4.1 lists concepts, but keeps one value per property and shows none of the rg: codes). This profile keeps
pyLODE's page, its metadata and its inline style, and adds a section listing every concept (read by
`export.docs_concepts`) with its label, notation, definition, codes and broader and narrower concepts, and
the concepts in the table of contents. dominate, which pyLODE writes its pages with, escapes every text.

Imported late (pyLODE is slow to import): `export.docs` imports this module inside `write_docs`.
"""

from __future__ import annotations

from pathlib import Path

from dominate.tags import a, code, div, h2, h3, h4, li, p, span, sup, table, td, th, tr, ul
from pylode import VocPub

from rightsgraph.core.prefixes import compact
from rightsgraph.export.docs_concepts import Concept, Value

CONCEPT_MARK = {"_class": "sup-con", "title": "SKOS Concept"}


class ConceptsVocPub(VocPub):
    """VocPub with a "Concepts" section: one entry per concept, broader before narrower."""

    def __init__(self, scheme_file: Path, concepts: list[Concept], prefixes: dict[str, str]) -> None:
        super().__init__(ontology=str(scheme_file))
        self.concepts = concepts
        self.prefixes = prefixes
        self.by_iri = {c.iri: c for c in concepts}

    def _value(self, value: Value):
        target = self.by_iri.get(value.text) if value.is_iri else None
        if target is not None:
            return a(target.label or target.notation or target.iri, href=f"#{target.anchor}", _class="concept-link")
        if value.is_iri:
            return a(compact(value.text, self.prefixes), href=value.text)
        return span(value.text, _class="literal")

    def _entry(self, concept: Concept):
        rows = table()
        rows.add(tr(th("IRI"), td(code(concept.iri))))
        if concept.notation:
            rows.add(tr(th("notation"), td(code(concept.notation), _class="notation")))
        rows.add(tr(th("definition"), td(p(concept.definition), _class="definition")))
        for row in concept.rows:
            cell = td(_class="values", data_property=row.property)
            for n, value in enumerate(row.values):
                if n:
                    cell.add(", ")
                cell.add(self._value(value))
            heading = row.heading or compact(row.property, self.prefixes)
            rows.add(tr(th(heading, title=row.property), cell))
        return div(
            h3(concept.label or concept.notation or concept.iri, " ", sup("con", **CONCEPT_MARK)),
            rows,
            _class="entity concept",
            id=concept.anchor,
            data_iri=concept.iri,
            data_depth=str(concept.depth),
        )

    def _make_main_sections(self) -> None:
        section = div(_class="section", id="concepts")
        section.add(h2(f"Concepts ({len(self.concepts)})"))
        section.add(
            p(
                "Broader concepts come before narrower ones. Codes: CAMEO 1.1b3 event codes, PLOVER event "
                "categories, HURIDOCS micro-thesaurus entries, and the sign of a stance for signed networks, where "
                "the scheme gives them."
            )
        )
        for concept in self.concepts:
            section.add(self._entry(concept))
        self.content.add(section)

    def _make_legend(self) -> None:
        legend = table(tr(td(sup("con", **CONCEPT_MARK)), td("Concepts")), _class="entity")
        self.content.add(div(h2("Legend"), legend, id="legend"))

    def _make_toc(self) -> None:
        concepts = ul(_class="second")
        for concept in self.concepts:
            link = a(concept.label or concept.notation or concept.iri, href=f"#{concept.anchor}")
            concepts.add(li(link, style=f"margin-left:{concept.depth}em") if concept.depth else li(link))
        namespaces = ul(_class="second")
        for _, prefix in self.toc.get("namespaces", []):
            namespaces.add(li(a(prefix, href=f"#{prefix}")))
        with self.doc:
            div(
                h3("Table of Contents"),
                ul(
                    li(h4(a("Metadata", href="#metadata"))),
                    li(h4(a("Concepts", href="#concepts")), concepts),
                    li(h4(a("Namespaces", href="#namespaces")), namespaces),
                    li(h4(a("Legend", href="#legend"))),
                    _class="first",
                ),
                id="toc",
            )


def scheme_page(scheme_file: Path, concepts: list[Concept], prefixes: dict[str, str]) -> str:
    return ConceptsVocPub(scheme_file, concepts, prefixes).make_html(include_css=True)
