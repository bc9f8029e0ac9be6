"""Tables readable at 80 columns (issue 17, item 3): a table that does not fit wraps its cells, no column
narrower than a readable minimum; when even that cannot fit, one block of "column: value" lines per row;
`--wide` one line per row, nothing cut. IRIs print compact, and --param takes back what a table prints."""

from __future__ import annotations

import io
import json
import re

import pyoxigraph as ox
import pytest
from rich.cells import cell_len

from rightsgraph.api import Dataset
from rightsgraph.cli.output import LiteralConsole
from rightsgraph.cli.tables import (
    MIN_WIDTH,
    cell_text,
    column_widths,
    compact_iri,
    layout,
    print_table,
    table_width,
)
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, iri_term

from .conftest import Built, minimal_with_dist, run_cli

ID = "https://w3id.org/rightsgraph/id/"
PREFIXES = {"id": ID, "rg": "https://w3id.org/rightsgraph/ontology#", "wide": "https://w3id.org/"}
ELLIPSIS = "…"


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The minimal project, built with its dist/ (no docs). Tests must not change it."""
    return minimal_with_dist(tmp_path_factory.mktemp("tables"))


def printed(columns: list[str], rows: list[list[str]], width: int = 80, wide: bool = False) -> list[str]:
    out = io.StringIO()
    print_table("t", columns, rows, wide=wide, out=LiteralConsole(file=out, width=width))
    return out.getvalue().splitlines()


def answer_json(project: Project, *args: str) -> dict:
    result = run_cli(*args, "--format", "json", root=project.root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def expected_cells(project: Project, name: str, answer: dict) -> dict[str, list[str]]:
    """Each column's cells as a table prints them (IRIs compact with the prefixes --param takes)."""
    known = Library(project).get(name).known_prefixes
    columns: dict[str, list[str]] = {v: [] for v in answer["head"]["vars"]}
    for binding in answer["results"]["bindings"]:
        for var in columns:
            term = binding.get(var)
            value = None if term is None else term["value"]
            node = ox.NamedNode(value) if term and term["type"] == "uri" else None
            columns[var].append(cell_text(node, known) if node else (value or ""))
    return columns


def records(lines: list[str], columns: list[str]) -> list[dict[str, str]]:
    """The blocks of the record layout, each as {column: its lines joined}: a line "name: value" starts a field,
    an indented line continues it."""
    found: list[dict[str, str]] = []
    field = None
    for line in lines[1:]:
        if re.match(r"row \d+ of \d+ ─", line):
            found.append({})
            continue
        name = line.split(":", 1)[0]
        if name in columns and not line.startswith(" "):
            field = name
            found[-1][field] = line.split(":", 1)[1]
        else:
            assert field is not None and line.startswith(" "), line
            found[-1][field] += line
    return found


def squeezed(text: str) -> str:
    """Text without its whitespace: what wrapping at a space or anywhere in a word leaves unchanged."""
    return "".join(text.split())


# --- layout -------------------------------------------------------------------------------------------------


def test_a_table_that_fits_keeps_its_natural_widths() -> None:
    assert column_widths([10, 20], 80) == [10, 20]
    assert layout(["a", "b"], [["x" * 10, "y" * 20]], 80) == "lines"


def test_a_table_too_wide_wraps_its_widest_columns_to_one_cap() -> None:
    widths = column_widths([5, 60, 60], 80)
    assert widths is not None and table_width(widths) == 80
    assert widths[0] == 5 and abs(widths[1] - widths[2]) <= 1


def test_no_column_is_narrower_than_the_minimum_and_then_records() -> None:
    widths = column_widths([40] * 4, 80)
    assert widths is not None and min(widths) >= MIN_WIDTH
    assert column_widths([40] * 6, 80) is None  # 6 x 12 + borders > 80
    assert layout([f"c{i}" for i in range(6)], [["x" * 40] * 6], 80) == "records"
    assert layout([f"c{i}" for i in range(6)], [["x" * 40] * 6], 80, wide=True) == "lines"


