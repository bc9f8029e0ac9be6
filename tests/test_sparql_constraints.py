"""Which SPARQL constraints Oxigraph answers beside rudof (validate.sparql_constraints), and what it finds.

That the results are pySHACL's is tested in test_fast_validate.py, on every shape fixture, the seed and its mutants:
these tests check the conditions under which a constraint is taken from rudof, and that one failing them stays.
"""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest
import rdflib
from pyparsing import ParserElement
from rdflib.namespace import SH

from rightsgraph.validate.rudof import without
from rightsgraph.validate.sparql_constraints import failures, offloadable

from .test_fast_validate import fast_validator

HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/synthetic/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/synthetic/"^^xsd:anyURI ] .
"""


def shapes_with(select: str, extra: str = "", message: str = "Bad.") -> rdflib.Graph:
    text = (
        HEAD
        + f"""
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "{message}" ; sh:prefixes ex:prefixes ;
                sh:select \"\"\"{select}\"\"\" ] .
{extra}
"""
    )
    return rdflib.Graph().parse(data=text, format="turtle")


def taken(shapes: rdflib.Graph) -> list[str]:
    return [str(c.shape) for c in offloadable(shapes)]


def test_every_sparql_constraint_of_the_project_is_answered_by_oxigraph() -> None:
    shapes = fast_validator().shapes
    holders = sorted(str(s) for s in shapes.subjects(SH.sparql, None))
    assert len(holders) == 6
    assert sorted(taken(shapes)) == holders
    assert str(SH.sparql) not in fast_validator().shapes_nt  # rudof no longer reads them


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { $this ex:p ?o }",
        "SELECT DISTINCT $this WHERE { $this ex:p ?o FILTER NOT EXISTS { $this ex:q ?x } }",
        "SELECT $this WHERE { { $this ex:p ?o } UNION { $this ex:q+ $this } BIND (?o AS ?z) FILTER (?z != $this) }",
        "SELECT $this WHERE { $this ex:p ?o OPTIONAL { ?o ex:q ?x FILTER (?x != $this) } }",
        "SELECT $this WHERE { ?o ex:q ?x . $this ex:p ?o OPTIONAL { $this ex:r ?y } }",
    ],
)
def test_a_select_that_binds_this_by_a_triple_pattern_first_is_taken(select: str) -> None:
    assert taken(shapes_with(select)) == ["http://example.org/synthetic/S"]


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { ?x ex:p ?o FILTER (?x = $this) }",  # read where nothing binds it
        "SELECT $this WHERE { OPTIONAL { $this ex:p ?o } }",  # bound by some solutions only
        "SELECT $this WHERE { { $this ex:p ?o } UNION { ?o ex:q ?x } }",  # not in every branch
        "SELECT $this WHERE { $this ex:p ?o MINUS { $this ex:q ?x } }",  # MINUS shares it only when free
        "SELECT $this WHERE { $this ex:p ?o MINUS { ?o ex:q ?x } }",  # pySHACL refuses MINUS
        # an optional side that binds $this before the pattern that does (a regression the review found: pySHACL
        # reported the focus node, the free query another node, which the later pattern then did not join)
        "SELECT $this WHERE { ?x ex:r ?y OPTIONAL { $this ex:p ?x } $this ex:q ?z }",
        "SELECT $this WHERE { $this ex:p ?o OPTIONAL { ?o ex:q ?x OPTIONAL { $this ex:r ?x } } FILTER (!bound(?x)) }",
        "SELECT $this WHERE { $this ex:p ?o FILTER (?o != $currentShape) }",  # pre-bound to the shape
        "SELECT $this WHERE { $this ex:p $shapesGraph }",
        "SELECT $this WHERE { $this rdf:type ?c }",  # a prefix rdflib knows and Oxigraph does not
        "SELECT $this WHERE { $this ex:p ?o { SELECT $this WHERE { $this ex:q ?x } } }",  # a sub-select
        "SELECT $this WHERE { $this ex:p ?o } LIMIT 1",  # one solution in all, or one per focus node
        "SELECT $this WHERE { ?o ex:p ?x BIND (?o AS $this) }",  # bound by BIND
        "SELECT $this WHERE { VALUES $this { ex:a } $this ex:p ?o }",
        "SELECT $this WHERE { GRAPH ?g { $this ex:p ?o } }",
        "SELECT $this ?value WHERE { $this ex:p ?value }",  # a result value of its own
        "SELECT $this (COUNT(?o) AS ?n) WHERE { $this ex:p ?o } GROUP BY $this",
        "SELECT $this WHERE { $this ex:p ?o ",  # not SPARQL
    ],
)
def test_a_select_that_free_evaluation_may_answer_otherwise_stays_with_rudof(select: str) -> None:
    assert taken(shapes_with(select)) == []


@pytest.mark.parametrize(
    "extra, message",
    [
        ("ex:Other a sh:NodeShape ; sh:targetClass ex:Thing ; sh:node ex:S .", "Bad."),  # focus nodes of another
        ("ex:S sh:deactivated true .", "Bad."),
        ("ex:S sh:path ex:p .", "Bad."),  # a property shape: value nodes, not the focus node
        ("ex:S sh:target [ a ex:SomeTarget ] .", "Bad."),
        ("ex:S sh:targetNode ex:absent .", "Bad."),  # outside the data graph, a zero-length path matches it
        ("ex:S a <http://www.w3.org/2000/01/rdf-schema#Class> .", "Bad."),  # an implicit class target
        ("", "Bad {?o}."),  # a message made from the solution
    ],
)
def test_a_constraint_whose_shape_or_message_is_not_plain_stays_with_rudof(extra: str, message: str) -> None:
    assert taken(shapes_with("SELECT $this WHERE { $this ex:p ?o }", extra, message)) == []


def test_a_solution_counts_on_the_focus_nodes_of_the_shape_only() -> None:
    shapes = shapes_with(
        "SELECT $this WHERE { $this ex:p ?o FILTER NOT EXISTS { ?o a ex:Thing } }",
        "ex:Sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:Thing .",
    )
    ex, rdf_type = "http://example.org/synthetic/", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    lines = [
        f"<{ex}a> {rdf_type} <{ex}Thing> .",
        f'<{ex}a> <{ex}p> "x" .',
        f'<{ex}b> <{ex}p> "y" .',
        f"<{ex}c> {rdf_type} <{ex}Sub> .",
        f'<{ex}c> <{ex}p> "z" .',
        f'<{ex}c> <{ex}p> "w" .',
        f"<{ex}Sub> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{ex}Thing> .",
    ]
    data = "\n".join(lines).encode()
    constraint = offloadable(shapes)
    found = sorted(this.value for _, this in failures(constraint, data))
    # b is no Thing; c is one by a subclass the data graph states, and has two failing solutions: one result, as
    # pySHACL reports one per focus node and constraint
    assert found == ["http://example.org/synthetic/a", "http://example.org/synthetic/c"]
    assert list(failures(constraint, b"")) == []


def test_a_blank_node_focus_keeps_the_label_the_data_gives_it() -> None:
    shapes = shapes_with("SELECT $this WHERE { $this ex:p ?o }")
    data = b"_:n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/synthetic/Thing> .\n"
    data += b'_:n1 <http://example.org/synthetic/p> "x" .\n'
    assert [this.value for _, this in failures(offloadable(shapes), data)] == ["n1"]


def test_a_constraint_another_shape_holds_too_stays_with_rudof_for_that_shape() -> None:
    """A regression the review found: leaving the constraint node out for the shape Oxigraph answers dropped it for
    a shape rudof answers (reached through sh:node), whose results were lost."""
    shapes = shapes_with(
        "SELECT $this WHERE { $this ex:p ?o }",
        "ex:S2 a sh:NodeShape . ex:S3 a sh:NodeShape ; sh:targetClass ex:B ; sh:node ex:S2 .",
    )
    constraint = shapes.value(rdflib.URIRef("http://example.org/synthetic/S"), SH.sparql)
    shapes.add((rdflib.URIRef("http://example.org/synthetic/S2"), SH.sparql, constraint))
    taken_here = offloadable(shapes)
    assert [str(c.shape) for c in taken_here] == ["http://example.org/synthetic/S"]  # S2 is reached by sh:node
    left = rdflib.Graph().parse(data=without(shapes, {(c.shape, c.constraint) for c in taken_here}), format="nt")
    assert len(left) == len(shapes) - 1  # the one link, and nothing else
    constraint = next(iter(left.objects(rdflib.URIRef("http://example.org/synthetic/S2"), SH.sparql)))
    assert set(left.subjects(SH.sparql, constraint)) == {rdflib.URIRef("http://example.org/synthetic/S2")}
    assert (constraint, SH.select, None) in left


def test_each_querys_verdict_is_kept_for_the_next_process(tmp_path: Path) -> None:
    """rdflib's SPARQL parser took about 0.2 s in every command that validates: the verdicts are kept in a file, and
    one kept under another version of the check, or unreadable, is judged again."""
    kept = tmp_path / "sparql-constraints.json"
    shapes = shapes_with("SELECT $this WHERE { $this ex:p ?o }")
    assert taken_with(shapes, kept) == ["http://example.org/synthetic/S"]
    record = json.loads(kept.read_text(encoding="utf-8"))
    assert list(record["verdicts"].values()) == [True]
    # a kept verdict is taken as it stands: this one, made false by hand, keeps the constraint with rudof
    record["verdicts"] = dict.fromkeys(record["verdicts"], False)
    kept.write_text(json.dumps(record), encoding="utf-8")
    assert taken_with(shapes, kept) == []
    kept.write_text(json.dumps({**record, "code": "another version"}), encoding="utf-8")
    assert taken_with(shapes, kept) == ["http://example.org/synthetic/S"]
    kept.write_text("{not json", encoding="utf-8")
    assert taken_with(shapes, kept) == ["http://example.org/synthetic/S"]
    assert json.loads(kept.read_text(encoding="utf-8"))["verdicts"] == dict.fromkeys(record["verdicts"], True)


def taken_with(shapes: rdflib.Graph, kept: Path) -> list[str]:
    return [str(c.shape) for c in offloadable(shapes, kept)]


class Held:
    """Something a caller's frame holds (a build's store), which must go with the frame."""


def judge_holding(held: Held) -> None:
    offloadable(shapes_with("SELECT $this WHERE { $this ex:p ?o }"))


def test_regression_judging_a_query_kept_the_callers_frames_alive() -> None:
    """pyparsing's packrat cache, which matplotlib turns on for every parser once it draws a figure, kept the parse's
    exceptions, and through their tracebacks every frame of the stack that asked: a build's store stayed open after
    the build (tests/test_state_errors.py then found the store in use)."""
    was_on = ParserElement._packratEnabled
    ParserElement.enable_packrat()
    try:
        held = Held()
        gone = weakref.ref(held)
        judge_holding(held)
        del held
        gc.collect()
        assert gone() is None
    finally:
        ParserElement.reset_cache()
        if not was_on:  # as it was: pyparsing has no call to turn it off
            ParserElement._packratEnabled = False
            ParserElement._parse = ParserElement._parseNoCache  # type: ignore[assignment]
