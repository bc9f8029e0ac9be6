"""Views of the stance network a person looks at: one self-contained HTML page (Cytoscape.js inlined,
no request leaves the page) and a static figure for papers (SVG and PNG, matplotlib)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TypedDict

import networkx as nx
import pyoxigraph as ox

from rightsgraph.network.measures import Measures
from rightsgraph.sparql.library import Library, run_embedded

SEED = 42


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
    result = run_embedded(store, library.get("statement-evidence").text)
    for row in result.records():
        entry = details.setdefault(
            str(row["statement"]), {"speaker": row["speaker"], "stances": [], "quotes": [], "article": row["article"]}
        )
        if row["stance"] and row["stance"] not in entry["stances"]:
            entry["stances"].append(row["stance"])
        if row["quote"] not in entry["quotes"]:
            entry["quotes"].append(row["quote"])
    return details


def page_data(
    graph: nx.DiGraph, m: Measures, details: dict[str, StatementDetails], article_labels: dict[str, str]
) -> dict[str, object]:
    positions = layout(graph)
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
        }
        for u, v, d in sorted(graph.edges(data=True))
    ]
    sign_of = {s: e["sign"] for e in edges for s in e["statements"]}
    used = sorted(sign_of)
    statements = {
        s: {**details.get(s, {"speaker": "?", "stances": [], "quotes": [], "article": ""}), "sign": int(sign_of[s])}
        for s in used
    }
    articles = sorted({str(statements[s]["article"]) for s in used if statements[s]["article"]})
    stances = sorted({st for e in edges for st in e["stances"].split(";")})
    return {
        "nodes": nodes,
        "edges": edges,
        "statements": statements,
        "stances": stances,
        "articles": [{"id": a, "label": article_labels.get(a, a)} for a in articles],
    }


def write_html(data: dict[str, object], target: Path) -> Path:
    template = resources.files("rightsgraph.network").joinpath("templates/network.html").read_text(encoding="utf-8")
    library = resources.files("rightsgraph.network").joinpath("vendor/cytoscape.min.js").read_text(encoding="utf-8")
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    page = template.replace("/*__CYTOSCAPE__*/", library.replace("</script", "<\\/script"), 1)
    page = page.replace("/*__DATA__*/", payload, 1)
    target.write_text(page, encoding="utf-8")
    return target


def write_figure(graph: nx.DiGraph, m: Measures, out: Path, stem: str = "network") -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    plt.rcParams["svg.hashsalt"] = "rightsgraph"
    positions = layout(graph)
    camps = sorted(set(m.camp.values()), key=lambda c: (c == "unaligned", c))
    palette = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00"]
    camp_colour = {c: ("#9e9e9e" if c == "unaligned" else palette[i % len(palette)]) for i, c in enumerate(camps)}
    sign_colour = {-1: "#c62828", 0: "#9e9e9e", 1: "#2e7d32"}
    fig, ax = plt.subplots(figsize=(11, 8), dpi=150)
    nodes = sorted(graph.nodes)
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        edgelist=sorted(graph.edges),
        edge_color=[sign_colour[graph.edges[e]["sign"]] for e in sorted(graph.edges)],
        width=[1 + graph.edges[e]["weight"] for e in sorted(graph.edges)],
        arrows=True,
        arrowsize=14,
        connectionstyle="arc3,rad=0.08",
        node_size=900,
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
    below = {n: (x, y - 0.07) for n, (x, y) in positions.items()}
    nx.draw_networkx_labels(
        graph, below, ax=ax, labels={n: graph.nodes[n]["label"] for n in nodes}, font_size=8, verticalalignment="top"
    )
    ax.margins(x=0.18, y=0.12)
    handles = [Line2D([0], [0], marker="o", linestyle="", color=camp_colour[c], label=c, markersize=9) for c in camps]
    handles += [
        Line2D([0], [0], color=sign_colour[s], label=label, linewidth=2)
        for s, label in ((-1, "negative stance"), (1, "positive stance"), (0, "neutral"))
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_title("Stance network: who takes which stance towards whom (node size: PageRank)", fontsize=11)
    ax.axis("off")
    fig.tight_layout()
    svg, png = out / f"{stem}.svg", out / f"{stem}.png"
    fig.savefig(svg, format="svg", metadata={"Date": None})
    fig.savefig(png, format="png", metadata={"Software": None})
    plt.close(fig)
    return [svg, png]
