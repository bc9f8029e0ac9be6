"""The dataset store (store.dataset): the quads of dist/rightsgraph.nq, kept level with dist/ by every build that
writes it, graph by graph, and opened read-only by `query`, `network` and the Python API instead of loading the dump.
"""

from __future__ import annotations

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


class Asked:
    """A store as store.dataset.settle uses it: what it was asked to do."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def flush(self) -> None:
        self.asked.append("flush")

    def optimize(self) -> None:
        self.asked.append("optimize")


def test_regression_syncs_piled_up_small_files_so_every_question_on_the_store_slowed(tmp_path: Path) -> None:
    """Bug: each sync adds a few small files to RocksDB's first level (one per index) and closes the store before
    RocksDB merges them: at 100,000 triples twelve syncs took the store from 9 table files to 79, and at a million
    triples every question on the store was about twice as slow. A sync now settles the store (store.dataset.settle):
    compacted once COMPACT_AFTER files have piled up since it was last loaded or compacted."""
    from rightsgraph.store.dataset import COMPACT_AFTER, settle

    location = tmp_path / "store"
    location.mkdir()

    def asked(files: int, recorded: int | None) -> tuple[int, list[str]]:
        for old in location.glob("*.sst"):
            old.unlink()
        for number in range(files):
            (location / f"{number:06d}.sst").touch()
        store = Asked()
        return settle(store, location, recorded), store.asked  # type: ignore[arg-type]

    assert asked(9, None) == (9, ["flush"])  # just loaded: its files are counted
    assert asked(9 + COMPACT_AFTER - 1, 9) == (9, ["flush"])  # fewer piled up: the count stays
    assert asked(9 + COMPACT_AFTER, 9) == (9 + COMPACT_AFTER, ["flush", "optimize"])  # counted again after


def test_settling_a_store_compacts_it_and_keeps_its_quads(tmp_path: Path) -> None:
    """The same on a real store whose record says files have piled up: every quad kept, the count recorded."""
    from rightsgraph.store.dataset import COMPACT_AFTER, settle, table_files

    location = tmp_path / "store"
    store = ox.Store(str(location))
    lines = "".join(f"<{SYNTHETIC}n{i}> <{SYNTHETIC}p> <{SYNTHETIC}n{i + 1}> .\n" for i in range(2000)).encode()
    for graph in range(40):
        store.load(lines, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"{SYNTHETIC}graph/{graph}"))
    kept = quads(store)
    assert settle(store, location, -COMPACT_AFTER) == table_files(location)
    del store
    assert quads(ox.Store.read_only(str(location))) == kept


def table_files_of(location: Path) -> dict[str, int]:
    """The table files of a generation of the store, with their inodes."""
    return {path.name: path.stat().st_ino for path in location.glob("*.sst")}


def assert_still_there(location: Path, files: dict[str, int]) -> None:
    """Every table file a reader of `location` may yet open is there, the same file."""
    assert location.is_dir()
    assert {name: inode for name, inode in table_files_of(location).items() if name in files} == files


def test_regression_a_reader_failed_when_a_compaction_removed_the_files_it_had_not_opened(corpus: Project) -> None:
    """Bug: RocksDB opens some table files with the store and the others when a question first needs them, and a
    sync that compacted the store in place removed those a reader opened before had not read yet: its next question
    failed ("No such file"). A sync now writes a new generation of the store, and the one a reader holds keeps its
    files."""
    from rightsgraph.store.dataset import COMPACT_AFTER, read_state, write_state

    build(corpus)
    before, opened = dump_quads(corpus), dataset_location(corpus)
    reader = open_dataset(corpus)
    assert reader is not None
    files = table_files_of(opened)
    write_state(corpus, {**read_state(corpus), "files": -COMPACT_AFTER})  # as when syncs have piled files up
    edit(corpus.data_dir / "annotations" / f"{ARTICLE}.yaml", "headline: ", "headline: Edited, ")
    result = build(corpus)
    assert result.synced is not None and not result.synced.reloaded and result.synced.replaced
    assert read_state(corpus)["files"] >= 0  # compacted: its files counted again
    assert_still_there(opened, files)
    assert quads(reader) == before  # the reader's store, whole
    assert quads(open_dataset(corpus)) == dump_quads(corpus) != before  # a new reader: the new store


def test_regression_a_reader_failed_when_a_reload_removed_the_store_it_had_open(
    corpus: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: a sync that reloads the store (after a sync cut short, or when most graphs changed) removed the store a
    reader had open. The reload now makes a new generation; the reader's stays while it may be read (RETIRE_S after
    it was replaced, whatever syncs follow), and goes at a sync after that."""
    import rightsgraph.store.dataset as dataset
    from rightsgraph.store.dataset import read_state, write_state

    build(corpus)
    before, opened = dump_quads(corpus), dataset_location(corpus)
    reader = open_dataset(corpus)
    assert reader is not None
    files = table_files_of(opened)
    state = read_state(corpus)
    kept = {key: state[key] for key in ("store", "retired") if key in state}
    write_state(corpus, {"dump": None, "graphs": {}, **kept})  # what a sync killed half-way leaves
    article = corpus.data_dir / "annotations" / f"{ARTICLE}.yaml"
    edit(article, "headline: ", "headline: Edited, ")
    result = build(corpus)
    assert result.synced is not None and result.synced.reloaded
    for word in ("Again, ", "Once more, "):  # two more syncs: the reader's generation is kept
        assert_still_there(opened, files)
        edit(article, "headline: ", f"headline: {word}")
        build(corpus)
    assert_still_there(opened, files)
    assert quads(reader) == before
    monkeypatch.setattr(dataset, "RETIRE_S", 0)  # as when RETIRE_S has passed
    edit(article, "headline: ", "headline: Last, ")
    build(corpus)
    generations = sorted(path.name for path in dataset_dir(corpus).iterdir() if path.is_dir())
    assert len(generations) == 2 and opened.name not in generations, generations  # the one open, the one before
    assert read_state(corpus)["store"] in generations
    assert quads(open_dataset(corpus)) == dump_quads(corpus)
