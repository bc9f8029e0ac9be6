"""Identity across articles: identity judgements, the derived <graph/identity>, and the library queries that
follow them, on the synthetic corpus of tests/fixtures/corpus (three articles, every name invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import add_network, build_incremental
from rightsgraph.core.project import Project

from .conftest import ROOT, project_from_corpus_fixture

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
ID = "https://w3id.org/rightsgraph/id/"


def corpus_project(root: Path) -> Project:
    """The minimal project plus the corpus fixture's articles and register."""
    return project_from_corpus_fixture(root, CORPUS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    project = corpus_project(tmp_path_factory.mktemp("corpus"))
    result = build_incremental(project, full=True)
    assert not result.violations, [v.message for v in result.violations]
    add_network(project, result)
    return Dataset(project, result.store)


def test_the_corpus_builds_clean(corpus: Dataset) -> None:
    assert corpus is not None


def short(value: object) -> str:
    text = str(value)
    return text[len(ID) :] if text.startswith(ID) else text


def rows(corpus: Dataset, name: str, *columns: str, **params: str) -> list[tuple[str, ...]]:
    return [tuple(short(r.get(c, "")) for c in columns) for r in corpus.query(name, **params)]


def test_every_node_of_a_cluster_gets_the_least_iri_as_its_canonical_node(corpus: Dataset) -> None:
    canonical = {
        short(s.subject.value): short(s.object.value)
        for s in corpus.store.quads_for_pattern(None, None, None, None)
        if s.predicate.value.endswith("#canonicalNode")
    }
    # the follow-up's judgement (same) and the dispute's (probably the same) make one cluster of three events
    assert canonical == {
        "event/synthetic-executions": "event/synthetic-executions",
        "event/synthetic-march-hangings": "event/synthetic-executions",
        "event/synthetic-executions-per-clerk": "event/synthetic-executions",
    }


def test_articles_mentioning_an_actor_list_each_article_with_its_quotes(corpus: Dataset) -> None:
    found = rows(corpus, "articles-mentioning-actor", "article", "quotes", actor=ID + "actor/synthetic-observatory")
    assert [(article, sorted(quotes.split(" | "))) for article, quotes in found] == [
        ("article/synthetic-article", ["The Synthetic Observatory said"]),
        (
            "article/synthetic-follow-up",
            ["The Synthetic Observatory said", "The Synthetic Observatory said on Thursday"],
        ),
        ("article/synthetic-dispute", ["The Synthetic Observatory repeated"]),
    ]
    # an actor no article names gets no row
    assert rows(corpus, "articles-mentioning-actor", "article", actor=ID + "actor/synthetic-editors") == []


def test_events_across_articles_put_each_articles_count_side_by_side(corpus: Dataset) -> None:
    found = rows(corpus, "events-across-articles", "event", "article", "node", "counts", "articles")
    assert found == [
        (
            "event/synthetic-executions",
            "article/synthetic-article",
            "event/synthetic-executions",
            "at least 12 (12)",
            "3",
        ),
        ("event/synthetic-executions", "article/synthetic-follow-up", "event/synthetic-march-hangings", "15 (15)", "3"),
        (
            "event/synthetic-executions",
            "article/synthetic-dispute",
            "event/synthetic-executions-per-clerk",
            "eight (8)",
            "3",
        ),
    ]


def test_conflicts_across_articles_are_the_denial_and_the_incompatible_count_only(corpus: Dataset) -> None:
    found = rows(corpus, "conflicting-claims-across-articles", "conflict", "articleA", "saysA", "articleB", "saysB")
    assert found == [
        # "at least 12" against "eight": no count satisfies both
        ("counts disagree", "article/synthetic-article", "at least 12", "article/synthetic-dispute", "eight"),
        # "eight" against "15"
        ("counts disagree", "article/synthetic-dispute", "eight", "article/synthetic-follow-up", "15"),
        # the follow-up's ministry rebuts the first article's claim (the claim answered first, then the answer)
        (
            "rebuts it",
            "article/synthetic-article",
            "At least 12 prisoners were executed.",
            "article/synthetic-follow-up",
            "The observatory's figures are wrong.",
        ),
    ]
    # negative: "at least 12" and "15" agree, so the first two articles' counts are no conflict
    pair = {"article/synthetic-article", "article/synthetic-follow-up"}
    assert not [r for r in found if r[0] == "counts disagree" and {r[1], r[3]} == pair]


def test_the_first_report_of_a_cluster_is_its_earliest_article(corpus: Dataset) -> None:
    found = rows(corpus, "first-reports", "event", "article", "published", "articles")
    assert ("event/synthetic-executions", "article/synthetic-article", "2024-04-01", "3") in found
    assert not [r for r in found if r[0] == "event/synthetic-executions" and r[1] != "article/synthetic-article"]
