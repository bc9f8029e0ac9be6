"""The edit loop (build.validated_sync): a clean `rightsgraph validate` makes the validated data what `query` answers
from, by replacing only the changed graphs in the dataset store and the derived graphs that follow from them.

The oracle is the build: after each validate, the dataset store must hold exactly what `rightsgraph build` then
writes to dist/rightsgraph.nq, except <graph/network> (the measures, which stay the last build's and are said to
be stale)."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.project import IDENTITY_GRAPH, NETWORK_GRAPH, TYPES_GRAPH, Project
from rightsgraph.store.dataset import dataset_dir, dataset_stamp, network_stale, open_dataset

from .conftest import edit, project_from_corpus_fixture, run_cli
from .test_dataset_store import dump_quads, quads
from .test_identity import CORPUS

FOLLOW_UP = "synthetic-follow-up"
NETWORK = ox.NamedNode(NETWORK_GRAPH)


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    project = project_from_corpus_fixture(tmp_path, CORPUS)
    built = run_cli("build", "--no-docs", root=project.root)
    assert built.returncode == 0, built.stderr
    return project


def without_network(found: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in found if q.graph_name != NETWORK}


def store_quads(project: Project) -> set[ox.Quad]:
    store = open_dataset(project)
    assert store is not None, "the dataset store does not serve dist/"
    return quads(store)


def validate(project: Project) -> dict:
    result = run_cli("validate", "--json", root=project.root)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)["dataset_store"]


def articles_answer(project: Project) -> tuple[str, str]:
    result = run_cli("query", "articles", "--format", "csv", root=project.root)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def check_level_with_a_build(project: Project) -> None:
    """The store as validate left it equals the dump the build then writes, the network measures aside."""
    validated = store_quads(project)
    built = run_cli("build", "--no-docs", root=project.root)
    assert built.returncode == 0, built.stderr
    assert without_network(validated) == without_network(dump_quads(project))
    assert store_quads(project) == dump_quads(project)  # and the build brought the measures level
    assert not network_stale(project)


def test_an_edit_validated_is_what_query_answers_before_any_build(corpus: Project) -> None:
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    dump_before = corpus.dist_dir.joinpath("rightsgraph.nq").read_bytes()
    stamp = dataset_stamp(corpus)
    headline = next(line for line in article.read_text(encoding="utf-8").splitlines() if "headline:" in line)
    edit(article, headline, headline.rstrip().rstrip('"') + ' (edited)"')
    out, err = articles_answer(corpus)
    assert "(edited)" not in out and "run rightsgraph validate" in err  # not yet: the store says it is behind
    synced = validate(corpus)
    assert [g.rsplit("/", 1)[-1] for g in synced["replaced"]] == [FOLLOW_UP] and synced["removed"] == []
    out, err = articles_answer(corpus)
    assert "(edited)" in out and "older than data/" not in err, err
    assert corpus.dist_dir.joinpath("rightsgraph.nq").read_bytes() == dump_before  # dist/ is the build's
    assert dataset_stamp(corpus) not in (None, stamp)  # what serve follows
    assert network_stale(corpus)
    measures = run_cli("query", "actor-measures", "--format", "csv", root=corpus.root)
    assert measures.returncode == 0 and "network measures are the last build's" in measures.stderr
    # a regression: a question that reads every graph through a variable read the stale measures unwarned
    every_graph = corpus.root / "every-graph.rq"
    every_graph.write_text("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g\n", "utf-8")
    counted = run_cli("query", str(every_graph), "--format", "csv", root=corpus.root)
    assert counted.returncode == 0 and "network measures are the last build's" in counted.stderr
    check_level_with_a_build(corpus)
    measures = run_cli("query", "actor-measures", "--format", "csv", root=corpus.root)
    assert "network measures" not in measures.stderr


def test_a_changed_type_replaces_the_closure_of_that_node_only(corpus: Project) -> None:
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    edit(article, "type: CollectiveActor\n    name: lawyers", "type: Community\n    name: lawyers")
    validate(corpus)
    closure = {q for q in store_quads(corpus) if q.graph_name == ox.NamedNode(TYPES_GRAPH)}
    lawyers = {q.object.value.rsplit("#", 1)[-1] for q in closure if q.subject.value.endswith("/synthetic-lawyers")}
    assert lawyers == {"CollectiveActor", "Actor"}, lawyers  # Community's superclasses
    check_level_with_a_build(corpus)


def recorded_closure_digest(project: Project) -> tuple[str | None, str]:
    """The type closure's digest as the store's record has it, and as the store's closure gives it."""
    from rightsgraph.export.dumps import sorted_lines
    from rightsgraph.store.dataset import graph_digest, read_state

    store = open_dataset(project)
    assert store is not None
    return read_state(project)["graphs"].get(TYPES_GRAPH), graph_digest(sorted_lines(store, TYPES_GRAPH))


