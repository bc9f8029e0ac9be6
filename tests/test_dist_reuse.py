"""A build takes from the dist/ it replaces what an edit left as it was (core.dist_reuse): the Turtle file of an
unchanged graph, its parts of the merged TriG and JSON-LD, a figure that draws the same network, the reading-view pages
the edit cannot have changed (export.reading_reuse). What it writes must be, byte for byte, what a build from empty
writes from the same data, whatever was edited; and a file of dist/ changed by hand is never taken."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.dist_reuse import record_path
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import Project
from rightsgraph.network import pipeline as network_pipeline
from rightsgraph.store.persistent import state_dir

from .conftest import edit, project_from_corpus_fixture, run_cli
from .test_cross_article_validation import extend_an_event_of_another_article
from .test_turtle_parts import parts_written

NETWORK_CORPUS = Path(__file__).parent / "fixtures" / "network-corpus"
CRACKDOWN = "synthetic-network-crackdown"
DCT_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
SPDX_CHECKSUM = ox.NamedNode("http://spdx.org/rdf/terms#checksum")
SPDX_VALUE = ox.NamedNode("http://spdx.org/rdf/terms#checksumValue")
EXECUTIONS = "synthetic-network-executions"


def build(project: Project, *extra: str) -> None:
    result = run_cli("build", "--no-docs", "-q", *extra, root=project.root)
    assert result.returncode == 0, result.stdout + result.stderr


def dist_bytes(project: Project) -> dict[str, bytes]:
    dist = project.dist_dir
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in sorted(dist.rglob("*")) if p.is_file()}


def inode(project: Project, name: str) -> int:
    return (project.dist_dir / name).stat().st_ino


@pytest.fixture
def corpus(tmp_path: Path) -> Project:
    project = project_from_corpus_fixture(tmp_path, NETWORK_CORPUS)
    build(project)
    return project


def change(project: Project, what: str) -> None:
    annotations = project.data_dir / "annotations"
    if what == "a headline":
        edit(annotations / f"{CRACKDOWN}.yaml", "headline: Synthetic crackdown", "headline: Synthetic crackdown (2)")
    elif what == "a stance":
        edit(
            annotations / f"{CRACKDOWN}.yaml",
            "{stance: accuses, target: [actor/synthetic-government]}",
            "{stance: supports, target: [actor/synthetic-government]}",
        )
    elif what == "an article removed":
        (annotations / f"{EXECUTIONS}.yaml").unlink()
        (project.data_dir / "sources" / f"{EXECUTIONS}.txt").unlink()
    elif what == "the register":
        edit(project.data_dir / "actors.yaml", "name: Synthetic Government\n", "name: Synthetic Government (renamed)\n")


@pytest.mark.parametrize("what", ["a headline", "a stance", "an article removed", "the register"])
def test_a_build_after_an_edit_writes_dist_as_a_build_from_empty(corpus: Project, what: str) -> None:
    change(corpus, what)
    build(corpus)
    after_edit = dist_bytes(corpus)
    build(corpus, "--full")
    assert dist_bytes(corpus) == after_edit


def test_an_edit_takes_what_it_left_unchanged_and_writes_the_rest(corpus: Project) -> None:
    before = dist_bytes(corpus)
    unchanged = (f"graphs/{EXECUTIONS}.ttl", "graphs/ontology.ttl", "network.png", f"articles/{EXECUTIONS}.html")
    kept = {name: inode(corpus, name) for name in unchanged}
    edited = inode(corpus, f"graphs/{CRACKDOWN}.ttl"), inode(corpus, f"articles/{CRACKDOWN}.html")
    change(corpus, "a headline")  # not drawn in the figure
    build(corpus)
    assert {name: inode(corpus, name) for name in kept} == kept  # the same files, linked
    now = inode(corpus, f"graphs/{CRACKDOWN}.ttl"), inode(corpus, f"articles/{CRACKDOWN}.html")
    assert now[0] != edited[0] and now[1] != edited[1]
    after = dist_bytes(corpus)
    assert b"Synthetic crackdown (2)" in after[f"graphs/{CRACKDOWN}.ttl"]
    for merged in ("rightsgraph.trig", "rightsgraph.jsonld"):
        assert b"Synthetic crackdown (2)" in after[merged] and b"Synthetic crackdown (2)" not in before[merged]
    record = json.loads(record_path(corpus).read_text(encoding="utf-8"))
    assert set(record["parts"]) == {"rightsgraph.nq", "rightsgraph.trig", "rightsgraph.jsonld", "rightsgraph.ttl"}


def test_the_network_files_are_taken_when_the_networks_are_the_same_and_written_when_not(corpus: Project) -> None:
    files = sorted(
        p.relative_to(corpus.dist_dir).as_posix()
        for p in (corpus.dist_dir / "network").iterdir()
        if p.name != "issue-camps.csv"  # written again each time (small)
    )
    stance = [f for f in files if f.startswith("network/stance")]
    assert len(stance) == 5 and len(files) > len(stance)  # GraphML, GEXF, JSON, two CSVs; and other networks
    before = {name: inode(corpus, name) for name in files}
    change(corpus, "a headline")  # no network shows it
    build(corpus)
    assert {name: inode(corpus, name) for name in files} == before  # the same files, linked
    change(corpus, "a stance")
    build(corpus)
    now = {name: inode(corpus, name) for name in files}
    assert all(now[name] != before[name] for name in stance)  # the stance network changed: written again
    assert b'"supports"' in (corpus.dist_dir / "network" / "stance.json").read_bytes()


def test_the_exports_of_networks_taken_are_linked_without_being_made_again_to_compare(
    corpus: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """network.export.analysed_files: when the build takes the networks of the dist/ in place (the same analysis id),
    their exports are linked as noted, without writing each network out again to compare digests; when the networks
    are projected again, they are made (and compared) as before."""
    from rightsgraph.build.pipeline import build_incremental, write_dist

    made: list[str] = []
    original = network_pipeline.write_network

    def counted(graph, out, stem, *args, **kwargs):
        made.append(stem)
        return original(graph, out, stem, *args, **kwargs)

    monkeypatch.setattr(network_pipeline, "write_network", counted)
    before = {p.name: p.stat().st_ino for p in (corpus.dist_dir / "network").iterdir() if p.name != "issue-camps.csv"}
    change(corpus, "a headline")
    write_dist(corpus, build_incremental(corpus), docs=False)
    assert made == []
    assert {name: inode(corpus, f"network/{name}") for name in before} == before
    change(corpus, "a stance")
    write_dist(corpus, build_incremental(corpus), docs=False)
    assert made == ["stance", "actor-event", "actor-cooccurrence", "responses"]
    assert inode(corpus, "network/stance.json") != before["stance.json"]
    assert inode(corpus, "network/actor-event.json") == before["actor-event.json"]  # made, compared, the same: linked
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_a_file_of_dist_changed_by_hand_is_written_again_not_taken(corpus: Project) -> None:
    graph_file = corpus.dist_dir / "graphs" / f"{EXECUTIONS}.ttl"
    trig = corpus.dist_dir / "rightsgraph.trig"
    for path in (graph_file, trig):  # the same size, so only the time tells
        data = path.read_bytes()
        path.write_bytes(data.replace(b"Synthetic", b"SYNTHETIC", 1))
    change(corpus, "a headline")
    build(corpus)
    after_edit = dist_bytes(corpus)
    assert b"SYNTHETIC" not in after_edit[f"graphs/{EXECUTIONS}.ttl"] + after_edit["rightsgraph.trig"]
    build(corpus, "--full")
    assert dist_bytes(corpus) == after_edit


def listed_sums_are_right(project: Project) -> None:
    """Every file of dist/ (but the list) is listed in SHA256SUMS with the SHA-256 of its bytes now, and VoID gives the
    same for each dump it describes."""
    files = dist_bytes(project)
    listed = dict(reversed(line.split("  ", 1)) for line in files.pop("SHA256SUMS").decode().splitlines())
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    void = ox.Store()
    void.load(files["void.ttl"], format=ox.RdfFormat.TURTLE)
    titles = {q.subject: q.object.value for q in void.quads_for_pattern(None, DCT_TITLE, None)}
    checksums = {q.subject: q.object for q in void.quads_for_pattern(None, SPDX_CHECKSUM, None)}
    values = {q.subject: q.object.value for q in void.quads_for_pattern(None, SPDX_VALUE, None)}
    pairs = {titles[d]: values[c] for d, c in checksums.items()}
    assert pairs and all(listed[name] == digest for name, digest in pairs.items())


def test_the_checksums_of_files_taken_from_the_dist_in_place_are_those_of_their_bytes(corpus: Project) -> None:
    """export.dumps.Sums: a file linked from the dist/ in place takes its SHA-256 from the SHA256SUMS there, unless
    it changed after that list was written (then it is read again); every sum is the file's."""
    change(corpus, "a headline")
    build(corpus)
    listed_sums_are_right(corpus)
    taken = corpus.dist_dir / "graphs" / f"{EXECUTIONS}.ttl"  # unchanged by the edit: linked by the next build
    taken.write_bytes(taken.read_bytes().replace(b"Synthetic", b"SYNTHETIC", 1))  # by hand, after the list
    edit(corpus.data_dir / "annotations" / f"{CRACKDOWN}.yaml", "Synthetic crackdown (2)", "Synthetic crackdown (3)")
    build(corpus)
    listed_sums_are_right(corpus)
    # the list changed by hand: a sum it gives for a file the next build links is not taken
    sums = corpus.dist_dir / "SHA256SUMS"
    name = f"graphs/{EXECUTIONS}.ttl"
    listed = dict(reversed(line.split("  ", 1)) for line in sums.read_text().splitlines())
    sums.write_text(sums.read_text().replace(listed[name], "0" * 64))
    edit(corpus.data_dir / "annotations" / f"{CRACKDOWN}.yaml", "Synthetic crackdown (3)", "Synthetic crackdown (4)")
    before = inode(corpus, name)
    build(corpus)
    assert inode(corpus, name) == before  # linked, and its sum read from its bytes
    listed_sums_are_right(corpus)


