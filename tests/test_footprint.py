"""sparql.footprint: a query that is not open reads only the triples whose predicate it names.

Every query of queries/ is asked of the seed dataset, then of the same dataset with every quad whose predicate the
query's footprint does not name removed, and with unrelated quads added: a query judged not open answers the same.
The shapes judged open are shown to need it: on Oxigraph their answers do change with such quads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsgraph.export.delta import Delta
from rightsgraph.sparql.footprint import Footprint, Footprints, footprint

from .conftest import ROOT, Built

SHAPES = Path(__file__).parent / "fixtures" / "footprint"  # open/, anchored/, dependent/: one query per file
UNRELATED = ox.NamedNode("https://w3id.org/rightsgraph/synthetic/unrelated")
NOISE_GRAPH = ox.NamedNode("https://w3id.org/rightsgraph/synthetic/graph/noise")
QUERIES = sorted(p for p in (ROOT / "queries").rglob("*.rq") if "checks" not in p.parts)


def answer(store: ox.Store, text: str) -> object:
    found = store.query(text, use_default_graph_as_union=True)
    if isinstance(found, ox.QueryBoolean):
        return bool(found)
    if isinstance(found, ox.QuerySolutions):
        return sorted(tuple(str(term) for term in row) for row in found)
    return sorted(str(triple) for triple in found)


def restricted(quads: frozenset, found: Footprint) -> ox.Store:
    """The quads that touch the footprint (sparql.footprint: Footprint.touched_by), and unrelated quads about the nodes
    of the others."""
    store = ox.Store()
    kept = [q for q in quads if found.touched_by([q])]
    store.extend(kept)
    dropped = [q for q in quads if not found.touched_by([q])][:500]
    noise = [ox.Quad(q.subject, UNRELATED, ox.Literal("noise"), NOISE_GRAPH) for q in dropped]
    noise += [
        ox.Quad(ox.NamedNode(f"https://w3id.org/rightsgraph/synthetic/node/{i}"), UNRELATED, q.subject, q.graph_name)
        for i, q in enumerate(dropped)
    ]
    store.extend(noise)
    return store


@pytest.fixture(scope="module")
def seed(built: Built) -> ox.Store:
    store = ox.Store()
    store.extend(built.quads)
    return store


@pytest.fixture(scope="module")
def library() -> dict[str, tuple[str, Footprint]]:
    """Every query of queries/ (but the ontology checks, which read the ontology only) with its footprint."""
    texts = {p.relative_to(ROOT / "queries").as_posix(): p.read_text(encoding="utf-8") for p in QUERIES}
    return {name: (text, footprint(text)) for name, text in texts.items()}


def test_every_query_that_is_not_open_answers_the_same_from_the_quads_its_footprint_names(
    built: Built, seed: ox.Store, library: dict[str, tuple[str, Footprint]]
) -> None:
    differ = [
        name
        for name, (text, found) in library.items()
        if not found.open and answer(restricted(built.quads, found), text) != answer(seed, text)
    ]
    assert differ == []


def test_most_of_the_library_and_every_query_the_networks_ask_are_not_open(
    library: dict[str, tuple[str, Footprint]],
) -> None:
    opened = {name for name, (_, found) in library.items() if found.open}
    assert len(opened) < len(library) // 4, opened
    network = {name for name in library if name.startswith("system/network-")}
    assert network and not network & opened
    asked = {"stance-network.rq", "actor-types.rq", "actor-event-participation.rq", "statement-responses.rq"}
    assert not asked & opened


def shapes(kind: str) -> list[Path]:
    return sorted((SHAPES / kind).glob("*.rq"))


@pytest.mark.parametrize("path", shapes("open"), ids=lambda p: p.stem)
def test_the_shapes_judged_open_do_change_with_quads_of_other_predicates(
    built: Built, seed: ox.Store, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    found = footprint(text)
    assert found.open
    assert answer(restricted(built.quads, Footprint(found.iris, False)), text) != answer(seed, text)


@pytest.mark.parametrize("path", shapes("anchored"), ids=lambda p: p.stem)
def test_a_zero_length_path_is_not_open_where_a_pattern_binds_one_end(built: Built, seed: ox.Store, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = footprint(text)
    assert not found.open
    assert answer(restricted(built.quads, found), text) == answer(seed, text)


@pytest.mark.parametrize("path", shapes("volatile"), ids=lambda p: p.stem)
def test_a_query_whose_answer_changes_from_one_asking_to_the_next_or_comes_from_elsewhere_is_open(path: Path) -> None:
    """NOW(), RAND(), UUID(), STRUUID(), BNODE() and SERVICE: no edit is needed to change the answer, so none kept
    (sparql.answers, export.view_reuse) may be taken again."""
    assert footprint(path.read_text(encoding="utf-8")).open


def test_a_text_rdflib_cannot_parse_is_open() -> None:
    assert footprint((SHAPES / "unparsable" / "undeclared-prefix.rq").read_text()).open


def test_a_quad_touches_a_footprint_by_its_predicate() -> None:
    named = Footprint(frozenset({"https://example.org/p"}), False)
    node = ox.NamedNode("https://example.org/n")
    quad = ox.Quad(node, ox.NamedNode("https://example.org/p"), node, NOISE_GRAPH)
    other = ox.Quad(node, ox.NamedNode("https://example.org/q"), node, NOISE_GRAPH)
    assert named.touched_by([quad]) and not named.touched_by([other]) and not named.touched_by([])
    assert Footprint(frozenset(), True).touched_by([])


def test_footprints_are_kept_by_the_digest_of_each_text(tmp_path: Path) -> None:
    path = tmp_path / "footprints.json"
    texts = [
        (SHAPES / kind / f"{name}.rq").read_text()
        for kind, name in (("anchored", "a-constant-end"), ("open", "variable-predicate"))
    ]
    union = Footprints(path, "one version").of(texts)
    assert union.open and "http://www.w3.org/2004/02/skos/core#broader" in union.iris
    kept = Footprints(path, "one version")
    kept.save()
    assert not path.exists()  # nothing added: nothing written
    first = Footprints(path, "one version")
    first.of(texts)
    first.save()
    path.write_text(path.read_text().replace('"open": true', '"open": false'))  # what the file says is what is used
    assert not Footprints(path, "one version").of(texts[1:]).open
    assert Footprints(path, "another version").of(texts[1:]).open  # read again by another version of the code


BASE = [("a1", "r", "b1"), ("y1", "q", "z1"), ("y1", "p", "w1")]
E = "http://e/"


def _term(text: str) -> ox.NamedNode | ox.Literal:
    return ox.Literal(text.strip('"')) if text.startswith('"') else ox.NamedNode(E + text)


@pytest.mark.parametrize("path", shapes("dependent"), ids=lambda p: p.stem)
def test_a_query_whose_answer_a_quad_changes_is_open_or_touched_by_it(path: Path) -> None:
    """Each query of dependent/ (found by review of the first version, which judged each not open) answers otherwise
    on Oxigraph once the quad of its `# added:` line (subject, predicate, object, graph if not g1) is added to BASE;
    so its footprint must be open or touched by that quad."""
    text = path.read_text(encoding="utf-8")
    added = re.search(r"^# added: (.*)$", text, re.MULTILINE)
    assert added is not None
    parts = added.group(1).split()
    graph = ox.NamedNode(E + (parts[3] if len(parts) > 3 else "g1"))
    quad = ox.Quad(ox.NamedNode(E + parts[0]), ox.NamedNode(E + parts[1]), _term(parts[2]), graph)
    store = ox.Store()
    store.extend(ox.Quad(*(ox.NamedNode(E + t) for t in triple), ox.NamedNode(E + "g1")) for triple in BASE)
    before = answer(store, text)
    store.add(quad)
    assert answer(store, text) != before  # the quad does change the answer on Oxigraph
    assert footprint(text).touched_by([quad])


IRIS = [f"https://w3id.org/rightsgraph/synthetic/{name}" for name in ("a", "b", "p", "q")]
TERMS = st.sampled_from([ox.NamedNode(i) for i in IRIS] + [ox.Literal(IRIS[0]), ox.Literal("plain")])
QUADS = st.builds(
    lambda s, p, o: ox.Quad(s, p, o, NOISE_GRAPH),
    st.sampled_from([ox.NamedNode(i) for i in IRIS]),
    st.sampled_from([ox.NamedNode(i) for i in IRIS]),
    TERMS,
)
FOOTPRINTS = st.builds(
    Footprint, st.frozensets(st.sampled_from(IRIS)), st.booleans(), st.frozensets(st.sampled_from(IRIS))
)


@given(st.lists(QUADS, max_size=5), FOOTPRINTS)
def test_the_delta_tells_what_touches_a_footprint_as_its_quads_one_by_one_do(quads: list, found: Footprint) -> None:
    """export.delta.Delta.touches gathers the predicates and ends of an edit's quads once (sparql.answers asks it of
    every query): it says what Footprint.touched_by says of the quads."""
    assert Delta({NOISE_GRAPH.value}, quads).touches(found) == found.touched_by(quads)
