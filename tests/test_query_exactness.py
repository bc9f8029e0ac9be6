"""Library queries say only what is true, one row per thing they ask about (issue 17, item 1).

Every question of queries/*.rq declares here the columns that identify a row (KEYS, also said in words in its
description), and answers no two rows with the same key on the seed article and on the corpus of data/. The
questions that stance cross-products, a second modal word or a second claimant used to multiply or fool are asked of
small synthetic graphs (tests/fixtures/queries/<question>/): must-not-match.ttl holds data that must give no row,
must-match.ttl data that must give exactly the rows written here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import add_network, build_incremental
from rightsgraph.core.project import ONTOLOGY_GRAPH, Project
from rightsgraph.core.rdf_files import load_files
from rightsgraph.sparql.library import JOINED, Library, bind, bound_text, run_embedded, split_joined

from .conftest import PROJECT_PARTS, ROOT, Built

LIBRARY = Library(Project.locate(ROOT))
FIXTURES = ROOT / "tests" / "fixtures" / "queries"
SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/id/"
SEED = "campaign-against-mass-executions-in-iraq"

# The columns that identify a row of each question: one row per thing it asks about.
KEYS: dict[str, tuple[str, ...]] = {
    "abuse-allegations": ("claim", "event"),
    "accusations": ("claim", "accused"),
    "actor-event-participation": ("actor", "event", "role"),
    "actor-measures": ("actor",),
    "actor-profile": ("aspect", "detail", "related", "graph"),
    "actor-types": ("actor",),
    "articles": ("article",),
    "articles-mentioning-actor": ("article",),
    "assessments": ("assessment",),
    "calls-and-appeals": ("statement", "stance"),
    "charges": ("event",),
    "claims-about-event": ("claim",),
    "claims-by-actor": ("claim",),
    "conflicting-claims": ("claim", "counterClaim"),
    "conflicting-claims-across-articles": ("claimA", "claimB"),
    "context-sources": ("inference", "source"),
    "counts": ("count",),
    "dataset-summary": ("graph", "kind"),
    "event-participants": ("actor", "role"),
    "event-status": ("event", "claim"),
    "events-across-articles": ("event", "article"),
    "events-by-type": ("eventType", "status"),
    "evidence-for-node": ("article", "begin", "end"),
    "execution-events": ("event", "count"),
    "external-links": ("node", "link"),
    "find-by-name": ("node",),
    "first-reports": ("event", "article"),
    "forecasts": ("forecast",),
    "hedged-claims": ("claim",),
    "memberships": ("membership",),
    "narrator-claims": ("article", "claim"),
    "relationships": ("relationship",),
    "single-source-facts": ("node",),
    "stance-network": ("source", "target", "stance", "statement"),
    "stances-on-executions": ("statement", "target", "stance"),
    "statement-evidence": ("statement", "article", "begin", "quote"),
    "statement-responses": ("response", "original"),
    "statements-by-speaker": ("speaker", "stance"),
    "sub-events": ("event", "subEvent"),
    "uncertain-times": ("node", "timeKind"),
}


GROUP_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?P<args>[^;]*);\s*separator\s*=\s*(?P<sep>\"[^\"]*\"|'[^']*')", re.I)


def test_every_joined_column_joins_plain_strings_with_the_one_separator() -> None:
    """Language tags of joined names would survive on Oxigraph and not on other engines; readers split on JOINED."""
    for name, query in LIBRARY.queries.items():
        text = query.path.read_text(encoding="utf-8")
        calls = len(re.findall(r"GROUP_CONCAT\s*\(", text, re.I))
        assert calls == len(GROUP_CONCAT.findall(text)), f"{name}: a GROUP_CONCAT without separator"
        for m in GROUP_CONCAT.finditer(text):
            assert m["sep"][1:-1] == JOINED, f"{name}: separator {m['sep']}"
            assert "STR(" in m["args"].upper(), f"{name}: GROUP_CONCAT({m['args']}) joins terms, not STR() of them"


def test_split_joined_gives_back_the_values() -> None:
    assert split_joined(None) == [] and split_joined("") == []
    assert split_joined(JOINED.join(["rejects", "supports"])) == ["rejects", "supports"]


def test_every_library_question_declares_the_columns_of_its_key() -> None:
    assert sorted(KEYS) == sorted(LIBRARY.queries), "add the new question's key to KEYS"
    for name, key in KEYS.items():
        assert set(key) <= set(LIBRARY.queries[name].columns), name


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The seed article alone (with the register), built as `rightsgraph build` builds it."""
    root = tmp_path_factory.mktemp("seed")
    for part in PROJECT_PARTS:
        if part != "data":
            shutil.copytree(ROOT / part, root / part)
    (root / "data" / "sources").mkdir(parents=True)
    (root / "data" / "annotations").mkdir()
    shutil.copy(ROOT / "data" / "actors.yaml", root / "data" / "actors.yaml")
    shutil.copy(ROOT / "data" / "sources" / f"{SEED}.txt", root / "data" / "sources")
    shutil.copy(ROOT / "data" / "annotations" / f"{SEED}.yaml", root / "data" / "annotations")
    project = Project.locate(root)
    result = build_incremental(project, full=True)
    assert not result.violations, [v.message for v in result.violations]
    add_network(project, result)
    return Dataset(project, result.store)


