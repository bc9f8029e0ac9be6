"""Ontology checks: the violation queries of queries/checks/ontology/ plus the undefined-term scan.

Each check passes by finding nothing. A finding names the term, the file and line where it stands,
and what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from rightsgraph.core.errors import UserError, read_text
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import file_of_graph, load_files
from rightsgraph.sparql import queries
from rightsgraph.validate import terms


class Kept(Protocol):
    """What an ontology check may keep between runs (build.check_cache): a file's terms, and that a query parses."""

    def scan(self, path: Path) -> list[terms.Usage]: ...

    def parses(self, path: Path, check: Callable[[Path, str], None]) -> None: ...

    def inputs_key(self, inputs: list[Path]) -> str: ...

    def defined(self, key: str) -> set[str] | None: ...

    def keep_defined(self, key: str, defined: set[str]) -> None: ...

    def save(self) -> None: ...


@dataclass(frozen=True)
class Finding:
    check: str
    term: str
    path: Path | None
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.term} {self.problem} [{self.check}]"


def ontology_store(project: Project) -> ox.Store:
    """The ontology and vocabularies, one named graph per file."""
    store = ox.Store()
    load_files(store, project.root, project.ontology_files())
    return store


def defined_terms(project: Project, store: ox.Store) -> set[str]:
    query = queries.load_query(project.queries_dir / "system" / "defined-terms.rq")
    rows = store.query(query.text, use_default_graph_as_union=True)
    return {row["term"].value for row in rows}


def _line_of(term: str, path: Path) -> int | None:
    for usage in terms.scan_file(path):
        if usage.term == term:
            return usage.line
    return None


def run_violation_queries(project: Project, store: ox.Store) -> list[Finding]:
    findings: list[Finding] = []
    for query in queries.load_dir(project.checks_dir / "ontology", "*-violation.rq"):
        for row in store.query(query.text, use_default_graph_as_union=True):
            term = row["term"].value
            rel = file_of_graph(row["graph"].value) if row["graph"] is not None else None
            path = project.root / rel if rel else None
            line = _line_of(term, path) if path else None
            findings.append(
                Finding(query.name, term, path.relative_to(project.root) if path else None, line, row["problem"].value)
            )
    return findings


def scan_roots(project: Project) -> list[Path]:
    return [
        p
        for p in (
            project.ontology_dir,
            project.shapes_dir,
            project.queries_dir,
            project.data_dir,
            project.root / "metadata",
        )
        if p.exists()
    ]


def undefined_term_findings(project: Project, defined: set[str], cache: Kept | None = None) -> list[Finding]:
    findings = []
    usages = terms.scan_tree(scan_roots(project), project.root, terms.scan_file if cache is None else cache.scan)
    for usage in terms.undefined(usages, defined):
        findings.append(
            Finding(
                "undefined-term",
                usage.term,
                usage.path.relative_to(project.root),
                usage.line,
                "is used but not defined in ontology/",
            )
        )
    return findings


def _parses(path: Path, text: str) -> None:
    queries.check_syntax(queries.parse_query(text, path, path.stem))


def query_syntax_findings(project: Project, cache: Kept | None = None) -> list[Finding]:
    """Every .rq file of queries/ has its header and parses."""
    findings = []
    for path in sorted(project.queries_dir.rglob("*.rq")):
        try:
            _parses(path, read_text(path, "query")) if cache is None else cache.parses(path, _parses)
        except UserError as error:
            findings.append(
                Finding("query-syntax", path.name, path.relative_to(project.root), error.line, error.message)
            )
    return findings


def check_ontology(project: Project, cache: Kept | None = None) -> list[Finding]:
    """Every ontology check; an empty list means the ontology and its uses are sound. With a `cache`, a file whose
    bytes were scanned or parsed before is not read again, and an ontology whose files, checks and query of defined
    terms are those of a sound one checked before is not loaded again: its defined terms are kept
    (build.check_cache)."""
    syntax = query_syntax_findings(project, cache)
    if syntax:
        return syntax
    inputs = ontology_check_inputs(project)
    key = cache.inputs_key(inputs) if cache is not None else ""
    defined = cache.defined(key) if cache is not None else None
    findings: list[Finding] = []
    if defined is None:
        store = ontology_store(project)
        findings, defined = run_violation_queries(project, store), defined_terms(project, store)
        # kept only when the files are, after the load, those hashed before it: none was saved meanwhile
        if cache is not None and not findings and cache.inputs_key(inputs) == key:
            cache.keep_defined(key, defined)
    findings += undefined_term_findings(project, defined, cache)
    return findings


def ontology_check_inputs(project: Project) -> list[Path]:
    """What the ontology's own checks and its defined terms are found from: its files, the violation queries and the
    query of defined terms."""
    checks = sorted((project.checks_dir / "ontology").glob("*-violation.rq"))
    return [*project.ontology_files(), *checks, project.queries_dir / "system" / "defined-terms.rq"]


def require_sound_ontology(project: Project, cache: Kept | None = None) -> None:
    """What `rightsgraph build` checks first: the first ontology finding as a UserError, or nothing."""
    findings = check_ontology(project, cache)
    if cache is not None:
        cache.save()
    if findings:
        first = findings[0]
        raise UserError(
            f"{first.term} {first.problem} ({len(findings)} ontology problem(s); run 'rightsgraph check')",
            first.path,
            first.line,
            "correct that file; 'rightsgraph check' lists every finding",
        )
