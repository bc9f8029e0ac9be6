"""Standard output formats (issue 17, item 3): SELECT and ASK answers in the W3C SPARQL 1.1 results formats
(CSV, TSV, JSON, XML), the same on the embedded store and through an Oxigraph server, each read back by a
parser (pyoxigraph's; CSV, which pyoxigraph refuses to read as lossy, by RFC 4180's reader and compared with
the W3C's plain forms); CONSTRUCT and DESCRIBE as Turtle by default, or N-Triples or JSON-LD; a format that
cannot hold the answer is a usage error. Also `network export --format gexf,csv` (issue 17, item 7)."""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer

from rightsgraph.api import load_store
from rightsgraph.cli import main, output
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, bound_text

from .conftest import minimal_with_dist, run_cli
from .servers import oxigraph_server

# Library questions whose answers on the minimal article hold IRIs, language-tagged and plain literals,
# integers, decimals, dates, booleans, an EDTF datatype, and unbound cells.
QUESTIONS = ["articles", "counts", "stance-network", "uncertain-times", "actor-measures"]
# SPARQL of the user's own: a blank node, a literal that CSV must quote, a typed literal, an unbound cell.
ODD = (
    "SELECT ?node ?text ?number ?none WHERE { ?a a rg:Actor ; rdfs:label ?label . BIND(BNODE() AS ?node) "
    'BIND(CONCAT(STR(?label), ", \\"quoted\\"\\nnext line") AS ?text) BIND(1.5 AS ?number) }'
)
ASKS = {"ASK { ?a a rg:Actor }": True, "ASK { ?a a rg:Nothing }": False}
CONSTRUCT = "CONSTRUCT { ?a rdfs:label ?n } WHERE { ?a a rg:Actor ; rdfs:label ?n }"
DESCRIBE = r"DESCRIBE id:actor\/synthetic-ministry"
RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}
XML_NS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The minimal project, built with its dist/ (no docs). Tests must not change it."""
    return minimal_with_dist(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def server(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server holding the built dataset; yields its query endpoint."""
    with oxigraph_server(tmp_path_factory.mktemp("store")) as base:
        result = run_cli("publish", "--endpoint", f"{base}/store", "--json", root=built.root)
        assert result.returncode == 0, result.stderr
        yield f"{base}/query"


@pytest.fixture(params=["embedded", pytest.param("endpoint", marks=pytest.mark.server)])
def where(request: pytest.FixtureRequest, built: Project) -> list[str]:
    """The options that choose where a query runs: the embedded store, or a real Oxigraph server."""
    if request.param == "embedded":
        return ["--root", str(built.root)]
    return ["--root", str(built.root), "--endpoint", request.getfixturevalue("server")]


def cli(
    argv: list[str], capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, bytes, str]:
    """`rightsgraph ARGV` through the command's entry point, in this process: the exit code, stdout's bytes as
    written (CRLF kept), stderr."""
    monkeypatch.setattr(sys, "argv", ["rightsgraph", *argv])
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "width", 300)
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsysbinary.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err.decode("utf-8")


def reference(project: Project, name_or_text: str) -> tuple[list[str], list[list[object]]]:
    """The answer as the store itself gives it: its variables and rows of terms (None where unbound)."""
    library = Library(project)
    query = library.queries.get(name_or_text) or library.add_text(name_or_text, "<command line>")
    answer = load_store(project).query(bound_text(query, {}), use_default_graph_as_union=True)
    assert isinstance(answer, ox.QuerySolutions)
    return [v.value for v in answer.variables], [list(row) for row in answer]


def canonical(rows: list[list[object]]) -> list[list[object]]:
    """Rows comparable across runs: every blank node as one label (BNODE() makes new ones), sorted."""
    same = [["_:b" if isinstance(t, ox.BlankNode) else t for t in row] for row in rows]
    return sorted(same, key=lambda row: [str(t) for t in row])


