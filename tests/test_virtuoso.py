"""The query library on Virtuoso (Debian's virtuoso-opensource), the store many institutions run: `rightsgraph
publish` into it with its HTTP Digest authentication, then every question of the library on the embedded store and
on Virtuoso, row for row, on the seed article alone and on the corpus of data/.

Rows are compared as multisets of RDF terms (lexical form, datatype and language tag as sent), after normalising
only what SPARQL 1.1 leaves to the engine: the order of the rows, blank node labels (any blank node is "_:"),
and the order of the values a GROUP_CONCAT joins (each value of a variable the query binds to a GROUP_CONCAT is
split at its separator, sorted and joined again). Where Virtuoso answers otherwise, the question is marked as an
expected failure naming the difference and the portable rewrite (strict: the mark goes when the query is rewritten).

Virtuoso's default graph, when a request names none, is the union of every graph it holds, so the library's
questions (which read the default graph) need nothing more; its own system graphs (virtrdf#, ldp#...) match none
of them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import build_incremental, write_dist
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.export.dumps import sorted_graphs, triples_of
from rightsgraph.export.publish import publish
from rightsgraph.sparql.empty_answers import default_graph_problem
from rightsgraph.sparql.library import Library
from rightsgraph.sparql.remote import run_remote
from rightsgraph.store.embedded import built_dump

from .conftest import PROJECT_PARTS, ROOT, Built, run_cli
from .servers import digest_server
from .virtuoso_server import PASSWORD, USER, Virtuoso, virtuoso_server

LIBRARY = Library(Project.locate(ROOT))
NAMES = sorted(LIBRARY.queries)
DATASETS = ("seed", "corpus")
SEED = "campaign-against-mass-executions-in-iraq"
CREDENTIALS = {"RIGHTSGRAPH_USER": USER, "RIGHTSGRAPH_PASSWORD": PASSWORD}
SECRET = "s3cret-digest-password"

# Why Virtuoso 7.2.5 answers a question otherwise, and the portable rewrite (the report of issue 17 item 6 has the
# diffs). Each question is marked for the datasets it differs on; a mark goes when its query is rewritten so.
LANG = (
    "GROUP_CONCAT of language-tagged names: Oxigraph keeps the common tag (@en, as SPARQL 1.2 has it), Virtuoso "
    "gives a simple literal (SPARQL 1.1); remove when the query joins STR(?name)"
)
EMPTY = (
    'GROUP_CONCAT of no value: unbound on Oxigraph, "" on Virtuoso; remove when the query writes '
    "IF(COUNT(?x) > 0, GROUP_CONCAT(...), SAMPLE(?x)) (SAMPLE of no value is unbound on both)"
)
START = (
    "Virtuoso refuses a * path whose ends a VALUES row binds ('transitive start not given'); remove when the "
    "query binds the root by a triple pattern first (?root a skos:Concept)"
)
CLOSURE = (
    "Virtuoso drops rows of a/rdfs:subClassOf* joined after a UNION or a sub-select; remove when the query reads "
    "the published type closure (?x a rg:Claim, rg:Actor, rg:Event)"
)
NARROWER = (
    "Virtuoso ignores FILTER NOT EXISTS { ?narrower rdfs:subClassOf+ ?class } with both ends bound (every class "
    "comes out); remove when the query asks for a direct subclass among the node's types (the closure is published)"
)
ORDERED = (
    "Virtuoso joins an OPTIONAL sub-select's rows to the wrong outer rows when the sub-select under it has an "
    "ORDER BY (there for GROUP_CONCAT's order, which SPARQL leaves open); remove when those ORDER BYs go"
)
DIFFERS: dict[str, tuple[str, tuple[str, ...]]] = {
    name: (reason, DATASETS)
    for name, reason in {
        "abuse-allegations": f"{START}; {LANG}",
        "accusations": f"{CLOSURE}; {LANG}",
        "actor-event-participation": f"{LANG}; {EMPTY}",
        "actor-measures": LANG,
        "actor-types": NARROWER,
        "articles": LANG,
        "assessments": "Virtuoso refuses an aggregate in ORDER BY (syntax error at MIN); remove when the sort keys "
        f"are projected by a sub-select; {LANG}; {EMPTY}",
        "calls-and-appeals": "Virtuoso loses ?about, an OPTIONAL sub-select joined on ?stance through a stance "
        f"sub-select with a * path; remove when it joins on ?stanceConcept alone; {LANG}",
        "claims-about-event": f"{CLOSURE}; {LANG}",
        "claims-by-actor": LANG,
        "conflicting-claims": "Virtuoso fails to compile it (SQ156 'Bad dfe in sqlo_place_exp'): no portable "
        f"rewrite found yet; {LANG}",
        "context-sources": LANG,
        "counts": f"{ORDERED}; {LANG}",
        "event-participants": f"{NARROWER}; {LANG}; {EMPTY}",
        "event-status": f"{LANG}; {EMPTY}",
        "events-across-articles": "Virtuoso fails to compile it (SQ156 'Bad dfe in sqlo_place_exp'): no portable "
        f"rewrite found yet; {LANG}",
        "events-by-type": f"{LANG}; {EMPTY}",
        "execution-events": f"{START}; {LANG}; {EMPTY}",
        "external-links": LANG,
        "find-by-name": f"{NARROWER}; {LANG}",
        "first-reports": LANG,
        "forecasts": f"{ORDERED}; {LANG}",
        "hedged-claims": LANG,
        "memberships": LANG,
        "narrator-claims": LANG,
        "relationships": LANG,
        "single-source-facts": f"{CLOSURE}; {LANG}",
        "stance-network": "Virtuoso loses edges of its UNION of derived ties (166 of 226 on the corpus; an earlier "
        "version failed to compile, SQ142), and gives BOUND() as xsd:integer 0/1 (it has no xsd:boolean results): no "
        f"portable rewrite found yet; {LANG}",
        "stances-on-executions": LANG,
        "statement-evidence": LANG,
        "statement-responses": LANG,
        "statements-by-speaker": LANG,
        "sub-events": LANG,
        "uncertain-times": LANG,
    }.items()
}
DIFFERS["charges"] = (f"{LANG}; {EMPTY}", ("corpus",))  # the seed article states no charge
DIFFERS["conflicting-claims-across-articles"] = (
    "on the corpus, Virtuoso does not answer within the 60 s limit (Oxigraph: well under a second): no portable "
    f"rewrite found yet; {LANG}",
    ("corpus",),
)
DIFFERS["articles-mentioning-actor"] = (
    "Virtuoso drops the rows of a ? property path followed by a UNION (4 rows embedded, 0 on Virtuoso); remove "
    "when the query names each path in its own UNION branch",
    DATASETS,
)
# The questions that differ on the library as committed, measured on both datasets: the reasons above were
# found on a rewrite of the library that aggregates more columns with GROUP_CONCAT (language tags, empty
# groups); as committed, only these differ. A question whose rewrite lands moves between the two.
MEASURED = {
    "abuse-allegations": DATASETS,
    "accusations": DATASETS,
    "actor-types": DATASETS,
    "articles-mentioning-actor": DATASETS,
    "claims-about-event": DATASETS,
    "conflicting-claims": ("corpus",),
    "event-participants": DATASETS,
    "event-status": ("corpus",),
    "execution-events": DATASETS,
    "find-by-name": DATASETS,
    "narrator-claims": ("corpus",),
    "single-source-facts": DATASETS,
    "stance-network": DATASETS,
    "stances-on-executions": ("corpus",),
}
DIFFERS = {name: (DIFFERS[name][0], datasets) for name, datasets in MEASURED.items()}

Published = Callable[[str], tuple[Project, Virtuoso]]


def seed_project(root: Path) -> Project:
    """The project with the seed article alone (and the whole register), built into its dist/ as `build` does."""
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, root / part)
    for folder, suffix in (("annotations", ".yaml"), ("sources", ".txt")):
        for path in (root / "data" / folder).iterdir():
            if path.name != SEED + suffix:
                path.unlink()
    project = Project.locate(root)
    result = build_incremental(project, full=True)
    assert result.violations == [], result.violations
    write_dist(project, result, docs=False)
    return project


@pytest.fixture(scope="module")
def published(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """A Virtuoso per dataset, started when a test first asks for it, with the dataset published into it by
    `rightsgraph publish` as dba (Digest); all stopped at the end of the module."""
    with ExitStack() as stack:
        started: dict[str, tuple[Project, Virtuoso]] = {}

        def get(dataset: str) -> tuple[Project, Virtuoso]:
            if dataset not in started:
                project = built.project if dataset == "corpus" else seed_project(tmp_path_factory.mktemp("seed"))
                server = stack.enter_context(virtuoso_server(tmp_path_factory.mktemp(f"virtuoso-{dataset}")))
                result = run_cli(
                    "publish", "--endpoint", server.graph_store, "--json", root=project.root, env=CREDENTIALS
                )
                assert result.returncode == 0, result.stderr
                started[dataset] = (project, server)
            return started[dataset]

        yield get


# ------------------------------------------------------------------------------------------------ rows --

PROJECTED = re.compile(r"\bAS\s+\?(\w+)\s*\)", re.IGNORECASE)
SEPARATOR = re.compile(r';\s*separator\s*=\s*"([^"]*)"', re.IGNORECASE)


def concatenated(text: str) -> dict[str, str]:
    """The variables a query binds to an expression with a GROUP_CONCAT, with its separator (" " when it names
    none): `(expression AS ?name)`, the expression read back to its opening parenthesis."""
    found = {}
    for match in PROJECTED.finditer(text):
        depth, start = 0, match.start()
        while start > 0 and depth >= 0:
            start -= 1
            depth += {")": 1, "(": -1}.get(text[start], 0)
        expression = text[start + 1 : match.start()]
        if "GROUP_CONCAT" in expression.upper():
            separator = SEPARATOR.search(expression)
            found[match.group(1)] = separator.group(1) if separator else " "
    return found


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, separator: str | None) -> str:
    """A term in N-Triples syntax, a blank node as "_:", the joined values of a GROUP_CONCAT in sorted order."""
    if term is None:
        return "UNBOUND"
    if isinstance(term, ox.BlankNode):
        return "_:"
    if separator is not None and isinstance(term, ox.Literal):
        value = separator.join(sorted(term.value.split(separator)))
        if term.language:
            return str(ox.Literal(value, language=term.language))
        return str(ox.Literal(value, datatype=term.datatype))
    return str(term)


def answer(dataset: Dataset, name: str) -> tuple[list[str], Counter[tuple[str, ...]]]:
    """The columns of a question's answer and its rows, normalised as the module's docstring says."""
    result = dataset.result(name)
    joined = concatenated(LIBRARY.queries[name].text)
    rows = Counter(
        tuple(term_key(t, joined.get(c)) for t, c in zip(row, result.columns, strict=True)) for row in result.rows
    )
    return result.columns, rows


def cases() -> list:
    def marks(dataset: str, name: str) -> list:
        reason, datasets = DIFFERS.get(name, ("", ()))
        return [pytest.mark.xfail(strict=True, reason=reason)] if dataset in datasets else []

    return [pytest.param(d, n, marks=marks(d, n)) for d in DATASETS for n in NAMES]


@pytest.mark.virtuoso
@pytest.mark.parametrize(("dataset", "name"), cases())
def test_question_answers_the_same_rows_on_virtuoso(dataset: str, name: str, published: Published) -> None:
    project, server = published(dataset)
    embedded_columns, embedded = answer(Dataset(project), name)
    virtuoso_columns, virtuoso = answer(Dataset(project, endpoint=server.sparql), name)
    assert virtuoso_columns == embedded_columns
    only_embedded, only_virtuoso = embedded - virtuoso, virtuoso - embedded
    assert not only_embedded and not only_virtuoso, (
        f"{sum(embedded.values())} rows embedded, {sum(virtuoso.values())} on Virtuoso; "
        f"only embedded: {sorted(only_embedded)[:3]}; only on Virtuoso: {sorted(only_virtuoso)[:3]}"
    )


# ---------------------------------------------------------------------------------------------- publish --


def graph_on(server: Virtuoso, graph: str) -> set[ox.Triple]:
    """One named graph as Virtuoso's Graph Store (read-only, without credentials) sends it."""
    url = f"{server.base}/sparql-graph-crud?graph={urllib.parse.quote(graph, safe='')}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return set(ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.virtuoso
