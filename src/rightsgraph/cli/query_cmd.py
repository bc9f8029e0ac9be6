"""`rightsgraph queries` and `rightsgraph query`: the research-question library."""

from __future__ import annotations

import csv
import io
import sys
from typing import Annotated

import pyoxigraph as ox
import typer

from rightsgraph.api import Dataset
from rightsgraph.build.freshness import stale_dist, stale_store
from rightsgraph.cli.output import JsonOption, RootOption, console, note, print_json, warning, working
from rightsgraph.cli.tables import cell_text, compact_iri, print_table
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql import syntax
from rightsgraph.sparql.empty_answers import Run, default_graph_problem, missing_nodes
from rightsgraph.sparql.isolated import run_limited
from rightsgraph.sparql.library import Library, Result, bind, bound_text, run_embedded
from rightsgraph.sparql.limits import MB, Limits, check_seconds
from rightsgraph.sparql.paging import WHOLE, Page, PageError, paged
from rightsgraph.sparql.queries import QueryFile, check_syntax, query_form
from rightsgraph.sparql.results import AS_TURTLE, FORMATS, W3C, format_problem, graph_format, serialize_graph
from rightsgraph.store.dataset import network_stale
from rightsgraph.store.embedded import dump_path
from rightsgraph.store.memory import TIMED_OUT, served_endpoint

DEFAULTS = Limits()


def seconds_option(value: float) -> float:
    """--timeout: a usage error unless a finite number of seconds above 0 (click's float takes "nan")."""
    try:
        return check_seconds(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def endpoint_option(value: str | None) -> str | None:
    """--endpoint: a usage error unless an http(s) URL without credentials (the message never shows them)."""
    if value is None:
        return None
    from rightsgraph.sparql.transport import url_problem  # HTTP's modules, only for an endpoint

    problem = url_problem(value)
    if problem:
        raise typer.BadParameter(problem)
    return value


def timeout_option(help: str) -> typer.models.OptionInfo:
    return typer.Option("--timeout", metavar="SECONDS", callback=seconds_option, help=help)


def queries(root: RootOption = None, json_output: JsonOption = False) -> None:
    """List the questions of queries/ with their titles and parameters."""
    library = Library(Project.locate(root))
    if json_output:
        print_json(
            [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "params": [p.__dict__ for p in q.params],
                    "columns": list(q.columns),
                }
                for q in library.queries.values()
            ]
        )
        return
    rows = []
    for q in library.queries.values():
        params = ", ".join(f"{p.name} ({p.type}, default {_default(p.type, p.default, library)})" for p in q.params)
        rows.append([q.name, q.title, params])
    print_table(f"{len(library.queries)} questions", ["name", "question", "parameters"], rows)


def _default(kind: str, value: str | None, library: Library) -> str | None:
    """A parameter's default as --param takes it: an IRI compact (id:actor/x)."""
    return compact_iri(value, library.prefixes) if kind == "iri" and value else value


def params_of(values: list[str]) -> dict[str, str]:
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UserError(f"--param {item!r} is not key=value", fix="write --param name=value")
        params[key.strip()] = value
    return params


ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="A parameter as name=value; repeatable. An IRI may use the project's prefixes (actor=id:actor/x).",
    ),
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="SELECT and ASK: table, or csv, tsv, json, xml (the W3C SPARQL 1.1 results formats). CONSTRUCT and "
        "DESCRIBE: ttl (also for table, csv and tsv), nt or jsonld.",
    ),
]
WideOption = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="A table as one line per row, nothing wrapped or cut, however wide (for a pager: less -S). Without "
        "it a table fits the width (COLUMNS, else the terminal's, also through a pipe, else 80): long cells wrap, "
        "and when the columns cannot fit, each row prints as a block of 'column: value' lines.",
    ),
]
AnswerJsonOption = Annotated[
    bool, typer.Option("--json", help="The answer as SPARQL JSON results on stdout (--format json); errors as JSON.")
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        callback=endpoint_option,
        help="Run on this SPARQL 1.1 endpoint instead of the embedded store (credentials: RIGHTSGRAPH_TOKEN, "
        "or RIGHTSGRAPH_USER and RIGHTSGRAPH_PASSWORD, or ~/.netrc).",
    ),
]
TimeoutOption = Annotated[
    float, timeout_option("Stop the query after this many seconds (on an endpoint: the whole request).")
]
MaxRowsOption = Annotated[
    int, typer.Option("--max-rows", metavar="N", min=1, help="Stop the query past this many rows (or triples).")
]
MaxSizeOption = Annotated[
    int, typer.Option("--max-size", metavar="MB", min=1, help="Stop the query past an answer of this many MB.")
]


def output_format_of(output_format: str, json_output: bool) -> str:
    """--format, or json for --json (a usage error if both name different formats)."""
    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if json_output and output_format not in ("table", "json"):
        raise typer.BadParameter(f"--json is --format json, not {output_format}", param_hint="--json")
    return "json" if json_output else output_format


