"""The incremental build reports exactly what a full build reports, after every kind of change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import GRAPH_NS, NETWORK_GRAPH, REGISTER_GRAPH, Project
from rightsgraph.validate.validators import validate_store

from .conftest import MINIMAL_SLUG as SLUG
from .conftest import edit

SECOND = "synthetic-second"


def add_second_article(project: Project) -> None:
    """A second article: the first one's annotation with its own ids, about the same register actors."""
    text = (project.data_dir / "annotations" / f"{SLUG}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\b(event|statement|claim|quantity|inference|source)/synthetic-", r"\1/synthetic-b-", text)
    text = text.replace(f"article/{SLUG}", f"article/{SECOND}")
    (project.data_dir / "annotations" / f"{SECOND}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(project.data_dir / "sources" / f"{SLUG}.txt", project.data_dir / "sources" / f"{SECOND}.txt")


def full(project: Project) -> tuple[set[ox.Quad], list]:
    """The same project built from an empty state, in a copy (the project's own state stays as it is)."""
    copy = project.root.parent / f"{project.root.name}-full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".rightsgraph", "dist"))
    result = build_incremental(Project.locate(copy), full=True)
    return set(result.store), result.violations


def incremental(project: Project):
    result = build_incremental(project)
    quads = {q for q in result.store if q.graph_name.value != NETWORK_GRAPH}
    return result, quads


def same_violations(a: list, b: list) -> bool:
    key = lambda v: (v.graph, v.focus, v.path, v.component, v.message, v.source)
    return sorted(map(key, a)) == sorted(map(key, b))


def test_first_incremental_build_equals_the_full_build(minimal: Project) -> None:
    add_second_article(minimal)
    result, quads = incremental(minimal)
    expected_quads, expected_violations = full(minimal)
    assert quads == expected_quads and same_violations(result.violations, expected_violations)
    assert sorted(result.changed) == sorted([REGISTER_GRAPH, GRAPH_NS + SLUG, GRAPH_NS + SECOND])


def test_changing_one_article_rebuilds_and_revalidates_only_it(minimal: Project) -> None:
    add_second_article(minimal)
    incremental(minimal)
    edit(minimal.data_dir / "annotations" / f"{SECOND}.yaml", "        min: 12\n", "")  # a violation
    result, quads = incremental(minimal)
    assert result.changed == [GRAPH_NS + SECOND]
    assert result.validated == [GRAPH_NS + SECOND]  # regression: a shared register actor linked every article
    expected_quads, expected_violations = full(minimal)
    assert quads == expected_quads and same_violations(result.violations, expected_violations)
    assert [v.focus.rsplit("/", 1)[-1] for v in result.violations] == ["synthetic-b-executed"]
    again, _ = incremental(minimal)  # nothing changed: nothing rebuilt, the same violations from the manifest
    assert again.changed == [] and same_violations(again.violations, expected_violations)


def test_changing_the_register_revalidates_every_article(minimal: Project) -> None:
    add_second_article(minimal)
    incremental(minimal)
    edit(minimal.data_dir / "actors.yaml", "    name: Synthetic Ministry\n", "")  # the ministry loses its name
    result, quads = incremental(minimal)
    assert result.changed == [REGISTER_GRAPH]
    expected_quads, expected_violations = full(minimal)
    assert quads == expected_quads and same_violations(result.violations, expected_violations)
    assert result.violations and all(v.focus.endswith("synthetic-ministry") for v in result.violations)


def test_removing_a_definition_that_another_article_uses_is_refused(minimal: Project) -> None:
    add_second_article(minimal)
    incremental(minimal)
    path = minimal.data_dir / "annotations" / f"{SECOND}.yaml"
    edit(path, "responds_to: [statement/synthetic-b-report]", "responds_to: [statement/synthetic-report]")
    incremental(minimal)  # the second article now answers a statement of the first
    (minimal.data_dir / "annotations" / f"{SLUG}.yaml").unlink()
    (minimal.data_dir / "sources" / f"{SLUG}.txt").unlink()
    with pytest.raises(UserError, match="no file in data/ defines any more"):
        build_incremental(minimal)
    with pytest.raises(UserError):  # and still refused on the next run: the failure left nothing half-done
        build_incremental(minimal)


def test_a_failed_rebuild_is_retried_in_full_next_time(minimal: Project) -> None:
    incremental(minimal)
    path = minimal.data_dir / "annotations" / f"{SLUG}.yaml"
    line = edit(path, "    speaker: actor/synthetic-ministry", "    speaker: actor/synthetic-ministri")
    with pytest.raises(UserError) as caught:
        build_incremental(minimal)
    assert caught.value.line == line
    edit(path, "    speaker: actor/synthetic-ministri", "    speaker: actor/synthetic-ministry")
    result, quads = incremental(minimal)
    assert GRAPH_NS + SLUG in result.changed
    expected_quads, _ = full(minimal)
    assert quads == expected_quads


def test_regression_a_reference_to_another_articles_statement_was_a_violation(minimal: Project) -> None:
    """Bug: each article was validated with the register only, so a statement answering a statement of
    another article failed sh:class rg:Statement. The validation data now carries the types of what a
    graph refers to, and changing the answered article revalidates the answering one."""
    add_second_article(minimal)
    path = minimal.data_dir / "annotations" / f"{SECOND}.yaml"
    edit(path, "responds_to: [statement/synthetic-b-report]", "responds_to: [statement/synthetic-report]")
    result, _ = incremental(minimal)
    assert result.violations == [] and full(minimal)[1] == []
    first = minimal.data_dir / "annotations" / f"{SLUG}.yaml"
    edit(
        first,
        "  - id: statement/synthetic-report\n    type: Statement\n",
        "  - id: statement/synthetic-report\n    type: Claim\n",
    )
    with pytest.raises(UserError):  # the answered node is no longer a statement...
        raise_on_violations(incremental(minimal)[0])
    changed, _ = incremental(minimal)
    assert GRAPH_NS + SECOND not in changed.changed  # ...and the answering article was revalidated all the same
    assert any(
        v.focus.endswith("statement/synthetic-b-denial") and v.path.endswith("respondsTo") for v in changed.violations
    )


def raise_on_violations(result) -> None:
    if result.violations:
        raise UserError(f"{len(result.violations)} violation(s)")


def _synthetic(tmp_path: Path, articles: int) -> Project:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("gen_corpus", Path(__file__).parents[1] / "scripts" / "gen_corpus.py")
    generator = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = generator
    spec.loader.exec_module(generator)
    generator.generate(articles, 7, tmp_path / "corpus")
    return Project.locate(tmp_path / "corpus")


@pytest.mark.slow
def test_grouped_validation_equals_validation_graph_by_graph(tmp_path: Path) -> None:
    """The build validates ten graphs per SHACL run and, past BULK graphs, bulk-loads them and derives with
    the rules in the workers; on a synthetic corpus of 24 articles with planted violations it holds exactly
    the quads of the same build in one process and reports exactly what validating each graph alone reports."""
    project = _synthetic(tmp_path, 24)
    planted = 0
    for path in sorted((project.data_dir / "annotations").glob("*.yaml"))[:6]:
        text = path.read_text(encoding="utf-8")
        changed = re.sub(r"\n[ ]+min: \d+(?=\n)", "", text, count=1)
        planted += changed != text
        path.write_text(changed, encoding="utf-8")
    result = build_incremental(project, jobs=2)
    one_process, _ = full(project)
    assert set(result.store) == one_process
    alone = validate_store(project, result.store, {v.focus: v.source for v in result.violations})
    key = lambda v: (v.focus, v.path, v.component, v.message, v.source)
    assert planted and sorted(map(key, result.violations)) == sorted(map(key, alone))
    assert len(result.validated) == 25  # 24 articles and the register, in three runs


def test_a_duplicate_definition_is_refused_when_many_graphs_are_bulk_loaded(tmp_path: Path) -> None:
    project = _synthetic(tmp_path, 22)
    annotations = project.data_dir / "annotations"
    text = (annotations / "synthetic-article-00003.yaml").read_text(encoding="utf-8")
    (annotations / "synthetic-copy.yaml").write_text(
        text.replace("article/synthetic-article-00003", "article/synthetic-copy"), encoding="utf-8"
    )  # the same events and statements again
    shutil.copy(
        project.data_dir / "sources" / "synthetic-article-00003.txt",
        project.data_dir / "sources" / "synthetic-copy.txt",
    )
    with pytest.raises(UserError, match="is defined twice: also at") as caught:
        build_incremental(project, jobs=2)
    assert str(caught.value.path).endswith(("synthetic-copy.yaml", "synthetic-article-00003.yaml"))
    assert caught.value.line is not None


def test_regression_a_failed_bulk_build_left_its_spool_file(tmp_path: Path) -> None:
    project = _synthetic(tmp_path, 22)
    broken = project.data_dir / "annotations" / "synthetic-article-00020.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n  - [unclosed\n", encoding="utf-8")
    with pytest.raises(UserError):
        build_incremental(project, jobs=2)
    assert not (project.root / ".rightsgraph" / "build" / "bulk.nq").exists()


