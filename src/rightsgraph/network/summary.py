"""The stance network in words (`rightsgraph network summary`) and as JSON (`--json`): size, the most central
and most targeted actors, the camps within each issue, and the global split, labelled as such."""

from __future__ import annotations

import networkx as nx

from rightsgraph.network.issues import KINDS, MIN_SIGNED_TIES, UNALIGNED, IssueCamps
from rightsgraph.network.measures import Measures

EMPTY = "the stance network is empty: no statement in data/annotations/ takes a stance towards an actor"
GLOBAL = (
    "Global camps (one structural-balance split of the whole network, which aligns actors of unrelated "
    "issues: read the camps per issue above)"
)


def matches(found: IssueCamps, only: str | None) -> bool:
    return only is None or only.casefold() in found.issue.label.casefold()


def with_camps(m: Measures, only: str | None = None) -> list[list[IssueCamps]]:
    """The issues that have camps, most signed ties first; issues with the same camps (one event and its topic,
    say) grouped, the narrowest kind first; only the groups with a name that contains `only` (any case)."""
    groups: dict[tuple[tuple[str, tuple[str, ...]], ...], list[IssueCamps]] = {}
    for found in m.issues:
        if found.leaders:
            key = tuple((name, tuple(members)) for name, members in sorted(found.camps.items()))
            groups.setdefault(key, []).append(found)
    ordered = [sorted(g, key=lambda f: (KINDS.index(f.issue.kind), f.issue.label)) for g in groups.values()]
    ordered = [g for g in ordered if any(matches(f, only) for f in g)]
    return sorted(ordered, key=lambda g: (-g[0].signed_ties, KINDS.index(g[0].issue.kind), g[0].issue.label))


def summary(graph: nx.DiGraph, m: Measures, only: str | None = None) -> str:
    if graph.number_of_nodes() == 0:
        return f"Stance network: 0 actors, 0 ties ({EMPTY})."
    label = lambda n: graph.nodes[n]["label"]
    lines = [
        f"Stance network: {graph.number_of_nodes()} actors, {graph.number_of_edges()} directed ties "
        f"({sum(1 for *_, d in graph.edges(data=True) if d['sign'] < 0)} negative, "
        f"{sum(1 for *_, d in graph.edges(data=True) if d['sign'] > 0)} positive, "
        f"{sum(1 for *_, d in graph.edges(data=True) if d['sign'] == 0)} neutral)."
    ]
    top = sorted(m.pagerank, key=lambda n: (-m.pagerank[n], n))[:5]
    lines.append("Most central (PageRank): " + "; ".join(f"{label(n)} {m.pagerank[n]:.3f}" for n in top) + ".")
    targets = sorted(graph.nodes, key=lambda n: (-m.in_degree[n], n))[:3]
    lines.append("Most targeted: " + "; ".join(f"{label(n)} ({m.in_degree[n]} statements)" for n in targets) + ".")
    lines += _issue_lines(graph, m, only)
    camps: dict[str, list[str]] = {}
    for n, camp in m.camp.items():
        camps.setdefault(camp, []).append(label(n))
    lines.append(
        f"{GLOBAL}; {m.frustration} of the signed tie weight breaks balance across {m.signed_ties} signed ties:"
    )
    for camp in sorted(camps, key=lambda c: (c == UNALIGNED, c)):
        lines.append(f"  {camp}: " + ", ".join(sorted(camps[camp])))
    lines.append(f"Communities (Louvain): {len(set(m.community.values()))}.")
    return "\n".join(lines)


def without_issue(graph: nx.DiGraph, m: Measures) -> list[str]:
    """The statements of the stance network that no issue holds: they concern no event."""
    held = {s for found in m.issues for s in found.statements}
    return sorted({s for *_, d in graph.edges(data=True) for s in str(d["statements"]).split()} - held)


def _issue_lines(graph: nx.DiGraph, m: Measures, only: str | None) -> list[str]:
    groups = with_camps(m, only)
    matching = f"; shown: those with a name that contains '{only}'" if only is not None else ""
    lines = [
        f"Camps per issue (structural balance within each issue, on each connected part with at least "
        f"{MIN_SIGNED_TIES} signed ties; an issue is an event, a type of event in a country, or a country; "
        f"unaligned: in no such part, or as near one camp as the other): "
        f"{sum(len(g) for g in with_camps(m))} of {len(m.issues)} issues have camps{matching}."
    ]
    if only is None and (outside := len(without_issue(graph, m))):
        lines.append(
            f"({outside} statements that take a stance towards an actor concern no event, so no issue: they count "
            "in the global split only.)"
        )
    for group in groups:
        first = group[0]
        same = (
            "; the same camps: " + "; ".join(f"{f.issue.label} ({f.issue.kind})" for f in group[1:])
            if group[1:]
            else ""
        )
        lines.append(
            f"{first.issue.label} ({first.issue.kind}; {first.signed_ties} signed ties, frustration "
            f"{first.frustration}{same}):"
        )
        graph = first.graph
        for name, members in sorted(first.camps.items()):
            lines.append(f"  {name}: " + ", ".join(sorted(str(graph.nodes[a]["label"]) for a in members)))
        unaligned = sorted(str(graph.nodes[a]["label"]) for a, c in first.camp.items() if c == UNALIGNED)
        if unaligned:
            lines.append(f"  {UNALIGNED}: " + ", ".join(unaligned))
    return lines


def summary_json(graph: nx.DiGraph, m: Measures, only: str | None = None) -> dict[str, object]:
    """What summary says, as data: every issue with a stance network (with camps where it has them), and the
    global split (global_camp of each actor)."""
    issues = [f for f in m.issues if matches(f, only)]
    return {
        "actors": graph.number_of_nodes(),
        "ties": graph.number_of_edges(),
        "min_signed_ties": MIN_SIGNED_TIES,
        "statements_in_no_issue": without_issue(graph, m),
        "issues": [
            {
                "issue": f.issue.iri,
                "kind": f.issue.kind,
                "label": f.issue.label,
                "event": f.issue.event,
                "event_type": f.issue.event_type,
                "country": f.issue.country,
                "actors": f.graph.number_of_nodes(),
                "statements": len(f.statements),
                "signed_ties": f.signed_ties,
                "frustration": f.frustration if f.leaders else None,
                "camps": {name: {"leader": f.leaders[name], "actors": members} for name, members in f.camps.items()},
                "unaligned": sorted(a for a, c in f.camp.items() if c == UNALIGNED),
            }
            for f in sorted(issues, key=lambda f: (-f.signed_ties, KINDS.index(f.issue.kind), f.issue.label))
        ],
        "global_frustration": m.frustration,
        "nodes": {
            n: {
                "label": graph.nodes[n]["label"],
                "global_camp": m.camp[n],
                "community": m.community[n],
                "pagerank": round(m.pagerank[n], 6),
            }
            for n in sorted(graph.nodes)
        },
    }
