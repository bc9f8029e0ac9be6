"""Actor networks projected from the store by the SPARQL of queries/ (never by walking triples here).

- stance network (queries/stance-network.rq): directed, signed; one edge per ordered pair of actors,
  aggregating its statements;
- actor-event network (queries/actor-event-participation.rq): two-mode, and its one-mode projection on actors;
- response network (queries/statement-responses.rq): statement -> the statement it answers;
- affiliations (queries/system/network-affiliations.rq): which actor is part of which, for the camps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import SupportsInt, TypedDict, cast

import networkx as nx
import pyoxigraph as ox

from rightsgraph.core.project import Project
from rightsgraph.sparql.answers import answer_records
from rightsgraph.sparql.library import Library, embedded_records, split_joined
from rightsgraph.sparql.queries import load_query


def _rows(store: ox.Store, library: Library, name: str) -> list[dict[str, object]]:
    return embedded_records(store, library.get(name).text)


def system_rows(store: ox.Store, library: Library, name: str) -> list[dict[str, object]]:
    """The rows of a query the tool itself runs, queries/system/NAME.rq."""
    query = load_query(library.project.queries_dir / "system" / f"{name}.rq")
    return answer_records(store, query.text)


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


@dataclass(frozen=True)
class StatementTie:
    """One statement's stances towards one actor: what the statement adds to an edge of the stance network."""

    source: str
    target: str
    statement: str
    sign: int  # the sign of the sum of its stances' signs
    stances: tuple[str, ...]
    article: str
    hedged: bool


@dataclass
class Networks:
    stance: nx.DiGraph
    actor_event: nx.Graph
    actor_projection: nx.Graph
    responses: nx.DiGraph
    ties: list[StatementTie] = field(default_factory=list)  # the stance network, statement by statement
    part_of: nx.DiGraph = field(default_factory=nx.DiGraph)  # actor -> the body it belongs to (affiliations)


class _StanceEdge(TypedDict):
    """The statements of one (speaker, target) pair, aggregated into an edge of the stance network."""

    statements: list[str]
    stances: Counter[str]
    sign_sum: int
    articles: set[str]
    hedged: bool


def actor_nodes(store: ox.Store, library: Library) -> dict[str, dict[str, str]]:
    return {
        str(r["actor"]): {"label": str(r["label"]), "actor_type": str(r["type"])}
        for r in _rows(store, library, "actor-types")
    }


def stance_ties(store: ox.Store, library: Library) -> list[StatementTie]:
    """The rows of queries/stance-network.rq, one tie per (speaker, target, statement)."""
    per_statement: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for row in _rows(store, library, "stance-network"):
        per_statement.setdefault((str(row["source"]), str(row["target"]), str(row["statement"])), []).append(row)
    return [
        StatementTie(
            source,
            target,
            statement,
            _sign(sum(int(cast(SupportsInt, r["sign"])) for r in rows)),
            tuple(str(r["stance"]) for r in rows),
            min((str(r["article"]) for r in rows if r["article"]), default=""),
            any(r["hedged"] == "hedged" for r in rows),  # "hedged" or none (no boolean: Virtuoso has none)
        )
        for (source, target, statement), rows in sorted(per_statement.items())
    ]


