"""No silent empty answers: a parameter naming a node the dataset does not have, a query against a dist/ older
than data/, and an endpoint whose default graph is not the union of its named graphs each get a warning on
stderr (the answer is still printed, exit 0)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsgraph.build.freshness import stale_dist, stale_store
from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.cli import main, output
from rightsgraph.core.project import Project
from rightsgraph.store.embedded import dump_path, load_dump
from rightsgraph.store.server import oxigraph_binary

from .conftest import MINIMAL, MINIMAL_SLUG, edit, project_from_fixture, run_cli
from .servers import free_port, oxigraph_server, wait_until_up

ACTOR = "https://w3id.org/rightsgraph/id/actor/"
STALE = "dist/ is older than data/: run rightsgraph build"
STALE_STORE = "the dataset is older than data/: run rightsgraph validate, or build"
ANNOTATION = f"data/annotations/{MINIMAL_SLUG}.yaml"


def build(project: Project) -> None:
    """What `rightsgraph build --no-docs` does."""
    write_dist(project, build_incremental(project), docs=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The minimal project, built with its dist/ (no docs). Tests must not change it."""
    project = Project.locate(project_from_fixture(tmp_path_factory.mktemp("empty"), MINIMAL, MINIMAL_SLUG))
    write_dist(project, build_incremental(project, full=True), docs=False)
    return project


def cli(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """`rightsgraph ARGV` through the command's entry point, in this process, 300 columns wide."""
    monkeypatch.setattr(sys, "argv", ["rightsgraph", *argv])
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "width", 300)
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def warnings(err: str) -> list[str]:
    assert "Traceback" not in err and "error:" not in err, err
    return [line for line in err.splitlines() if line.startswith("warning: ")]


# --- a parameter naming no node -----------------------------------------------------------------------------


