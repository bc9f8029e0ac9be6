"""Views of the stance network a person looks at: one self-contained HTML page (Cytoscape.js inlined,
no request leaves the page; filters by stance, article, time and issue, camps per issue, and the network in
two periods side by side) and a static figure for papers (SVG and PNG, matplotlib).

Text from data is shown as it is: control characters as escapes (core.text.plain), HTML escaped by the
page, and the figure draws labels as plain text, never as TeX or mathtext (a "$" is a dollar sign)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import networkx as nx
import pyoxigraph as ox

from rightsgraph.core.text import plain, plain_values, script_json
from rightsgraph.network.graph import StatementTie
from rightsgraph.network.issues import KINDS, IssueCamps
from rightsgraph.network.measures import Measures
from rightsgraph.network.periods import StatementTime, median_date
from rightsgraph.sparql.answers import answer_records
from rightsgraph.sparql.library import Library, split_joined

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from rightsgraph.core.dist_reuse import Reuse

SEED = 42
PAGE = "network.html"  # the page of dist/ that draws the stance network


def layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """A deterministic spring layout (fixed seed, nodes in sorted order)."""
    ordered = nx.DiGraph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(graph.edges))
    positions = nx.spring_layout(ordered.to_undirected(), seed=SEED, k=1.2)
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


class StatementDetails(TypedDict):
    """What the page shows of a statement: its speaker, stances, evidence quotes and article."""

    speaker: object
    stances: list[object]
    quotes: list[object]
    article: object


def statement_details(store: ox.Store, library: Library) -> dict[str, StatementDetails]:
    details: dict[str, StatementDetails] = {}
    for row in answer_records(store, library.get("statement-evidence").text):
        entry = details.setdefault(
            str(row["statement"]), {"speaker": row["speaker"], "stances": [], "quotes": [], "article": row["article"]}
        )
        for stance in split_joined(row["stance"]):
            if stance not in entry["stances"]:
                entry["stances"].append(stance)
        if row["quote"] not in entry["quotes"]:
            entry["quotes"].append(row["quote"])
    return details


def page_data(
    graph: nx.DiGraph,
    m: Measures,
    details: dict[str, StatementDetails],
    article_labels: dict[str, str],
    ties: list[StatementTie] | None = None,
    times: dict[str, StatementTime] | None = None,
) -> dict[str, object]:
    """What the page shows: actors (with their global camp), ties (with each statement's sign, so that a filter
    can sum the signs of the statements it keeps), statements (with their time bounds), the issues (with
    their camps) and the median statement date that splits the corpus in two periods by default."""
    positions = m.positions or layout(graph)
    nodes = [
        {
            "id": n,
            "label": d["label"],
            "actor_type": d["actor_type"],
            "camp": m.camp[n],
            "pagerank": round(m.pagerank[n], 6),
            "community": m.community[n],
            "position": {"x": round(positions[n][0] * 420, 1), "y": round(-positions[n][1] * 320, 1)},
        }
        for n, d in sorted(graph.nodes(data=True))
    ]
    signs: dict[tuple[str, str], dict[str, int]] = {}
    for tie in ties or []:
        signs.setdefault((tie.source, tie.target), {})[tie.statement] = tie.sign
    edges = [
        {
            "id": f"{u} -> {v}",
            "source": u,
            "target": v,
            "stance": d["stance"],
            "stances": d["stances"],
            "sign": d["sign"],
            "weight": d["weight"],
            "hedged": d["hedged"],
            "sources": d["sources"],
            "statements": d["statements"].split(),
            "signs": signs.get((u, v)) or {s: d["sign"] for s in d["statements"].split()},
        }
        for u, v, d in sorted(graph.edges(data=True))
    ]
    used = sorted({s for e in edges for s in e["statements"]})
    blank: StatementDetails = {"speaker": "?", "stances": [], "quotes": [], "article": ""}
    when = times or {}
    statements = {s: {**details.get(s, blank), **_time(when.get(s))} for s in used}
    articles = sorted({str(statements[s]["article"]) for s in used if statements[s]["article"]})
    stances = sorted({st for e in edges for st in e["stances"].split(";")})
    known = [t for s in used if (t := when.get(s)) is not None]
    dates = sorted(d for t in known for d in (t.begin, t.end) if d)
    data: dict[str, object] = {
        "nodes": nodes,
        "edges": edges,
        "statements": statements,
        "stances": stances,
        "articles": [{"id": a, "label": article_labels.get(a, a)} for a in articles],
        "issues": page_issues(m),
        "split": median_date(known),
        "dates": [dates[0], dates[-1]] if dates else None,
    }
    return plain_values(data)


def _time(time: StatementTime | None) -> dict[str, object]:
    if time is None:
        return {"begin": None, "end": None, "dated": None}
    return {"begin": time.begin, "end": time.end, "dated": time.dated}


def page_issues(m: Measures) -> list[dict[str, object]]:
    """The issues for the page's issue filter, most signed ties first; issues made of the same statements (an
    event and its topic, say) are one entry, named by all of them, narrowest first."""
    merged: dict[tuple[str, ...], list[IssueCamps]] = {}
    for found in sorted(m.issues, key=lambda f: (KINDS.index(f.issue.kind), f.issue.label)):
        merged.setdefault(tuple(found.statements), []).append(found)
    entries = []
    for statements, group in merged.items():
        first = group[0]
        entries.append(
            {
                "id": first.issue.iri,
                "label": " / ".join(f.issue.label for f in group),
                "kinds": [f.issue.kind for f in group],
                "statements": list(statements),
                "signed_ties": first.signed_ties,
                "frustration": first.frustration if first.leaders else None,
                "camps": {a: c for a, c in sorted(first.camp.items())} if first.leaders else {},
            }
        )
    return sorted(entries, key=lambda e: (-int(str(e["signed_ties"])), str(e["label"])))


def write_html(data: dict[str, object], target: Path) -> Path:
    template = resources.files("rightsgraph.network").joinpath("templates/network.html").read_text(encoding="utf-8")
    library = resources.files("rightsgraph.network").joinpath("vendor/cytoscape.min.js").read_text(encoding="utf-8")
    payload = script_json(data)
    page = template.replace("/*__CYTOSCAPE__*/", library.replace("</script", "<\\/script"), 1)
    page = page.replace("/*__DATA__*/", payload, 1)
    target.write_text(page, encoding="utf-8")
    return target


# Beyond this many ties the figure draws them as straight lines without arrowheads (one LineCollection): hundreds of
# arrowheads are unreadable, and drawing each as a patch took seconds (2.2 s against 0.35 s for 307 ties). The
# browser view and the exports keep every tie's direction.
ARROWS_UP_TO = 250


def figure_key(graph: nx.DiGraph, m: Measures) -> str:
    """The digest of everything the figure draws: each node with its label, camp and PageRank, each tie with its sign
    and weight (the layout is computed from these alone, with a fixed seed)."""
    nodes = [[n, str(graph.nodes[n]["label"]), m.camp[n], repr(m.pagerank[n])] for n in sorted(graph.nodes)]
    edges = [[u, v, graph.edges[u, v]["sign"], repr(graph.edges[u, v]["weight"])] for u, v in sorted(graph.edges)]
    return hashlib.sha256(json.dumps([nodes, edges], ensure_ascii=False).encode()).hexdigest()


def write_figure(
    graph: nx.DiGraph,
    m: Measures,
    out: Path,
    stem: str = "network",
    reuse: Reuse | None = None,
    elsewhere: Callable[..., object] | None = None,
) -> list[Path]:
    """network.svg and network.png; taken from the dist/ in place when it drew the same (core.dist_reuse). With
    `elsewhere` (a submit function of another process: build.pipeline.in_a_process), they are drawn there, and are
    written when that process has run."""
    svg, png = out / f"{stem}.svg", out / f"{stem}.png"
    if reuse is not None:
        key = figure_key(graph, m)
        if all(reuse.can(p.name, key) for p in (svg, png)):
            for p in (svg, png):
                reuse.file(p.name, key, p)
            return [svg, png]
        for p in (svg, png):
            reuse.made(p.name, key)
    if elsewhere is not None:
        elsewhere(draw_figure, graph, m, svg, png)
    else:
        draw_figure(graph, m, svg, png)
    return [svg, png]


def draw_figure(graph: nx.DiGraph, m: Measures, svg: Path, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # every text of the figure is plain text, never TeX or mathtext, whatever a label holds
    with plt.rc_context({"text.usetex": False, "text.parse_math": False, "svg.hashsalt": "rightsgraph"}):
        fig = _draw(graph, m)
        try:
            fig.savefig(svg, format="svg", metadata={"Date": None})
            fig.savefig(png, format="png", metadata={"Software": None})
        finally:
            plt.close(fig)


def _draw(graph: nx.DiGraph, m: Measures) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    positions = m.positions or layout(graph)
    camps = sorted(set(m.camp.values()), key=lambda c: (c == "unaligned", c))
    palette = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00"]
    camp_colour = {c: ("#9e9e9e" if c == "unaligned" else palette[i % len(palette)]) for i, c in enumerate(camps)}
    sign_colour = {-1: "#c62828", 0: "#9e9e9e", 1: "#2e7d32"}
    fig, ax = plt.subplots(figsize=(11, 8), dpi=150)
    nodes = sorted(graph.nodes)
    arrows = graph.number_of_edges() <= ARROWS_UP_TO
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        edgelist=sorted(graph.edges),
        edge_color=[sign_colour[graph.edges[e]["sign"]] for e in sorted(graph.edges)],
        width=[1 + graph.edges[e]["weight"] for e in sorted(graph.edges)],
        arrows=arrows,
        **({"arrowsize": 14, "connectionstyle": "arc3,rad=0.08", "node_size": 900} if arrows else {}),
    )
    nx.draw_networkx_nodes(
        graph,
        positions,
        ax=ax,
        nodelist=nodes,
        node_color=[camp_colour[m.camp[n]] for n in nodes],
        node_size=[400 + 4000 * m.pagerank[n] for n in nodes],
        alpha=0.9,
    )
    for n in nodes:  # ax.text, not nx.draw_networkx_labels: each label is set plain, whatever the rc defaults
        x, y = positions[n]
        ax.text(
            x,
            y - 0.07,
            plain(str(graph.nodes[n]["label"])),
            fontsize=8,
            ha="center",
            va="top",
            clip_on=True,
            parse_math=False,
        )
    ax.margins(x=0.18, y=0.12)
    handles = [
        Line2D([0], [0], marker="o", linestyle="", color=camp_colour[c], label=plain(c), markersize=9) for c in camps
    ]
    handles += [
        Line2D([0], [0], color=sign_colour[s], label=label, linewidth=2)
        for s, label in ((-1, "negative stance"), (1, "positive stance"), (0, "neutral"))
    ]
    legend = ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    for text in legend.get_texts():
        text.set_parse_math(False)
    ax.set_title(
        "Stance network: who takes which stance towards whom (colour: global camp; size: PageRank)", fontsize=11
    )
    ax.axis("off")
    fig.tight_layout()
    return fig
