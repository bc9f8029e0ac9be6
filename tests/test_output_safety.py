"""Output that never breaks on data: text from data is printed and written as it is, whatever it holds.

- console markup ("[of justice]", "[/]", "[bold]") in names, quotes, messages and errors is text, on every
  line the CLI prints, and control characters are shown as escapes, never sent to the terminal;
- every network writer (GraphML, GEXF, CSV, JSON, HTML, figure) and every dump carries any label: control
  characters as escapes in the network files, "$...$" drawn as dollar signs, never TeX;
- an empty corpus (only the register, or nothing in data/) builds, with empty networks and a note, and
  `--json` prints a JSON document for every outcome, success, bad input, usage error or internal error.

The build runs in this process (the store is made to hold labels that input checks may refuse), and the
commands through `rightsgraph.cli.main`, as the installed command runs them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import xml.dom.minidom
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rich.table import Table

from rightsgraph.build.pipeline import BuildResult, build_incremental, write_dist
from rightsgraph.cli import main, output
from rightsgraph.core.errors import UserError
from rightsgraph.core.namespaces import RDFS
from rightsgraph.core.project import Project
from rightsgraph.core.text import plain
from rightsgraph.validate.shacl import Violation

from .conftest import MINIMAL, MINIMAL_SLUG, edit, project_from_fixture

ACTOR = "https://w3id.org/rightsgraph/id/actor/"
MINISTRY, OBSERVATORY = ACTOR + "synthetic-ministry", ACTOR + "synthetic-observatory"
MARKUP = "The ministry [of justice] said [/] [bold]no[/bold]"
CLI = Path(__file__).resolve().parents[1] / "src" / "rightsgraph" / "cli"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """`rightsgraph ARGV` through the installed command's entry point, in this process, 300 columns wide."""
    monkeypatch.setattr(sys, "argv", ["rightsgraph", *argv])
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "width", 300)
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def rename(project: Project, ministry: str, observatory: str = "Synthetic Observatory") -> None:
    register = project.data_dir / "actors.yaml"
    edit(register, "name: Synthetic Ministry", "name: " + json.dumps(ministry))
    edit(register, "name: Synthetic Observatory", "name: " + json.dumps(observatory))


# --- the consoles -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("console", [output.console, output.err_console], ids=["stdout", "stderr"])
def test_consoles_print_strings_literally_in_lines_tables_and_titles(console: output.LiteralConsole) -> None:
    text = "rg:speaker: [/] [bold]x[/bold] [of justice] \x1b[2J\x07"
    shown = "rg:speaker: [/] [bold]x[/bold] [of justice] \\x1b[2J\\x07"
    table = Table("label", title=text)
    table.add_row(text)
    with console.capture() as captured:
        console.print(text)
        console.print(table, width=200)
        console.print(output.line(output.styled("error:", "bold red"), " ", text))
    printed = captured.get()
    assert printed.count(shown) == 4 and "\x1b[2J" not in printed and "\x07" not in printed, printed


