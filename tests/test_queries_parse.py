"""Every SPARQL file in queries/ has a metadata header and parses (SIB sparql-examples style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsgraph.core.errors import UserError
from rightsgraph.sparql.queries import check_syntax, load_query

from .conftest import ROOT

QUERY_FILES = sorted((ROOT / "queries").rglob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_query_has_header_and_parses(path: Path) -> None:
    query = load_query(path)
    assert query.title and query.description
    check_syntax(query)


def test_violation_queries_declare_the_columns_the_checker_reads() -> None:
    for path in (ROOT / "queries" / "checks").rglob("*-violation.rq"):
        assert {"term", "graph", "problem"} <= set(load_query(path).columns), path


def test_sparql_syntax_error_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# description: d\nSELECT * WHERE {\n  ?s ?p ?o FILTER( }\n}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        check_syntax(load_query(bad))
    assert caught.value.line == 4 and caught.value.path == bad


def test_header_without_title_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "untitled.rq"
    bad.write_text("# description: d\nASK {}\n", encoding="utf-8")
    with pytest.raises(UserError, match="no 'title'"):
        load_query(bad)
