"""The edit loop (build.validated_sync): a clean `rightsgraph validate` makes the validated data what `query` answers
from, by replacing only the changed graphs in the dataset store and the derived graphs that follow from them.

The oracle is the build: after each validate, the dataset store must hold exactly what `rightsgraph build` then
writes to dist/rightsgraph.nq, except <graph/network> (the measures, which stay the last build's and are said to
be stale)."""

from __future__ import annotations

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
