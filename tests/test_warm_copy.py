"""The in-memory copy that writing dist/ reads is made, after an edit, from the graphs of the dist/ in place that the
edit left as they were (build.warm_copy), and holds what a copy of the whole store holds."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from rightsgraph.build import warm_copy as warm
from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.build.warm_copy import head_start, warm_copy
from rightsgraph.core.project import GRAPH_NS, Project
from rightsgraph.store.persistent import memory_copy

from .conftest import edit, run_cli
from .test_dist_reuse import CRACKDOWN, EXECUTIONS, build, change, corpus, dist_bytes  # noqa: F401  (a fixture)


def quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, None))


def test_the_copy_takes_the_graphs_an_edit_left_and_holds_what_the_store_holds(corpus: Project) -> None:  # noqa: F811
    change(corpus, "a headline")
    result = build_incremental(corpus)
    assert result.on_disk
    copy, taken = warm_copy(corpus, result.store, full=False)
    assert GRAPH_NS + EXECUTIONS in taken and GRAPH_NS + CRACKDOWN not in taken  # the edited article is dumped
    assert quads(copy) == quads(memory_copy(result.store))
    assert warm_copy(corpus, result.store, full=True)[1] == set()  # a build from empty takes nothing


def test_a_validate_between_two_builds_leaves_no_graph_of_the_old_dist_in_the_new(corpus: Project) -> None:  # noqa: F811
    # validate builds the edited graph into the store and leaves dist/ as it was: the next build must not take that
    # graph's part of the old rightsgraph.nq (its key changed since the dist/ was written)
    executions = corpus.data_dir / "annotations" / f"{EXECUTIONS}.yaml"
    edit(executions, "headline: Synthetic executions debate", "headline: Synthetic executions debate (2)")
    result = run_cli("validate", "-q", root=corpus.root)
    assert result.returncode == 0, result.stdout + result.stderr
    change(corpus, "a headline")  # another article: the build itself rebuilds only that one
    build(corpus)
    after = dist_bytes(corpus)
    assert b"Synthetic executions debate (2)" in after[f"graphs/{EXECUTIONS}.ttl"]
    build(corpus, "--full")
    assert dist_bytes(corpus) == after


def test_a_head_start_made_before_the_edit_was_built_gives_the_copy_of_the_whole_store(corpus: Project) -> None:  # noqa: F811
    """The head start loads what the last build's manifest keys, the edited article too (its new key is not known
    yet): the copy drops that article and takes it from the store, and holds what a copy of the whole store holds."""
    change(corpus, "a headline")
    start = head_start(corpus, full=False)
    assert start is not None and GRAPH_NS + CRACKDOWN in start.taken
    result = build_incremental(corpus)
    copy, taken = warm_copy(corpus, result.store, False, start)
    assert GRAPH_NS + CRACKDOWN not in taken and GRAPH_NS + EXECUTIONS in taken
    assert quads(copy) == quads(memory_copy(result.store))
    assert head_start(corpus, full=True) is None  # a build from empty takes nothing


def test_a_head_start_reads_no_dump_swapped_in_after_it_opened_the_file(
    corpus: Project,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another build may swap a new dist/ in between the opening of rightsgraph.nq and the check of its record: the
    ranges of the record would then be read in another file. The head start gives up instead."""
    takeable = warm._takeable
    dump = corpus.dist_dir / "rightsgraph.nq"

    def swapped_first(project: Project, full: bool):
        shutil.copy2(dump, dump.with_name("swapped.nq"))
        dump.with_name("swapped.nq").replace(dump)  # the same bytes and times, another file
        return takeable(project, full)

    monkeypatch.setattr(warm, "_takeable", swapped_first)
    assert head_start(corpus, full=False) is None
    monkeypatch.setattr(warm, "_takeable", takeable)
    assert head_start(corpus, full=False) is not None


def test_regression_a_head_start_kept_graphs_of_a_dist_another_build_swapped_in(corpus: Project) -> None:  # noqa: F811
    """A head start read the dist/ in place; another build then changed an article and swapped in its dist/, whose
    record vouches for the new graph under the same key as the manifest: the copy kept the head start's old graph, and
    this build's dist/ (and every later one, taking that part again) showed the old text."""
    start = head_start(corpus, full=False)
    assert start is not None
    start.thread.join()
    executions = corpus.data_dir / "annotations" / f"{EXECUTIONS}.yaml"
    edit(executions, "headline: Synthetic executions debate", "headline: Synthetic executions debate (2)")
    build(corpus)  # the other build, run to its end meanwhile
    change(corpus, "a headline")
    result = build_incremental(corpus)
    result.head_start = start
    write_dist(corpus, result, docs=False)
    assert b"Synthetic executions debate (2)" in (corpus.dist_dir / f"graphs/{EXECUTIONS}.ttl").read_bytes()
    assert result.head_start is None  # not held while dist/ is written
