"""The dataset store (store.dataset): the quads of dist/rightsgraph.nq, kept level with dist/ by every build that
writes it, graph by graph, and opened read-only by `query`, `network` and the Python API instead of loading the dump.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import rightsgraph.api
from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import BuildResult, build_incremental, write_dist
from rightsgraph.core.project import IDENTITY_GRAPH, NETWORK_GRAPH, TYPES_GRAPH, Project
from rightsgraph.store.dataset import dataset_dir, dataset_location, dump_checksum, open_dataset
from rightsgraph.store.embedded import dump_path

from .conftest import edit, project_from_corpus_fixture, run_cli
from .test_identity import CORPUS

ARTICLE = "synthetic-dispute"
DERIVED = {TYPES_GRAPH, IDENTITY_GRAPH, NETWORK_GRAPH}


def quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, None))


def dump_quads(project: Project) -> set[ox.Quad]:
    return set(ox.parse(path=str(dump_path(project)), format=ox.RdfFormat.N_QUADS))


def build(project: Project) -> BuildResult:
    """What `rightsgraph build --no-docs` does, in this process (to see what the sync did)."""
    result = build_incremental(project)
    write_dist(project, result, docs=False)
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    return project_from_corpus_fixture(tmp_path, CORPUS)


def test_the_dataset_store_holds_exactly_the_quads_of_the_dump(corpus: Project) -> None:
    result = run_cli("build", "--no-docs", root=corpus.root)
    assert result.returncode == 0, result.stderr
    store = open_dataset(corpus)
    assert store is not None
    assert quads(store) == dump_quads(corpus)
    state = json.loads((dataset_dir(corpus) / "state.json").read_text(encoding="utf-8"))
    assert state["dump"] == dump_checksum(corpus.dist_dir) is not None


def test_an_edit_replaces_only_the_edited_article_and_the_derived_graphs(corpus: Project) -> None:
    first = build(corpus)
    assert first.synced is not None and first.synced.reloaded
    article = corpus.data_dir / "annotations" / f"{ARTICLE}.yaml"
    text = article.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if line.strip().startswith("label:"))
    edit(article, label, label.rstrip() + " (edited)")
    second = build(corpus)
    assert second.synced is not None and not second.synced.reloaded
    changed = set(second.synced.replaced)
    assert any(g.endswith("/" + ARTICLE) for g in changed), changed
    assert changed - DERIVED == {g for g in changed if g.endswith("/" + ARTICLE)}, changed
    store = open_dataset(corpus)
    assert store is not None and quads(store) == dump_quads(corpus)
    assert any("(edited)" in q.object.value for q in quads(store) if isinstance(q.object, ox.Literal))


def test_a_build_with_nothing_changed_leaves_the_store_as_it_is(corpus: Project) -> None:
    build(corpus)
    again = build(corpus)
    assert again.synced is not None and again.synced.replaced == [] and not again.synced.reloaded


def test_a_removed_article_goes_from_the_store(corpus: Project) -> None:
    build(corpus)
    for folder, suffix in (("annotations", ".yaml"), ("sources", ".txt")):
        (corpus.data_dir / folder / f"synthetic-follow-up{suffix}").unlink()
    result = build(corpus)
    assert result.synced is not None
    assert any(g.endswith("/synthetic-follow-up") for g in result.synced.removed)
    store = open_dataset(corpus)
    assert store is not None and quads(store) == dump_quads(corpus)


def test_queries_read_the_store_and_never_load_the_dump(corpus: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build(corpus)

    def refuse(project: Project) -> None:
        raise AssertionError("the dump was loaded")

    monkeypatch.setattr(rightsgraph.api, "load_dump", refuse)  # what load_store reads
    dataset = Dataset(corpus)
    assert {row["article"] for row in dataset.query("articles")} and not dataset.isolate


def test_a_sync_killed_half_way_is_never_read_and_the_next_build_reloads(corpus: Project) -> None:
    build(corpus)
    state = dataset_dir(corpus) / "state.json"
    state.write_text(json.dumps({"dump": None, "graphs": {}}), encoding="utf-8")  # as a sync leaves it when killed
    assert open_dataset(corpus) is None
    rows = Dataset(corpus).query("articles")  # from the dump
    assert rows
    result = build(corpus)
    assert result.synced is not None and result.synced.reloaded
    store = open_dataset(corpus)
    assert store is not None and quads(store) == dump_quads(corpus)


def test_a_dist_from_elsewhere_is_read_from_its_dump(corpus: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    """dist/ replaced by another build's (copied in by hand): the store holds another dataset, so it is not used."""
    build(corpus)
    other = project_from_corpus_fixture(tmp_path_factory.mktemp("other"), CORPUS)
    edit(other.data_dir / "actors.yaml", "name: editors of the synthetic corpus", "name: other editors")
    build(other)
    shutil.rmtree(corpus.dist_dir)
    shutil.copytree(other.dist_dir, corpus.dist_dir)
    assert open_dataset(corpus) is None
    result = run_cli("query", "articles", "--json", root=corpus.root)
    assert result.returncode == 0, result.stderr


