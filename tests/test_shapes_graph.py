"""validate.rdflib_graphs.shapes_graph makes the shapes' rdflib graph term by term: the same graph, term for term, as
rdflib's N-Triples parser makes of Oxigraph's N-Triples of them (what it did before), blank nodes aside (each parse
names them anew)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rdflib_graphs import shapes_graph, to_rdflib

ROOT = Path(__file__).resolve().parents[1]
AWKWARD = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/synthetic/shapes/> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:message "plain" , "tagged"@en , "tagged, regional"@en-GB , "typed"^^xsd:string ;
    sh:property [ sh:path ex:count ; sh:minInclusive 0 ; sh:maxInclusive "010"^^xsd:integer ;
                  sh:pattern "^a\\\\d+\\n$" ;
                  sh:in ( 1.5 true "x"^^ex:datatype "abc"^^xsd:integer "2024-13-45"^^xsd:date "caf\\u00e9 \\t tab" ) ] ;
    sh:property _:labelled .
_:labelled sh:path ex:name ; sh:datatype xsd:string .
"""


def by_parser(paths: list[Path]) -> rdflib.Graph:
    return to_rdflib([quad for path in paths for quad in parse_turtle(path)])


def terms(graph: rdflib.Graph) -> list[tuple[str, ...]]:
    """Every triple as the reprs of its terms (a literal's datatype and language included), blank nodes as _."""
    show = lambda t: "_" if isinstance(t, rdflib.BNode) else repr(t)
    return sorted((show(s), show(p), show(o)) for s, p, o in graph)


def test_the_shapes_graph_is_what_the_n_triples_parser_made() -> None:
    project = Project.locate(ROOT)
    made, parsed = shapes_graph(project), by_parser(project.shape_files())
    assert len(made) > 500 and terms(made) == terms(parsed) and isomorphic(made, parsed)


def test_literals_of_every_kind_and_blank_nodes_come_through_as_the_parser_gives_them(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "awkward.ttl").write_text(AWKWARD, encoding="utf-8")
    project = Project(root=tmp_path)
    made, parsed = shapes_graph(project), by_parser([shapes / "awkward.ttl"])
    assert terms(made) == terms(parsed) and isomorphic(made, parsed)
    assert rdflib.Literal("typed") in set(made.objects())  # xsd:string read back as a plain literal
    assert rdflib.Literal("10", datatype=rdflib.XSD.integer) in set(made.objects())  # normalised as the parser does


def test_a_literal_with_a_base_direction_in_the_shapes_is_refused_naming_the_file(tmp_path: Path) -> None:
    """rdflib has no base direction: the term would lose it silently (its N-Triples parser refused the line)."""
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "directed.ttl").write_text(AWKWARD + 'ex:Shape sh:message "rtl text"@ar--rtl .\n', encoding="utf-8")
    with pytest.raises(UserError, match="base direction") as caught:
        shapes_graph(Project(root=tmp_path))
    assert caught.value.path == shapes / "directed.ttl"