def duplicated_keys(dataset: Dataset, name: str) -> list[tuple[object, ...]]:
    result = dataset.result(name)
    assert result.columns == list(LIBRARY.queries[name].columns), f"{name}: the header's columns are not the answer's"
    positions = [result.columns.index(column) for column in KEYS[name]]
    seen: set[tuple[object, ...]] = set()
    repeated = []
    for row in result.rows:
        key = tuple(row[i] for i in positions)
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return repeated


@pytest.mark.parametrize("name", sorted(KEYS))
def test_one_row_per_key_on_the_seed(name: str, seed: Dataset) -> None:
    assert duplicated_keys(seed, name) == []


@pytest.mark.parametrize("name", sorted(KEYS))
def test_one_row_per_key_on_the_corpus(name: str, built: Built) -> None:
    assert duplicated_keys(Dataset(built.project), name) == []


# --- the synthetic fixtures ------------------------------------------------------------------------


def ask(name: str, fixture: str, *columns: str, **params: str) -> list[tuple[object, ...]]:
    """The rows of a library question on the ontology and one fixture file, as tuples of the given columns (the
    synthetic ids shortened)."""
    project = LIBRARY.project
    store = ox.Store()
    load_files(store, project.root, project.ontology_files(), graph=ox.NamedNode(ONTOLOGY_GRAPH))
    path = FIXTURES / fixture
    load_files(store, project.root, [path], graph=ox.NamedNode(SYNTHETIC + "graph/" + path.parent.name))
    query = LIBRARY.get(name)
    records = run_embedded(store, bound_text(query, bind(query, params))).records()

    def short(value: object) -> object:
        return value.replace(SYNTHETIC, "") if isinstance(value, str) else value

    return [tuple(short(record[column]) for column in columns or query.columns) for record in records]


NOT_MATCHING = [
    "conflicting-claims/must-not-match.ttl",
    "accusations/must-not-match.ttl",
    "counts/must-not-match.ttl",
    "execution-events/must-not-match.ttl",
    "events-across-articles/must-not-match.ttl",
    "first-reports/must-not-match.ttl",
    "forecasts/must-not-match.ttl",
    "hedged-claims/must-not-match.ttl",
    "stances-on-executions/must-not-match.ttl",
    "statement-responses/must-not-match.ttl",
]


@pytest.mark.parametrize("fixture", NOT_MATCHING)
def test_data_that_must_not_match_answers_nothing(fixture: str) -> None:
    assert ask(fixture.split("/")[0], fixture) == []


def test_no_claims_that_only_look_opposed_conflict_across_articles_either() -> None:
    assert ask("conflicting-claims-across-articles", "conflicting-claims/must-not-match.ttl") == []


