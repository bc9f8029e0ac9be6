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

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.project import GRAPH_NS, ONTOLOGY_GRAPH, REGISTER_GRAPH, TYPES_GRAPH, Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, Violation, validation_data

from .conftest import edit
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


SEED = "data/annotations/campaign-against-mass-executions-in-iraq.yaml"
# Faults planted in the seed article, each of a kind the shapes (not the build's own checks) catch:
# (what the YAML said, what it says now, the node that must be reported)
ROUND, SINCE = "quantity/nasiriyah-execution-round-2024-09-hanged", "quantity/executions-since-early-september-2024"
PLANTED = [
    ("        value: 50\n        min: 50\n", "        value: 50\n", ROUND),  # "at least" with no lower bound
    ("    # its own voice.\n    status: reported\n", "    # its own voice.\n", "event/"),  # an event without status
    (
        "      earliest: 2024-09-01\n      latest: 2024-09-30",
        "      earliest: 2024-09-01\n      latest: 2024-08-01",
        "",
    ),
    ("        value: 70\n", "        value: -70\n", SINCE),  # a negative count
]


def found(violations: list[Violation]) -> set[tuple[str | None, ...]]:
    """What a build reports of a violation, the anonymous shape's blank-node name aside (each engine's
    parse names it), and the path's when it is an inverse path (reported as that blank node)."""
    return {
        (
            v.graph,
            v.focus,
            v.path if v.path is None or "://" in v.path else "^",
            v.component,
            v.message,
            v.value,
            v.source,
        )
        for v in violations
    }


@pytest.mark.slow
def test_the_build_reports_the_same_planted_violations_with_rudof_and_pyshacl(project_copy: Project) -> None:
    """The path `rightsgraph build` takes (graphs grouped per SHACL run, N-Quads handed to validate_nquads),
    on the seed with faults planted: rudof reports exactly what the pySHACL reference reports, and that is
    not nothing: every planted fault is among the results."""
    for old, new, _ in PLANTED:
        edit(project_copy.root / SEED, old, new)
    rudof = build_incremental(project_copy, full=True, jobs=2).violations
    reference = build_incremental(project_copy, full=True, reference=True).violations
    assert found(rudof) == found(reference), (
        f"\nonly pySHACL: {sorted(found(reference) - found(rudof), key=str)}"
        f"\nonly rudof: {sorted(found(rudof) - found(reference), key=str)}"
    )
    assert len(rudof) == len(reference) >= len(PLANTED)
    assert all(v.source and v.source.startswith(SEED + ":") for v in rudof), rudof
    for _, _, node in PLANTED:
        assert any(node in v.focus for v in rudof), f"nothing reported on {node}"
