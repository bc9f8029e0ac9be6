"""A graph is validated with what other articles say about its nodes: a denial in article B of an event
that article A reports keeps A's event from reading as plain fact, and lets A call it contested
(regression: validation data carried only the rg:about triple from B, not the claim's kind)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.project import GRAPH_NS, Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, validation_data

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "cross-article"
SHAPES = "https://w3id.org/rightsgraph/shapes#"
EX = "https://w3id.org/rightsgraph/synthetic/id/"


@pytest.mark.parametrize("engine", [Validator, FastValidator], ids=["pyshacl", "rudof"])
def test_a_denial_in_another_article_counts_when_validating_the_event(engine) -> None:
    project = Project.locate(ROOT)
    ontology = [q for p in project.ontology_files() for q in parse_turtle(p)]
    store = ox.Store()
    for name in ("article-a", "article-b"):
        store.extend(parse_turtle(FIXTURE / f"{name}.ttl", ox.NamedNode(GRAPH_NS + name)))
    validator = engine(project, ontology)
    data, owned = validation_data(store, GRAPH_NS + "article-a", validator.inverse_predicates)
    found = {
        (v.focus[len(EX) :], v.shape[len(SHAPES) :])
        for v in validator.validate(data, GRAPH_NS + "article-a", owned)
        if v.shape.startswith(SHAPES) and v.shape[len(SHAPES) :] in ("DeniedEventNotFactShape", "DisputedEventShape")
    }
    assert found == {("death-given-as-fact", "DeniedEventNotFactShape")}