def test_a_record_written_under_other_code_or_queries_is_not_used(corpus: Project) -> None:
    record = json.loads(record_path(corpus).read_text(encoding="utf-8"))
    record["dist_key"] = "another"
    record_path(corpus).write_text(json.dumps(record), encoding="utf-8")
    kept = inode(corpus, f"graphs/{EXECUTIONS}.ttl")
    change(corpus, "a headline")
    build(corpus)
    assert inode(corpus, f"graphs/{EXECUTIONS}.ttl") != kept


def test_the_network_measures_are_read_back_when_the_networks_are_the_same_and_computed_when_not(
    corpus: Project,
) -> None:
    """network.measure_cache: an edit that leaves the networks as they were (a headline) reads the last measures back
    (the file is not written again); a stance computes them afresh; an unreadable file is computed again; and each
    build's dist/ is byte for byte a build from empty's, which never reads the file."""
    kept = state_dir(corpus) / "network-measures.pickle"
    written = kept.stat().st_mtime_ns
    measures = pickle.loads(kept.read_bytes())["measures"]
    assert measures.positions and set(measures.positions) == set(measures.pagerank)  # the layout is kept with them
    change(corpus, "a headline")
    build(corpus)
    assert kept.stat().st_mtime_ns == written  # read back (the page drawn from the kept layout: see below)
    change(corpus, "a stance")
    build(corpus)
    assert kept.stat().st_mtime_ns != written  # computed and kept
    assert dist_bytes(corpus) == written_fresh(corpus)
    kept.write_bytes(b"not a pickle")
    edit(corpus.data_dir / "annotations" / f"{CRACKDOWN}.yaml", "Synthetic crackdown (2)", "Synthetic crackdown (3)")
    build(corpus)
    assert kept.read_bytes() != b"not a pickle"  # computed again, and kept
    assert dist_bytes(corpus) == written_fresh(corpus)


