"""Exports reload to exactly the store's quads (no blank nodes, so set equality is isomorphism)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld

from .conftest import Built


@pytest.fixture(scope="module")
def dumped(built: Built) -> tuple[set[ox.Quad], Path]:
    return set(built.quads), built.project.dist_dir


def _triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def test_no_blank_nodes(dumped: tuple[set[ox.Quad], Path]) -> None:
    quads, _ = dumped
    assert [q for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)] == []


@pytest.mark.parametrize(
    "name,fmt", [("rightsgraph.nq", ox.RdfFormat.N_QUADS), ("rightsgraph.trig", ox.RdfFormat.TRIG)]
)
def test_quad_dumps_reload_identical(dumped: tuple[set[ox.Quad], Path], name: str, fmt: ox.RdfFormat) -> None:
    quads, dist = dumped
    assert set(ox.parse(path=str(dist / name), format=fmt)) == quads


def test_merged_turtle_reloads_to_the_union_of_graphs(dumped: tuple[set[ox.Quad], Path]) -> None:
    quads, dist = dumped
    assert _triples(set(ox.parse(path=str(dist / "rightsgraph.ttl"), format=ox.RdfFormat.TURTLE))) == _triples(quads)


def test_turtle_per_graph_reloads_to_that_graph(dumped: tuple[set[ox.Quad], Path]) -> None:
    quads, dist = dumped
    graphs = {q.graph_name.value for q in quads}
    files = sorted((dist / "graphs").glob("*.ttl"))
    assert len(files) == len(graphs)
    for path in files:
        graph = next(g for g in graphs if g.endswith("/" + path.stem.replace("--", "/")))
        expected = {ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name.value == graph}
        assert _triples(set(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) == expected, path.name


def test_json_ld_reloads_identical(dumped: tuple[set[ox.Quad], Path]) -> None:
    quads, dist = dumped
    document = json.loads((dist / "rightsgraph.jsonld").read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) == quads
