"""A graph is validated with what other articles say about its nodes: a denial in article B of an event
that article A reports keeps A's event from reading as plain fact, and lets A call it contested
(regression: validation data carried only the rg:about triple from B, not the claim's kind)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.project import GRAPH_NS, REGISTER_GRAPH, Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, validation_data

from .conftest import ROOT, edit, project_from_corpus_fixture, run_cli
from .test_identity import CORPUS

FIXTURE = Path(__file__).parent / "fixtures" / "cross-article"
SHAPES = "https://w3id.org/rightsgraph/shapes#"
EX = "https://w3id.org/rightsgraph/synthetic/id/"
RG = "https://w3id.org/rightsgraph/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


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


MENTIONED = """
@prefix rg: <https://w3id.org/rightsgraph/ontology#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://w3id.org/rightsgraph/synthetic/id/> .
"""


@pytest.mark.parametrize("engine", [Validator, FastValidator], ids=["pyshacl", "rudof"])
def test_regression_mentioning_a_node_another_article_defines_hid_its_type(engine) -> None:
    """Article B mentions a country that article A defines and names it as an actor's jurisdiction (the Egypt
    and Saudi articles, and the Belarus and Russia ones, found it). The mention made the country a subject of
    B, so its type was not fetched from A: `jurisdiction` read as "not a place" in B, by one validation path
    and not the other. A node B mentions or extends but does not type now comes with what A states of it."""
    project = Project.locate(ROOT)
    ontology = [q for p in project.ontology_files() for q in parse_turtle(p)]
    store = ox.Store()
    a = MENTIONED + 'ex:kingdom a rg:Country ; rdfs:label "Synthetic Kingdom"@en .\n'
    b = MENTIONED + (
        "ex:kingdom gaf:denotedBy ex:span .\n"
        'ex:government a rg:GovernmentBody ; rdfs:label "Government of the Synthetic Kingdom"@en ;\n'
        "    rg:jurisdiction ex:kingdom .\n"
    )
    store.load(a.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-a"))
    store.load(b.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-b"))
    validator = engine(project, ontology)
    data, owned = validation_data(store, GRAPH_NS + "article-b", validator.inverse_predicates)
    assert (
        ox.Quad(
            ox.NamedNode(EX + "kingdom"), RDF_TYPE, ox.NamedNode(RG + "Country"), ox.NamedNode(GRAPH_NS + "article-a")
        )
        in data
    )
    found = [(v.focus[len(EX) :], v.path) for v in validator.validate(data, GRAPH_NS + "article-b", owned)]
    assert ("government", RG + "jurisdiction") not in found


@pytest.mark.parametrize("engine", [Validator, FastValidator], ids=["pyshacl", "rudof"])
def test_regression_a_mentioned_actors_jurisdiction_defined_in_its_article_read_as_no_place(engine) -> None:
    """Article B mentions a government that article A defines, with its jurisdiction a country A also defines
    (a draft of one article mentioning another's "Government of Egypt" found it): the government's triples came
    from A, but not the type of the country they point to, so B's validation said "An actor's jurisdiction is a
    place". The nodes that a mentioned node's defining triples refer to now bring their types too."""
    project = Project.locate(ROOT)
    ontology = [q for p in project.ontology_files() for q in parse_turtle(p)]
    store = ox.Store()
    a = MENTIONED + (
        'ex:kingdom a rg:Country ; rdfs:label "Synthetic Kingdom"@en .\n'
        'ex:government a rg:GovernmentBody ; rdfs:label "Government of the Synthetic Kingdom"@en ;\n'
        "    rg:jurisdiction ex:kingdom .\n"
    )
    b = MENTIONED + "ex:government gaf:denotedBy ex:span .\n"
    store.load(a.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-a"))
    store.load(b.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-b"))
    validator = engine(project, ontology)
    data, owned = validation_data(store, GRAPH_NS + "article-b", validator.inverse_predicates)
    found = [(v.focus[len(EX) :], v.path) for v in validator.validate(data, GRAPH_NS + "article-b", owned)]
    assert ("government", RG + "jurisdiction") not in found
    assert found == []


@pytest.mark.parametrize("engine", [Validator, FastValidator], ids=["pyshacl", "rudof"])
def test_regression_a_register_place_in_a_country_another_article_defines_read_as_no_place(engine) -> None:
    """Article B mentions a register place (Hong Kong) that lies in a country only article A defines (China): the
    register's triples came with the mention, but not the country's type, so B's validation said "A place is
    located in another place" (two new annotators found it). The nodes the register's triples refer to now bring
    their types too."""
    project = Project.locate(ROOT)
    ontology = [q for p in project.ontology_files() for q in parse_turtle(p)]
    store = ox.Store()
    a = MENTIONED + 'ex:kingdom a rg:Country ; rdfs:label "Synthetic Kingdom"@en .\n'
    register = MENTIONED + 'ex:port a rg:Region ; rdfs:label "Synthetic Port"@en ; rg:locatedIn ex:kingdom .\n'
    b = MENTIONED + "ex:port gaf:denotedBy ex:span .\n"
    store.load(a.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-a"))
    store.load(register.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(REGISTER_GRAPH))
    store.load(b.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_NS + "article-b"))
    validator = engine(project, ontology)
    data, owned = validation_data(store, GRAPH_NS + "article-b", validator.inverse_predicates)
    found = [(v.focus[len(EX) :], v.path) for v in validator.validate(data, GRAPH_NS + "article-b", owned)]
    assert found == []


EXTENSION = """
  - id: event/synthetic-executions
    count:
      - id: quantity/synthetic-executed-per-dispute
        expression: eight prisoners
        value: 8
        qualifier: exactly
        counted: prisoners executed
"""


def extend_an_event_of_another_article(root: Path) -> Project:
    """The corpus fixture, whose dispute article adds a count of its own (with the claim about it) to the executions
    event that the minimal article defines with its participations."""
    project = project_from_corpus_fixture(root, CORPUS)
    dispute = project.data_dir / "annotations" / "synthetic-dispute.yaml"
    edit(dispute, "\nstatements:\n", EXTENSION + "statements:\n")
    edit(dispute, "eight-executed]", "eight-executed, quantity/synthetic-executed-per-dispute]")
    return project


def test_regression_an_event_extended_in_another_article_had_its_participations_read_as_empty(tmp_path: Path) -> None:
    """Validating the extending article alone (a rebuild after an edit of it) carried the event's triples from the
    article that defines it but not its participations' own: 'A participation is a role with one actor and a role
    type', which a build from empty, validating both in one group, did not report."""
    project = extend_an_event_of_another_article(tmp_path)
    assert run_cli("build", "--no-docs", "-q", root=project.root).returncode == 0
    edit(
        project.data_dir / "annotations" / "synthetic-dispute.yaml", "expression: eight prisoners", "expression: eight"
    )
    for command in ("validate", "build"):
        result = run_cli(command, *(["--no-docs"] if command == "build" else []), "-q", root=project.root)
        assert result.returncode == 0, result.stdout + result.stderr
