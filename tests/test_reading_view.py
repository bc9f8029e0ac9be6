"""The reading view (dist/articles/): one self-contained page per article and their index, written by the build.

Read in Debian's chromium through playwright with every request but the page's own file blocked: every
evidence span of the graph is highlighted with its exact quote, a click shows the nodes a span grounds, the
statements are listed by speaker, nested spans and draft nodes show as such, an actor named with HTML shows
as text. Screenshots are saved in .test-artifacts/reading-view/."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from rightsgraph.core.project import GRAPH_NS, ID_NS, Project
from rightsgraph.export.reading_model import Article, Node, Span
from rightsgraph.export.reading_page import render_article, sentences

from .conftest import MINIMAL, MINIMAL_SLUG, ROOT, Built, project_from_fixture
from .pages import open_page, shot

ARTIFACTS = ROOT / ".test-artifacts" / "reading-view"
SEED = "campaign-against-mass-executions-in-iraq"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DENOTED_BY = "http://groundedannotationframework.org/gaf#denotedBy"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SPEAKER = "https://w3id.org/rightsgraph/ontology#speaker"
IS_DRAFT = "https://w3id.org/rightsgraph/ontology#isDraft"
XSS = '<img src=x onerror="window.injected=1"></script><script>window.injected=2</script> & Co'


def evidence(quads, slug: str) -> dict[str, tuple[int, int, str, set[str]]]:
    """The graph's evidence spans in an article: span IRI -> (begin, end, quote, the nodes it grounds)."""
    values: dict[str, dict[str, str]] = defaultdict(dict)
    grounds: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        if q.predicate.value.startswith(NIF):
            values[q.subject.value][q.predicate.value[len(NIF) :]] = q.object.value
        elif q.predicate.value == DENOTED_BY:
            grounds[q.object.value].add(q.subject.value)
    article = ID_NS + "article/" + slug
    return {
        span: (int(v["beginIndex"]), int(v["endIndex"]), v["anchorOf"], grounds[span])
        for span, v in values.items()
        if v.get("referenceContext") == article and span in grounds
    }


def labels(quads) -> dict[str, str]:
    return {q.subject.value: q.object.value for q in quads if q.predicate.value == RDFS_LABEL}


# --- without a browser ---------------------------------------------------------------------------------------


def test_the_build_writes_a_reading_view_of_every_article(built: Built) -> None:
    folder = built.project.dist_dir / "articles"
    slugs = sorted(p.stem for p in (built.project.data_dir / "annotations").glob("*.yaml"))
    assert sorted(p.stem for p in folder.glob("*.html")) == sorted([*slugs, "index"])
    index = (folder / "index.html").read_text(encoding="utf-8")
    for slug in slugs:
        assert f'href="{slug}.html"' in index
    spans = len(evidence(built.quads, SEED))
    assert re.search(rf'data-slug="{SEED}"><td><a [^>]*>[^<]*</a></td><td>{spans}</td>', index)
    checksums = (built.project.dist_dir / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"articles/{SEED}.html" in checksums and "articles/index.html" in checksums


def test_the_reading_view_is_one_file_that_loads_nothing(built: Built) -> None:
    for page in (built.project.dist_dir / "articles").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|img|link|iframe|object|embed|source|video|audio)\b[^>]*\b(src|href)=", text)
        assert "@import" not in text and "url(" not in text


def test_unannotated_sentences_are_marked_and_nested_spans_cut_where_they_meet() -> None:
    text = "Ann said it rained. Nobody replied. Bob denied it all."
    outer, inner = Span("o", 36, 54, ("n:statement",)), Span("i", 40, 46, ("n:claim",))
    nodes = {
        "n:statement": Node("n:statement", "Bob's denial", kind="statement", rank=1),
        "n:claim": Node("n:claim", "It did not rain.", kind="claim", rank=4, draft=True),
    }
    article = Article("t", "a:t", "T", "en", text, [Span("f", 0, 8, ("n:statement",)), outer, inner])
    page, summary = render_article(article, nodes)
    assert sentences(text) == [(0, 19), (20, 35), (36, 54)]
    assert summary.unsupported == 1 and summary.sentences == 3 and summary.drafts == 1
    assert (
        '<span class="unsupported" title="no evidence: this sentence supports no node">Nobody replied.</span>' in page
    )
    assert 'class="seg k-statement d1 open close" data-spans="s0">Ann said</span> it rained.' in page
    assert 'class="seg k-claim d2 open close draft" data-spans="s1 s2">denied</span>' in page
    assert 'class="seg k-statement d1 open" data-spans="s1">Bob </span>' in page


# --- in chromium ---------------------------------------------------------------------------------------------


DOM_SPANS = """(() => {
    const found = {};
    for (const seg of document.querySelectorAll('#text .seg'))
        for (const id of seg.dataset.spans.split(' ')) found[id] = (found[id] || '') + seg.textContent;
    return found; })()"""