def test_regression_build_full_removed_the_store_of_a_running_build(minimal: Project) -> None:
    from rightsgraph.store.persistent import close_store, open_store, state_dir, state_lock

    from .conftest import run_cli

    build_incremental(minimal)
    store_dir = state_dir(minimal) / "store"
    with state_lock(minimal):  # a build in progress in this process
        open_store(minimal).flush()
        refused = run_cli("build", "--full", "--no-docs", root=minimal.root)
        assert refused.returncode == 1 and "running" in refused.stderr, refused.stderr
        assert store_dir.is_dir()
        open_store(minimal).flush()  # still usable
    close_store(minimal)


def test_regression_validating_the_register_took_in_every_statement_aimed_at_an_actor(tmp_path: Path) -> None:
    """The shapes follow rg:target and rg:about backwards only from called-for outcomes and counts; the
    register's validation data took in every statement and claim of the corpus aimed at one of its actors."""
    from rightsgraph.core.project import ONTOLOGY_GRAPH
    from rightsgraph.validate.shacl import validation_data
    from rightsgraph.validate.validators import make_validator

    sizes = []
    for articles in (3, 12):
        result = build_incremental(_synthetic(tmp_path / str(articles), articles), full=True, validate=False)
        ontology = list(result.store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
        inverse = make_validator(Project.locate(tmp_path / str(articles) / "corpus"), ontology).inverse_predicates
        sizes.append(len(validation_data(result.store, REGISTER_GRAPH, inverse)[0]))
    assert sizes[0] == sizes[1]


def counted_sizes(store: ox.Store) -> dict[str, int]:
    """Each graph's triples as the store counts them."""
    sizes: dict[str, int] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        sizes[quad.graph_name.value] = sizes.get(quad.graph_name.value, 0) + 1
    return dict(sorted(sizes.items()))


def test_the_graph_sizes_kept_in_the_manifest_are_the_stores_counts(minimal: Project) -> None:
    """The build reports each graph's size from its manifest (counting a million triples took most of a second
    of every validate): after a full build, an edit, an added and a removed article, they are the store's counts."""
    first = build_incremental(minimal, full=True)
    assert first.graphs == counted_sizes(first.store)
    add_second_article(minimal)
    added = build_incremental(minimal)
    assert added.graphs == counted_sizes(added.store) and GRAPH_NS + SECOND in added.graphs
    edit(minimal.data_dir / "annotations" / f"{SECOND}.yaml", "        min: 12\n", "")
    edited = build_incremental(minimal)
    assert edited.graphs == counted_sizes(edited.store) and edited.graphs != added.graphs
    (minimal.data_dir / "annotations" / f"{SECOND}.yaml").unlink()
    (minimal.data_dir / "sources" / f"{SECOND}.txt").unlink()
    removed = build_incremental(minimal)
    assert removed.graphs == counted_sizes(removed.store) == first.graphs


def test_a_fresh_bulk_build_loads_its_store_on_disk_beside_the_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build from empty loads the store on disk on a thread while its copy in memory is checked and validated:
    once the build returns, the store on disk holds exactly the copy's quads and the spool file is gone, however
    late the load (here held back a second, longer than the checks take)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Event

    from rightsgraph.build import incremental
    from rightsgraph.store.persistent import open_store

    started, returned = incremental._in_background, Event()

    def late(store: ox.Store, spool: Path):  # the load starts once the build returned, or after 3 s
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(lambda: (returned.wait(3), started(store, spool).result()))
        pool.shutdown(wait=False)
        return future

    monkeypatch.setattr(incremental, "_in_background", late)
    project = _synthetic(tmp_path, 22)
    result = build_incremental(project, jobs=2)
    on_disk = open_store(project)
    held = set(on_disk)
    returned.set()
    assert result.store is not on_disk  # the copy in memory, which the checks used
    assert held == set(result.store) and len(held) > 20_000
    assert not (project.root / ".rightsgraph" / "build" / "bulk.nq").exists()


def test_regression_a_fresh_bulk_build_refused_while_its_store_loaded_left_the_next_build_whole(
    tmp_path: Path,
) -> None:
    """The references check refuses a duplicate while the store on disk is still loading: the build waits for the
    load before it reports, leaves no spool, and the next build (the duplicate gone) holds every graph."""
    from rightsgraph.store.persistent import open_store

    project = _synthetic(tmp_path, 22)
    annotations = project.data_dir / "annotations"
    copy = annotations / "synthetic-copy.yaml"
    text = (annotations / "synthetic-article-00003.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("article/synthetic-article-00003", "article/synthetic-copy"), encoding="utf-8")
    source = project.data_dir / "sources" / "synthetic-copy.txt"
    shutil.copy(project.data_dir / "sources" / "synthetic-article-00003.txt", source)
    with pytest.raises(UserError, match="is defined twice"):
        build_incremental(project, jobs=2)
    assert not (project.root / ".rightsgraph" / "build" / "bulk.nq").exists()
    copy.unlink()
    source.unlink()
    result = build_incremental(project, jobs=2)
    assert set(open_store(project)) == set(result.store)
    assert len(result.graphs) == 24  # the ontology, the register and 22 articles


def test_regression_an_interrupt_while_waiting_for_the_store_on_disk_stopped_the_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the wait for the background bulk load: the load was forgotten before it was done, so the failure
    path did not wait either, and the build let go of its lock while RocksDB still loaded (a next build in the same
    process then cleared the store beside it). Now the failure waits for the load."""
    from concurrent.futures import Future

    from rightsgraph.build import incremental

    real_wait, loads, calls = incremental.wait, [], []
    started = incremental._in_background

    def recorded(store: ox.Store, spool: Path) -> Future:
        loads.append(started(store, spool))
        return loads[-1]

    def interrupted_once(futures, *args, **kwargs):
        calls.append(futures)
        if len(calls) == 1:
            raise KeyboardInterrupt  # as Ctrl-C would, in the middle of the wait
        return real_wait(futures, *args, **kwargs)

    monkeypatch.setattr(incremental, "_in_background", recorded)
    monkeypatch.setattr(incremental, "wait", interrupted_once)
    project = _synthetic(tmp_path, 22)
    with pytest.raises(KeyboardInterrupt):
        build_incremental(project, jobs=1, validate=False)
    assert len(loads) == 1 and loads[0].done()  # waited for before the build gave up its lock
    assert len(calls) == 2
    assert not (project.root / ".rightsgraph" / "build" / "bulk.nq").exists()
