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
from rightsgraph.sparql.markers import markers
from rightsgraph.sparql.queries import check_syntax, load_query, parse_query

from .conftest import ROOT, Built

LIBRARY = Library(Project.locate(ROOT))
MARKED = sorted(name for name, query in LIBRARY.queries.items() if markers(query.text))
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


READING = sorted(p for p in (ROOT / "queries" / "system").glob("reading-*.rq") if "#@bind ?node" in p.read_text())


def test_the_reading_views_questions_of_nodes_are_marked() -> None:
    """The reading view asks of one article's nodes after an edit (export.reading_reuse): a branch or sub-select it
    could not bind was answered for every node of the dataset first (reading-links: 1.3 s at a million triples)."""
    marked = {p.stem: sum("node" in m.variables for m in markers(p.read_text(encoding="utf-8"))) for p in READING}
    # reading-links: its grounded nodes' sub-select and each of its five branches; the others: their sub-select
    assert marked == {"reading-links": 6, "reading-nodes": 1, "reading-node-kinds": 1, "reading-node-types": 1}


@pytest.mark.parametrize("path", READING, ids=lambda p: p.stem)
def test_a_marked_reading_question_answers_each_articles_nodes_as_without_its_markers(
    corpus: ox.Store, path: Path
) -> None:
    query = load_query(path)
    plain = parse_query(unmarked(query.text), query.path, query.name)
    ordered = "\nORDER BY" in query.text  # its outer ORDER BY: the rows come in the same order too
    denoted = "SELECT ?g ?n WHERE { GRAPH ?g { ?n <http://groundedannotationframework.org/gaf#denotedBy> ?s } }"
    by_article: dict[str, set[str]] = {}
    for graph, node in corpus.query(denoted):
        by_article.setdefault(graph.value, set()).add(node.value)
    assert len(by_article) >= 2
    for nodes in [*by_article.values(), {"https://example.org/synthetic/none"}]:
        rows = [[ox.NamedNode(n)] for n in sorted(nodes)]
        marked = run_embedded(corpus, bound_rows(query, ["node"], rows)).rows
        unmarked_rows = run_embedded(corpus, bound_rows(plain, ["node"], rows)).rows
        if not ordered:  # a question that leaves its order open (its reader sorts): the same rows
            marked, unmarked_rows = sorted(marked, key=repr), sorted(unmarked_rows, key=repr)
        assert marked == unmarked_rows, (path.stem, sorted(nodes)[:3])
        assert marked or nodes == {"https://example.org/synthetic/none"}


def test_a_marker_becomes_a_values_block_of_the_bound_values_only() -> None:
    query = LIBRARY.queries["event-participants"]
    events = [ox.NamedNode("https://example.org/e1"), ox.NamedNode("https://example.org/e2")]
    text = bound_rows(query, ["event"], [[e] for e in events])
    inner = "VALUES ?event { <https://example.org/e1> <https://example.org/e2> }"
    assert text.count(inner) == query.text.count("#@bind ?event") == 2
    assert "#@bind ?" not in text
    assert "#@bind ?event" in bound_text(query, {})  # nothing given: the marker stays a comment


HEAD = "# title: t\n# description: d\n"
EVENT = "# param: event | iri | https://example.org/e | the event\n"


def loaded(tmp_path: Path, text: str) -> UserError:
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        check_syntax(load_query(path))
    return caught.value


@pytest.mark.parametrize(
    ("marker", "problem"),
    [
        ("#@bind ?evnt", "?evnt, which is no parameter of this query"),
        ("#@bind event", "expected a ?variable after #@bind, found 'event'"),
        ("#@bind", "names no variable"),
    ],
)
def test_a_misspelt_marker_is_an_error_naming_its_line(tmp_path: Path, marker: str, problem: str) -> None:
    error = loaded(tmp_path, f"{HEAD}{EVENT}SELECT ?event WHERE {{\n  {marker}\n  ?event ?p ?o\n}}\n")
    assert error.line == 5 and problem in error.message, error
    if "evnt" in marker:
        assert "?event" in (error.fix or "")


def test_a_marker_in_a_group_that_does_not_use_its_variable_is_an_error(tmp_path: Path) -> None:
    text = (
        f"{HEAD}{EVENT}SELECT ?event WHERE {{\n  ?event ?p ?o\n"
        "  { SELECT ?s WHERE {\n    #@bind ?event\n    ?s ?q ?v } }\n}\n"
    )
    error = loaded(tmp_path, text)
    assert error.line == 7 and "the group it stands in does not use" in error.message


def test_a_marker_after_a_pattern_or_inside_a_triple_is_an_error(tmp_path: Path) -> None:
    after = loaded(tmp_path, f"{HEAD}{EVENT}SELECT ?event WHERE {{\n  ?event ?p ?o #@bind ?event\n}}\n")
    assert after.line == 5 and "line of its own" in after.message
    inside = (
        f"{HEAD}{EVENT}SELECT ?event WHERE {{\n  ?event <https://e/p> ?o ;\n  #@bind ?event\n  <https://e/q> ?v .\n}}\n"
    )
    error = loaded(tmp_path, inside)
    assert error.line == 6 and "does not parse with a VALUES block" in error.message


def test_a_marker_inside_a_string_is_text_not_a_marker() -> None:
    text = 'SELECT ?event ?note WHERE {\n  ?event ?p ?o .\n  BIND ("""\n#@bind ?event\n""" AS ?note)\n}\n'
    query = parse_query(text, Path("<stdin>"), "q", strict=False)
    assert markers(query.text) == []
    bound = bound_rows(query, ["event"], [[ox.NamedNode("https://example.org/e1")]])
    assert '"""\n#@bind ?event\n"""' in bound and bound.count("VALUES") == 1


def test_a_marker_may_end_a_crlf_line_or_carry_a_comment() -> None:
    for line in ("  #@bind ?event\r", "  #@bind ?event   # the event asked about"):
        text = (
            "SELECT ?event WHERE {\r\n  ?event ?p ?o .\r\n  { SELECT ?event WHERE {\r\n"
            f"{line}\n  ?event ?q ?v }} }}\r\n}}\r\n"
        )
        query = parse_query(text, Path("<stdin>"), "q", strict=False)
        (marker,) = markers(query.text)
        assert marker.variables == ("event",) and marker.problem is None
        bound = bound_rows(query, ["event"], [[ox.NamedNode("https://example.org/e1")]])
        assert bound.count("VALUES ?event { <https://example.org/e1> }") == 1 and "#@bind" not in bound
        check_syntax(query)