@pytest.mark.parametrize("dataset", DATASETS)
def test_publish_puts_every_named_graph_into_virtuoso_as_it_is(dataset: str, published: Published) -> None:
    project, server = published(dataset)
    store = ox.Store()
    store.bulk_load(path=str(built_dump(project)), format=ox.RdfFormat.N_QUADS)
    graphs = sorted_graphs(store)
    assert len(graphs) >= 3
    for graph, lines in graphs.items():
        assert graph_on(server, graph) == set(triples_of(lines)), graph


@pytest.mark.virtuoso
def test_publishing_again_replaces_and_never_duplicates(published: Published) -> None:
    project, server = published("seed")
    before = {graph: graph_on(server, graph) for graph in sorted_graphs_of(project)}
    again = run_cli("publish", "--endpoint", server.graph_store, "--json", root=project.root, env=CREDENTIALS)
    assert again.returncode == 0, again.stderr
    assert {entry["status"] for entry in json.loads(again.stdout)} == {200}, "Virtuoso replaces a graph with 200"
    assert {graph: graph_on(server, graph) for graph in before} == before


def sorted_graphs_of(project: Project) -> list[str]:
    store = ox.Store()
    store.bulk_load(path=str(built_dump(project)), format=ox.RdfFormat.N_QUADS)
    return list(sorted_graphs(store))


