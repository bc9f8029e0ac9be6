"""The in-memory copy that writing dist/ reads is made, after an edit, from the graphs of the dist/ in place that the
edit left as they were (build.warm_copy), and holds what a copy of the whole store holds."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.build.warm_copy import warm_copy
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
