"""The dataset description (dist/void.ttl) tells the truth about the dumps; the Python API answers."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

import rightsgraph
from rightsgraph.core.errors import UserError

from .conftest import Built

VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
SD = "http://www.w3.org/ns/sparql-service-description#"


def _objects(graph: set[ox.Triple], subject: ox.NamedNode, predicate: str) -> list:
    return [t.object for t in graph if t.subject == subject and t.predicate.value == predicate]


def test_void_counts_and_checksums_match_the_files(built: Built) -> None:
    dist = built.project.dist_dir
    void = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(dist / "void.ttl"))}
    dataset = ox.NamedNode("https://w3id.org/rightsgraph/dataset")
    assert int(_objects(void, dataset, VOID + "triples")[0].value) == len(built.quads)
    per_graph = {}
    for subset in _objects(void, dataset, VOID + "subset"):
        name = _objects(void, subset, SD + "name")[0].value
        per_graph[name] = int(_objects(void, subset, VOID + "triples")[0].value)
    actual: dict[str, int] = {}
    for q in built.quads:
        actual[q.graph_name.value] = actual.get(q.graph_name.value, 0) + 1
    assert per_graph == actual
    dumps = _objects(void, dataset, VOID + "dataDump")
    assert len(dumps) >= 5
    for dump in dumps:
        name = _objects(void, dump, "http://purl.org/dc/terms/title")[0].value
        checksum = _objects(void, dump, SPDX + "checksum")[0]
        expected = _objects(void, checksum, SPDX + "checksumValue")[0].value
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == expected, name
    assert _objects(void, dataset, "http://purl.org/dc/terms/license") == [
        ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")
    ]


def test_python_api_answers_by_name(built: Built) -> None:
    ds = rightsgraph.open(built.project.root)
    rows = ds.query("counts")
    assert {r["expression"] for r in rows} >= {"at least 50", "approximately 70"}
    fifty = next(r for r in rows if r["expression"] == "at least 50")
    assert fifty["value"] == 50 and fifty["min"] == 50 and fifty["qualifier"] == "at least"
    profile = ds.query("actor-profile", actor="https://w3id.org/rightsgraph/id/actor/afad-observatory")
    assert any(r["aspect"] == "statement made" for r in profile)
    with pytest.raises(UserError, match="no parameter"):
        ds.query("counts", event="x")


def test_dataframe_needs_pandas_or_says_so(built: Built) -> None:
    ds = rightsgraph.open(built.project.root)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(UserError, match="pandas is not installed"):
            ds.dataframe("counts")
    else:
        frame = ds.dataframe("counts")
        assert list(frame.columns)[:3] == ["count", "expression", "value"] and len(frame) >= 2


def test_regression_accusations_by_stance_alone_were_never_listed(built: Built) -> None:
    """accusations.rq filtered on the claim kind inside a UNION branch where the kind was unbound, so a
    statement whose stance accuses listed only its allegations, never its other non-factual claims; and
    (model v2) it listed the statement's claims about others as what the target was accused of."""
    from rightsgraph.core.rdf_files import load_files
    from rightsgraph.sparql.library import Library, run_embedded

    store = ox.Store()
    load_files(
        store,
        built.project.root,
        [
            *built.project.ontology_files(),
            Path(__file__).parent / "fixtures" / "queries" / "accusing-stance-with-an-opinion.ttl",
        ],
        graph=ox.NamedNode("https://w3id.org/rightsgraph/synthetic/graph/accusations"),
    )
    rows = run_embedded(store, Library(built.project).get("accusations").text).records()
    kinds = {(r["accusedLabel"], r["kind"]) for r in rows}
    assert kinds == {("a synthetic ministry", "opinion")}
    seed = rightsgraph.open(built.project.root).query("accusations")
    assert not any(r["kind"] == "factual claim" for r in seed)


def test_regression_rg_actor_found_one_actor_before_the_first_build(project_copy) -> None:
    """Before any build (no dist/), the API builds data/ in memory: it now adds the type closure too, so a
    plain `?x a rg:Actor` finds every actor there as it does on the dump (it found 1 of 19)."""
    assert not (project_copy.dist_dir / "rightsgraph.nq").exists()
    dataset = rightsgraph.open(project_copy.root)
    rows = dataset.query(str(Path(__file__).parent / "fixtures" / "queries" / "every-actor.rq"))
    by_hierarchy = {r["actor"] for r in dataset.query("actor-types")}  # follows rdfs:subClassOf* itself
    assert len(rows) > 15 and {r["actor"] for r in rows} == by_hierarchy


def test_regression_a_parameter_called_name_or_format_was_a_python_type_error(built: Built) -> None:
    """`Dataset.query(..., name=...)` raised TypeError ("got multiple values for argument 'name'"): a query's
    `?name` or `?format` parameter clashed with the method's own arguments, which are now positional-only.
    The parameter reaches the query, which refuses it as unknown like any other."""
    data = rightsgraph.open(built.project.root)
    for params in ({"name": "x"}, {"format": "x"}):
        with pytest.raises(UserError, match="parameter"):
            data.query("counts", **params)