def test_a_column_keeps_its_longest_word_where_it_fits() -> None:
    """'#StopArbitraryExecutionsInIraq' stays whole when the other columns can give up the room."""
    word = "#StopArbitraryExecutionsInIraq"
    columns, rows = ["speaker", "stance"], [[f"{word} campaign", "accuses of human rights abuses " * 3]]
    lines = printed(columns, rows, width=60)
    assert any(word in line for line in lines), lines


def test_wrapped_table_fits_and_cuts_nothing() -> None:
    columns = ["iri", "quote", "n"]
    rows = [[f"id:actor/{'x' * 70}", "a long quote " * 12, "3"], ["id:actor/y", "short", "12"]]
    lines = printed(columns, rows)
    assert max(cell_len(line) for line in lines) <= 80 and ELLIPSIS not in "".join(lines)
    pieces = ["".join(line.split("│")[i] for line in lines if line.startswith("│")) for i in (1, 2)]
    assert squeezed(pieces[0]) == squeezed(rows[0][0] + rows[1][0])
    assert squeezed(pieces[1]) == squeezed(rows[0][1] + rows[1][1])


def test_records_when_the_columns_cannot_fit() -> None:
    columns = [f"column{i}" for i in range(15)]
    rows = [[f"value {i} " * (i + 1) for i in range(15)], ["" for _ in range(15)]]
    lines = printed(columns, rows)
    assert max(cell_len(line) for line in lines) <= 80 and ELLIPSIS not in "".join(lines)
    assert all(line == line.rstrip() for line in lines), "no padding after a value"
    blocks = records(lines, columns)
    assert [{k: squeezed(v) for k, v in block.items()} for block in blocks] == [
        {c: squeezed(v) for c, v in zip(columns, row, strict=True)} for row in rows
    ]


def test_wide_is_one_line_per_row_whatever_the_width() -> None:
    columns = [f"column{i}" for i in range(15)]
    rows = [[f"value {i} " * (i + 1) for i in range(15)] for _ in range(3)]
    lines = printed(columns, rows, wide=True)
    body = [line for line in lines if line.startswith("│")]
    assert len(body) == 3 and max(cell_len(line) for line in lines) > 80 and ELLIPSIS not in "".join(lines)
    assert all(f"value {i} " * (i + 1) in body[0] for i in range(15))


def test_a_line_break_in_a_cell_keeps_a_wide_row_on_one_line() -> None:
    lines = printed(["a", "b"], [["first\nsecond", "x" * 200]], wide=True)
    assert len([line for line in lines if line.startswith("│")]) == 1 and "first\\nsecond" in "".join(lines)


def test_control_characters_and_wide_characters_keep_the_columns() -> None:
    """An escape character prints as \\x1b (it cannot drive the terminal), a tab as spaces; CJK takes two columns
    a character."""
    rows = [["\x1b[31mred", "中文名字" * 10], ["plain\tafter a tab", "x"]]
    lines = printed(["a", "b"], rows, width=40)
    assert "\x1b" not in "".join(lines) and "\\x1b[31mred" in "".join(lines)
    assert "\t" not in "".join(lines) and max(cell_len(line) for line in lines) <= 40


# --- cells --------------------------------------------------------------------------------------------------


def test_iris_are_compact_with_the_longest_namespace_and_read_back() -> None:
    assert compact_iri(ID + "actor/x", PREFIXES) == "id:actor/x"  # not wide:rightsgraph/id/actor/x
    assert compact_iri("https://example.org/x", PREFIXES) == "https://example.org/x"
    assert compact_iri("urn:uuid:1", PREFIXES) == "<urn:uuid:1>"  # a bare urn: would read as a string
    assert compact_iri("id:odd", PREFIXES) == "<id:odd>"  # its scheme is a prefix's name
    assert compact_iri(ID + "//x", {"id": ID}) == f"{ID}//x"  # id://x would read as a URL
    assert cell_text(ox.BlankNode("b0"), PREFIXES) == "_:b0"
    assert cell_text(ox.Literal("x", language="en"), PREFIXES) == "x"
    assert cell_text(None, PREFIXES) == ""


