"""The network step of the build and of `rightsgraph network`: project, measure, write back, draw, export."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from rightsgraph.core.project import DERIVED_GRAPHS, GRAPH_NS, NETWORK_GRAPH, ONTOLOGY_GRAPH, REGISTER_GRAPH, Project
from rightsgraph.network.export import FORMATS, analysed_files, with_measures, write_issue_camps, write_network
from rightsgraph.network.graph import Networks, project_networks
from rightsgraph.network.issues import find_issues, issue_camps
from rightsgraph.network.measure_cache import MeasureCache
from rightsgraph.network.measures import Measures, measure, measures_quads
from rightsgraph.network.periods import statement_times
from rightsgraph.network.scope import event_topics, scope, statement_events
from rightsgraph.network.summary import EMPTY
from rightsgraph.network.view import PAGE, layout, page_data, statement_details, write_figure, write_html
from rightsgraph.sparql.answers import answer_records
from rightsgraph.sparql.footprint import Footprints
from rightsgraph.sparql.library import Library, recording

if TYPE_CHECKING:
    from rightsgraph.core.dist_reuse import Reuse


@dataclass
class Analysis:
    networks: Networks
    measures: Measures
    kept_as: str = ""  # the id the networks are kept under for the next build (network.measure_cache), if kept


def analyse(
    project: Project, store: ox.Store, cache: MeasureCache | None = None, footprints: Footprints | None = None
) -> Analysis:
    """The projected networks and their measures; with a cache, measures of the same inputs are read back, and the
    networks are kept with the footprint of the queries that projected them (read from `footprints`)."""
    if ox.NamedNode(NETWORK_GRAPH) in set(store.named_graphs()):
        store.remove_graph(ox.NamedNode(NETWORK_GRAPH))  # a loaded dump carries the measures of its build
    with recording() as asked:
        networks = project_networks(project, store)
        library = Library(project)
        rows, topics = statement_events(store, library), event_topics(store, library)
        found = scope(store, library, rows, topics)
    # what the measures read: the stance network, its ties, the affiliations, the statements' events and scope
    inputs = (networks.stance, networks.ties, networks.part_of, rows, topics, found)
    key = cache.key(*inputs) if cache is not None else ""
    kept = cache.load(key) if cache is not None else None
    if isinstance(kept, Measures):
        m = kept
    else:
        m = measure(networks.stance, networks.part_of)
        m.issues = issue_camps(networks, find_issues(rows, topics), found)
        m.positions = layout(networks.stance)  # kept with the measures: a spring layout costs numpy and seconds at 1M
    if cache is None:
        return Analysis(networks, m)
    footprint = footprints.of(asked) if footprints is not None else None
    return Analysis(networks, m, cache.save(key, m, networks, footprint))


def data_graphs(graphs: Iterable[str]) -> list[str]:
    """The graphs the networks are computed from: the register and the articles (not the ontology, nor derived)."""
    return [g for g in graphs if g.startswith(GRAPH_NS) and g not in (ONTOLOGY_GRAPH, *DERIVED_GRAPHS)]


def notes(networks: Networks, graphs: Iterable[str]) -> list[str]:
    """What to tell a researcher whose networks are empty: there is no article yet, or no stance between actors."""
    if not [g for g in data_graphs(graphs) if g != REGISTER_GRAPH]:
        return [
            "no annotated article in data/annotations/ yet: the dataset holds the ontology and the register, "
            "and the networks are empty"
        ]
    return [EMPTY] if networks.stance.number_of_nodes() == 0 else []


def add_measures_graph(store: ox.Store, networks: Networks, m: Measures) -> int:
    sources = data_graphs(g.value for g in store.named_graphs())
    quads = measures_quads(networks.stance, m, sources)
    store.extend(quads)
    return len(quads)


def write_network_files(
    project: Project,
    store: ox.Store,
    networks: Networks,
    m: Measures,
    out: Path,
    formats: tuple[str, ...] = FORMATS,
    reuse: Reuse | None = None,
    elsewhere: Callable[..., object] | None = None,
    analysis: str = "",
) -> list[Path]:
    """The network's exports, page and figure (the figure drawn by `elsewhere`, another process, if given). `analysis`:
    the id the networks and measures are kept under (network.measure_cache); the exports written from the networks of
    that id are taken from the dist/ in place without being made again to compare."""
    library = Library(project)
    headlines = {str(r["article"]): str(r["headline"]) for r in answer_records(store, library.get("articles").text)}
    note = {"analysis": analysis, "formats": list(formats)} if analysis else None
    files: list[Path] = []
    for stem, graph in (
        ("stance", lambda: with_measures(networks.stance, m)),
        ("actor-event", lambda: networks.actor_event),
        ("actor-cooccurrence", lambda: networks.actor_projection),
        ("responses", lambda: networks.responses),
    ):
        taken = analysed_files(reuse, out / "network", stem, formats, note) if reuse and note else None
        files += taken if taken is not None else write_network(graph(), out / "network", stem, formats, reuse, note)
    if "csv" in formats:
        labels = {n: str(d["label"]) for n, d in networks.stance.nodes(data=True)}
        files.append(write_issue_camps(m, labels, out / "network"))
    details = statement_details(store, library)
    data = page_data(networks.stance, m, details, headlines, networks.ties, statement_times(store, library))
    files.append(write_html(data, out / PAGE))
    files += write_figure(networks.stance, m, out, reuse=reuse, elsewhere=elsewhere)
    return files
