"""Issues: what statements are about, and the camps of the stance network within each.

A statement concerns the events its stances target, the events of the claims it targets or makes, the events
of the outcomes it calls for, and those of the statements it targets or answers
(queries/system/network-statement-events.rq); an event stands for its identity cluster (rg:canonicalNode),
and a statement about a part of an event (sem:hasSubEvent) also concerns the whole. Each event gives issues
of three kinds:

- event: the event's identity cluster, e.g. the Nasiriyah execution round of September 2024;
- topic: the events of one type in one country, e.g. "execution in Iraq" (a type includes its narrower
  types: every hanging is an execution);
- country: every event in one country, e.g. "events in Iraq".

The country of an event is where it happened, else where the event it is part of happened, else the
jurisdiction of its perpetrator or authority (queries/system/network-event-topics.rq); an event with none
gives no topic or country issue. An issue's stance network is the stance network restricted to the
statements that concern it; its camps are computed by structural balance on each connected part of it that
has at least MIN_SIGNED_TIES signed ties (fewer say nothing a tie does not already say), and actors in no
such part are unaligned in that issue.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from rightsgraph.core.project import ID_NS
from rightsgraph.network.balance import component_splits, signed_ties
from rightsgraph.network.graph import Networks, StatementTie, stance_graph, system_rows
from rightsgraph.sparql.library import Library

MIN_SIGNED_TIES = 3
KINDS = ("event", "topic", "country")  # from the narrowest to the broadest
UNALIGNED = "unaligned"


@dataclass(frozen=True)
class Issue:
    iri: str
    kind: str  # one of KINDS
    label: str
    statements: frozenset[str]
    event: str | None = None
    event_type: str | None = None
    country: str | None = None


@dataclass
class IssueCamps:
    """The stance network of one issue and its camps."""

    issue: Issue
    graph: nx.DiGraph
    camp: dict[str, str] = field(default_factory=dict)  # actor -> camp name, or UNALIGNED
    leaders: dict[str, str] = field(default_factory=dict)  # camp name -> the actor it is named after
    frustration: int = 0
    signed_ties: int = 0

    @property
    def statements(self) -> list[str]:
        """The statements of the issue that take a stance towards an actor: those its network is made of."""
        return sorted({s for *_, d in self.graph.edges(data=True) for s in str(d["statements"]).split()})

    @property
    def camps(self) -> dict[str, list[str]]:
        """Camp name -> its actors, sorted; the unaligned left out."""
        out: dict[str, list[str]] = {}
        for actor, name in sorted(self.camp.items()):
            if name != UNALIGNED:
                out.setdefault(name, []).append(actor)
        return out


def _slug(iri: str) -> str:
    """A path segment for an IRI: its part after the dataset's id namespace, or a digest of it."""
    return iri[len(ID_NS) :] if iri.startswith(ID_NS) else "x-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def _tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def find_issues(store: ox.Store, library: Library) -> list[Issue]:
    """Every issue some statement concerns, from the narrowest kind to the broadest, each by its name."""
    labels: dict[str, str] = {}
    types: dict[str, dict[str, str]] = defaultdict(dict)
    countries: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for row in system_rows(store, library, "network-event-topics"):
        event = str(row["event"])
        labels[event] = str(row["label"]) if row["label"] is not None else event
        if row["type"]:
            types[event][str(row["type"])] = str(row["typeLabel"])
        if row["country"]:
            countries[event][int(str(row["rank"]))][str(row["country"])] = str(row["countryLabel"])
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in system_rows(store, library, "network-statement-events"):
        statement, event = str(row["statement"]), str(row["event"])
        found[("event", event)].add(statement)
        ranked = countries.get(event)
        for country in ranked[min(ranked)] if ranked else {}:
            found[("country", country)].add(statement)
            for event_type in types.get(event, {}):
                found[("topic", event_type, country)].add(statement)
    country_label = {c: name for ranks in countries.values() for named in ranks.values() for c, name in named.items()}
    type_label = {t: name for named in types.values() for t, name in named.items()}
    issues = []
    for key, statements in found.items():
        if key[0] == "event":
            event = key[1]
            issues.append(
                Issue(ID_NS + "issue/" + _slug(event), "event", labels.get(event, event), frozenset(statements), event)
            )
        elif key[0] == "topic":
            event_type, country = key[1], key[2]
            iri = ID_NS + f"issue/topic/{_tail(event_type)}/{_slug(country)}"
            label = f"{type_label[event_type]} in {country_label[country]}"
            issues.append(Issue(iri, "topic", label, frozenset(statements), None, event_type, country))
        else:
            country = key[1]
            iri = ID_NS + "issue/country/" + _slug(country)
            label = f"events in {country_label[country]}"
            issues.append(Issue(iri, "country", label, frozenset(statements), None, None, country))
    return sorted(issues, key=lambda i: (KINDS.index(i.kind), i.label, i.iri))


def issue_camps(networks: Networks, issues: list[Issue]) -> list[IssueCamps]:
    """The stance network of each issue whose statements take a stance towards an actor, and its camps."""
    actors = {n: dict(d) for n, d in networks.stance.nodes(data=True)}
    by_statement: dict[str, list[StatementTie]] = defaultdict(list)
    for tie in networks.ties:
        by_statement[tie.statement].append(tie)
    result = []
    for issue in issues:
        ties = [t for s in sorted(issue.statements) for t in by_statement.get(s, [])]
        graph = stance_graph(ties, actors, name=f"stance network: {issue.label}")
        if graph.number_of_edges():
            signed = signed_ties(graph)
            result.append(_camps(IssueCamps(issue, graph, signed_ties=len(signed)), signed, networks.part_of))
    return result


def _camps(found: IssueCamps, signed: dict[tuple[str, str], int], part_of: nx.DiGraph) -> IssueCamps:
    splits = component_splits(signed, part_of, MIN_SIGNED_TIES)
    found.camp = {n: UNALIGNED for n in found.graph.nodes}
    if not splits:
        return found
    rank = nx.pagerank(found.graph, weight="weight")
    for split in splits:
        found.frustration += split.frustration
        for value in (0, 1):
            members = [n for n, s in split.side.items() if s == value]
            if members:
                leader = max(members, key=lambda n: (rank[n], n))
                name = f"camp of {found.graph.nodes[leader]['label']}"
                if name in found.leaders:  # two leaders of one name: the IRI tells them apart
                    name = f"{name} ({leader})"
                found.leaders[name] = leader
                found.camp.update((n, name) for n in members)
    return found
