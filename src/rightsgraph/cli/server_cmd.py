"""`rightsgraph serve` and `rightsgraph publish`: the dataset on a SPARQL server."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from rightsgraph.cli.output import JsonOption, RootOption, console, print_json, warning, working
from rightsgraph.cli.query_cmd import endpoint_option, timeout_option
from rightsgraph.cli.tables import print_table
from rightsgraph.core.processes import collect_as_python
from rightsgraph.core.project import Project


def bind_option(value: str) -> str:
    """--bind: a usage error unless HOST:PORT with a port from 1 to 65535."""
    from rightsgraph.store.server import parse_bind  # imported here: see cli/__init__

    try:
        parse_bind(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


def serve(
    root: RootOption = None,
    bind: Annotated[
        str, typer.Option(callback=bind_option, help="HOST:PORT to listen on (loopback by default).")
    ] = "127.0.0.1:7878",
    timeout: Annotated[
        int,
        typer.Option(
            metavar="SECONDS",
            min=1,
            max=86400,
            help="Seconds after which Oxigraph cancels a query it is computing (most: not one that streams its "
            "rows, nor every aggregate; see the README).",
        ),
    ] = 30,
    cors: Annotated[
        bool,
        typer.Option(
            "--cors",
            help="Let web pages of any origin read answers (CORS, Access-Control-Allow-Origin: *); off by default.",
        ),
    ] = False,
    memory: Annotated[
        bool,
        typer.Option(
            "--memory",
            help="Hold the dataset in memory: questions are answered several times faster (about 400 MB of memory "
            "per million triples, loaded in seconds), and 'rightsgraph query' asks this server while it runs.",
        ),
    ] = False,
) -> None:
    """Serve the built dataset read-only at a local SPARQL endpoint (Oxigraph), with a query page that loads
    nothing from the network, knows the project's prefixes and offers the library's questions as examples."""
    from rightsgraph.store.dataset import dataset_location, dataset_stamp, read_state
    from rightsgraph.store.follow import Follower
    from rightsgraph.store.front import query_page, run_front
    from rightsgraph.store.server import listen, oxigraph, prepare_store  # imported here: see cli/__init__

    collect_as_python()  # a server runs for hours: Python's own thresholds (core.processes)
    project = Project.locate(root)
    listeners = listen(bind)  # first, so that a port in use is a one-line error before anything is loaded
    try:
        if not listeners.loopback:
            warning(
                f"serving on {bind}, beyond this machine. Oxigraph follows SERVICE clauses to any URL, "
                "so anyone who can reach it can make it send requests."
            )
        if cors:
            warning("--cors: any web page open in a browser here can query this server and read its answers.")
        if memory:
            _serve_memory(project, listeners, bind, timeout, cors)
            return
        state = read_state(project)  # once: the stamp and the generation it names
        stamp = dataset_stamp(project, state)  # the dataset store holds dist/: serve it, and follow it
        location = dataset_location(project, state) if stamp is not None else prepare_store(project)
        page = query_page(project)
        with oxigraph(location, timeout, cors) as server:
            follow = Follower(project, stamp, timeout, cors, grace_s=timeout + 60) if stamp is not None else None

            def ready() -> None:
                console.print(
                    f"query page: http://{bind}/   SPARQL endpoint: http://{bind}/query   (read-only; Ctrl-C stops)"
                )
                sys.stdout.flush()

            try:
                run_front(listeners, page, server, timeout, on_ready=ready, follow=follow)
            finally:
                if follow is not None:
                    follow.close()
    finally:
        listeners.close()


def _serve_memory(project: Project, listeners: Any, bind: str, timeout: int, cors: bool) -> None:
    """`serve --memory`: the dataset in an in-memory store of this process (store.memory), followed, answered by
    the front itself (store.memory_front), and announced to `query`."""
    from rightsgraph.store.front import query_page, stopped_by_signals
    from rightsgraph.store.memory import Held, MemoryFollower, announce, front_url, load_memory, withdraw_announcement
    from rightsgraph.store.memory_front import run_memory

    page = query_page(project)
    url = front_url(listeners.sockets[0].getsockname())
    with stopped_by_signals():
        with working("loading the dataset into memory"):
            held = Held(*load_memory(project))
        follow = MemoryFollower(project, held)
        follow.on_stamp.append(lambda _stamp: announce(project, url, held))

        def ready() -> None:
            announce(project, url, held)
            console.print(
                f"query page: http://{bind}/   SPARQL endpoint: http://{bind}/query   (in memory, read-only; "
                "rightsgraph query asks it while it runs; Ctrl-C stops)"
            )
            sys.stdout.flush()

        try:
            run_memory(listeners, page, held, timeout, cors, follow, on_ready=ready)
        finally:
            withdraw_announcement(project)


def publish(
    endpoint: Annotated[
        str,
        typer.Option(
            callback=endpoint_option,
            help="The server's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) "
            "or http://host/ds/data (Fuseki). Credentials: RIGHTSGRAPH_TOKEN, or RIGHTSGRAPH_USER and "
            "RIGHTSGRAPH_PASSWORD, or ~/.netrc.",
        ),
    ],
    root: RootOption = None,
    json_output: JsonOption = False,
    timeout: Annotated[float, timeout_option("Stop publishing after this many seconds, for all the graphs.")] = 600,
) -> None:
    """Push every named graph of the built dataset to a SPARQL server (HTTP PUT per graph: re-runs replace)."""
    from rightsgraph.export.publish import publish as publish_graphs  # imported here: see cli/__init__

    project = Project.locate(root)
    sent = publish_graphs(
        project,
        endpoint,
        on_sent=None
        if json_output
        else lambda s: console.print(f"PUT {s.graph}: {s.triples} triples, HTTP {s.status}"),
        timeout=timeout,
    )
    if json_output:
        print_json([{"graph": s.graph, "triples": s.triples, "status": s.status} for s in sent])
    else:
        rows = [[s.graph, str(s.triples), str(s.status)] for s in sent]
        print_table(f"published {len(sent)} graphs to {endpoint}", ["graph", "triples", "HTTP"], rows)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("publish")(publish)
