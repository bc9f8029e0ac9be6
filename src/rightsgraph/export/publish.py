"""`publish`: the built dataset pushed to any SPARQL server with the Graph Store Protocol, one named
graph per PUT, all within one deadline, with the credentials of the environment or ~/.netrc (a user and
password as HTTP basic, or as Digest to a server that asks for it: Virtuoso's /sparql-graph-crud-auth)."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.core.project import Project
from rightsgraph.export.dumps import sorted_graphs, triples_of
from rightsgraph.sparql.remote import Sent, put_graph
from rightsgraph.sparql.transport import Deadline, authorization, check_url, find_auth_scheme
from rightsgraph.store.embedded import built_dump


def graphs_of(project: Project) -> dict[str, list[ox.Triple]]:
    store = ox.Store()
    store.load(path=str(built_dump(project)), format=ox.RdfFormat.N_QUADS)
    return {graph: list(triples_of(lines)) for graph, lines in sorted_graphs(store).items()}


def publish(project: Project, store_url: str, on_sent=None, timeout: float = 600) -> list[Sent]:
    """PUT every named graph, all within `timeout` seconds; a re-run replaces each graph again, so it never
    duplicates."""
    credentials = authorization(check_url(store_url))
    graphs = graphs_of(project)
    sent = []
    with Deadline(timeout) as deadline:
        find_auth_scheme(store_url, deadline, credentials)  # Virtuoso takes Digest only
        for graph, triples in graphs.items():
            result = put_graph(store_url, graph, triples, deadline, credentials)
            sent.append(result)
            if on_sent:
                on_sent(result)
    return sent
