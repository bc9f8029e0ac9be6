"""`rightsgraph sparql TEXT`: SPARQL text of your own, from the command line or stdin (`-`), answered as
`rightsgraph query` answers a question: the same formats, parameters, limits, endpoint, warnings and exit
codes. The project's prefixes need no declaration."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rightsgraph.cli.output import RootOption
from rightsgraph.cli.query_cmd import (
    DEFAULTS,
    AnswerJsonOption,
    EndpointOption,
    FormatOption,
    MaxRowsOption,
    MaxSizeOption,
    ParamOption,
    TimeoutOption,
    WideOption,
    answer,
    open_dataset,
    output_format_of,
    params_of,
)
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql.limits import MB

COMMAND_LINE, STDIN = "<command line>", "<stdin>"


def read_text(text: str) -> tuple[str, str]:
    """The query text and where it came from: the argument itself, or stdin for `-`."""
    if text != "-":
        return text, COMMAND_LINE
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        raise UserError(f"cannot read the query from stdin: {exc.strerror}", STDIN, fix="pipe the query in") from None
    try:
        read = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError("the query is not UTF-8 text", STDIN, line, "give the query as UTF-8") from None
    return read.removeprefix("\ufeff"), STDIN


def sparql(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="A SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE), or - to read it from stdin.",
        ),
    ],
    param: ParamOption = None,
    output_format: FormatOption = "table",
    json_output: AnswerJsonOption = False,
    wide: WideOption = False,
    endpoint: EndpointOption = None,
    timeout: TimeoutOption = DEFAULTS.timeout,
    max_rows: MaxRowsOption = DEFAULTS.max_rows,
    max_size: MaxSizeOption = DEFAULTS.max_bytes // MB,
    root: RootOption = None,
) -> None:
    """Answer SPARQL text of your own, given as TEXT or on stdin ('-'), as 'rightsgraph query' answers.

    The project's prefixes (rg:, schema:, prov:, id: ...) need no PREFIX line; --param name=value fixes ?name.

    A table prints IRIs compact (id:actor/x), as --param takes them back; see --wide for its width."""
    output_format = output_format_of(output_format, json_output)
    query_text, origin = read_text(text)
    if not query_text.strip():
        raise UserError("the query is empty", origin, fix="give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    project = Project.locate(root)
    dataset = open_dataset(project, endpoint, timeout, max_rows, max_size)
    query = dataset.library.add_text(query_text, origin)
    answer(dataset, query.name, params_of(param or []), output_format, wide)


def register(app: typer.Typer) -> None:
    app.command("sparql")(sparql)