def test_regression_a_parameter_naming_no_node_answered_nothing_silently(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = f"{ACTOR}synthetic-minstry"
    argv = ["query", "actor-profile", "--param", f"actor={typo}", "--format", "csv", "--root", str(built.root)]
    code, out, err = cli(argv, capsys, monkeypatch)
    assert code == 0 and out.splitlines() == ["aspect,detail,related,graph"], err
    [warning] = warnings(err)
    assert warning.startswith(f"warning: --param actor={typo}: the dataset has no such node"), warning
    assert warning.endswith("did you mean 'id:actor/synthetic-ministry'?"), warning


def test_a_parameter_naming_a_node_gets_no_warning(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nor does a parameter that is not an IRI, nor a default the user did not give."""
    root = ["--root", str(built.root)]
    for argv in (
        ["query", "actor-profile", "--param", "actor=id:actor/synthetic-ministry"],
        ["query", "find-by-name", "--param", "text=no such name at all"],
        ["query", "claims-about-event"],
    ):
        code, _, err = cli([*argv, "--format", "json", *root], capsys, monkeypatch)
        assert code == 0 and warnings(err) == [], (argv, err)


def test_a_node_of_an_unknown_kind_and_an_ad_hoc_parameter(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ["--root", str(built.root)]
    code, _, err = cli(
        ["query", "actor-profile", "--param", "actor=id:actr/synthetic-ministry", *root], capsys, monkeypatch
    )
    assert code == 0 and warnings(err)[0].endswith("the dataset has no node that starts with id:actr/"), err
    text = "SELECT ?p ?o WHERE { ?event ?p ?o }"
    code, out, err = cli(["sparql", text, "--param", "event=id:event/synthetic-executons", *root], capsys, monkeypatch)
    assert code == 0 and "0 row(s)" in out
    assert warnings(err)[0].endswith("did you mean 'id:event/synthetic-executions'?"), err


# --- a dist/ older than data/ -------------------------------------------------------------------------------


def query_warnings(project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    code, out, err = cli(["query", "articles", "--format", "csv", "--root", str(project.root)], capsys, monkeypatch)
    assert code == 0 and "synthetic-article" in out, err
    return warnings(err)


def later(path: Path, than: Path) -> None:
    """Give `path` a time after `than`'s, as an edit a moment later would (file times may be coarse)."""
    at = than.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(at, at))


def test_regression_a_query_after_validate_read_the_stale_dist_silently(
    minimal: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(minimal)
    dump, annotation = dump_path(minimal), minimal.root / ANNOTATION
    assert query_warnings(minimal, capsys, monkeypatch) == []
    later(annotation, dump)  # touched, not changed: nothing to say
    assert query_warnings(minimal, capsys, monkeypatch) == []
    edit(annotation, "headline: Synthetic article", "headline: Synthetic article, edited")
    later(annotation, dump)
    behind = f"warning: {STALE_STORE} ({ANNOTATION} changed since the last validate or build)"
    assert query_warnings(minimal, capsys, monkeypatch) == [behind]
    build_incremental(minimal)  # the build state is new, the dataset store is not (a validate would sync it)
    assert query_warnings(minimal, capsys, monkeypatch) == [behind]
    code, out, err = cli(["validate", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0 and "query and serve answer from it now" in out, out + err
    assert query_warnings(minimal, capsys, monkeypatch) == []
    build(minimal)
    assert query_warnings(minimal, capsys, monkeypatch) == []
    shapes = sorted(minimal.shapes_dir.glob("*.ttl"))[0]
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    later(shapes, dump_path(minimal))
    assert query_warnings(minimal, capsys, monkeypatch) == [
        f"warning: {STALE_STORE} ({shapes.relative_to(minimal.root)} changed since the last build)"
    ]
    shutil.rmtree(minimal.root / ".rightsgraph" / "dataset")  # a dist/ without its store: the dump answers
    assert query_warnings(minimal, capsys, monkeypatch) == [
        f"warning: {STALE} ({shapes.relative_to(minimal.root)} changed since the last build)"
    ]


def test_regression_a_rule_edited_then_validated_left_dist_current_to_the_query(
    minimal: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug (issue 18's note): the dump's freshness looked for newer files in data/, ontology/ and shapes/ only, so a
    rule of queries/rules/ (or a system query) edited and then validated, whose derived triples dist/ lacks, left
    the dump current to a query that reads it."""
    build(minimal)
    shutil.rmtree(minimal.root / ".rightsgraph" / "dataset")  # a dist/ without its store: the dump answers
    rule = sorted((minimal.queries_dir / "rules").glob("*.rq"))[0]
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    later(rule, dump_path(minimal))
    stale = f"warning: {STALE} ({rule.relative_to(minimal.root)} changed since the last build"
    assert query_warnings(minimal, capsys, monkeypatch) == [stale + ")"]
    code, out, err = cli(["validate", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0, out + err
    shutil.rmtree(minimal.root / ".rightsgraph" / "dataset", ignore_errors=True)
    assert query_warnings(minimal, capsys, monkeypatch) == [stale + "; validate does not write dist/)"]
    build(minimal)
    assert query_warnings(minimal, capsys, monkeypatch) == []


def test_an_article_added_or_removed_since_the_build_makes_dist_stale(minimal: Project) -> None:
    """Whatever the files' own times: a file removed, or added with the time it was copied with (cp -p), makes
    its directory newer than the dump."""
    build(minimal)
    store = load_dump(minimal)
    assert store is not None and stale_dist(minimal, store) is None
    article, source = minimal.root / ANNOTATION, minimal.data_dir / "sources" / f"{MINIMAL_SLUG}.txt"
    kept = {path: (path.read_bytes(), path.stat()) for path in (article, source)}
    article.unlink()
    source.unlink()
    later(article.parent, dump_path(minimal))
    assert stale_dist(minimal, store) == f"graph:{MINIMAL_SLUG} of dist/ is no longer in data/"
    build(minimal)
    store = load_dump(minimal)
    assert store is not None and stale_dist(minimal, store) is None
    for path, (data, stat) in kept.items():  # back, with their old times
        path.write_bytes(data)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    later(article.parent, dump_path(minimal))
    assert stale_dist(minimal, store) == f"{ANNOTATION} is not in dist/"


def test_regression_the_freshness_check_read_every_data_file_when_nothing_was_newer(
    minimal: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug (issue 18): every query read data/ as the build does (half a second at 1M triples) to say dist/ was
    current; nothing newer than the dump now answers at once."""
    build(minimal)
    store = load_dump(minimal)

    def refuse(project: Project) -> None:
        raise AssertionError("data/ was read")

    monkeypatch.setattr("rightsgraph.build.freshness.inputs", refuse)
    assert store is not None and stale_dist(minimal, store) is None
    assert stale_store(minimal) is None  # the same for the dataset store, against the time of its record


def test_a_query_on_an_endpoint_or_before_any_build_says_nothing_of_dist(
    minimal: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not dump_path(minimal).exists()
    assert query_warnings(minimal, capsys, monkeypatch) == []  # built in memory from data/


# --- an endpoint whose default graph is not the union of its named graphs -----------------------------------


@pytest.fixture
def separate_default_graph(tmp_path: Path) -> Iterator[str]:
    """`oxigraph serve` on 127.0.0.1 without --union-default-graph: its default graph is a graph of its own."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.server
def test_regression_an_endpoint_without_the_union_default_graph_answered_nothing_silently(
    built: Project, separate_default_graph: str
) -> None:
    published = run_cli("publish", "--endpoint", f"{separate_default_graph}/store", root=built.root)
    assert published.returncode == 0, published.stderr
    result = run_cli(
        "query", "articles", "--format", "csv", "--endpoint", f"{separate_default_graph}/query", root=built.root
    )
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1, result.stdout + result.stderr
    [warning] = warnings(result.stderr)
    assert "the endpoint's default graph is empty while its named graphs hold triples" in warning, warning
    assert "oxigraph serve --union-default-graph" in warning and "tdb2:unionDefaultGraph true" in warning


@pytest.mark.server
def test_an_endpoint_with_the_union_default_graph_gets_no_warning(built: Project, tmp_path: Path) -> None:
    """Nor does a question that answers nothing there for want of facts; a parameter naming no node does."""
    with oxigraph_server(tmp_path / "store") as base:
        assert run_cli("publish", "--endpoint", f"{base}/store", root=built.root).returncode == 0
        for argv in (["articles"], ["find-by-name", "--param", "text=no such name at all"]):
            result = run_cli("query", *argv, "--format", "csv", "--endpoint", f"{base}/query", root=built.root)
            assert result.returncode == 0 and warnings(result.stderr) == [], result.stderr
        typo = ["actor-profile", "--param", "actor=id:actor/synthetic-observatoire"]  # asked of the endpoint too
        result = run_cli("query", *typo, "--format", "csv", "--endpoint", f"{base}/query", root=built.root)
        [warning] = warnings(result.stderr)
        assert result.returncode == 0 and warning.endswith("did you mean 'id:actor/synthetic-observatory'?"), warning
