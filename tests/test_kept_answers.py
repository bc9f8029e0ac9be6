"""A build keeps the answers of the queries it asked while writing dist/ (sparql.answers) and the next build takes an
answer again, without asking, only when the edit since touches no quad its query's footprint names. Whatever it
takes, dist/ is byte for byte what a build from empty writes from the same data."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.build.pipeline import side_by_side
from rightsgraph.core.dist_reuse import record_path
from rightsgraph.core.project import Project
from rightsgraph.export.delta import Delta
from rightsgraph.export.dumps import NQ
from rightsgraph.sparql import answers as kept_answers
from rightsgraph.sparql.answers import Answers, answer_records, using
from rightsgraph.sparql.footprint import Footprints
from rightsgraph.sparql.library import Library, embedded_records, recording, run_embedded
from rightsgraph.sparql.queries import load_query
from rightsgraph.store.persistent import state_dir

from .conftest import edit
from .test_dist_reuse import CRACKDOWN, build, change, corpus, dist_bytes, written_fresh

__all__ = ["corpus"]  # the fixture, used by name


def noted(project: Project) -> dict[str, str]:
    """The answers the record of dist/ notes: the digest of a query's text -> the file that holds its answer."""
    record = json.loads(record_path(project).read_text(encoding="utf-8"))
    return record["notes"][NQ]["answers"]


def digest(project: Project, name: str) -> str:
    """The digest of a query's text as the build asks it: queries/system/NAME.rq, or a library query by name."""
    system = project.queries_dir / "system" / f"{name}.rq"
    text = load_query(system).text if system.exists() else Library(project).get(name).text
    return hashlib.sha256(text.encode()).hexdigest()


def answers_dir(project: Project) -> Path:
    return state_dir(project) / kept_answers.DIRECTORY


def test_a_headline_edit_asks_again_only_the_queries_that_name_headlines(corpus: Project) -> None:
    before = noted(corpus)
    change(corpus, "a headline")
    build(corpus)
    after = noted(corpus)
    asked_again = {d for d in after if before.get(d) != after[d]}
    for untouched in ("timeline-items", "timeline-evidence", "timeline-actors", "statement-evidence"):
        assert after[digest(corpus, untouched)] == before[digest(corpus, untouched)], untouched
    for touched in ("timeline-articles", "articles", "reading-articles"):
        assert digest(corpus, touched) in asked_again, touched
    assert b"Synthetic crackdown (2)" in (corpus.dist_dir / "timeline.html").read_bytes()
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_a_stance_edit_asks_again_the_statements_and_takes_the_timelines_events(corpus: Project) -> None:
    before = noted(corpus)
    change(corpus, "a stance")
    build(corpus)
    after = noted(corpus)
    assert after[digest(corpus, "statement-evidence")] != before[digest(corpus, "statement-evidence")]
    assert after[digest(corpus, "timeline-items")] == before[digest(corpus, "timeline-items")]
    assert b'"supports"' in (corpus.dist_dir / "network" / "stance.json").read_bytes()
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_only_the_files_the_record_notes_are_left(corpus: Project) -> None:
    change(corpus, "a stance")
    build(corpus)
    change(corpus, "a headline")
    build(corpus)
    assert sorted(p.name for p in answers_dir(corpus).iterdir()) == sorted(noted(corpus).values())


def test_an_edit_after_an_edit_asks_again_what_the_second_touches(corpus: Project) -> None:
    """The answers a headline edit took (and recorded as asked: the timeline's footprint is theirs) are asked again
    when the next edit touches them: an event's label is in the timeline's items, the jobs on two threads."""
    change(corpus, "a headline")
    build(corpus, "--jobs", "2")
    before = noted(corpus)
    edit(corpus.data_dir / "annotations" / f"{CRACKDOWN}.yaml", "label: the beating of", "label: the beatings of")
    build(corpus, "--jobs", "2")
    assert noted(corpus)[digest(corpus, "timeline-items")] != before[digest(corpus, "timeline-items")]
    assert b"the beatings of several protesters" in (corpus.dist_dir / "timeline.html").read_bytes()
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_an_answer_not_asked_is_carried_only_where_the_edit_leaves_it_as_it_was(corpus: Project) -> None:
    """After a stance edit the reading view asks of the edited article's nodes only (export.reading_reuse): its
    whole queries are not asked. The spans' answer is carried to the next record; the statements' (which name
    stances) is not."""
    before = noted(corpus)
    change(corpus, "a stance")
    build(corpus)
    after = noted(corpus)
    assert after[digest(corpus, "reading-spans")] == before[digest(corpus, "reading-spans")]
    assert digest(corpus, "reading-statements") in before and digest(corpus, "reading-statements") not in after
    assert sorted(p.name for p in answers_dir(corpus).iterdir()) == sorted(after.values())