def test_every_iri_a_table_prints_reads_back_as_the_same_iri(built_minimal: Project) -> None:
    """For every question with rows: each IRI cell, as printed, is what --param reads as that IRI."""
    dataset = Dataset(built_minimal)
    checked = 0
    for name, query in dataset.library.queries.items():
        for row in dataset.result(name).rows:
            for term in row:
                if isinstance(term, ox.NamedNode):
                    shown = cell_text(term, query.known_prefixes)
                    assert iri_term(query, shown) == term, (name, shown)
                    checked += 1
    assert checked > 20


# --- through the command, at 80 columns -----------------------------------------------------------------------


def test_the_round_trip_of_a_printed_iri_through_param(built_minimal: Project) -> None:
    """An actor IRI as the table of actor-types prints it, pasted back as --param actor=..., finds the actor."""
    table = run_cli("query", "actor-types", root=built_minimal.root, env={"COLUMNS": "80"})
    assert table.returncode == 0, table.stderr
    printed_iri = next(m.group() for m in re.finditer(r"id:actor/\S+", table.stdout) if "ministry" in m.group())
    profile = answer_json(built_minimal, "query", "actor-profile", "--param", f"actor={printed_iri}")
    assert any(b["detail"]["value"] == "Synthetic Ministry" for b in profile["results"]["bindings"]), profile
    mine = "SELECT ?name WHERE { ?actor rdfs:label ?name }"
    named = answer_json(built_minimal, "sparql", mine, "--param", f"actor={printed_iri}")
    assert [b["name"]["value"] for b in named["results"]["bindings"]] == ["Synthetic Ministry"]


def test_regression_a_wide_table_cut_every_cell_at_80_columns(built_minimal: Project) -> None:
    """`rightsgraph query counts` (15 columns) printed every cell as "c…" at 80 columns: now one block of
    "column: value" lines per row, nothing cut, nothing wider than 80."""
    result = run_cli("query", "counts", root=built_minimal.root, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80 and ELLIPSIS not in result.stdout
    answer = answer_json(built_minimal, "query", "counts")
    expected = expected_cells(built_minimal, "counts", answer)
    blocks = records(lines, list(expected))
    assert len(blocks) == len(answer["results"]["bindings"]) >= 1
    for i, block in enumerate(blocks):
        assert {c: squeezed(v) for c, v in block.items()} == {c: squeezed(v[i]) for c, v in expected.items()}


def test_wide_keeps_one_line_per_row_through_the_command(built_minimal: Project) -> None:
    result = run_cli("query", "counts", "--wide", root=built_minimal.root, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    body = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(body) == 1 and cell_len(body[0]) > 80 and ELLIPSIS not in result.stdout
    assert "id:quantity/synthetic-executed" in body[0]


@pytest.mark.slow  # the corpus of data/, built once per session
@pytest.mark.parametrize("name", ["counts", "statements-by-speaker", "actor-types"])
def test_the_corpus_tables_fit_80_columns_and_cut_nothing(name: str, built: Built) -> None:
    project = built.project
    result = run_cli("query", name, root=project.root, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80 and ELLIPSIS not in result.stdout
    expected = expected_cells(project, name, answer_json(project, "query", name))
    if lines[1].startswith("row 1 of"):
        blocks = records(lines, list(expected))
        got = {c: "".join(squeezed(b.get(c, "")) for b in blocks) for c in expected}
    else:  # wrapped: each column's pieces, top to bottom, are its cells in order
        body = [line.split("│")[1:-1] for line in lines if line.startswith("│")]
        got = {c: squeezed("".join(cells[i] for cells in body)) for i, c in enumerate(expected)}
    assert got == {c: squeezed("".join(v)) for c, v in expected.items()}


def test_regression_compact_took_the_first_matching_prefix_not_the_longest() -> None:
    """`core.prefixes.compact` (used by network and docs output) returned the first prefix whose namespace
    matched, so a broader namespace declared first gave `base:id/actor/x` instead of `id:actor/x`."""
    from rightsgraph.core.prefixes import compact

    prefixes = {"base": "https://w3id.org/rightsgraph/", "id": "https://w3id.org/rightsgraph/id/"}
    assert compact("https://w3id.org/rightsgraph/id/actor/x", prefixes) == "id:actor/x"
    assert compact("https://w3id.org/rightsgraph/ontology#Claim", prefixes) == "base:ontology#Claim"
