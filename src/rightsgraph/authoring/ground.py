"""Grounding: an evidence quote -> the one span of the source text it copies, with its offsets.

Offsets count Unicode code points (Python str indices, as SPARQL SUBSTR does), end exclusive.
A quote that is absent, or present more than once, is an error naming the YAML line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.core.namespaces import RDF_TYPE

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RG = "https://w3id.org/rightsgraph/ontology#"
XSD_INT = ox.NamedNode(
    "http://www.w3.org/2001/XMLSchema#integer"
)  # Oxigraph stores derived integer types as xsd:integer


def find_once(text: str, quote: str) -> int | None:
    """The offset of the only occurrence of `quote`, None if absent; raises ValueError(n) if repeated."""
    first = text.find(quote)
    if first < 0:
        return None
    second = text.find(quote, first + 1)
    if second >= 0:
        raise ValueError(text.count(quote))
    return first


class Grounder:
    def __init__(
        self, text: str, text_path: Path, yaml_path: Path, article_iri: str, span_base: str, graph: ox.NamedNode
    ) -> None:
        self.text = text
        self.text_path = text_path
        self.yaml_path = yaml_path
        self.article = ox.NamedNode(article_iri)
        self.span_base = span_base
        self.graph = graph
        self.quads: list[ox.Quad] = []
        self._seen: set[str] = set()

    def __call__(self, quote: Any, line: int) -> ox.NamedNode:
        if not isinstance(quote, str) or not quote.strip():
            raise UserError(
                "an evidence quote must be non-empty text",
                self.yaml_path,
                line,
                "copy the supporting words verbatim from the source",
            )
        try:
            start = find_once(self.text, quote)
        except ValueError as repeated:
            raise UserError(
                f"evidence quote occurs {repeated.args[0]} times in {self.text_path.name}: {quote[:60]!r}",
                self.yaml_path,
                line,
                "lengthen the quote until it occurs once",
            ) from None
        if start is None:
            raise UserError(
                f"evidence quote not found in {self.text_path.name}: {quote[:60]!r}",
                self.yaml_path,
                line,
                "copy the words exactly as the source has them",
            ) from None
        end = start + len(quote)
        iri = f"{self.span_base}{start}-{end}"
        if iri not in self._seen:
            self._seen.add(iri)
            span = ox.NamedNode(iri)
            for p, o in (
                (RDF_TYPE, ox.NamedNode(RG + "TextSpan")),
                (ox.NamedNode(NIF + "anchorOf"), ox.Literal(quote)),
                (ox.NamedNode(NIF + "beginIndex"), ox.Literal(str(start), datatype=XSD_INT)),
                (ox.NamedNode(NIF + "endIndex"), ox.Literal(str(end), datatype=XSD_INT)),
                (ox.NamedNode(NIF + "referenceContext"), self.article),
            ):
                self.quads.append(ox.Quad(span, p, o, self.graph))
        return ox.NamedNode(iri)
