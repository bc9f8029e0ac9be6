"""scripts/gen_corpus.py: a synthetic corpus builds and validates clean, mints only synthetic IRIs, shares
its actors across articles, and the same seed gives the same bytes."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.project import GRAPH_NS, ONTOLOGY_GRAPH, Project

from .conftest import ROOT

pytestmark = pytest.mark.slow

SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/id/"
RG = "https://w3id.org/rightsgraph/ontology#"
SEED = 7


def _load_generator():
    """scripts/ is not a package: load gen_corpus.py by path."""
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", module)
    spec.loader.exec_module(module)
    return module


gen_corpus = _load_generator()


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    stats = gen_corpus.generate(5, SEED, root)
    assert stats["articles"] == 5 and stats["statements"] >= 25 and stats["claims"] > stats["statements"]
    return root


@pytest.fixture(scope="module")
def built(corpus: Path):
    project = Project.locate(corpus)
    return project, build_incremental(project, full=True)


def data_quads(store: ox.Store) -> list[ox.Quad]:
    return [q for q in store if q.graph_name.value != ONTOLOGY_GRAPH]


def test_corpus_builds_and_validates_clean(built) -> None:
    _project, result = built
    assert len([g for g in result.graphs if g.startswith(GRAPH_NS + "synthetic-article-")]) == 5
    assert result.violations == []


def test_every_minted_iri_is_synthetic(built) -> None:
    _, result = built
    allowed = (SYNTHETIC, RG, GRAPH_NS, "https://w3id.org/rightsgraph/vocab/")
    minted = set()
    for quad in data_quads(result.store):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith("https://w3id.org/rightsgraph/"):
                minted.add(term.value)
            elif isinstance(term, ox.NamedNode) and term.value.startswith("https://example.org/"):
                assert term.value.startswith(gen_corpus.SOURCE_URL)
    assert minted and all(iri.startswith(allowed) for iri in minted), sorted(
        i for i in minted if not i.startswith(allowed)
    )
    assert any(iri.startswith(SYNTHETIC + "statement/synthetic-") for iri in minted)
    data_dir = built[0].data_dir
    for path in [data_dir / "actors.yaml", *sorted((data_dir / "annotations").glob("*.yaml"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip("- ").startswith("id: "):
                assert line.split("id: ", 1)[1].split("/", 1)[1].startswith("synthetic-"), line


def test_statements_respond_and_actors_recur(built) -> None:
    _, result = built
    responses = list(result.store.quads_for_pattern(None, ox.NamedNode(RG + "respondsTo"), None))
    assert responses
    speaker_graphs: dict[str, set[str]] = {}
    for quad in result.store.quads_for_pattern(None, ox.NamedNode(RG + "speaker"), None):
        speaker_graphs.setdefault(quad.object.value, set()).add(quad.graph_name.value)
    assert all(s.startswith(SYNTHETIC + "actor/synthetic-") for s in speaker_graphs)
    shared = [s for s, graphs in speaker_graphs.items() if len(graphs) > 1]
    assert shared, "no speaker appears in more than one article"
    # Zipf-like skew: the busiest speaker makes several times the median speaker's statements.
    counts = Counter(q.object.value for q in result.store.quads_for_pattern(None, ox.NamedNode(RG + "speaker"), None))
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 3 * ranked[len(ranked) // 2]


def test_called_for_outcomes_and_forecasts_present(built) -> None:
    _, result = built
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for cls in ("CalledForOutcome", "Forecast", "Assessment", "Quantity", "DatingInference"):
        assert list(result.store.quads_for_pattern(None, rdf_type, ox.NamedNode(RG + cls))), cls


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path, corpus: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    gen_corpus.generate(5, SEED, again)
    gen_corpus.generate(5, SEED + 1, other)
    reference = {k: v for k, v in files_of(corpus).items() if not k.startswith((".rightsgraph", "dist/"))}
    assert files_of(again) == reference
    different = files_of(other)
    assert different.keys() == reference.keys()
    assert different != reference
    assert different["data/actors.yaml"] == reference["data/actors.yaml"]  # the register depends on sizes only


def test_context_base_is_synthetic(corpus: Path) -> None:
    context = (corpus / "ontology" / "context.jsonld").read_text(encoding="utf-8")
    assert f'"@base": "{SYNTHETIC}"' in context
    assert '"@base": "https://w3id.org/rightsgraph/id/"' not in context