def test_the_recorded_closure_digest_follows_the_closure_whether_it_changed_or_not(corpus: Project) -> None:
    # validate digests the type closure again only when the rule changed it (reading it back took 0.11 s at 1M
    # triples): the record must still say what the store holds, which the next build's sync trusts
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    headline = next(line for line in article.read_text(encoding="utf-8").splitlines() if "headline:" in line)
    before = recorded_closure_digest(corpus)
    edit(article, headline, headline.rstrip().rstrip('"') + ' (edited)"')
    validate(corpus)
    assert recorded_closure_digest(corpus) == before and before[0] == before[1]  # a headline: the closure as it was
    edit(article, "type: CollectiveActor\n    name: lawyers", "type: Community\n    name: lawyers")
    validate(corpus)
    recorded, held = recorded_closure_digest(corpus)
    assert recorded == held and recorded != before[1]  # a type changed: digested again
    check_level_with_a_build(corpus)


def test_an_identity_judgement_removed_with_its_article_leaves_the_identity_closure(corpus: Project) -> None:
    def clustered() -> set[str]:
        identity = ox.NamedNode(IDENTITY_GRAPH)
        return {q.subject.value.rsplit("/", 1)[-1] for q in store_quads(corpus) if q.graph_name == identity}

    assert "synthetic-march-hangings" in clustered()  # the follow-up's judgement joins it to the cluster
    (corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml").unlink()
    (corpus.data_dir / "sources" / f"{FOLLOW_UP}.txt").unlink()
    synced = validate(corpus)
    assert [g.rsplit("/", 1)[-1] for g in synced["removed"]] == [FOLLOW_UP]
    assert clustered() == {"synthetic-executions-per-clerk", "synthetic-executions"}  # the dispute's judgement
    check_level_with_a_build(corpus)


def test_an_article_added_is_queryable_after_validate(corpus: Project, tmp_path: Path) -> None:
    for suffix, folder in (("yaml", "annotations"), ("txt", "sources")):
        source = corpus.data_dir / folder / f"{FOLLOW_UP}.{suffix}"
        shutil.move(source, tmp_path / source.name)
    run_cli("build", "--no-docs", root=corpus.root)
    for suffix, folder in (("yaml", "annotations"), ("txt", "sources")):
        shutil.move(tmp_path / f"{FOLLOW_UP}.{suffix}", corpus.data_dir / folder / f"{FOLLOW_UP}.{suffix}")
    out, err = articles_answer(corpus)
    assert f"{FOLLOW_UP}.yaml is not in the dataset yet" in err
    synced = validate(corpus)
    assert [g.rsplit("/", 1)[-1] for g in synced["replaced"]] == [FOLLOW_UP]
    out, err = articles_answer(corpus)
    assert FOLLOW_UP in out and "older" not in err
    check_level_with_a_build(corpus)


def test_a_validate_with_violations_leaves_the_store_as_it_was(corpus: Project) -> None:
    before = store_quads(corpus)
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    edit(article, "confidence: 0.9", "confidence: 9")  # out of [0, 1]
    result = run_cli("validate", root=corpus.root)
    assert result.returncode == 1
    assert store_quads(corpus) == before and not network_stale(corpus)


def test_an_ontology_edit_is_left_to_the_build(corpus: Project) -> None:
    ontology = sorted(corpus.ontology_dir.glob("*.ttl"))[0]
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    synced = validate(corpus)
    assert "ontology, shapes or rules changed" in synced["not_synced"]
    _, err = articles_answer(corpus)
    assert "changed since the last build" in err
    state = json.loads((dataset_dir(corpus) / "state.json").read_text(encoding="utf-8"))
    assert "network" not in state


def test_regression_a_sync_could_repeat_an_earlier_stamp_so_a_reader_took_a_half_synced_store(corpus: Project) -> None:
    """Bug: the stamp was a hash of the graphs' digests, so a sync back to an earlier content repeated an earlier
    stamp, and a reader that opened the store mid-sync saw the same stamp before and after (a comment-only edit,
    whose key changes and content does not, did it too). Every sync now makes a new stamp, and an edit that
    changes no content changes no graph."""
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    original = article.read_text(encoding="utf-8")
    stamps = [dataset_stamp(corpus)]
    for text in (original.replace("name: lawyers", "name: the lawyers"), original) * 2:
        article.write_text(text, encoding="utf-8")
        assert validate(corpus)["replaced"], "a content change replaces its graph"
        stamps.append(dataset_stamp(corpus))
    assert len(set(stamps)) == len(stamps), stamps
    article.write_text(original + "# a comment, no content\n", encoding="utf-8")
    assert validate(corpus) == {"replaced": [], "removed": [], "reloaded": False}
    assert dataset_stamp(corpus) == stamps[-1]  # nothing in the store changed
    _, err = articles_answer(corpus)
    assert "older than data/" not in err  # the record holds the new key


def test_regression_a_rule_edit_left_query_on_the_dataset_store_without_a_warning(corpus: Project) -> None:
    """Bug: a rule of queries/rules/ changes what the build derives, but the freshness check looked at data/,
    ontology/ and shapes/ only."""
    rule = corpus.queries_dir / "rules" / "participant-actor.rq"
    edit(rule, "  ?event sem:hasActor ?actor .\n", "")
    assert "not_synced" in validate(corpus)
    _, err = articles_answer(corpus)
    assert "queries/rules/participant-actor.rq changed since the last build" in err, err


def test_regression_measures_read_without_the_network_graph_named_were_not_said_to_be_stale(corpus: Project) -> None:
    """Bug: only a question that wrote <graph/network> in full was warned; `?a rg:pageRank ?r` reads the same
    stale measures."""
    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    edit(article, "type: CollectiveActor\n    name: lawyers", "type: Community\n    name: lawyers")
    validate(corpus)
    stale = "network measures are the last build's"
    for text, warned in (
        ("SELECT ?a ?r WHERE { ?a rg:pageRank ?r }", True),
        ("SELECT ?a ?r WHERE { ?a <https://w3id.org/rightsgraph/ontology#camp> ?r }", True),
        ("SELECT ?a WHERE { ?a rdfs:label ?l } # rg:pageRank in a comment is no reading of it", False),
        ('SELECT ?a WHERE { ?a rdfs:label "rg:pageRank" }', False),
    ):
        answer = run_cli("sparql", text, "--format", "csv", root=corpus.root)
        assert answer.returncode == 0, answer.stderr
        assert (stale in answer.stderr) == warned, (text, answer.stderr)


def test_regression_a_file_saved_while_validate_ran_was_hidden_from_the_freshness_check(
    corpus: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: the check compared times with the store's record, written after the build had read data/; an article
    saved in between was older than the record and newer than what the store holds."""
    from rightsgraph.build import validated_sync
    from rightsgraph.cli.validate_cmd import validate as validate_command

    article = corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml"
    edit(article, "type: CollectiveActor\n    name: lawyers", "type: Community\n    name: lawyers")
    sync = validated_sync.sync_validated

    def saved_meanwhile(project: Project, validated: ox.Store, read_at: int):  # type: ignore[no-untyped-def]
        edit(article, "name: lawyers", "name: the lawyers (saved during validate)")
        return sync(project, validated, read_at)

    monkeypatch.setattr(validated_sync, "sync_validated", saved_meanwhile)
    validate_command(root=corpus.root, quiet=True)
    monkeypatch.undo()
    _, err = articles_answer(corpus)
    assert f"{FOLLOW_UP}.yaml changed since the last validate or build" in err, err


def test_regression_a_full_disk_while_validate_synced_was_an_internal_error(
    corpus: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rightsgraph.build import validated_sync
    from rightsgraph.cli.validate_cmd import validate as validate_command
    from rightsgraph.core.errors import UserError

    edit(corpus.data_dir / "annotations" / f"{FOLLOW_UP}.yaml", "name: lawyers", "name: the lawyers")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(validated_sync, "write_state", full_disk)
    with pytest.raises(UserError, match="disk is full"):
        validate_command(root=corpus.root, quiet=True)