def analysis_noted(project: Project) -> str:
    """The id of the networks that the record of dist/ says its measures come from (network.measure_cache)."""
    record = json.loads(record_path(project).read_text(encoding="utf-8"))
    return record["notes"]["rightsgraph.nq"]["analysis"]


def test_the_networks_are_taken_when_no_quad_their_queries_name_changed_and_projected_when_one_did(
    corpus: Project,
) -> None:
    """build.pipeline.kept_networks: a headline is no predicate the network queries name (sparql.footprint), so the
    networks of the dist/ in place are taken without asking them; a stance is, so they are projected again."""
    first = analysis_noted(corpus)
    footprints = json.loads((state_dir(corpus) / "query-footprints.json").read_text(encoding="utf-8"))["footprints"]
    # those of the queries the networks asked (test_footprint: none is open), and of those the views asked
    assert any(
        "https://w3id.org/rightsgraph/ontology#stance" in f["iris"] and not f["open"] for f in footprints.values()
    )
    change(corpus, "a headline")
    build(corpus)
    assert analysis_noted(corpus) == first
    change(corpus, "a stance")
    build(corpus)
    assert analysis_noted(corpus) != first
    assert b'"supports"' in (corpus.dist_dir / "network" / "stance.json").read_bytes()
    assert dist_bytes(corpus) == written_fresh(corpus)


def test_the_timeline_is_taken_when_the_edit_touches_no_quad_its_queries_name(corpus: Project) -> None:
    """export.view_reuse: the timeline is made from the answers of its queries only; a stance is in none of their
    footprints, so the page is linked from the dist/ in place; a headline is (each article is named by it)."""
    before = inode(corpus, "timeline.html")
    change(corpus, "a stance")
    build(corpus)
    assert inode(corpus, "timeline.html") == before
    change(corpus, "a headline")
    build(corpus)
    assert inode(corpus, "timeline.html") != before
    assert b"Synthetic crackdown (2)" in (corpus.dist_dir / "timeline.html").read_bytes()
    assert dist_bytes(corpus) == written_fresh(corpus)


def written_fresh(project: Project) -> dict[str, bytes]:
    """What a build from empty (which reads no kept measures) writes from the same data."""
    build(project, "--full")
    return dist_bytes(project)


