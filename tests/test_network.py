"""Actor networks: projections from the store, measures and camps, the derived RDF graph, exports that
reload, and the summary. The camps of the seed article are checked against what the article says."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import networkx as nx
import pytest

from rightsgraph.api import Dataset
from rightsgraph.core.project import Project
from rightsgraph.network.measures import EXACT_LIMIT, balance_partition

from .conftest import Built, run_cli

ID = "https://w3id.org/rightsgraph/id/actor/"
SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/id/actor/"


@pytest.fixture(scope="module")
def project(built: Built) -> Project:
    return built.project


def camps(project: Project) -> dict[str, str]:
    rows = Dataset(project).query("actor-measures")
    return {str(r["actor"])[len(ID) :]: str(r["camp"]) for r in rows}


def test_presidency_and_its_critics_stand_in_two_camps(project: Project) -> None:
    camp = camps(project)
    critics = [
        "afad-observatory",
        "alaa-al-rikabi",
        "association-of-muslim-scholars-in-iraq",
        "activists-against-executions-in-iraq",
        "stop-arbitrary-executions-in-iraq-campaign",
    ]
    assert camp["presidency-of-iraq"] != camp["afad-observatory"]
    assert {camp[c] for c in critics} == {camp["afad-observatory"]}
    assert camp["presidency-of-iraq"] == camp["government-of-iraq"]
    assert "unaligned" not in {camp[c] for c in critics}


def test_measures_are_in_a_derived_graph_that_sparql_reads(project: Project) -> None:
    rows = Dataset(project).query("actor-measures")
    ranks = [float(r["pageRank"]) for r in rows]
    assert rows and ranks == sorted(ranks, reverse=True)  # the most central actor ranks first
    assert ID + "government-of-iraq" in {r["actor"] for r in rows[:10]}  # the corpus's most discussed state
    assert abs(sum(float(r["pageRank"]) for r in rows) - 1.0) < 1e-3
    assert all(int(r["inDegree"]) >= 0 and int(r["community"]) >= 1 for r in rows)


def test_gephi_and_script_formats_reload(project: Project) -> None:
    folder = project.dist_dir / "network"
    graphml = nx.read_graphml(folder / "stance.graphml")
    gexf = nx.read_gexf(folder / "stance.gexf")
    linked = nx.node_link_graph(json.loads((folder / "stance.json").read_text(encoding="utf-8")), edges="links")
    for graph in (graphml, gexf, linked):
        assert graph.number_of_nodes() == linked.number_of_nodes() >= 8
        assert graph.number_of_edges() == linked.number_of_edges()
    presidency = graphml.nodes[ID + "presidency-of-iraq"]
    assert presidency["label"] == "Presidency of Iraq" and presidency["actor_type"] == "government body"
    assert isinstance(presidency["pagerank"], float) and presidency["camp"].startswith("camp of")
    signs = {graphml.edges[e]["sign"] for e in graphml.edges}
    assert signs <= {-1, 0, 1} and -1 in signs and 1 in signs
    assert {gexf.nodes[n]["label"] for n in gexf.nodes} == {graphml.nodes[n]["label"] for n in graphml.nodes}
    with open(folder / "stance-edges.csv", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == graphml.number_of_edges()
    two_mode = nx.read_graphml(folder / "actor-event.graphml")
    assert {d["kind"] for _, d in two_mode.nodes(data=True)} == {"actor", "event"}


@pytest.mark.slow  # runs the CLI as a subprocess
def test_summary_names_the_camps(project: Project) -> None:
    result = run_cli("network", "summary", root=project.root, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "Camps (structural balance" in result.stdout and "Presidency of Iraq" in result.stdout
    data = json.loads(run_cli("network", "summary", "--json", root=project.root).stdout)
    assert data["nodes"][ID + "presidency-of-iraq"]["camp"] != data["nodes"][ID + "afad-observatory"]["camp"]


@pytest.mark.slow  # runs the CLI as a subprocess
def test_export_writes_only_the_formats_asked(project: Project, tmp_path: Path) -> None:
    result = run_cli("network", "export", "--format", "gexf", "--out", str(tmp_path / "out"), root=project.root)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out" / "network").iterdir())
    assert written and all(name.endswith(".gexf") for name in written)
    bad = run_cli("network", "export", "--format", "pdf", root=project.root)
    assert bad.returncode == 2


def _synthetic_ties(camp_a: list[str], camp_b: list[str]) -> dict[tuple[str, str], int]:
    ties = {}
    for group in (camp_a, camp_b):
        for u, v in itertools.pairwise(group):
            ties[(min(u, v), max(u, v))] = 1
    for u, v in zip(camp_a, camp_b, strict=False):
        ties[(min(u, v), max(u, v))] = -2
    return ties


@pytest.mark.parametrize("size", [4, EXACT_LIMIT + 6])
def test_balance_finds_the_two_planted_camps(size: int) -> None:
    """Synthetic signed graphs with two planted camps, solved exactly (small) and by local search (large)."""
    camp_a = [f"{SYNTHETIC}a{i:02d}" for i in range(size)]
    camp_b = [f"{SYNTHETIC}b{i:02d}" for i in range(size)]
    side, frustration = balance_partition(_synthetic_ties(camp_a, camp_b))
    assert frustration == 0
    assert len({side[n] for n in camp_a}) == 1 and len({side[n] for n in camp_b}) == 1
    assert side[camp_a[0]] != side[camp_b[0]]


def test_frustration_counts_the_ties_that_break_balance() -> None:
    a, b, c = (SYNTHETIC + x for x in "abc")
    ties = {(a, b): -1, (b, c): -1, (a, c): -1}  # three mutual enemies: no partition is balanced
    _side, frustration = balance_partition(ties)
    assert frustration == 1
