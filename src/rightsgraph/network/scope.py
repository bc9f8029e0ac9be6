"""What each statement concerns, where each event happened, and which of a statement's ties belong to an issue.

A statement concerns the events its stances target, the events of the claims it targets or makes, the events
of the outcomes it calls for, and those of the statements it targets or answers, each with every event it is
part of (queries/system/network-statement-events.rq). The country of an event is where it happened, else where
the event it is part of happened, else the jurisdiction of its perpetrator or authority
(queries/system/network-event-topics.rq). A statement can concern events in several countries (a global report
on the death penalty): its tie to an actor that takes part in some of those events (queries/system/
network-actor-events.rq) is about those events, and its tie to an actor that takes part in none of them is
about those in the actor's countries (its jurisdiction: queries/system/network-actor-places.rq), where there are
some; such a tie belongs to an issue only where one of the events it is about happened.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from rightsgraph.network.graph import system_rows
from rightsgraph.sparql.library import Library

Concern = tuple[str, str, str]  # a statement, an event it concerns, and the event it reaches (that one, or a part)


def statement_events(store: ox.Store, library: Library) -> list[Concern]:
    """The rows of queries/system/network-statement-events.rq."""
    return [
        (str(r["statement"]), str(r["event"]), str(r["direct"]))
        for r in system_rows(store, library, "network-statement-events")
    ]


@dataclass
class EventTopics:
    """Each event's label, types (with their labels) and countries by rank (1 its place, 2 its whole's, 3 its
    perpetrator's or authority's jurisdiction), as queries/system/network-event-topics.rq gives them."""

    labels: dict[str, str] = field(default_factory=dict)
    types: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    ranked: dict[str, dict[int, dict[str, str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))

    def countries(self, event: str) -> frozenset[str]:
        """Where the event happened: its countries of the lowest rank it has; none when it has none."""
        ranks = self.ranked.get(event)
        return frozenset(ranks[min(ranks)]) if ranks else frozenset()


def event_topics(store: ox.Store, library: Library) -> EventTopics:
    topics = EventTopics()
    for row in system_rows(store, library, "network-event-topics"):
        event = str(row["event"])
        topics.labels[event] = str(row["label"]) if row["label"] is not None else event
        if row["type"]:
            topics.types[event][str(row["type"])] = str(row["typeLabel"])
        if row["country"]:
            topics.ranked[event][int(str(row["rank"]))][str(row["country"])] = str(row["countryLabel"])
    return topics


@dataclass(frozen=True)
class Scope:
    """Which ties of a statement belong to an issue, by where the events they are about happened."""

    concerned: dict[str, frozenset[str]]  # statement -> the events it concerns (reached, and their wholes)
    takes_part: dict[str, frozenset[str]]  # actor -> the events it takes part in, in any role
    home: dict[str, frozenset[str]]  # actor -> the countries of its jurisdiction
    where: dict[str, frozenset[str]]  # event -> its countries

    def about(self, statement: str, target: str) -> list[frozenset[str]]:
        """The countries of each event a statement's tie to `target` is about: those of the statement's events the
        target takes part in, else those in the target's countries; none when neither."""
        events = self.concerned.get(statement, frozenset())
        theirs = events & self.takes_part.get(target, frozenset())
        if theirs:
            return [self.where.get(e, frozenset()) for e in sorted(theirs)]
        home = self.home.get(target, frozenset())
        return [places for places in (self.where.get(e, frozenset()) for e in sorted(events)) if places & home]

    def keeps(self, statement: str, target: str, countries: frozenset[str]) -> bool:
        """Whether a statement's tie to `target` belongs to an issue in `countries`: yes, unless the events it is
        about all have a known country, and none is one of those."""
        places = self.about(statement, target)
        if not places or not countries or not all(places):
            return True
        return any(found & countries for found in places)


def scope(store: ox.Store, library: Library, rows: list[Concern], topics: EventTopics) -> Scope:
    concerned: dict[str, set[str]] = defaultdict(set)
    for statement, event, direct in rows:
        concerned[statement] |= {event, direct}
    takes_part: dict[str, set[str]] = defaultdict(set)
    for row in system_rows(store, library, "network-actor-events"):
        takes_part[str(row["actor"])].add(str(row["event"]))
    home: dict[str, set[str]] = defaultdict(set)
    for row in system_rows(store, library, "network-actor-places"):
        home[str(row["actor"])].add(str(row["country"]))
    events = {e for found in (*concerned.values(), *takes_part.values()) for e in found}
    return Scope(
        {s: frozenset(e) for s, e in concerned.items()},
        {a: frozenset(e) for a, e in takes_part.items()},
        {a: frozenset(c) for a, c in home.items()},
        {e: topics.countries(e) for e in events},
    )
