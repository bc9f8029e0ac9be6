"""`rightsgraph query NAME --limit N --offset M`: pages of a question's rows (sparql.paging), asked as SPARQL's
LIMIT and OFFSET. The pages, read one after the other, are the whole answer in its order."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library
from rightsgraph.sparql.paging import Page, PageError, paged

from .conftest import Built, run_cli

QUESTION = "statements-by-speaker"  # ordered, tens of rows on the seed


def csv_rows(built: Built, *args: str) -> tuple[list[str], str]:
    result = run_cli("query", QUESTION, "--format", "csv", *args, root=built.project.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()  # read as text: the CRLF of CSV comes as line ends
    return lines[1:], result.stderr


def test_the_pages_one_after_the_other_are_the_whole_answer(built: Built) -> None:
    whole, _ = csv_rows(built)
    assert len(whole) > 10
    pages, offset = [], 0
    while True:
        rows, err = csv_rows(built, "--limit", "7", "--offset", str(offset))
        pages += rows
        if len(rows) < 7:
            assert "more may follow" not in err
            break
        assert f"more may follow: --offset {offset + 7}" in err
        offset += 7
    assert pages == whole


def test_an_offset_alone_skips_rows(built: Built) -> None:
    whole, _ = csv_rows(built)
    rows, _ = csv_rows(built, "--offset", "5")
    assert rows == whole[5:]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "is a CONSTRUCT query: a page is rows of a SELECT"),
        ("ASK { ?s ?p ?o }", "is a ASK query"),
        ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "has its own LIMIT or OFFSET"),
    ],
)
def test_a_question_that_cannot_be_paged_is_a_usage_error(built: Built, tmp_path: Path, text: str, error: str) -> None:
    own = tmp_path / "own.rq"
    own.write_text(text + "\n", encoding="utf-8")
    result = run_cli("query", str(own), "--limit", "2", root=built.project.root)
    said = " ".join(result.stderr.replace("│", " ").split())  # the words of the usage box, unwrapped
    assert result.returncode == 2 and error in said, result.stderr
    with pytest.raises(PageError, match=error):
        paged(Library(built.project).get(str(own)), text, Page(2))


def test_the_page_goes_before_a_final_values_block(project: Project, tmp_path: Path) -> None:
    """SPARQL puts the solution modifiers before the query's closing VALUES, and a string or comment that says
    LIMIT is no LIMIT."""
    own = tmp_path / "own.rq"
    text = 'SELECT ?s WHERE { ?s ?p "no LIMIT here" } # nor OFFSET\nVALUES ?s { <urn:x> }\n'
    own.write_text(text, encoding="utf-8")
    assert paged(Library(project).get(str(own)), text, Page(2, 4)) == (
        'SELECT ?s WHERE { ?s ?p "no LIMIT here" } # nor OFFSET\nLIMIT 2\nOFFSET 4\nVALUES ?s { <urn:x> }\n'
    )


def adhoc_csv(built: Built, tmp_path: Path, text: str, *args: str) -> tuple[int, str, str]:
    own = tmp_path / "own.rq"
    own.write_text(text + "\n", encoding="utf-8")
    result = run_cli("query", str(own), "--format", "csv", *args, root=built.project.root)
    return result.returncode, result.stdout, result.stderr


def test_regression_a_csv_value_holding_a_line_end_was_counted_as_two_rows(built: Built, tmp_path: Path) -> None:
    """The note on a full page counted CSV lines, not records: it named the wrong next --offset."""
    text = 'SELECT ?x WHERE { VALUES ?x { "a\\r\\nb" "c" "d" } }'
    code, _, err = adhoc_csv(built, tmp_path, text, "--limit", "2")
    assert code == 0 and "2 row(s) from row 1; more may follow: --offset 2" in err, err
    code, out, err = adhoc_csv(built, tmp_path, text, "--limit", "2", "--offset", "2")
    assert code == 0 and out.splitlines()[1:] == ["d"] and "more may follow" not in err


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?values WHERE { VALUES ?values { 1 2 3 } }",  # regression: taken for a final VALUES block
        "SELECT (COUNT(?o) AS ?limit) WHERE { VALUES ?o { 1 2 3 } }",  # regression: taken for a LIMIT
        "SELECT ?n WHERE { { SELECT ?n WHERE { VALUES ?n { 1 2 3 } } LIMIT 3 } }",  # a sub-select's own LIMIT
    ],
)
def test_variables_named_like_keywords_and_a_sub_selects_limit_page(built: Built, tmp_path: Path, text: str) -> None:
    code, out, err = adhoc_csv(built, tmp_path, text, "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 2, err