def test_the_store_can_be_read_while_a_build_has_it_open(corpus: Project) -> None:
    build(corpus)
    writer = ox.Store(str(dataset_location(corpus)))  # as a sync holds it
    try:
        reader = open_dataset(corpus)
        assert reader is not None and quads(reader) == dump_quads(corpus)
    finally:
        del writer


def test_the_build_summary_names_five_rebuilt_graphs_and_counts_the_rest() -> None:
    from rightsgraph.cli.build_cmd import _listed

    graphs = [f"https://w3id.org/rightsgraph/graph/article-{n}" for n in range(7)]
    assert _listed(graphs) == (
        ": article-0, article-1, article-2, article-3, article-4 and 2 more (--verbose lists every graph)"
    )
    assert _listed(graphs[:2]) == ": article-0, article-1" and _listed([]) == ""


SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/compaction/"
PILED = 48  # table files: more than a read-only opening of the store opens at once


def synthetic_graph(graph: int, size: int) -> bytes:
    """`size` N-Triples lines of synthetic graph number `graph` (each node linked and labelled)."""
    return "".join(
        f"<{SYNTHETIC}g{graph}/n{i}> <{SYNTHETIC}p{i % 7}> <{SYNTHETIC}g{graph}/n{(i * 31) % size}> .\n"
        f'<{SYNTHETIC}g{graph}/n{i}> <{SYNTHETIC}label> "node {graph} {i}" .\n'
        for i in range(size // 2)
    ).encode()


def test_regression_syncs_piled_up_small_files_so_every_question_on_the_store_slowed(tmp_path: Path) -> None:
    """Bug: each sync adds a few small files to RocksDB's first level (one per index) and closes the store before
    RocksDB merges them: sixteen syncs of these 40,000 triples took the store from 9 table files to 79, and at a million
    triples every question on the store was about twice as slow. A sync now settles the store as a build's and a
    validate's syncs do (store.dataset.settle): compacted once COMPACT_AFTER files have piled up since it was last
    loaded or compacted, its quads unchanged."""
    from rightsgraph.store.dataset import COMPACT_AFTER, settle, table_files

    location = tmp_path / "store"
    graphs = {f"{SYNTHETIC}graph/{g}": synthetic_graph(g, 1000) for g in range(40)}
    store = ox.Store(str(location))
    for graph, lines in graphs.items():
        store.load(lines, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    loaded = recorded = settle(store, location, None)
    expected = quads(store)
    del store
    counts = [table_files(location)]
    for graph in list(graphs)[:16]:  # a sync replacing one graph, as store.dataset.apply_sync does
        store = ox.Store(str(location))
        store.remove_graph(ox.NamedNode(graph))
        store.load(graphs[graph], format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        recorded = settle(store, location, recorded)
        del store
        counts.append(table_files(location))
    # never more than COMPACT_AFTER files, and the files of the sync that passed the mark, above the load's
    assert max(counts) < loaded + COMPACT_AFTER + 16, counts
    assert any(later < earlier - 16 for earlier, later in itertools.pairwise(counts)), counts  # compacted at least once
    assert quads(ox.Store.read_only(str(location))) == expected


def pile_up(project: Project) -> set[ox.Quad]:
    """Pile small table files up in the dataset store, as syncs of a large dataset do (40 synthetic graphs, 40,000
    triples, and syncs replacing one at a time: the corpus is too small for RocksDB to leave any); every quad of the
    store."""
    from rightsgraph.store.dataset import table_files

    location = dataset_location(project)
    graphs = {ox.NamedNode(f"{SYNTHETIC}piled/{g}"): synthetic_graph(g, 1000) for g in range(40)}
    writer = ox.Store(str(location))
    for graph, lines in graphs.items():
        writer.load(lines, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    del writer
    for graph in list(graphs) * 2:  # until RocksDB has left enough of them (its own compactions race the closing)
        if table_files(location) > PILED:
            break
        writer = ox.Store(str(location))
        writer.remove_graph(graph)
        writer.load(graphs[graph], format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        writer.flush()
        del writer
    # more than RocksDB opens with the store (about forty): a reader opens the others when a question needs them
    assert table_files(location) > PILED
    return quads(ox.Store.read_only(str(location)))


def read_through(reader: ox.Store) -> set[ox.Quad]:
    """Every quad of a read-only store, read through several indexes (each of RocksDB's table files opened)."""
    for pattern in ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT ?o ?p WHERE { ?s ?p ?o }", "ASK { ?s a ?t }"):
        answer = reader.query(pattern, use_default_graph_as_union=True)
        assert bool(answer) if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer) > 0
    return quads(reader)


def test_regression_a_reader_failed_when_a_compaction_removed_the_files_it_had_not_opened(corpus: Project) -> None:
    """Bug: RocksDB opens some table files with the store and the others when a question first needs them, and a
    sync that compacted the store in place removed those a reader opened before had not read yet: its next question
    failed ("No such file"). A sync now writes a new generation of the store, and the one a reader holds keeps its
    files."""
    from rightsgraph.store.dataset import read_state

    build(corpus)
    before = pile_up(corpus)
    reader = open_dataset(corpus)
    assert reader is not None
    edit(corpus.data_dir / "annotations" / f"{ARTICLE}.yaml", "headline: ", "headline: Edited, ")
    result = build(corpus)
    assert result.synced is not None and not result.synced.reloaded and result.synced.replaced
    assert read_state(corpus)["files"] < 9 + 16  # the sync compacted the store it wrote
    assert read_through(reader) == before  # the reader's store, whole
    assert quads(open_dataset(corpus)) - before  # a new reader: the new store


def test_regression_a_reader_failed_when_a_reload_removed_the_store_it_had_open(corpus: Project) -> None:
    """Bug: a sync that reloads the store (after a sync cut short, or when most graphs changed) removed the store a
    reader had open. The reload now makes a new generation; the reader's stays until the sync after next."""
    from rightsgraph.store.dataset import read_state, withdraw

    build(corpus)
    before = pile_up(corpus)
    reader = open_dataset(corpus)
    assert reader is not None
    first = dataset_location(corpus)
    withdraw(corpus, first)  # what a sync killed half-way leaves
    edit(corpus.data_dir / "annotations" / f"{ARTICLE}.yaml", "headline: ", "headline: Edited, ")
    result = build(corpus)
    assert result.synced is not None and result.synced.reloaded
    assert read_through(reader) == before
    for word in ("Again, ", "Once more, "):  # two more syncs: the reader's generation goes, two are kept
        edit(corpus.data_dir / "annotations" / f"{ARTICLE}.yaml", "headline: ", f"headline: {word}")
        build(corpus)
    generations = sorted(path.name for path in dataset_dir(corpus).iterdir() if path.is_dir())
    assert len(generations) == 2 and first.name not in generations, generations
    assert read_state(corpus)["store"] in generations
    assert quads(open_dataset(corpus)) == dump_quads(corpus)