def plain_form(term: object) -> str:
    """A term as W3C CSV writes it: an IRI or a literal's lexical form without quotes, _:label, "" if unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def argv_for(name_or_text: str) -> list[str]:
    return ["query", name_or_text] if name_or_text in QUESTIONS else ["sparql", name_or_text]


# --- SELECT -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
@pytest.mark.parametrize("asked", [*QUESTIONS, ODD])
def test_select_results_read_back_as_the_answer(
    fmt: str,
    asked: str,
    where: list[str],
    built: Project,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, data, err = cli([*argv_for(asked), "--format", fmt, *where], capsysbinary, monkeypatch)
    assert code == 0, err
    variables, rows = reference(built, asked)
    parsed = ox.parse_query_results(data, format=RESULTS[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == variables
    assert canonical([list(row) for row in parsed]) == canonical(rows) != []
    if fmt == "tsv":  # a header of ?variables, terms in Turtle syntax, LF line ends
        assert data.split(b"\n")[0] == "\t".join(f"?{v}" for v in variables).encode() and b"\r" not in data
    elif fmt == "xml":
        assert ET.fromstring(data).tag == f"{XML_NS}sparql"
    else:
        assert json.loads(data)["head"]["vars"] == variables


@pytest.mark.parametrize("asked", [*QUESTIONS, ODD])
def test_select_csv_is_the_w3c_csv(
    asked: str,
    where: list[str],
    built: Project,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CSV (RFC 4180): a header of the variables, CRLF after every record, each cell the term's plain form
    (quoted where it holds a comma, a quote or a line break). pyoxigraph refuses to read CSV back (it is
    lossy), so Python's csv reader does, and the cells are compared with the plain forms of the answer."""
    code, data, err = cli([*argv_for(asked), "--format", "csv", *where], capsysbinary, monkeypatch)
    assert code == 0, err
    with pytest.raises(SyntaxError, match="lossy"):
        ox.parse_query_results(data, format=ox.QueryResultsFormat.CSV)
    variables, rows = reference(built, asked)
    records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert records[0] == variables
    blank = lambda cells: [("_:b" if cell.startswith("_:") else cell) for cell in cells]  # BNODE(): new labels
    assert sorted(blank(r) for r in records[1:]) == sorted(blank([plain_form(t) for t in row]) for row in rows)
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == len(rows) + 1  # a line break in a cell stays \n


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
def test_ask_answers_in_every_results_format(
    fmt: str, where: list[str], capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    for text, expected in ASKS.items():
        code, data, err = cli(["sparql", text, "--format", fmt, *where], capsysbinary, monkeypatch)
        assert code == 0, err
        if fmt == "csv":  # the CSV/TSV note defines no boolean: pyoxigraph writes the word
            assert data.strip() == (b"true" if expected else b"false")
        else:
            assert bool(ox.parse_query_results(data, format=RESULTS[fmt])) is expected


def test_regression_xml_results_were_refused(
    built: Project, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format xml was a usage error ("choose one of table, csv, tsv, json, ttl")."""
    code, data, err = cli(["query", "counts", "--format", "xml", "--root", str(built.root)], capsysbinary, monkeypatch)
    assert code == 0, err
    assert [row[0] for row in ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)] == [
        ox.NamedNode("https://w3id.org/rightsgraph/id/quantity/synthetic-executed")
    ]


# --- CONSTRUCT and DESCRIBE ---------------------------------------------------------------------------------


def triples_of(built: Project, text: str) -> set[ox.Triple]:
    library = Library(built)
    query = library.add_text(text, "<command line>")
    return set(load_store(built).query(bound_text(query, {}), use_default_graph_as_union=True))


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "ttl", "nt", "jsonld"])
@pytest.mark.parametrize("text", [CONSTRUCT, DESCRIBE])
def test_a_graph_prints_as_rdf(
    fmt: str,
    text: str,
    where: list[str],
    built: Project,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Turtle for the table formats (csv and tsv with a note: they are for SELECT), else the format asked."""
    code, data, err = cli(["sparql", text, "--format", fmt, *where], capsysbinary, monkeypatch)
    assert code == 0, err
    rdf = {"nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}.get(fmt, ox.RdfFormat.TURTLE)
    parsed = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=rdf)}
    assert parsed == triples_of(built, text) != set()
    assert ("printed as Turtle" in err) is (fmt in ("csv", "tsv")), err
    if rdf == ox.RdfFormat.TURTLE:
        assert b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in data
        assert b"@prefix foaf:" not in data  # only the prefixes it uses


def test_regression_a_construct_printed_a_blank_line_as_a_table(
    built: Project, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rightsgraph sparql 'CONSTRUCT ...'` (the default format, table) printed an empty table."""
    code, data, err = cli(["sparql", CONSTRUCT, "--root", str(built.root)], capsysbinary, monkeypatch)
    assert code == 0, err
    parsed = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.TURTLE)}
    assert parsed == triples_of(built, CONSTRUCT) != set()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sparql", CONSTRUCT, "--format", "xml"], "the query is a CONSTRUCT query: its answer is a graph"),
        (["sparql", DESCRIBE, "--format", "json"], "the query is a DESCRIBE query: its answer is a graph"),
        (["sparql", CONSTRUCT, "--json"], "use --format ttl, nt or jsonld"),
        (["query", "counts", "--format", "ttl"], "counts is a SELECT query: its answer is a table"),
        (["query", "counts", "--format", "jsonld"], "use --format table, csv, tsv, json or xml"),
        (["sparql", "ASK { ?s ?p ?o }", "--format", "nt"], "the query is an ASK query: its answer is yes or no"),
    ],
)
def test_a_format_that_cannot_hold_the_answer_is_a_usage_error(
    argv: list[str],
    message: str,
    built: Project,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exit 2 with one message naming the formats that can, before anything is asked: the endpoint named here
    does not exist, and is never reached."""
    nowhere = ["--endpoint", "http://127.0.0.1:9/query"]
    for place in ([], nowhere):
        code, data, err = cli([*argv, *place, "--root", str(built.root)], capsysbinary, monkeypatch)
        assert code == 2 and message in " ".join(err.replace("│", " ").split()), err
        assert "Traceback" not in err and "cannot reach" not in err
        if "--json" in argv:
            assert json.loads(data)["error"]["kind"] == "usage"
        else:
            assert data == b""


# --- network export --format ----------------------------------------------------------------------------------


@pytest.mark.slow  # runs the CLI as a subprocess, measuring the networks each time
def test_regression_network_export_refused_comma_separated_formats(built: Project, tmp_path: Path) -> None:
    """`network export --format gexf,csv` was "Invalid value for --format: gexf,csv"."""
    result = run_cli("network", "export", "--format", "gexf,csv", "--out", str(tmp_path / "a"), root=built.root)
    assert result.returncode == 0, result.stderr
    suffixes = {p.suffix for p in (tmp_path / "a" / "network").iterdir()}
    assert suffixes == {".gexf", ".csv"}
    repeated = run_cli("network", "export", "-f", "json", "-f", "csv", "--out", str(tmp_path / "b"), root=built.root)
    assert repeated.returncode == 0, repeated.stderr
    assert {p.suffix for p in (tmp_path / "b" / "network").iterdir()} == {".json", ".csv"}


@pytest.mark.parametrize("value", ["gexf,pdf", "pdf", ","])
def test_an_unknown_network_format_is_a_usage_error_naming_the_formats_there_are(value: str) -> None:
    from rightsgraph.cli.network_cmd import formats_of

    with pytest.raises(typer.BadParameter, match="choose from graphml, gexf, json, csv"):  # exit 2
        formats_of([value])


def test_network_formats_comma_separated_or_repeated_each_once() -> None:
    from rightsgraph.cli.network_cmd import formats_of

    assert formats_of(["gexf, CSV", "gexf"]) == ("gexf", "csv")
    assert formats_of(None) == ("graphml", "gexf", "json", "csv")
