"""FastValidator (rudof) reports exactly what Validator (pySHACL, the reference) reports.

On every shape fixture and on every graph of the seed dataset, the results are compared as sets of
(focus, result path, component), then field by field (severity, message, value, shape). A result
path is an IRI, `^IRI` for an inverse path or None; a property shape (a blank node, labelled afresh
by each validator) is compared as "<node shape> <path>".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import SH

pytest.importorskip("pyrudof")

from rightsgraph.core.project import GRAPH_NS, ONTOLOGY_GRAPH, REGISTER_GRAPH, TYPES_GRAPH, Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, Violation, validation_data

from .shape_fixtures import FILES, ROOT, result_path, validator

Result = tuple[str, str | None, str]

# Fixtures where rudof (pyrudof 0.3.35) does not report what pySHACL reports. Remove an entry when the
# strict xfail starts to fail (XPASS): rudof then agrees.
RUDOF_DIFFERS: dict[str, str] = {}


@cache
def fast_validator() -> FastValidator:
    project = Project.locate(ROOT)
    return FastValidator(project, [q for p in project.ontology_files() for q in parse_turtle(p)])


def triples(violations: list[Violation], shapes: rdflib.Graph) -> set[Result]:
    return {(v.focus, result_path(v, shapes), v.component.rsplit("#", 1)[-1]) for v in violations}


def shape_key(shape: str, shapes: rdflib.Graph) -> str:
    """A named shape's IRI; a property shape as the node shape that has it and its path."""
    if shape.startswith(("http://", "https://")):
        return shape
    node = rdflib.BNode(shape)
    owner = shapes.value(None, SH.property, node)
    path = shapes.value(node, SH.path)
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, rdflib.BNode) else None
    return f"{owner} {'^' + str(inverse) if inverse is not None else path}"


def details(violations: list[Violation], shapes: rdflib.Graph) -> set[tuple[str | None, ...]]:
    return {
        (
            v.graph,
            v.focus,
            result_path(v, shapes),
            v.component,
            v.severity,
            v.message,
            v.value,
            shape_key(v.shape, shapes),
        )
        for v in violations
    }


def compare(reference: list[Violation], fast: list[Violation]) -> None:
    expected, actual = triples(reference, validator().shapes), triples(fast, fast_validator().shapes)
    assert actual == expected, (
        f"\nonly pySHACL: {sorted(expected - actual, key=str)}\nonly rudof: {sorted(actual - expected, key=str)}"
    )
    expected_details, actual_details = details(reference, validator().shapes), details(fast, fast_validator().shapes)
    assert actual_details == expected_details, (
        f"\nonly pySHACL: {sorted(expected_details - actual_details, key=str)}"
        f"\nonly rudof: {sorted(actual_details - expected_details, key=str)}"
    )
    assert len(fast) == len(reference)


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def fixture_params() -> list:
    params = []
    for path in FILES:
        reason = RUDOF_DIFFERS.get(fixture_id(path))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=fixture_id(path), marks=marks))
    return params


@pytest.mark.parametrize("path", fixture_params())
def test_fixture_gives_the_results_of_pyshacl(path: Path) -> None:
    quads = parse_turtle(path)
    compare(validator().validate(quads, "fixture"), fast_validator().validate(quads, "fixture"))


def test_the_known_differences_name_existing_fixtures() -> None:
    assert set(RUDOF_DIFFERS) <= {fixture_id(p) for p in FILES}


@pytest.fixture(scope="module")
def seed_store(built) -> ox.Store:
    """The seed as `rightsgraph build` built it (conftest's `built`: a copy of the project)."""
    store = ox.Store()
    store.extend(built.quads)
    return store


def test_seed_graphs_give_the_results_of_pyshacl(seed_store: ox.Store) -> None:
    """Each graph of the seed with the validation data the build gives it (validate.validation_data): rudof
    reports what pySHACL reports. (One test over the graphs: collecting the tests builds nothing.)"""
    graphs = sorted(
        g.value
        for g in seed_store.named_graphs()
        if g.value.startswith(GRAPH_NS) and g.value not in (ONTOLOGY_GRAPH, TYPES_GRAPH, GRAPH_NS + "network")
    )
    assert REGISTER_GRAPH in graphs and len(graphs) >= 2
    for graph in graphs:
        quads, owned = validation_data(seed_store, graph, validator().inverse_predicates)
        compare(validator().validate(quads, graph, owned), fast_validator().validate(quads, graph, owned))


def test_fast_validator_has_the_validator_interface() -> None:
    assert isinstance(fast_validator(), Validator)
    assert fast_validator().validate([], "empty") == validator().validate([], "empty") == []
