"""SPARQL of the user's own, without ceremony: a .rq file needs no header, `rightsgraph sparql TEXT` (or `-`
for stdin) runs text, the project's prefixes need no declaration, and a syntax error shows its line and
column in the user's text, the text there and a caret under it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.cli import main, output
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, bound_text
from rightsgraph.sparql.queries import check_syntax, load_query
from rightsgraph.sparql.syntax import blank, declared_prefixes, used_prefixes, variables

from .conftest import MINIMAL, MINIMAL_SLUG, project_from_fixture, run_cli

ACTOR = "https://w3id.org/rightsgraph/id/actor/"
# Undeclared rg: and rdfs: (the project's prefixes), over two lines.
ACTORS = "SELECT ?actor ?name WHERE {\n  ?actor a rg:Actor ; rdfs:label ?name .\n}\nORDER BY ?name\n"
NAMES = ["Synthetic Ministry", "Synthetic Observatory", "synthetic prisoners"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The minimal project, built with its dist/ (no docs). Tests must not change it."""
    project = Project.locate(project_from_fixture(tmp_path_factory.mktemp("adhoc"), MINIMAL, MINIMAL_SLUG))
    write_dist(project, build_incremental(project, full=True), docs=False)
    return project


def cli(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: bytes | None = None
) -> tuple[int, str, str]:
    """`rightsgraph ARGV` through the command's entry point, in this process, 300 columns wide."""
    monkeypatch.setattr(sys, "argv", ["rightsgraph", *argv])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "width", 300)
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def json_rows(out: str) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]


def error_line(err: str) -> str:
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "(fix: " in errors[0] and "Traceback" not in err, err
    return errors[0]


def caret_column(err: str) -> int:
    """The column (1-based) of the caret under the excerpt the error shows."""
    caret = next(line for line in err.splitlines() if line.rstrip().endswith("^"))
    return len(caret.split("| ", 1)[1].rstrip())


# --- .rq files of the user's own ---------------------------------------------------------------------------