def open_dataset(project: Project, endpoint: str | None, timeout: float, max_rows: int, max_size: int) -> Dataset:
    limits = Limits(timeout=timeout, max_rows=max_rows, max_bytes=max_size * MB)
    # In a thread, not a child process: this process ends after the query, and a query that passes a limit or
    # meets Ctrl-C ends with it (a child would cost the copies of the store's pages it touches).
    return Dataset(project, endpoint=endpoint, limits=limits, isolate=False)


def answer(
    dataset: Dataset,
    name: str,
    params: dict[str, str],
    output_format: str,
    wide: bool = False,
    page: Page = WHOLE,
    served: bool = False,
) -> None:
    """Answer a question of `dataset`'s library (by name, or one added to it) and print it in `output_format`
    (a table `wide` or fitted to the terminal), or one `page` of its rows; then warn about what may have made the
    answer empty (see empty_answers) or stale (_warn_stale). `served`: the endpoint is this project's running
    `serve --memory`, which holds what the dataset store holds (store.memory)."""
    project, endpoint = dataset.project, dataset.endpoint
    query = dataset.library.get(name)
    check_syntax(query)
    output_format = format_for(query, output_format)
    try:
        paged(query, "", page)  # a question that cannot be paged is a usage error before anything is asked
    except PageError as exc:
        raise typer.BadParameter(str(exc), param_hint="--limit") from None
    doing = f"loading the dataset and answering {name}" if endpoint is None else f"asking {endpoint}"
    with working(doing):
        if endpoint is None and dump_path(project).is_file():
            _warn_stale(dataset, query)
        elif served:
            note(f"answered by rightsgraph serve --memory at {endpoint}")
            _warn_stale_store(project, query)
        result, data = _ask(dataset, query, params, output_format, page)
    empty = _no_rows(data, output_format) if data is not None else result is not None and _no_result(result)
    if data is not None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif result is not None:
        _print_result(result, query, output_format, dataset.library.prefixes, wide)
    rows = _count_rows(data, output_format) if data is not None else len(result.rows) if result else 0
    following = page.next_offset(rows)
    if following is not None:
        note(f"{rows} row(s) from row {page.offset + 1}; more may follow: --offset {following}")
    _warn_empty(dataset, query, params, empty)


def _warn_stale(dataset: Dataset, query: QueryFile) -> None:
    """Say when what the question is asked of is older than data/ (build.freshness), or, for a question that reads
    the network measures (names their graph or terms, or reads graphs through a variable), when a validate
    changed the data since the build that measured them."""
    project, store = dataset.project, dataset.store  # opened first: it tells where it comes from
    if not dataset.from_dataset_store:
        stale = stale_dist(project, store)
        if stale:
            warning(f"dist/ is older than data/: run rightsgraph build ({stale})")
        return
    _warn_stale_store(project, query)


def _warn_stale_store(project: Project, query: QueryFile) -> None:
    """What _warn_stale says of the dataset store (which a `serve --memory` also holds)."""
    stale = stale_store(project)
    if stale:
        warning(f"the dataset is older than data/: run rightsgraph validate, or build ({stale})")
    measures = network_stale(project)
    text = query.prelude + query.text
    if measures and (syntax.names_any(text, measures) or syntax.reads_graphs_by_variable(text)):
        warning(
            "the network measures are the last build's: validate changed the data since; "
            "run rightsgraph build to measure the networks again"
        )


def format_for(query: QueryFile, output_format: str) -> str:
    """The format the answer is printed in: Turtle for a graph asked as a table (or csv, tsv); a usage error
    (exit 2) when the format cannot hold what the query makes (a graph as SPARQL results, a table as RDF)."""
    form = query_form(query.prelude + query.text)
    named = "the query" if query.name.startswith("<") else query.name  # <command line>, <stdin>: text
    what = f"{named} is {'an' if form == 'ASK' else 'a'} {form} query"
    problem = format_problem(form, output_format)
    if problem:
        raise typer.BadParameter(f"{what}: {problem}", param_hint="--format")
    if form not in ("CONSTRUCT", "DESCRIBE"):
        return output_format
    if output_format in AS_TURTLE and output_format != "table":
        note(f"{what}: its answer is a graph, printed as Turtle (--format {output_format} is for SELECT and ASK)")
    return graph_format(output_format)


def _ask(
    dataset: Dataset, query: QueryFile, params: dict[str, str], output_format: str, page: Page = WHOLE
) -> tuple[Result | None, bytes | None]:
    """The answer (or one page of it) as a Result, or for a W3C format as the bytes pyoxigraph writes from the
    solutions (never held as Python terms). What Dataset.result and Dataset.serialized do, with the parameters as
    a dict: their **params cannot take a parameter called `name` or `format`, which an ad-hoc query's ?name often
    is."""
    text = paged(query, bound_text(query, bind(query, params)), page)
    endpoint, limits = dataset.endpoint, dataset.limits
    if endpoint is not None:
        from rightsgraph.sparql.remote import convert_json_results, fetch, run_remote  # only for an endpoint

        if output_format not in W3C:
            return run_remote(endpoint, text, limits), None
        is_graph, body = fetch(endpoint, text, limits)
        if not is_graph:
            return None, convert_json_results(body, endpoint, output_format, limits)
    else:
        answer = run_limited(dataset.store, text, limits, query.path, isolate=dataset.isolate)
        if output_format not in W3C:
            return answer.result(), None
        if not answer.is_graph:
            return None, answer.w3c(output_format)
    raise UserError(f"'{query.name}' makes a graph, not a table", fix="use --format ttl for CONSTRUCT and DESCRIBE")