@pytest.mark.parametrize("damage", ["cut short", "removed", "not a list"])
def test_a_kept_answer_that_cannot_be_read_is_asked_again(corpus: Project, damage: str) -> None:
    name = noted(corpus)[digest(corpus, "timeline-items")]
    path = answers_dir(corpus) / name
    if damage == "cut short":
        path.write_bytes(path.read_bytes()[:20])
    elif damage == "removed":
        path.unlink()
    else:
        path.write_bytes(pickle.dumps({"rows": []}))
    change(corpus, "a headline")
    build(corpus)
    assert noted(corpus)[digest(corpus, "timeline-items")] != name
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_no_answer_is_taken_without_the_record_of_the_dist_in_place(corpus: Project) -> None:
    """A build that failed leaves no record (core.dist_reuse): the next cannot tell what changed, and asks again."""
    before = noted(corpus)
    record_path(corpus).unlink()
    change(corpus, "a headline")
    build(corpus)
    after = noted(corpus)
    assert set(after) == set(before) and not set(after.values()) & set(before.values())
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_an_answer_noted_under_a_name_that_is_no_file_name_of_ours_is_not_read(tmp_path: Path) -> None:
    outside = {"a" * 64: "../../secret.pickle", "b" * 64: "c" * 32 + ".pickle", "c" * 64: 3}
    assert kept_answers.kept_answers({kept_answers.NOTE: outside}) == {"b" * 64: "c" * 32 + ".pickle"}
    assert kept_answers.kept_answers(None) == {} and kept_answers.kept_answers({kept_answers.NOTE: []}) == {}


SYNTHETIC = "https://example.org/synthetic/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
QUERY = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
OPEN = "SELECT ?s ?p WHERE { ?s ?p ?o } ORDER BY ?s ?p"


def labelled(number: int, value: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"{SYNTHETIC}{number}"), LABEL, ox.Literal(value), ox.DefaultGraph())


def store_with(*values: str) -> ox.Store:
    store = ox.Store()
    store.extend(labelled(i, value) for i, value in enumerate(values))
    return store


UNNAMED = ox.Quad(ox.NamedNode(f"{SYNTHETIC}x"), ox.NamedNode(f"{SYNTHETIC}p"), ox.Literal("x"), ox.DefaultGraph())


def kept_then(tmp_path: Path, store: ox.Store, text: str, *changed: ox.Quad) -> Answers:
    """The answers of a first build that asked `text`, then those of the next one after an edit of `changed`."""
    footprints = Footprints(tmp_path / "footprints.json", "salt")
    first = Answers(tmp_path / "answers", store, {}, footprints)
    with using(first):
        answer_records(store, text)
    store.extend(changed)
    second = Answers(tmp_path / "answers", store, first.now, footprints)
    second.delta = Delta({""}, list(changed))
    return second


def test_answers_are_only_kept_for_the_store_of_the_build_and_recorded_as_asked(tmp_path: Path) -> None:
    store, other = store_with("one"), store_with("other")
    answers = Answers(tmp_path / "answers", store, {}, Footprints(tmp_path / "footprints.json", "salt"))
    with using(answers), recording() as asked:
        assert [r["label"] for r in answer_records(store, QUERY)] == ["one"]
        assert [r["label"] for r in answer_records(other, QUERY)] == ["other"]
    assert asked == [QUERY, QUERY]
    assert len(answers.now) == 1 and answers.asked == 1
    assert [r["label"] for r in answer_records(store, QUERY)] == ["one"]  # outside: asked, nothing kept
    assert len(list((tmp_path / "answers").iterdir())) == 1


def test_an_answer_is_taken_by_a_thread_beside_the_build_when_no_quad_it_names_changed(tmp_path: Path) -> None:
    """build.pipeline.side_by_side runs each function in a copy of the caller's context, where the answers are."""
    second = kept_then(tmp_path, store_with("one"), QUERY, UNNAMED)
    with using(second), recording() as asked, side_by_side(2) as beside:
        rows = beside(answer_records, second.store, QUERY).result()
    assert [r["label"] for r in rows] == ["one"]
    assert asked == [QUERY]  # taken, and recorded as asked: a view's footprint is that of every query it asked
    assert (second.taken, second.asked) == (1, 0)


def test_an_edit_of_a_predicate_the_query_names_asks_again(tmp_path: Path) -> None:
    second = kept_then(tmp_path, store_with("one"), QUERY, labelled(9, "two"))
    with using(second):
        assert [r["label"] for r in answer_records(second.store, QUERY)] == ["one", "two"]
    assert (second.taken, second.asked) == (0, 1)


def test_an_open_query_is_asked_every_time_and_never_kept(tmp_path: Path) -> None:
    second = kept_then(tmp_path, store_with("one"), OPEN, UNNAMED)
    with using(second):
        assert len(answer_records(second.store, OPEN)) == 2
    assert (second.taken, second.asked, second.now) == (0, 0, {})
    assert not (tmp_path / "answers").exists()


def test_rows_made_plain_as_they_come_are_the_records_of_the_answer() -> None:
    """library.embedded_records, by which every answer here is asked, gives what Result.records gives: unbound
    cells None, numbers as numbers, a boolean and triples no rows; and the query is recorded as asked."""
    store = store_with("one", "two")
    text = (
        "SELECT ?s ?label ?n ?none WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        "BIND (STRLEN(?label) AS ?n) OPTIONAL { ?s <urn:x:none> ?none } } ORDER BY ?s"
    )
    with recording() as asked:
        rows = embedded_records(store, text)
    assert rows == run_embedded(store, text).records() and asked == [text]
    assert [(r["label"], r["n"], r["none"]) for r in rows] == [("one", 3, None), ("two", 3, None)]
    for other in ("ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"):
        assert embedded_records(store, other) == run_embedded(store, other).records() == []
