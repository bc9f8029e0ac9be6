"""`rightsgraph queries` and `rightsgraph query`: the research-question library."""

from __future__ import annotations

import sys
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.table import Table

from rightsgraph.api import Dataset
from rightsgraph.cli.output import JsonOption, RootOption, console, print_json, working
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import compact, project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.sparql.library import Library
from rightsgraph.sparql.limits import MB, Limits, check_seconds
from rightsgraph.sparql.results import FORMATS, W3C, to_turtle
from rightsgraph.sparql.transport import url_problem

DEFAULTS = Limits()


def seconds_option(value: float) -> float:
    """--timeout: a usage error unless a finite number of seconds above 0 (click's float takes "nan")."""
    try:
        return check_seconds(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def endpoint_option(value: str | None) -> str | None:
    """--endpoint: a usage error unless an http(s) URL without credentials (the message never shows them)."""
    problem = url_problem(value) if value is not None else None
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
    table = Table("name", "question", "parameters", title=f"{len(library.queries)} questions")
    for q in library.queries.values():
        params = ", ".join(f"{p.name} ({p.type}, default {p.default})" for p in q.params)
        table.add_row(q.name, q.title, params)
    console.print(table)


def _params(values: list[str]) -> dict[str, str]:
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UserError(f"--param {item!r} is not key=value", fix="write --param name=value")
        params[key.strip()] = value
    return params


def query(
    name: Annotated[str, typer.Argument(help="A question's name (see 'rightsgraph queries') or a path to a .rq file.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as name=value; repeatable.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "table",
    endpoint: Annotated[
        str | None,
        typer.Option(
            callback=endpoint_option,
            help="Run on this SPARQL 1.1 endpoint instead of the embedded store (credentials: RIGHTSGRAPH_TOKEN, "
            "or RIGHTSGRAPH_USER and RIGHTSGRAPH_PASSWORD, or ~/.netrc).",
        ),
    ] = None,
    timeout: Annotated[
        float, timeout_option("Stop the query after this many seconds (on an endpoint: the whole request).")
    ] = DEFAULTS.timeout,
    max_rows: Annotated[
        int, typer.Option("--max-rows", metavar="N", min=1, help="Stop the query past this many rows (or triples).")
    ] = DEFAULTS.max_rows,
    max_size: Annotated[
        int, typer.Option("--max-size", metavar="MB", min=1, help="Stop the query past an answer of this many MB.")
    ] = DEFAULTS.max_bytes // MB,
    root: RootOption = None,
) -> None:
    """Answer one question, on the embedded dataset or on a SPARQL endpoint, within a time limit and a size."""
    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    project = Project.locate(root)
    limits = Limits(timeout=timeout, max_rows=max_rows, max_bytes=max_size * MB)
    # In a thread, not a child process: this process ends after the query, and a query that passes a limit or
    # meets Ctrl-C ends with it (a child would cost the copies of the store's pages it touches).
    dataset = Dataset(project, endpoint=endpoint, limits=limits, isolate=False)
    params = _params(param or [])
    doing = f"loading the dataset and answering {name}" if endpoint is None else f"asking {endpoint}"
    if output_format in W3C:  # written by pyoxigraph from the solutions, never held as Python terms
        with working(doing):
            answer = dataset.serialized(name, output_format, **params)
        sys.stdout.buffer.write(answer)
        sys.stdout.buffer.flush()
        return
    with working(doing):
        result = dataset.result(name, **params)
    prefixes = {"id": ID_NS, **project_prefixes(project)}
    if output_format == "ttl":
        if result.triples is None:
            raise UserError(f"'{name}' is not a CONSTRUCT query", fix="use --format table, csv, tsv or json")
        typer.echo(to_turtle(result, prefixes), nl=False)
    elif result.boolean is not None:
        console.print("yes" if result.boolean else "no")
    else:
        table = Table(*result.columns, title=f"{name}: {len(result.rows)} row(s)")
        for row in result.rows:
            table.add_row(*[_cell(t, prefixes) for t in row])
        console.print(table)


def _cell(term: object, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value, prefixes)
    return term.value  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    app.command("queries")(queries)
    app.command("query")(query)