def _print_result(result: Result, query: QueryFile, output_format: str, prefixes: dict[str, str], wide: bool) -> None:
    """A graph in its RDF format (the project's prefixes declared in Turtle); yes or no; or a table whose IRIs
    are compact with the prefixes --param takes for this query."""
    if result.triples is not None:
        sys.stdout.buffer.write(serialize_graph(result, graph_format(output_format), prefixes))
        sys.stdout.buffer.flush()
    elif result.boolean is not None:
        console.print("yes" if result.boolean else "no")
    else:
        known = query.known_prefixes
        rows = [[cell_text(term, known) for term in row] for row in result.rows]
        print_table(f"{query.name}: {len(result.rows)} row(s)", result.columns, rows, wide)


def _no_result(result: Result) -> bool:
    """Whether an answer holds no row, no triple, or is false."""
    return not result.boolean if result.boolean is not None else not (result.rows or result.triples)


def _count_rows(data: bytes, output_format: str) -> int:
    """The rows of a W3C results document (0 for a boolean)."""
    if output_format == "csv":  # a header, then a record a row (a value holding a line end is quoted)
        return max(0, sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) - 1)
    parsed = ox.parse_query_results(data, format=W3C[output_format])
    return 0 if isinstance(parsed, ox.QueryBoolean) else sum(1 for _ in parsed)


def _no_rows(data: bytes, output_format: str) -> bool:
    """Whether a W3C results document holds no row (or the answer false)."""
    if output_format == "csv":  # not parseable (lossy): a header line and nothing else
        return len(data.splitlines()) <= 1
    parsed = ox.parse_query_results(data, format=W3C[output_format])
    if isinstance(parsed, ox.QueryBoolean):
        return not bool(parsed)
    return next(iter(parsed), None) is None


def _warn_empty(dataset: Dataset, query: QueryFile, params: dict[str, str], empty: bool) -> None:
    """A parameter naming no node of the dataset; an endpoint whose default graph holds nothing. The checks only
    advise: one that fails (the endpoint gone meanwhile) says nothing."""
    if dataset.endpoint is not None:
        from rightsgraph.sparql.remote import run_remote

        endpoint, limits = dataset.endpoint, dataset.limits
        run: Run = lambda text: run_remote(endpoint, text, limits)
    else:
        store = dataset.store
        run = lambda text: run_embedded(store, text)
    try:
        bindings = bind(query, params)
        for message in missing_nodes(dataset.project, bindings, params, run, dataset.library.prefixes):
            warning(message)
        problem = default_graph_problem(dataset.project, run) if empty and dataset.endpoint else None
        if problem:
            warning(problem)
    except UserError:
        pass


def query(
    name: Annotated[str, typer.Argument(help="A question's name (see 'rightsgraph queries') or a path to a .rq file.")],
    param: ParamOption = None,
    output_format: FormatOption = "table",
    json_output: AnswerJsonOption = False,
    wide: WideOption = False,
    endpoint: EndpointOption = None,
    timeout: TimeoutOption = DEFAULTS.timeout,
    max_rows: MaxRowsOption = DEFAULTS.max_rows,
    max_size: MaxSizeOption = DEFAULTS.max_bytes // MB,
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", min=1, help="Print at most N rows: one page of a SELECT.")
    ] = None,
    offset: Annotated[
        int, typer.Option("--offset", metavar="N", min=0, help="Skip the first N rows (with --limit: the next page).")
    ] = 0,
    root: RootOption = None,
) -> None:
    """Answer one question, on the embedded dataset or on a SPARQL endpoint, within a time limit and a size.

    A .rq file of your own needs no header; for SPARQL text, see 'rightsgraph sparql'.

    A table prints IRIs compact (id:actor/x), as --param takes them back; see --wide for its width."""
    output_format = output_format_of(output_format, json_output)
    project = Project.locate(root)
    served = served_endpoint(project) if endpoint is None else None  # a running `serve --memory` answers faster
    dataset = open_dataset(project, endpoint or served, timeout, max_rows, max_size)
    try:
        answer(dataset, name, params_of(param or []), output_format, wide, Page(limit, offset), served=bool(served))
    except UserError as exc:
        if not served or TIMED_OUT not in exc.message:
            raise
        note("serve --memory stopped the question at its --timeout: the dataset store answers it")
        dataset = open_dataset(project, None, timeout, max_rows, max_size)
        answer(dataset, name, params_of(param or []), output_format, wide, Page(limit, offset))


def register(app: typer.Typer) -> None:
    app.command("queries")(queries)
    app.command("query")(query)
