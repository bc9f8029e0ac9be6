"""Issues: what statements are about, and the camps of the stance network within each.

A statement concerns events (network/scope.py: those its stances, claims and called-for outcomes are about,
and the events they are part of); an event stands for its identity cluster (rg:canonicalNode). Each event
gives issues of three kinds:

- event: the event's identity cluster, e.g. the Nasiriyah execution round of September 2024;
- topic: the events of one type in one country, e.g. "execution in Iraq" (a type includes its narrower
  types: every hanging is an execution);
- country: every event in one country, e.g. "events in Iraq".

An event with no country gives no topic or country issue. An issue's stance network is the stance network
restricted to the statements that concern it, less the ties about events elsewhere (network/scope.py); its
camps are computed by structural balance on each connected part of it that has at least MIN_SIGNED_TIES
signed ties (fewer say nothing a tie does not already say), and actors in no such part, or whose camp their
ties leave undecided, are unaligned in that issue. A camp is named after its most central actor (PageRank in
the issue) among those that signed ties alone link to the part's main debate.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from rightsgraph.core.project import ID_NS
from rightsgraph.network.balance import component_splits, signed_ties
from rightsgraph.network.graph import Networks, StatementTie, stance_graph
from rightsgraph.network.scope import Concern, EventTopics, Scope

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


def find_issues(rows: list[Concern], topics: EventTopics) -> list[Issue]:
    """Every issue some statement concerns (`rows`: queries/system/network-statement-events.rq), from the
    narrowest kind to the broadest, each by its name. A statement on a part of an event is on the event's issue,
    and on its countries' only where the part happened too: a statement on one execution in Saudi Arabia is no
    statement on Iraq, though it is part of the executions of Iran, Saudi Arabia and Iraq counted together."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for statement, event, direct in rows:
        found[("event", event)].add(statement)
        for country in topics.countries(event) & (topics.countries(direct) or topics.countries(event)):
            found[("country", country)].add(statement)
            for event_type in topics.types.get(event, {}):
                found[("topic", event_type, country)].add(statement)
    country_label = {c: n for ranks in topics.ranked.values() for named in ranks.values() for c, n in named.items()}
    type_label = {t: name for named in topics.types.values() for t, name in named.items()}
    issues = []
    for key, statements in found.items():
        held = frozenset(statements)
        if key[0] == "event":
            event = key[1]
            label = topics.labels.get(event, event)
            issues.append(Issue(ID_NS + "issue/" + _slug(event), "event", label, held, event, None, None))
        elif key[0] == "topic":
            event_type, country = key[1], key[2]
            iri = ID_NS + f"issue/topic/{_tail(event_type)}/{_slug(country)}"
            label = f"{type_label[event_type]} in {country_label[country]}"
            issues.append(Issue(iri, "topic", label, held, None, event_type, country))
        else:
            country = key[1]
            iri = ID_NS + "issue/country/" + _slug(country)
            issues.append(Issue(iri, "country", f"events in {country_label[country]}", held, None, None, country))
    return sorted(issues, key=lambda i: (KINDS.index(i.kind), i.label, i.iri))


def issue_camps(networks: Networks, issues: list[Issue], scope: Scope | None = None) -> list[IssueCamps]:
    """The stance network of each issue whose statements take a stance towards an actor, and its camps; given a
    scope, without the ties it keeps out of the issue's countries (network/scope.py)."""
    actors = {n: dict(d) for n, d in networks.stance.nodes(data=True)}
    by_statement: dict[str, list[StatementTie]] = defaultdict(list)
    for tie in networks.ties:
        by_statement[tie.statement].append(tie)
    result = []
    for issue in issues:
        ties = [t for s in sorted(issue.statements) for t in by_statement.get(s, [])]
        if scope is not None:
            where = frozenset([issue.country]) if issue.country else scope.where.get(issue.event or "", frozenset())
            ties = [t for t in ties if scope.keeps(t.statement, t.target, where)]
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
                # Named after its most central actor in the part's main debate, not one that is in the camp only
                # because it belongs with one of its actors (a parliament through a member), where there is one.
                candidates = [n for n in members if n in split.debate] or members
                leader = max(candidates, key=lambda n: (rank[n], n))
                name = f"camp of {found.graph.nodes[leader]['label']}"
                if name in found.leaders:  # two leaders of one name: the IRI tells them apart
                    name = f"{name} ({leader})"
                found.leaders[name] = leader
                found.camp.update((n, name) for n in members)
    return found