@pytest.mark.browser
def test_every_evidence_span_of_the_graph_is_highlighted_with_its_quote(browser, built: Built) -> None:
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, built.project.dist_dir / "articles" / f"{SEED}.html", blocked, errors)
    graph = evidence(built.quads, SEED)
    dom = page.evaluate(DOM_SPANS)
    data = page.evaluate("DATA.spans")
    assert len(dom) == len(graph) == len(data) == 103
    assert sorted(dom.values()) == sorted(quote for _, _, quote, _ in graph.values())
    by_offsets = {(b, e): nodes for b, e, _, nodes in graph.values()}
    for span_id, span in data.items():
        assert set(span["nodes"]) == by_offsets[(span["begin"], span["end"])], span_id
        assert dom[span_id] == span["quote"]
    # the text as a whole is there, unchanged, around the spans
    source = (built.project.data_dir / "sources" / f"{SEED}.txt").read_text(encoding="utf-8")
    assert page.evaluate("document.getElementById('text').textContent") == source
    unmarked = page.evaluate("[...document.querySelectorAll('.unsupported')].map(e => e.textContent)")
    assert unmarked == ["Campaign Against Mass Executions in Iraq", "Government's Response and Public Outcry"]
    shot(page, ARTIFACTS, "seed")
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_a_click_on_a_span_shows_the_nodes_it_grounds(browser, built: Built) -> None:
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, built.project.dist_dir / "articles" / f"{SEED}.html", blocked, errors)
    # "Alaa Al-Rikabi" lies inside "Iraqi parliament member Alaa Al-Rikabi" (a membership) inside a longer span
    target = page.locator("#text .seg", has_text=re.compile(r"^Alaa Al-Rikabi$")).first
    target.click()
    details = page.inner_text("#details")
    assert details.startswith("3 evidence spans here")
    first = page.locator("#details .node").first  # the innermost span's node first
    assert first.locator("h3 .label").inner_text() == "Alaa Al-Rikabi"
    assert first.locator("h3 .badge").inner_text() == "actor"
    assert first.locator("dd").first.inner_text() == "person"  # its type
    assert page.locator("#text .seg.selected").count() >= 3  # the clicked spans are marked in the text
    # a statement: its stances and speaker; a claim: its certainty; a link leads to the other node
    page.locator("#statements button", has_text="Afad Observatory report on the September executions").click()
    details = page.inner_text("#details")
    assert "criticises" in details and "speaker" in details and "Afad Observatory" in details
    page.locator("#details button[data-node]", has_text=re.compile("^Afad Observatory$")).first.click()
    assert page.locator("#details .node h3 .label").first.inner_text() == "Afad Observatory"
    page.locator("#text .seg", has_text="a troubling trend of rapid mass executions").first.click()
    assert "certainty" in page.inner_text("#details") and "certain" in page.inner_text("#details")
    shot(page, ARTIFACTS, "seed-clicked")
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_the_statements_are_listed_by_speaker(browser, built: Built) -> None:
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, built.project.dist_dir / "articles" / f"{SEED}.html", blocked, errors)
    names = labels(built.quads)
    speakers: dict[str, set[str]] = defaultdict(set)
    for q in built.quads:
        if q.predicate.value == SPEAKER and q.graph_name.value.endswith("/" + SEED):  # the seed's own statements
            speakers[names[q.object.value]].add(q.subject.value)
    listed = page.evaluate("""[...document.querySelectorAll('#statements .speaker')].map(g => [
        g.querySelector('h3').textContent, [...g.querySelectorAll('li')].map(li => li.dataset.node)])""")
    assert [name for name, _ in listed] == sorted(speakers)
    assert {name: set(statements) for name, statements in listed} == speakers
    stances = page.locator("#statements li", has_text="Presidency").first.inner_text()
    assert "accuses" in stances
    assert blocked == [] and errors == []


def minimal_dist(root: Path, change) -> Project:
    """The minimal project built in this process, the store changed by `change` before dist/ is written."""
    from rightsgraph.build.pipeline import BuildResult, build_incremental, write_dist

    project = Project.locate(project_from_fixture(root, MINIMAL, MINIMAL_SLUG))
    store = build_incremental(project, full=True).store
    change(store)
    write_dist(project, BuildResult(store), docs=False)
    return project


