"""`rightsgraph network summary|export`: the actor networks of the built dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rightsgraph.cli.output import JsonOption, RootOption, console, note, print_json, working
from rightsgraph.core.project import Project
from rightsgraph.network import FORMATS

network_app = typer.Typer(
    help="Actor networks: stance, actor-event and response networks, measures and camps.", no_args_is_help=True
)


@network_app.command("summary")
def summary(
    issue: Annotated[
        str | None, typer.Option("--issue", help="Only the issues whose name contains this text (any case).")
    ] = None,
    root: RootOption = None,
    json_output: JsonOption = False,
) -> None:
    """Print the stance network's size, most central actors, the camps within each issue (an event, a type of
    event in a country, or a country), the global split and the communities."""
    from rightsgraph.api import load_store  # imported here: see cli/__init__
    from rightsgraph.network.pipeline import analyse, notes
    from rightsgraph.network.summary import summary as summarise
    from rightsgraph.network.summary import summary_json

    project = Project.locate(root)
    with working("loading the dataset and measuring the networks", not json_output):
        store = load_store(project)
        analysis = analyse(project, store)
        networks, m = analysis.networks, analysis.measures
        graphs = [g.value for g in store.named_graphs()]
    if json_output:
        print_json({**summary_json(networks.stance, m, issue), "notes": notes(networks, graphs)})
    else:
        console.print(summarise(networks.stance, m, issue))
        for remark in notes(networks, graphs):
            note(remark)


def formats_of(values: list[str] | None) -> tuple[str, ...]:
    """The formats --format names, comma-separated (gexf,csv) or repeated (-f gexf -f csv), each once, in the
    order given; all of them when none is given. An unknown one is a usage error that names those there are."""
    if not values:
        return FORMATS
    named = [part.strip().lower() for value in values for part in value.split(",") if part.strip()]
    unknown = [name for name in named if name not in FORMATS]
    if unknown or not named:
        given = ", ".join(repr(name) for name in unknown) or "no format"
        raise typer.BadParameter(
            f"{given}: choose from {', '.join(FORMATS)} (comma-separated, or --format repeated)", param_hint="--format"
        )
    return tuple(dict.fromkeys(named))


@network_app.command("export")
def export(
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[,FORMAT...]",
            help=f"One or more of {', '.join(FORMATS)}, comma-separated or repeated (default: all).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option(help="Directory to write to.")] = Path("network-export"),
    root: RootOption = None,
) -> None:
    """Write the networks (GraphML and GEXF for Gephi, node-link JSON, CSV), the HTML view and the figure."""
    from rightsgraph.api import load_store  # imported here: see cli/__init__
    from rightsgraph.network.pipeline import analyse, notes, write_network_files

    formats = formats_of(output_format)
    project = Project.locate(root)
    with working("loading the dataset and measuring the networks"):
        store = load_store(project)
        analysis = analyse(project, store)
        networks, m = analysis.networks, analysis.measures
    for path in write_network_files(project, store, networks, m, out, formats):
        console.print(f"wrote {path}")
    for remark in notes(networks, [g.value for g in store.named_graphs()]):
        note(remark)


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")
