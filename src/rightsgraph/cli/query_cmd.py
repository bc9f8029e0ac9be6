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
from rightsgraph.sparql.results import FORMATS, W3C, to_turtle


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
        str | None, typer.Option(help="Run on this SPARQL 1.1 endpoint instead of the embedded store.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Answer one question, on the embedded dataset or on a SPARQL endpoint."""
    if output_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    project = Project.locate(root)
    dataset = Dataset(project, endpoint=endpoint)
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