@pytest.mark.browser
def test_an_actor_named_with_html_shows_as_text(browser, tmp_path: Path) -> None:
    register = tmp_path / "project" / "data" / "actors.yaml"
    project = Project.locate(project_from_fixture(tmp_path / "project", MINIMAL, MINIMAL_SLUG))
    text = register.read_text(encoding="utf-8")
    assert text.count("name: Synthetic Observatory") == 1
    register.write_text(text.replace("name: Synthetic Observatory", f"name: '{XSS}'"), encoding="utf-8")
    from rightsgraph.build.pipeline import build_incremental, write_dist

    result = build_incremental(project, full=True)
    assert result.violations == []
    write_dist(project, result, docs=False)
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, project.dist_dir / "articles" / f"{MINIMAL_SLUG}.html", blocked, errors)
    assert page.locator("#statements .speaker h3", has_text="window.injected").inner_text() == XSS
    page.locator("#statements .speaker", has_text="window.injected").locator("button").click()
    speaker = page.locator("#details dt", has_text=re.compile("^speaker$")).locator("xpath=following-sibling::dd[1]")
    assert speaker.inner_text() == XSS
    assert page.evaluate("window.injected") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    shot(page, ARTIFACTS, "html-name")
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_draft_nodes_and_nested_spans_show_as_such(browser, tmp_path: Path) -> None:
    import pyoxigraph as ox

    claim = ox.NamedNode(ID_NS + "claim/synthetic-count")
    graph = ox.NamedNode(GRAPH_NS + MINIMAL_SLUG)
    project = minimal_dist(
        tmp_path / "project",
        lambda store: store.add(
            ox.Quad(
                claim,
                ox.NamedNode(IS_DRAFT),
                ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
                graph,
            )
        ),
    )
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, project.dist_dir / "articles" / f"{MINIMAL_SLUG}.html", blocked, errors)
    inner = page.locator("#text .seg", has_text=re.compile(r"^at least 12 prisoners$"))
    assert inner.count() == 1
    assert "draft" in inner.get_attribute("class").split() and len(inner.get_attribute("data-spans").split()) == 2
    inner.click()
    assert page.inner_text("#details").startswith("2 evidence spans here")
    first = page.locator("#details .node").first
    assert "is-draft" in first.get_attribute("class").split() and "draft" in first.locator(".badge").all_inner_texts()
    index = (project.dist_dir / "articles" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td>1</td><td>0 of 2</td></tr>", index)  # one draft node; every sentence has evidence
    shot(page, ARTIFACTS, "draft")
    assert blocked == [] and errors == []


def test_a_target_whose_stance_a_draft_left_to_choose_is_listed_with_it(tmp_path: Path) -> None:
    import pyoxigraph as ox

    stance = ox.NamedNode("https://w3id.org/rightsgraph/ontology#stance")
    qualified = ox.NamedNode("https://w3id.org/rightsgraph/ontology#qualifiedStance")

    def leave_one_stance(store: ox.Store) -> None:
        statement, link = next((q.subject, q.object) for q in store.quads_for_pattern(None, qualified, None))
        for q in list(store.quads_for_pattern(link, stance, None)):
            store.remove(q)
        graph = next(store.quads_for_pattern(statement, None, None)).graph_name
        boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
        store.add(ox.Quad(statement, ox.NamedNode(IS_DRAFT), ox.Literal("true", datatype=boolean), graph))

    project = minimal_dist(tmp_path / "project", leave_one_stance)
    page = (project.dist_dir / "articles" / f"{MINIMAL_SLUG}.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="choose">stance to choose</span> \u2192 [^<]+', page)


def test_regression_links_to_the_nodes_of_a_project_with_its_own_namespace_were_lost(tmp_path: Path) -> None:
    """reading-links took a node for one only under the default namespace, and an IRI outside rightsgraph for an
    external link: a project minting its IRIs under its own @base lost every link between its nodes, or saw them as
    external links. Built from the same article under both namespaces, every node has the same links (IRIs compared
    without their namespace), and a synthetic item outside both stays an external link."""
    import pyoxigraph as ox

    from rightsgraph.build.pipeline import build_incremental
    from rightsgraph.export.reading import _nodes

    own = "https://synthetic.example/own-namespace/id/"
    elsewhere = "https://synthetic.example/elsewhere/item"
    same_as = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")

    def links(root: Path, base: str) -> dict[str, list[tuple[str, str, str, str]]]:
        project = Project.locate(project_from_fixture(root, MINIMAL, MINIMAL_SLUG))
        context = project.ontology_dir / "context.jsonld"
        context.write_text(context.read_text(encoding="utf-8").replace(ID_NS, base), encoding="utf-8")
        result = build_incremental(project, full=True)
        assert result.violations == []
        grounded = next(result.store.quads_for_pattern(ox.NamedNode(base + "claim/synthetic-count"), None, None))
        result.store.add(ox.Quad(grounded.subject, same_as, ox.NamedNode(elsewhere), grounded.graph_name))
        return {
            iri.removeprefix(base): [
                (link["relation"], link["property"], link["other"].removeprefix(base), link["label"])
                for link in node.links
            ]
            for iri, node in _nodes(project, result.store).items()
        }

    default, moved = links(tmp_path / "default", ID_NS), links(tmp_path / "own", own)
    assert moved == default
    relations = [link[0] for node in default.values() for link in node]
    assert relations.count("node") >= 3 and relations.count("external") == 1
    assert [link for node in moved.values() for link in node if link[0] == "external"] == [
        ("external", "sameAs", elsewhere, elsewhere)
    ]