def test_the_trig_assembled_graph_by_graph_is_oxigraphs_trig_of_the_whole_dataset(corpus: Project) -> None:
    change(corpus, "a stance")
    build(corpus)  # parts taken and parts written
    quads = ox.parse(path=str(corpus.dist_dir / "rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    whole = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=project_prefixes(corpus))
    assert whole == (corpus.dist_dir / "rightsgraph.trig").read_bytes()


def test_the_merged_turtle_after_an_edit_is_oxigraphs_turtle_of_every_triple(corpus: Project) -> None:
    """export.turtle_parts after an edit: the parts the edit left are taken, the rest written; the file is still what
    Oxigraph writes of the distinct triples of every graph, in order."""
    change(corpus, "a stance")
    build(corpus)
    record = json.loads(record_path(corpus).read_text(encoding="utf-8"))
    assert len(record["parts"]["rightsgraph.ttl"]) > 2  # the head and more than one part
    nq = (corpus.dist_dir / "rightsgraph.nq").read_bytes().splitlines()
    lines = sorted({line.rsplit(b" <", 1)[0] + b" ." for line in nq})
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    whole = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=project_prefixes(corpus))
    assert whole == (corpus.dist_dir / "rightsgraph.ttl").read_bytes()


@pytest.fixture
def cross(tmp_path: Path) -> Project:
    """The corpus of two articles that refer to the nodes of the minimal one, one of them extending its event."""
    project = extend_an_event_of_another_article(tmp_path)
    build(project)
    return project


@pytest.mark.parametrize("what", ["a claim another article rebuts", "a count another article adds to an event"])
def test_an_edit_in_one_article_writes_again_the_pages_of_the_others_that_show_it(cross: Project, what: str) -> None:
    annotations = cross.data_dir / "annotations"
    pages = {p.name: p.stat().st_ino for p in (cross.dist_dir / "articles").glob("synthetic-*.html")}
    if what == "a claim another article rebuts":  # the follow-up rebuts it: its page shows the claim's text
        edit(annotations / "synthetic-article.yaml", "text: At least 12 prisoners", "text: At least twelve prisoners")
        shown_on = "synthetic-follow-up.html"
    else:  # the dispute adds a count to the event of the minimal article, whose page shows the event's counts
        edit(annotations / "synthetic-dispute.yaml", "expression: eight prisoners", "expression: eight")
        shown_on = "synthetic-article.html"
    before = (cross.dist_dir / "articles" / shown_on).read_bytes()
    build(cross)
    after_edit = dist_bytes(cross)
    assert after_edit[f"articles/{shown_on}"] != before
    assert (cross.dist_dir / "articles" / shown_on).stat().st_ino != pages[shown_on]
    build(cross, "--full")
    assert dist_bytes(cross) == after_edit


def test_regression_a_project_with_its_own_node_namespace_wrote_every_page_again(tmp_path: Path) -> None:
    """The synthetic corpora of the benchmarks mint their nodes under their own @base: the reading view took every
    changed triple for one about something other than a node, and wrote all 931 pages again after a headline edit."""
    from .test_gen_corpus import gen_corpus

    gen_corpus.generate(3, 1, tmp_path)
    project = Project.locate(tmp_path)
    build(project)
    pages = {p.name: p.stat().st_ino for p in (project.dist_dir / "articles").glob("synthetic-article-*.html")}
    article = project.data_dir / "annotations" / "synthetic-article-00002.yaml"
    edit(article, 'headline: "Synthetic report 2:', 'headline: "Synthetic report 2 (edited):')
    build(project)
    after = {p.name: p.stat().st_ino for p in (project.dist_dir / "articles").glob("synthetic-article-*.html")}
    assert {name for name in pages if after[name] != pages[name]} == {"synthetic-article-00002.html"}
    after_edit = dist_bytes(project)
    build(project, "--full")
    assert dist_bytes(project) == after_edit


def test_an_edit_writes_again_only_the_parts_of_the_merged_turtle_it_touched(
    corpus: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """export.turtle_parts in the build: a headline edit writes the part holding its article's node, and takes the
    others from the dist/ in place (the subjects the delta names are those of the N-Triples lines)."""
    from rightsgraph.build.pipeline import build_incremental, write_dist

    record = json.loads(record_path(corpus).read_text(encoding="utf-8"))
    parts = len(record["parts"]["rightsgraph.ttl"]) - 1  # without the head
    made = parts_written(monkeypatch)
    change(corpus, "a headline")
    write_dist(corpus, build_incremental(corpus), docs=False)
    assert 0 < len(made) < parts and any(b"Synthetic crackdown (2)" in line for lines in made for line in lines)
    assert b"Synthetic crackdown (2)" in (corpus.dist_dir / "rightsgraph.ttl").read_bytes()