def stance_graph(
    ties: Iterable[StatementTie], actors: dict[str, dict[str, str]], name: str = "stance network"
) -> nx.DiGraph:
    """One edge per (speaker, target): statements counted, signs summed, stances and sources kept."""
    edges: dict[tuple[str, str], _StanceEdge] = {}
    for tie in sorted(ties, key=lambda t: (t.source, t.target, t.statement)):
        edge = edges.setdefault(
            (tie.source, tie.target),
            {"statements": [], "stances": Counter(), "sign_sum": 0, "articles": set(), "hedged": False},
        )
        edge["statements"].append(tie.statement)
        edge["stances"].update(tie.stances)
        edge["sign_sum"] += tie.sign
        edge["articles"].update([tie.article] if tie.article else [])
        edge["hedged"] = edge["hedged"] or tie.hedged
    graph = nx.DiGraph(name=name)
    for (source, target), e in sorted(edges.items()):
        for node in (source, target):
            graph.add_node(node, **actors.get(node, {"label": node, "actor_type": "actor"}))
        stances = sorted(e["stances"].items(), key=lambda kv: (-kv[1], kv[0]))
        graph.add_edge(
            source,
            target,
            weight=len(e["statements"]),
            sign=_sign(e["sign_sum"]),
            stance=stances[0][0],
            stances=";".join(s for s, _ in stances),
            sources=len(e["articles"]),
            hedged=e["hedged"],
            basis="hedged claims" if e["hedged"] else "reported statements",
            statements=" ".join(e["statements"]),
        )
    return graph


def stance_network(store: ox.Store, library: Library, actors: dict[str, dict[str, str]]) -> nx.DiGraph:
    return stance_graph(stance_ties(store, library), actors)


def part_of_graph(store: ox.Store, library: Library) -> nx.DiGraph:
    """Which actor belongs to which (queries/system/network-affiliations.rq): a body to the body it is a
    sub-organisation of, a member to its organisation; edges part -> whole, with the relation."""
    graph = nx.DiGraph(name="affiliations")
    for row in system_rows(store, library, "network-affiliations"):
        graph.add_edge(str(row["part"]), str(row["whole"]), relation=str(row["relation"]))
    return graph


def actor_event_network(
    store: ox.Store, library: Library, actors: dict[str, dict[str, str]]
) -> tuple[nx.Graph, nx.Graph]:
    two_mode = nx.Graph(name="actor-event network")
    for row in _rows(store, library, "actor-event-participation"):
        actor, event = str(row["actor"]), str(row["event"])
        two_mode.add_node(
            actor, bipartite=0, kind="actor", **actors.get(actor, {"label": actor, "actor_type": "actor"})
        )
        two_mode.add_node(
            event,
            bipartite=1,
            kind="event",
            label=str(row["eventLabel"]),
            event_type=str(row["eventType"] or ""),
            status=str(row["status"] or ""),
        )
        roles = (
            set(filter(None, str(two_mode.edges[actor, event]["roles"]).split(";")))
            if two_mode.has_edge(actor, event)
            else set()
        )
        two_mode.add_edge(actor, event, roles=";".join(sorted(roles | {str(row["role"])})))
    actor_side = sorted(n for n, d in two_mode.nodes(data=True) if d["kind"] == "actor")
    # networkx refuses to project an empty graph (no participation yet: an empty corpus); its projection is empty
    projection = nx.bipartite.weighted_projected_graph(two_mode, actor_side) if two_mode else nx.Graph()
    projection.name = "actors sharing events"
    return two_mode, projection


def response_network(store: ox.Store, library: Library) -> nx.DiGraph:
    graph = nx.DiGraph(name="response network")
    for row in _rows(store, library, "statement-responses"):
        graph.add_node(str(row["response"]), speaker=str(row["responder"]))
        graph.add_node(str(row["original"]), speaker=str(row["originalSpeaker"]))
        previous = (
            graph.edges[str(row["response"]), str(row["original"])]["stances"]
            if graph.has_edge(str(row["response"]), str(row["original"]))
            else ""
        )
        stances = sorted(set(filter(None, previous.split(";"))) | set(split_joined(row["stance"])))
        graph.add_edge(str(row["response"]), str(row["original"]), stances=";".join(stances))
    return graph


def project_networks(project: Project, store: ox.Store) -> Networks:
    library = Library(project)
    actors = actor_nodes(store, library)
    two_mode, projection = actor_event_network(store, library, actors)
    ties = stance_ties(store, library)
    return Networks(
        stance_graph(ties, actors),
        two_mode,
        projection,
        response_network(store, library),
        ties,
        part_of_graph(store, library),
    )