def test_regression_a_rq_file_without_header_was_refused(
    built: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "actors.rq"
    mine.write_text(ACTORS, encoding="utf-8")
    code, out, err = cli(["query", str(mine), "--format", "json", "--root", str(built.root)], capsys, monkeypatch)
    assert code == 0, err
    assert [row["name"] for row in json_rows(out)] == NAMES


def test_regression_a_plain_comment_in_a_rq_file_was_an_unknown_header_key(
    built: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "actors.rq"
    mine.write_text("# TODO: group by type\n# Note: names as the register gives them\n" + ACTORS, encoding="utf-8")
    code, out, err = cli(["query", str(mine), "-f", "csv", "--root", str(built.root)], capsys, monkeypatch)
    assert code == 0, err
    assert out.splitlines() == ["actor,name", *[f"{ACTOR}{n.lower().replace(' ', '-')},{n}" for n in NAMES]]


def test_a_header_of_the_users_own_file_is_read(tmp_path: Path) -> None:
    """Its title and parameters are used; other keys are comments; a broken param line is still an error."""
    mine = tmp_path / "one.rq"
    mine.write_text("# title: One actor\n# see: the register\n# param: actor | iri | | who\nASK { ?actor ?p ?o }\n")
    query = load_query(mine, strict=False)
    assert query.title == "One actor" and [p.name for p in query.params] == ["actor"]
    mine.write_text("# param: actor | url | | who\nASK { ?actor ?p ?o }\n")
    with pytest.raises(UserError, match="bad parameter declaration"):
        load_query(mine, strict=False)


def test_the_projects_own_files_still_need_their_header(tmp_path: Path) -> None:
    bad = tmp_path / "library.rq"
    bad.write_text("# title: t\n# description: d\n# TODO: x\nASK {}\n", encoding="utf-8")
    with pytest.raises(UserError, match="unknown header key 'todo'"):
        load_query(bad)


# --- rightsgraph sparql -------------------------------------------------------------------------------------


def test_sparql_runs_text_with_the_projects_prefixes_undeclared(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(["sparql", ACTORS, "--json", "--root", str(built.root)], capsys, monkeypatch)
    assert code == 0 and err == "", err
    assert [row["name"] for row in json_rows(out)] == NAMES


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_sparql_reads_stdin_and_writes_every_format(
    fmt: str, built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["sparql", "-", "--format", fmt, "--root", str(built.root)]
    code, out, err = cli(argv, capsys, monkeypatch, stdin=ACTORS.encode("utf-8"))
    assert code == 0, err
    assert all(name in out for name in NAMES), out
    if fmt == "tsv":
        assert out.splitlines()[0] == "?actor\t?name"


def test_sparql_answers_ask_and_construct(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ["--root", str(built.root)]
    code, out, _ = cli(["sparql", r"ASK { id:actor\/synthetic-ministry a rg:Actor }", *root], capsys, monkeypatch)
    assert (code, out.strip()) == (0, "yes")
    construct = "CONSTRUCT { ?a rdfs:label ?n } WHERE { ?a a rg:Actor ; rdfs:label ?n }"
    code, out, err = cli(["sparql", construct, "--format", "ttl", *root], capsys, monkeypatch)
    assert code == 0, err
    labels = {t.object.value for t in ox.parse(out.encode(), format=ox.RdfFormat.TURTLE)}
    assert labels == set(NAMES)


def test_a_prefix_the_text_declares_is_its_own(built: Project) -> None:
    """The project's rg: is added only where the text does not declare rg: itself."""
    library = Library(built)
    text = "PREFIX rg: <http://example.org/other#>\nSELECT ?x WHERE { ?x a rg:Actor ; schema:name ?n }"
    query = library.add_text(text, "<command line>")
    assert query.prelude == "PREFIX schema: <https://schema.org/>\n"
    assert bound_text(query, {}).endswith(text)


def test_sparql_binds_a_parameter_to_the_variable_it_names(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "SELECT ?name WHERE { ?actor rdfs:label ?name }"
    root = ["--root", str(built.root)]
    for value in ("id:actor/synthetic-ministry", f"<{ACTOR}synthetic-ministry>", f"{ACTOR}synthetic-ministry"):
        code, out, err = cli(["sparql", text, "--param", f"actor={value}", "--json", *root], capsys, monkeypatch)
        assert code == 0 and err == "", err
        assert json_rows(out) == [{"name": "Synthetic Ministry"}]
    by_name = "SELECT ?actor WHERE { ?actor rdfs:label ?name }"  # ?name: also a word the Python API takes
    for value, found in (('"Synthetic Ministry"@en', [{"actor": ACTOR + "synthetic-ministry"}]), ("Synthetic", [])):
        code, out, err = cli(["sparql", by_name, "--param", f"name={value}", "--json", *root], capsys, monkeypatch)
        assert code == 0 and json_rows(out) == found and err == "", err
    code, _, err = cli(["sparql", text, "--param", "actr=id:actor/synthetic-ministry", *root], capsys, monkeypatch)
    assert code == 1 and "no variable ?actr" in error_line(err) and "did you mean 'actor'?" in err


def test_regression_a_where_in_a_comment_took_the_parameters(
    built: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The VALUES row of the parameters went after the first "WHERE {" of the text, in a comment there."""
    mine = tmp_path / "label.rq"
    header = "# title: A label\n# description: d\n# param: actor | iri | | the actor\n"
    prefix = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    mine.write_text(header + prefix + "# what WHERE { ... } finds\nSELECT ?name WHERE { ?actor rdfs:label ?name }\n")
    argv = ["query", str(mine), "--param", f"actor={ACTOR}synthetic-ministry", "--format", "json"]
    code, out, err = cli([*argv, "--root", str(built.root)], capsys, monkeypatch)
    assert code == 0, err
    assert json_rows(out) == [{"name": "Synthetic Ministry"}]


def test_regression_an_iri_parameter_written_with_the_id_prefix_was_refused(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables print id:actor/x; a library question takes it back as a parameter."""
    argv = ["query", "actor-profile", "--param", "actor=id:actor/synthetic-ministry", "--format", "json"]
    code, out, err = cli([*argv, "--root", str(built.root)], capsys, monkeypatch)
    assert code == 0 and "warning" not in err, err
    assert any(row.get("detail") == "Synthetic Ministry" for row in json_rows(out)), out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["sparql", "   "], 1, "the query is empty"),
        (["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "html"], 2, "choose one of"),
        (["sparql", "SELECT * WHERE { ?s ?p ?o }", "--json", "--format", "csv"], 2, "--json is --format json"),
        (["sparql", "SELECT * WHERE { ?s ?p ?o }", "--param", "s"], 1, "is not key=value"),
        (["query", "SELECT ?s WHERE { ?s ?p ?o }"], 1, "rightsgraph sparql"),
        (["sparql", "INSERT DATA { <x:a> <x:b> <x:c> }"], 1, "SPARQL syntax error"),
    ],
)
def test_sparql_exit_codes(
    argv: list[str],
    code: int,
    message: str,
    built: Project,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    got, _, err = cli([*argv, "--root", str(built.root)], capsys, monkeypatch)
    assert got == code and message in err and "Traceback" not in err, err


def test_stdin_that_is_not_utf8_is_one_line(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = cli(["sparql", "-", "--root", str(built.root)], capsys, monkeypatch, stdin=b"ASK {\n\xff }")
    assert code == 1 and "<stdin>:2: the query is not UTF-8 text" in error_line(err)


# --- syntax errors ------------------------------------------------------------------------------------------


def test_regression_a_syntax_error_said_expected_optional_without_the_place(
    built: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undeclared prefix: Oxigraph said "expected OPTIONAL", a few characters after it, and no more."""
    mine = tmp_path / "names.rq"
    head = "# title: t\n# description: d\nPREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
    mine.write_text(head + "SELECT ?actor WHERE {\n  ?actor a rg:Actor ;\n         ex:name ?name .\n}\n")
    code, _, err = cli(["query", str(mine), "--root", str(built.root)], capsys, monkeypatch)
    line = error_line(err)
    assert code == 1 and line.startswith(f"error: {mine}:6: SPARQL syntax error at column 10:"), err
    assert "unknown prefix 'ex:' in 'ex:name'" in line and "PREFIX ex: <IRI>" in line
    assert "expected OPTIONAL" not in err
    assert "  6 |          ex:name ?name ." in err and caret_column(err) == 10


def test_a_syntax_error_in_text_is_placed_in_the_text(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """rightsgraph sparql adds the project's prefixes on a line before the text: the position is still the text's."""
    text = "SELECT ?actor WHERE {\n  ?actor a rg:Actor ;\n         ex:name ?name .\n}"
    code, _, err = cli(["sparql", text, "--root", str(built.root)], capsys, monkeypatch)
    assert code == 1 and error_line(err).startswith("error: <command line>:3: SPARQL syntax error at column 10:")
    assert "  3 |          ex:name ?name ." in err and caret_column(err) == 10


def test_a_mistyped_prefix_is_matched_to_the_projects(built: Project) -> None:
    query = Library(built).add_text("SELECT * WHERE { ?s shema:name ?o }", "<command line>")
    with pytest.raises(UserError, match="did you mean 'schema'") as caught:
        check_syntax(query)
    assert caught.value.line == 1 and caught.value.column == 21  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "line", "column", "quoted"),
    [
        # the positions are in the user's text: the project's prefix line added before it is not counted
        ("SELECT ?a WHERE {\n  ?a a rg:Actor\n  OPTIONAL ?a rdfs:label ?n }\n}", 3, 3, "'OPTIONAL'"),
        ("SELECT * WHERE { ?s rg:speaker ?o } LIMIT x", 1, 37, "'LIMIT'"),
        ("SELECT * WHERE {\n\t?s rg:speaker ?o FILTER( }\n}", 2, 19, "'FILTER('"),
        ("SELECT * WHERE { ?s rg:speaker ?o ", 1, 35, "the query ends too early"),
    ],
)
def test_a_syntax_error_shows_the_line_the_column_the_text_and_a_caret(
    text: str, line: int, column: int, quoted: str, built: Project
) -> None:
    query = Library(built).add_text(text, "<command line>")
    assert query.prelude  # rg: is added, on a line of its own before the text
    with pytest.raises(UserError) as caught:
        check_syntax(query)
    error = caught.value
    shown = str(error)
    assert (error.line, error.column) == (line, column), shown  # type: ignore[attr-defined]
    assert f"SPARQL syntax error at column {column}" in error.message and quoted in error.message
    source = text.splitlines()[line - 1]
    _, excerpt, caret = shown.splitlines()
    assert excerpt == f"  {line} | {source}"
    assert (
        caret
        == f"  {' ' * len(str(line))} | " + "".join("\t" if c == "\t" else " " for c in source[: column - 1]) + "^"
    )


def test_the_parsers_own_words_are_kept_for_what_only_it_checks(built: Project) -> None:
    query = Library(built).add_text("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s", "<command line>")
    with pytest.raises(UserError, match="the SELECT contains a variable that is unbound"):
        check_syntax(query)


def test_the_scan_ignores_comments_strings_and_iris() -> None:
    text = (
        "PREFIX ex: <http://example.org/a#b:c>  # rg:comment ?no\n"
        'SELECT ?a WHERE { ?a ex:p \'rg:str ?no\' ; <http://x.org/y:z> """sk:long\n?no""" . '
        'FILTER(?a < ?b && ?c > 2) ?a schema:name "x"^^xsd:string . _:b rdfs:label ?n }'
    )
    assert len(blank(text)) == len(text) and blank(text).count("\n") == text.count("\n")
    assert declared_prefixes(text) == {"ex": "http://example.org/a#b:c"}
    assert [p for p, _ in used_prefixes(text)] == ["ex", "schema", "xsd", "rdfs"]
    assert variables(text) == ["a", "b", "c", "n"]


# --- as a user runs it --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_sparql_through_the_installed_command(built: Project) -> None:
    result = run_cli("sparql", ACTORS, "--format", "csv", root=built.root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == NAMES
    bad = run_cli("sparql", "SELECT * WHERE { ?s ex:p ?o }", root=built.root)
    assert bad.returncode == 1 and bad.stderr.splitlines()[1:] == [
        "  1 | SELECT * WHERE { ?s ex:p ?o }",
        "    |                     ^",
    ], bad.stderr