def test_regression_conflicting_claims_listed_a_mutual_contradiction_or_rebuttal_once_each_way() -> None:
    """A contradiction recorded both ways, and two claims that rebut each other, were two rows each; a proposition
    affirmed and negated, and two articles' disjoint counts of one event, were no conflict at all."""
    columns = ("claim", "counterClaim", "conflict", "about")
    assert ask("conflicting-claims", "conflicting-claims/must-match.ttl", *columns) == [
        ("c3-thirty-cities", "c4-forty-cities", "contradicts it", None),
        ("c11-at-least-12", "c12-eight", "counts disagree", "executions"),
        ("c6-beaten", "c5-report-is-false", "denies it", None),
        ("c9-minister-ordered", "c10-minister-did-not-order", "negates it", "minister"),
        ("c1-executed", "c2-no-secret-executions", "rebuts it", None),
        ("c7-trial-fair", "c8-trial-unfair", "rebuts it", None),
    ]


def test_conflicts_across_articles_are_the_conflicts_whose_claims_two_articles_give() -> None:
    columns = ("claimA", "claimB", "conflict", "articleA", "articleB", "saysA", "saysB")
    across = ask("conflicting-claims-across-articles", "conflicting-claims/must-match.ttl", *columns)
    assert across == [
        ("c11-at-least-12", "c12-eight", "counts disagree", "article-1", "article-2", "at least 12", "eight"),
        ("c6-beaten", "c5-report-is-false", "denies it", "article-1", "article-2", "Detainees were beaten.",
         "The lawyer's account is false."),
        ("c9-minister-ordered", "c10-minister-did-not-order", "negates it", "article-1", "article-2",
         "The minister ordered the executions.", "The minister did not order the executions."),
        ("c1-executed", "c2-no-secret-executions", "rebuts it", "article-1", "article-2",
         "Prisoners were executed in secret.", "No executions are carried out in secret."),
        ("c7-trial-fair", "c8-trial-unfair", "rebuts it", "article-2", "article-1", "The trial was fair.",
         "The trial was unfair."),
    ]  # fmt: skip
    within = ask("conflicting-claims", "conflicting-claims/must-match.ttl", "claim", "counterClaim", "conflict")
    assert {row[:3] for row in across} < set(within)  # the same pairs, the same kinds, the same orientation


def test_regression_accusations_repeated_each_claim_once_per_stance() -> None:
    columns = ("accused", "stance", "claim", "kind")
    assert ask("accusations", "accusations/must-match.ttl", *columns) == [
        ("ministry", "accuses | condemns", "s6-c1", "accusation"),
        ("police", "criticises", "s7-c", "allegation"),
    ]


def test_regression_counts_repeated_each_count_once_per_claim() -> None:
    columns = ("count", "expression", "value", "magnitude", "partOf", "claimant", "certainty")
    assert ask("counts", "counts/must-match.ttl", *columns) == [
        (
            "executed",
            "at least 50",
            50,
            None,
            None,
            "a synthetic monitor | a synthetic news agency",
            "certain | probable",
        ),
        ("women", "several women", None, "several", "executed", "a synthetic news agency", "certain"),
    ]


def test_regression_execution_events_repeated_rows_per_claimant_and_missed_execution_rounds() -> None:
    columns = ("event", "place", "count", "countExpression", "claimedBy")
    assert ask("execution-events", "execution-events/must-match.ttl", *columns) == [
        ("hanging", None, None, None, None),
        ("round", "Synthetic Central Prison | Synthetic City", "round-executed", "at least 12",
         "a synthetic monitor | a synthetic news agency"),
        ("round", "Synthetic Central Prison | Synthetic City", "round-women", "two women", "a synthetic monitor"),
    ]  # fmt: skip


def test_regression_events_across_articles_split_an_article_that_reports_two_nodes_of_one_event() -> None:
    columns = ("event", "article", "node", "counts", "time", "articles")
    assert ask("events-across-articles", "events-across-articles/must-match.ttl", *columns) == [
        ("executions", "article-1", "executions", "at least 12 (12)", "last March [2024-03]", 2),
        ("executions", "article-2", "executions | march-hangings", "15 (15)", None, 2),
    ]


def test_regression_first_reports_listed_every_article_when_one_reporting_article_was_undated() -> None:
    """An undated article among those reporting an event left MIN(date) unbound, and every dated article joined."""
    columns = ("event", "article", "published", "articles")
    assert ask("first-reports", "first-reports/must-match.ttl", *columns) == [
        ("executions", "article-april", "2024-04-01", 3),
        ("protest", "article-may", "2024-05-02", 2),
        ("protest", "article-may-too", "2024-05-02", 2),
    ]