def test_regression_internal_error_holding_markup_printed_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """Bug: the internal-error line read the exception's text as markup; '[/]' in it (a MarkupError naming
    the data) raised again, out of the handler: a traceback."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("closing tag '[/]' in [bold]Ministry \x1b[31m")

    monkeypatch.setattr("rightsgraph.build.pipeline.build_incremental", broken)
    code, out, err = cli(["validate", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 1 and out == ""
    assert err.startswith("internal error: RuntimeError: closing tag '[/]' in [bold]Ministry \\x1b[31m (set "), err
    assert err.count("\n") == 1


def test_error_line_prints_the_message_as_it_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise UserError(f"unknown actor '{MARKUP}\x1b[2J'", "data/actors.yaml", 3, "write [the id]")

    monkeypatch.setattr("rightsgraph.build.pipeline.build_incremental", refuse)
    code, out, err = cli(["validate", "--root", str(minimal.root)], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == f"error: data/actors.yaml:3: unknown actor '{MARKUP}\\x1b[2J' (fix: write [the id])\n"


def test_validate_prints_violation_messages_and_values_as_they_are(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    violation = Violation(
        graph="https://w3id.org/rightsgraph/graph/synthetic-article",
        focus=MINISTRY,
        path="http://www.w3.org/2000/01/rdf-schema#label",
        shape="urn:shape",
        component="urn:component",
        severity="Violation",
        message=f"A name [of justice] is not '{MARKUP}'",
        value=MARKUP,
        source="data/actors.yaml:6",
    )
    result = BuildResult(ox.Store(), violations=[violation])
    monkeypatch.setattr("rightsgraph.build.pipeline.build_incremental", lambda *a, **k: result)
    code, out, _ = cli(["validate", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 1
    assert f"data/actors.yaml:6: id:actor/synthetic-ministry rdfs:label: A name [of justice] is not '{MARKUP}'\n" in out
    code, out, _ = cli(["validate", "--json", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 1 and json.loads(out)["violations"][0]["value"] == MARKUP


def test_regression_actor_name_with_markup_made_query_print_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """Bug (issue 14, item 9): 'Ministry [/] of Justice' made `query actor-types` print a traceback, and
    '[of justice]' or '[bold]' in a name were dropped as markup."""
    rename(minimal, "Ministry [/] of Justice", "[bold]Observatory[/bold] [of justice]")
    code, out, err = cli(["query", "actor-types", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0, err
    assert "│ Ministry [/] of Justice " in out and "│ [bold]Observatory[/bold] [of justice] " in out


def test_query_prints_a_quote_with_markup_as_it_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """The issue's quote: 'The ministry [of justice] denied it.' printed without its brackets."""
    source = minimal.data_dir / "sources" / f"{MINIMAL_SLUG}.txt"
    annotation = minimal.data_dir / "annotations" / f"{MINIMAL_SLUG}.yaml"
    old_digest = hashlib.sha256(source.read_bytes()).hexdigest()
    edit(source, "The ministry denied it.", "The ministry [of justice] denied it.")
    edit(annotation, f"sha256: {old_digest}", f"sha256: {hashlib.sha256(source.read_bytes()).hexdigest()}")
    edit(annotation, '["The ministry denied it."]', '["The ministry [of justice] denied it."]')
    code, out, err = cli(["query", "statement-evidence", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0, err
    assert "The ministry [of justice] denied it." in out


def test_network_summary_prints_names_with_markup_as_they_are(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    rename(minimal, "Ministry [/] of Justice", "[bold]Observatory[/bold] [of justice]")
    code, out, err = cli(["network", "summary", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0, err
    assert "  camp of Ministry [/] of Justice: Ministry [/] of Justice\n" in out
    assert "  camp of [bold]Observatory[/bold] [of justice]: [bold]Observatory[/bold] [of justice]\n" in out


@pytest.mark.parametrize("module", sorted(CLI.glob("*.py")), ids=lambda path: path.stem)
def test_commands_style_output_with_text_never_with_markup(module: Path) -> None:
    """The consoles never read markup, so a command that writes '[red]...[/]' prints the brackets: colour is
    given as rich.text.Text (cli.output.styled)."""
    tags = re.findall(r"\[/?(?:bold|dim|italic|red|green|yellow|blue|cyan|magenta)\b[^\]]*\]", module.read_text())
    assert tags == []


# --- the writers --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[ox.Quad]]:
    """The minimal project built once in this process: the quads of its store, before the network step."""
    project = Project.locate(project_from_fixture(tmp_path_factory.mktemp("minimal"), MINIMAL, MINIMAL_SLUG))
    result = build_incremental(project, full=True)
    assert result.violations == []
    return project, list(result.store)


LABELS = {
    "form-feed-and-vertical-tab": "Ministry\x0cof\x0bJustice",
    "tex": "Observatory $\\frac{$ of $x^$, and 100 \\$",
    "nul-escape-del-c1": "NUL\x00 ESC\x1b[31m DEL\x7f C1\x85 CR\r",
    "markup-and-html": "[/] [bold] <b>&amp;</b> </script><!-- ]]>",
}


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_regression_odd_labels_stopped_the_network_writers(
    label: str, built_minimal: tuple[Project, list[ox.Quad]], tmp_path: Path
) -> None:
    """Bug (issue 14, item 10): a form feed or vertical tab in a name stopped the build in the GraphML writer,
    and '$...$' was rendered as TeX in network.png (invalid TeX stopped the build). A store that holds such
    labels (whatever input accepts) is written whole: the network files carry the label with control
    characters as escapes, the figure draws it as plain text, and the dumps keep it exactly."""
    template, quads = built_minimal
    root = tmp_path / "project"
    shutil.copytree(template.root, root, ignore=shutil.ignore_patterns("dist", ".rightsgraph"))
    project = Project.locate(root)
    store = ox.Store()
    store.extend(quads)
    name = ox.NamedNode(RDFS + "label")
    for quad in list(store.quads_for_pattern(ox.NamedNode(MINISTRY), name, None, None)):
        store.remove(quad)
        store.add(ox.Quad(quad.subject, name, ox.Literal(label, language="en"), quad.graph_name))
    write_dist(project, BuildResult(store), docs=False)

    dist, shown = project.dist_dir, plain(label)
    assert (dist / "network.png").read_bytes().startswith(b"\x89PNG") and (dist / "network.svg").stat().st_size
    for stem in ("stance", "actor-event", "actor-cooccurrence"):
        for reader, suffix in ((nx.read_graphml, "graphml"), (nx.read_gexf, "gexf")):
            xml.dom.minidom.parse(str(dist / "network" / f"{stem}.{suffix}"))  # well-formed XML
            graph = reader(dist / "network" / f"{stem}.{suffix}")
            assert graph.nodes[MINISTRY]["label"] == shown, (stem, suffix)
        linked = json.loads((dist / "network" / f"{stem}.json").read_text(encoding="utf-8"))
        assert {n["id"]: n["label"] for n in linked["nodes"]}[MINISTRY] == shown
        assert shown in (dist / "network" / f"{stem}-nodes.csv").read_text(encoding="utf-8")
    page = (dist / "network.html").read_text(encoding="utf-8")
    payload = page.split("const DATA = ", 1)[1].split(";\nconst PALETTE", 1)[0]
    assert {n["id"]: n["label"] for n in json.loads(payload)["nodes"]}[MINISTRY] == shown
    assert "</script" not in payload and "<!--" not in payload
    dumped = ox.Store()
    dumped.load(path=str(dist / "rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    assert ox.Literal(label, language="en") in {
        q.object for q in dumped.quads_for_pattern(ox.NamedNode(MINISTRY), name, None, None)
    }
    linked_data = (dist / "rightsgraph.jsonld").read_text(encoding="utf-8")
    assert json.dumps(label, ensure_ascii=False)[1:-1] in linked_data


def test_plain_escapes_only_what_cannot_be_shown() -> None:
    assert plain("a\x0cb\x0bc\x00\x1b\x7f\x85\r\ud800\ufffe") == "a\\x0cb\\x0bc\\x00\\x1b\\x7f\\x85\\r\\ud800\\ufffe"
    arabic_persian = "\u0645\u0643\u062a\u0628\u200c\u06a9\u0627\u0631 \u202b \u200f"  # with ZWNJ and RLE, RLM
    kept = f"tab\tnewline\n Ministère {arabic_persian} $x$ [/] \u2764\ufe0f\u200d\U0001f525"
    assert plain(kept) == kept and plain(plain("\x0c")) == "\\x0c"


# --- empty corpora and --json -------------------------------------------------------------------------------


def empty(project: Project, register: bool) -> Project:
    (project.data_dir / "annotations" / f"{MINIMAL_SLUG}.yaml").unlink()
    (project.data_dir / "sources" / f"{MINIMAL_SLUG}.txt").unlink()
    if not register:
        (project.data_dir / "actors.yaml").unlink()
    return project


@pytest.mark.parametrize("register", [True, False], ids=["register-only", "nothing"])
def test_regression_empty_corpus_stopped_the_build_with_an_internal_error(
    register: bool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """Bug (issue 14, item 12): with no article in data/ the build stopped with NetworkXAlgorithmError (an
    internal error) and `build --json` printed nothing. An empty corpus builds: empty networks, and a note."""
    root = str(empty(minimal, register).root)
    code, out, err = cli(["build", "--no-docs", "--json", "--root", root], capsys, monkeypatch)
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] and report["notes"] == [
        "no annotated article in data/annotations/ yet: the dataset holds the ontology and the register, "
        "and the networks are empty"
    ]
    assert "dist/network.png" in report["files"] and "dist/network/stance.graphml" in report["files"]
    assert nx.read_graphml(minimal.dist_dir / "network" / "stance.graphml").number_of_nodes() == 0
    code, out, err = cli(["build", "--no-docs", "--root", root], capsys, monkeypatch)
    assert code == 0 and "note: no annotated article in data/annotations/ yet" in err
    code, out, err = cli(["network", "summary", "--root", root], capsys, monkeypatch)
    assert code == 0 and out.startswith("Stance network: 0 actors, 0 ties (the stance network is empty"), err
    code, out, err = cli(
        ["network", "export", "--out", str(minimal.root / "exported"), "--root", root], capsys, monkeypatch
    )
    assert code == 0 and (minimal.root / "exported" / "network" / "responses-edges.csv").exists(), err


def test_stance_network_without_ties_gets_a_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """An article whose statements take no stance towards an actor: the networks are empty, and the note says why."""
    annotation = minimal.data_dir / "annotations" / f"{MINIMAL_SLUG}.yaml"
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(text[: text.index("statements:")], encoding="utf-8")
    code, out, err = cli(["network", "summary", "--json", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["notes"] == [
        "the stance network is empty: no statement in data/annotations/ takes a stance towards an actor"
    ]


def test_regression_json_printed_nothing_on_an_internal_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal: Project
) -> None:
    """Bug (issue 14, item 12): `build --json` printed nothing on stdout when the build failed inside."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom [/]")

    monkeypatch.setattr("rightsgraph.build.pipeline.build_incremental", broken)
    code, out, err = cli(["build", "--json", "--root", str(minimal.root)], capsys, monkeypatch)
    assert code == 1 and err.startswith("internal error: ValueError: boom [/]")
    assert json.loads(out)["error"] | {"fix": None} == {
        "kind": "internal error",
        "message": "ValueError: boom [/]",
        "file": None,
        "line": None,
        "fix": None,
    }


@pytest.mark.parametrize(
    "argv",
    [["build", "--json", "--jobs", "0"], ["network", "summary", "--json", "--jobs", "2"], ["check", "--json", "-x"]],
    ids=["bad-value", "unknown-option", "unknown-short-option"],
)
def test_json_reports_a_usage_error_on_stdout(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(argv, capsys, monkeypatch)
    assert code == 2 and "Usage: rightsgraph" in err
    error = json.loads(out)["error"]
    assert error["kind"] == "usage" and error["message"] and error["fix"] == "see --help"


def test_usage_errors_without_json_print_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(["build", "--jobs", "0"], capsys, monkeypatch)
    assert (code, out) == (2, "") and "Invalid value" in err
