"""The shapes and the data as rdflib graphs, for pySHACL and for what reads the shapes (validate.shacl, validate.rudof).

The data goes through Oxigraph's N-Triples and rdflib's parser (`to_rdflib`). The shapes are made term by term
(`shapes_graph`): in a new process rdflib's N-Triples parser costs more to start (its patterns compiled, about 0.13 s
of every `build` and `validate`) than the shapes cost to convert, and the terms are those the parser would make.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from rightsgraph.core.errors import UserError
from rightsgraph.core.namespaces import XSD
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle

XSD_STRING = XSD + "string"


def to_rdflib(quads: list[ox.Quad] | list[ox.Triple]) -> rdflib.Graph:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    graph = rdflib.Graph()
    if triples:
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> rdflib.term.Node:
    """The rdflib term rdflib's N-Triples parser makes of Oxigraph's N-Triples of `term` (a literal of xsd:string is
    written without its datatype, and read back as a plain literal). rdflib has no triple terms and no literals with a
    base direction: a ValueError, where its parser refused them."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Triple):
        raise ValueError("a triple term, which rdflib and SHACL do not have")
    if term.direction:
        raise ValueError(f"a literal with a base direction ({term.language}--{term.direction}), which rdflib drops")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype))


def shapes_graph(project: Project) -> rdflib.Graph:
    """The shapes of shapes/ as one rdflib graph."""
    graph = rdflib.Graph()
    for path in project.shape_files():
        for quad in parse_turtle(path):  # strict syntax check, with file and line on error
            graph.add(_triple(quad, path))
    return graph


def _triple(quad: ox.Quad, path: Path) -> tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]:
    try:
        return rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)
    except ValueError as exc:
        fix = "write the literal with a language tag and no direction, and no triple term, in the shapes"
        raise UserError(f"the shapes hold {exc}", path, fix=fix) from None