@pytest.mark.virtuoso
def test_publish_without_or_with_wrong_credentials_is_a_one_line_error(published: Published) -> None:
    project, server = published("seed")
    for env, message in (
        ({"RIGHTSGRAPH_USER": USER, "RIGHTSGRAPH_PASSWORD": "wrong-" + SECRET}, "refused the credentials"),
        ({"HOME": str(project.root)}, "asks for credentials"),  # no ~/.netrc there
    ):
        clean = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTSGRAPH_")}
        result = run_cli("publish", "--endpoint", server.graph_store, root=project.root, env={**clean, **env})
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert result.returncode == 1 and len(errors) == 1 and message in errors[0], result.stderr
        assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stderr


@pytest.mark.virtuoso
def test_the_cli_answers_through_virtuoso_and_sees_no_empty_default_graph(published: Published) -> None:
    """Virtuoso's default graph is the union of its graphs: the CLI's answer is the embedded one, with no warning."""
    project, server = published("seed")
    result = run_cli("query", "dataset-summary", "--format", "json", "--endpoint", server.sparql, root=project.root)
    assert result.returncode == 0, result.stderr
    remote = Counter(json.dumps(b, sort_keys=True) for b in json.loads(result.stdout)["results"]["bindings"])
    embedded = json.loads(Dataset(project).serialized("dataset-summary", "json"))["results"]["bindings"]
    assert remote == Counter(json.dumps(b, sort_keys=True) for b in embedded)
    assert "default graph" not in result.stderr
    assert default_graph_problem(project, lambda text: run_remote(server.sparql, text)) is None


