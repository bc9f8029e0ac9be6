"""`rightsgraph serve` and `rightsgraph publish`: the dataset on a SPARQL server."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.table import Table

from rightsgraph.cli.output import JsonOption, RootOption, console, err_console, print_json
from rightsgraph.core.project import Project
from rightsgraph.export.publish import publish as publish_graphs
from rightsgraph.store.server import prepare_store, serve_command

LOOPBACK = ("127.", "localhost", "[::1]")


def serve(
    root: RootOption = None,
    bind: Annotated[str, typer.Option(help="host:port to listen on (loopback by default).")] = "127.0.0.1:7878",
    timeout: Annotated[int, typer.Option(help="Seconds before a query is cancelled.")] = 30,
) -> None:
    """Serve the built dataset read-only at a local SPARQL endpoint with a query page (Oxigraph)."""
    project = Project.locate(root)
    if not bind.startswith(LOOPBACK):
        err_console.print(
            f"[yellow]warning:[/] serving on {bind}, beyond this machine. Oxigraph follows "
            "SERVICE clauses to any URL, so anyone who can reach it can make it send requests."
        )
    location = prepare_store(project)
    console.print(f"query page: http://{bind}/   SPARQL endpoint: http://{bind}/query   (read-only; Ctrl-C stops)")
    sys.stdout.flush()
    command = serve_command(location, bind, timeout)
    # The server takes this process's place, so that a signal that stops `rightsgraph serve` stops the
    # server itself and never leaves it running behind.
    os.execv(command[0], command)


def publish(
    endpoint: Annotated[
        str,
        typer.Option(
            help="The server's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) "
            "or http://host/ds/data (Fuseki)."
        ),
    ],
    root: RootOption = None,
    json_output: JsonOption = False,
) -> None:
    """Push every named graph of the built dataset to a SPARQL server (HTTP PUT per graph: re-runs replace)."""
    project = Project.locate(root)
    sent = publish_graphs(
        project,
        endpoint,
        on_sent=None
        if json_output
        else lambda s: console.print(f"PUT {s.graph}: {s.triples} triples, HTTP {s.status}"),
    )
    if json_output:
        print_json([{"graph": s.graph, "triples": s.triples, "status": s.status} for s in sent])
    else:
        table = Table("graph", "triples", "HTTP", title=f"published {len(sent)} graphs to {endpoint}")
        for s in sent:
            table.add_row(s.graph, str(s.triples), str(s.status))
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("publish")(publish)
