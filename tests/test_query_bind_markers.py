"""A `#@bind ?x` line puts a parameter's VALUES row in a sub-select too (sparql.queries, library.inner_values).

The marker is a promise of the query's author: the sub-select's rows for one value do not depend on its rows for the
others, so asking it of that value alone changes nothing but the time. Each marked question is asked here of the
corpus of data/ both ways, for the values that answer rows and for some that answer none: with the markers, and with
the marker lines taken out (the outer VALUES row only), and the answers must be the same rows in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, bind, bound_rows, bound_text, run_embedded
from rightsgraph.sparql.queries import BIND_MARKER, load_query, parse_query

from .conftest import ROOT, Built

LIBRARY = Library(Project.locate(ROOT))
MARKED = sorted(name for name, query in LIBRARY.queries.items() if BIND_MARKER.search(query.text))
# What each marked parameter names, to draw its values from the corpus (a new marked parameter adds its class here).
CANDIDATES = {
    "event": "https://w3id.org/rightsgraph/ontology#Event",
    "actor": "https://w3id.org/rightsgraph/ontology#Actor",
}
ANSWERING, SILENT = 30, 10  # values compared per question: of those that answer rows, and of those that answer none


def unmarked(text: str) -> str:
    return re.sub(r"(?m)^[ \t]*#@bind.*$", "", text)


@pytest.fixture(scope="module")
def corpus(built: Built) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(built.project.dist_dir / "rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def test_the_questions_that_are_slow_for_one_value_are_marked() -> None:
    assert {"claims-about-event", "claims-by-actor", "event-participants", "articles-mentioning-actor"} <= set(MARKED)


@pytest.mark.parametrize("name", MARKED)
def test_a_marked_question_answers_as_without_its_markers(corpus: ox.Store, name: str) -> None:
    query = LIBRARY.queries[name]
    plain = parse_query(unmarked(query.text), query.path, query.name).with_prefixes(dict(query.prefixes))
    assert plain.text != query.text
    (param,) = query.params
    kind = CANDIDATES[param.name]
    found = corpus.query(f"SELECT DISTINCT ?x {{ ?x a <{kind}> }} ORDER BY ?x", use_default_graph_as_union=True)
    values = [row[0].value for row in found]
    answers = {v: run_embedded(corpus, bound_text(query, bind(query, {param.name: v}))).rows for v in values}
    answering = [v for v in values if answers[v]]
    silent = [v for v in values if not answers[v]]
    assert len(answering) >= 3, f"{name}: too few values answer rows on the corpus to compare"
    chosen = answering[:: max(1, len(answering) // ANSWERING)] + silent[:: max(1, len(silent) // SILENT)]
    for value in chosen:
        expected = run_embedded(corpus, bound_text(plain, bind(plain, {param.name: value}))).rows
        assert answers[value] == expected, (name, value)


def test_a_marker_becomes_a_values_block_of_the_bound_values_only() -> None:
    query = LIBRARY.queries["event-participants"]
    events = [ox.NamedNode("https://example.org/e1"), ox.NamedNode("https://example.org/e2")]
    text = bound_rows(query, ["event"], [[e] for e in events])
    inner = "VALUES ?event { <https://example.org/e1> <https://example.org/e2> }"
    assert text.count(inner) == query.text.count("#@bind ?event") == 2
    assert "#@bind ?" not in text
    assert "#@bind ?event" in bound_text(query, {})  # nothing given: the marker stays a comment


def test_a_marker_naming_a_variable_the_query_does_not_use_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# description: d\nSELECT ?event WHERE {\n  #@bind ?evnt\n  ?event ?p ?o\n}\n")
    with pytest.raises(UserError) as caught:
        load_query(path)
    assert caught.value.line == 4 and "?evnt" in str(caught.value) and "?event" in (caught.value.fix or "")


def test_a_marker_without_a_variable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# description: d\nSELECT ?event WHERE {\n  #@bind event\n  ?event ?p ?o\n}\n")
    with pytest.raises(UserError) as caught:
        load_query(path)
    assert caught.value.line == 4 and "#@bind ?variable" in (caught.value.fix or "")