# ------------------------------------------------------------------------- Digest, without Virtuoso --


@pytest.fixture
def digest_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("RIGHTSGRAPH_TOKEN", raising=False)
    monkeypatch.setenv("RIGHTSGRAPH_USER", "dba")
    monkeypatch.setenv("RIGHTSGRAPH_PASSWORD", SECRET)
    monkeypatch.setenv("HOME", str(tmp_path))


def test_regression_publish_to_a_digest_only_graph_store_was_refused(built: Built, digest_credentials: None) -> None:
    """Bug: publish sent the user and password as HTTP basic only; Virtuoso's Graph Store takes Digest only and
    answered 401, so nothing could be published to it. Now basic credentials are offered as Digest to a server that
    refuses basic, found by a HEAD before any graph is sent, so each graph's body goes out once (a body sent to be
    refused broke the pipe when Virtuoso closed the connection part-way)."""
    with digest_server("dba", SECRET) as server:
        sent = publish(built.project, f"{server.url}/store")
    assert sent and {s.status for s in sent} == {201}
    puts = [header for method, _, header in server.requests if method == "PUT"]
    assert len(puts) == len(sent), "each graph's body is sent once"
    assert all(header and header.startswith("Digest ") for header in puts)
    basic = [method for method, _, header in server.requests if header and header.startswith("Basic ")]
    assert basic == ["HEAD"], "basic credentials go out once, with no body"


def test_a_query_reaches_a_digest_only_endpoint_and_a_wrong_password_is_refused(
    built: Built, digest_credentials: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with digest_server("dba", SECRET) as server:
        rows = Dataset(built.project, endpoint=f"{server.url}/query").result("articles").rows
        assert rows == [[ox.NamedNode("http://example.org/1")]]
        monkeypatch.setenv("RIGHTSGRAPH_PASSWORD", "wrong-" + SECRET)
        with pytest.raises(UserError, match="refused the credentials") as error:
            publish(built.project, f"{server.url}/store")
    assert SECRET not in str(error.value)
    assert not [method for method, _, _ in server.requests if method == "PUT"][1:], "one refused PUT, not a retry"
