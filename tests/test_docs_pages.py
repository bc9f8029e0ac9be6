"""The concept-scheme pages of dist/docs/ (issue 17, item 5): each lists every concept of its file, with its label,
notation, definition, codes (rg:cameoCode, rg:ploverCode, rg:huridocsCode, rg:sign) and broader and narrower
concepts, as text (HTML-escaped), and loads nothing.

The pages are written by `rightsgraph docs` (the function `rightsgraph build` calls for dist/docs/) and read in
Debian's chromium with every request but the page's own file refused; what they show is compared with the
Turtle of ontology/vocab/ parsed here by rdflib. Screenshots are saved in .test-artifacts/docs/."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from rightsgraph.core.project import Project
from rightsgraph.export.docs import write_docs

from .conftest import ROOT, run_cli
from .pages import open_page, shot

ARTIFACTS = ROOT / ".test-artifacts" / "docs"
RG = Namespace("https://w3id.org/rightsgraph/ontology#")
CODES = (RG.cameoCode, RG.ploverCode, RG.huridocsCode, RG.sign)
SCHEMES = sorted(p.stem for p in (ROOT / "ontology" / "vocab").glob("*.ttl"))
XSS = '<img src=x onerror="window.injected=1"></td></script><script>window.injected=2</script> & Co'


def concepts_of(path: Path) -> tuple[Graph, set[URIRef]]:
    graph = Graph().parse(path, format="turtle")
    return graph, {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def english(graph: Graph, subject: URIRef, prop: URIRef) -> str:
    values = [str(o) for o in graph.objects(subject, prop) if isinstance(o, Literal) and o.language in ("en", None)]
    assert len(values) == 1, (subject, prop, values)
    return values[0]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages `rightsgraph docs` writes for the real ontology."""
    out = tmp_path_factory.mktemp("docs")
    result = run_cli("docs", "--out", str(out), root=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def test_regression_concept_scheme_pages_listed_no_concepts(pages: Path) -> None:
    """Bug: pyLODE's VocPub profile wrote each scheme's metadata and an empty legend, and no concept. Now every
    concept of every file has an entry on its page, and nothing else has one."""
    for stem in SCHEMES:
        _, concepts = concepts_of(ROOT / "ontology" / "vocab" / f"{stem}.ttl")
        text = (pages / f"vocab-{stem}.html").read_text(encoding="utf-8")
        assert text.count('class="entity concept"') == len(concepts) > 0, stem
        for concept in concepts:
            assert f'data-iri="{concept}"' in text, (stem, concept)


# --- in chromium ---------------------------------------------------------------------------------------------


SHOWN = """(() => [...document.querySelectorAll('#concepts .concept')].map(e => ({
    iri: e.dataset.iri,
    anchor: e.id,
    label: e.querySelector('h3').firstChild.textContent.trim(),
    notation: e.querySelector('td.notation') ? e.querySelector('td.notation').textContent.trim() : null,
    definition: e.querySelector('td.definition').textContent.trim(),
    values: Object.fromEntries([...e.querySelectorAll('td.values')].map(td => [td.dataset.property,
        [...td.childNodes].filter(n => n.nodeType === 1).map(n => n.classList.contains('concept-link')
            ? document.querySelector(n.getAttribute('href')).dataset.iri : n.textContent)])),
})))()"""


@pytest.mark.browser
@pytest.mark.parametrize("stem", SCHEMES)
def test_each_scheme_page_lists_exactly_the_concepts_of_its_file(browser, pages: Path, stem: str) -> None:
    graph, concepts = concepts_of(ROOT / "ontology" / "vocab" / f"{stem}.ttl")
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, pages / f"vocab-{stem}.html", blocked, errors)
    try:
        shown = {entry["iri"]: entry for entry in page.evaluate(SHOWN)}
        assert set(shown) == {str(c) for c in concepts}
        assert len(page.evaluate("[...document.querySelectorAll('#concepts .concept')]")) == len(concepts)
        for concept in concepts:
            entry = shown[str(concept)]
            assert entry["label"] == english(graph, concept, SKOS.prefLabel)
            assert entry["definition"] == english(graph, concept, SKOS.definition)
            assert entry["notation"] == str(graph.value(concept, SKOS.notation))
            for code in CODES:
                assert sorted(entry["values"].get(str(code), [])) == sorted(
                    str(o) for o in graph.objects(concept, code)
                )
            broader = {str(o) for o in graph.objects(concept, SKOS.broader)}
            narrower = {str(s) for s in graph.subjects(SKOS.broader, concept)}
            assert set(entry["values"].get(str(SKOS.broader), [])) == broader
            assert set(entry["values"].get(str(SKOS.narrower), [])) == narrower
            toc = page.locator(f"#toc a[href='#{entry['anchor']}']")
            assert toc.count() == 1 and toc.inner_text() == entry["label"]
        assert page.locator("#legend").inner_text().strip() != "Legend"  # the legend names the concept mark
        shot(page, ARTIFACTS, f"vocab-{stem}")
    finally:
        page.close()
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_the_event_types_show_their_codes_and_hierarchy(browser, pages: Path) -> None:
    """What a researcher reads: an event type with its CAMEO, PLOVER and HURIDOCS codes and its place in the
    hierarchy, and the table of contents indenting narrower types under broader ones."""
    graph, concepts = concepts_of(ROOT / "ontology" / "vocab" / "event-type.ttl")
    coded = [c for c in concepts if all(graph.value(c, p) is not None for p in CODES[:3])]
    nested = [c for c in coded if graph.value(c, SKOS.broader) is not None]
    assert nested, "the event types have a coded type with a broader type"
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, pages / "vocab-event-type.html", blocked, errors)
    try:
        concept = sorted(nested)[0]
        entry = page.locator(f"[data-iri='{concept}']")
        entry.scroll_into_view_if_needed()
        text = entry.inner_text()
        for prop in CODES[:3]:
            assert str(graph.value(concept, prop)) in text
        assert english(graph, graph.value(concept, SKOS.broader), SKOS.prefLabel) in text
        assert int(entry.get_attribute("data-depth") or 0) >= 1
        page.goto(f"{(pages / 'vocab-event-type.html').as_uri()}#{entry.get_attribute('id')}")
        shot(page, ARTIFACTS, "vocab-event-type-entry", full_page=False)
    finally:
        page.close()
    assert blocked == [] and errors == []


@pytest.mark.browser
def test_labels_and_definitions_are_shown_as_text_never_as_html(browser, project_copy: Project, tmp_path: Path) -> None:
    path = project_copy.vocab_dir / "certainty.ttl"
    text = path.read_text(encoding="utf-8")
    markup = XSS.replace('"', '\\"')
    changed = text.replace('skos:prefLabel "certain"@en', f'skos:prefLabel "{markup}"@en', 1)
    changed = changed.replace('skos:altLabel "', f'skos:altLabel "{markup}"@en , "', 1)
    assert changed.count(markup) == 2
    path.write_text(changed, encoding="utf-8")
    write_docs(project_copy, tmp_path / "docs")
    blocked: list[str] = []
    errors: list[str] = []
    page = open_page(browser, tmp_path / "docs" / "vocab-certainty.html", blocked, errors)
    try:
        assert page.evaluate("window.injected") is None
        assert page.locator("#concepts h3", has_text="& Co").first.inner_text().startswith(XSS)
        assert XSS in page.locator("#concepts").inner_text()
    finally:
        page.close()
    assert blocked == [] and errors == []