def test_regression_forecasts_gave_one_row_per_cue_word_and_cause() -> None:
    columns = ("forecast", "modalCue", "cause", "condition", "horizon", "horizonLatest", "quote")
    assert ask("forecasts", "forecasts/must-match.ttl", *columns) == [
        ("forecast-reform", "could | potentially", "synthetic appeals | synthetic protests", None, None, None,
         "Protests and appeals could | potentially lead to reforms"),
        ("forecast-unrest", "may", "synthetic executions", "if the executions continue", "by the end of the year",
         "2024-12-31", "may lead to further unrest"),
    ]  # fmt: skip


def test_regression_hedged_claims_gave_one_row_per_cue_word_and_quote() -> None:
    columns = ("claim", "certainty", "modalCue", "quote")
    assert ask("hedged-claims", "hedged-claims/must-match.ttl", *columns) == [
        ("innocent", "possible", "may | possibly", "many of those sentenced | may possibly be innocent"),
        ("confessed", "probable", None, "reportedly confessed under torture"),
    ]


def test_regression_stances_on_executions_missed_execution_rounds_and_gave_one_quote_of_several() -> None:
    columns = ("statement", "stance", "target", "quote")
    assert ask("stances-on-executions", "stances-on-executions/must-match.ttl", *columns) == [
        ("s5", "condemns", "executions", "the lawyer condemned and opposed the executions"),
        ("s5", "opposes", "executions", "the lawyer condemned and opposed the executions"),
        ("s4", "condemns", "round", "The monitor condemned | the round of executions"),
    ]


def test_regression_statement_responses_paired_every_stance_of_a_response_with_every_statement_it_answers() -> None:
    columns = ("response", "original", "stance")
    assert ask("statement-responses", "statement-responses/must-match.ttl", *columns) == [
        ("ministry-reply", "lawyer-letter", "rejects"),
        ("ministry-reply", "monitor-report", "denies"),
        ("ministry-second-reply", "monitor-report", ""),
    ]


def test_joined_values_keep_their_order_group_by_group_where_the_groups_interleave() -> None:
    """The ordered sub-selects of these questions sort by the values they join, not by the group's keys (sorting by
    the keys too read every key again on the dataset store): each group's values still come in that order. The
    quotes of a-claim come in text order (not alphabetical), with b-claim's quote between them in the article."""
    names = ("alpha detention | zulu detention", "beta detention | middle detention")
    claimant = "a synthetic monitor | the monitor"
    assert ask("event-status", "joined-in-order/must-match.ttl", "event", "label", "claimant", "quote") == [
        ("a-event", names[0], claimant, "zeta words first | alpha words last"),
        ("b-event", names[1], claimant, "middle words"),
    ]
    assert ask("abuse-allegations", "joined-in-order/must-match.ttl", "event", "label", "claimant", "quote") == [
        ("a-event", names[0], claimant, "zeta words first | alpha words last"),
        ("b-event", names[1], claimant, "middle words"),
    ]
    assert ask("actor-event-participation", "joined-in-order/must-match.ttl", "actor", "event", "eventLabel") == [
        ("guards", "a-event", names[0]),
        ("guards", "b-event", names[1]),
    ]


def test_conflicts_across_the_corpus_fixture_are_conflicts_of_the_whole_dataset(tmp_path: Path) -> None:
    """On the three-article synthetic corpus (tests/fixtures/corpus), built: every conflict across articles is a
    conflict of the dataset, with the same kind and orientation."""
    from .conftest import project_from_corpus_fixture

    project = project_from_corpus_fixture(tmp_path, ROOT / "tests" / "fixtures" / "corpus")
    result = build_incremental(project, full=True)
    add_network(project, result)
    dataset = Dataset(project, result.store)
    across = {(r["claimA"], r["claimB"], r["conflict"]) for r in dataset.query("conflicting-claims-across-articles")}
    within = {(r["claim"], r["counterClaim"], r["conflict"]) for r in dataset.query("conflicting-claims")}
    assert across and across <= within
