"""dist/network.html in Debian's chromium driven by playwright, with every non-local request blocked:
nodes drawn, a node clicked and its details read, filters and search used, a screenshot saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import MINIMAL, MINIMAL_SLUG, ROOT, Built, project_from_fixture

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / ".test-artifacts"
MINISTRY = "https://w3id.org/rightsgraph/id/actor/synthetic-ministry"
OBSERVATORY = "https://w3id.org/rightsgraph/id/actor/synthetic-observatory"


@pytest.fixture(scope="module")
def page_path(built: Built) -> Path:
    return built.project.dist_dir / "network.html"


def test_network_page_works_offline(browser, page_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    outside: list[str] = []

    def only_local(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_path.as_uri())
    assert page.evaluate("window.cy.nodes().length") >= 8
    assert page.evaluate("window.cy.edges().length") >= 8
    x, y = page.evaluate("""(() => {
        const node = window.cy.nodes().filter(n => n.data('label') === 'Presidency of Iraq')[0];
        const at = node.renderedPosition(), box = document.getElementById('cy').getBoundingClientRect();
        return [at.x + box.left, at.y + box.top]; })()""")
    page.mouse.click(x, y)
    details = page.inner_text("#details")
    assert details.startswith("Presidency of Iraq")
    assert "issued a statement defending the executions" in details  # an evidence quote, verbatim
    page.select_option("#stance", "condemns")
    visible = page.evaluate("window.cy.edges().filter(e => e.style('display') !== 'none').length")
    assert 1 <= visible < page.evaluate("window.cy.edges().length")
    page.select_option("#stance", "")
    page.fill("#search", "Afad")
    assert page.inner_text("#details").startswith("Afad Observatory")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "network.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    assert outside == [] and errors == []


ODD = '</script><img src=x onerror="window.injected=1"> [/] [bold] & $\\frac{$ \x0c\x1b[31m'


@pytest.fixture(scope="module")
def odd_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The network page of the minimal project built in this process, its ministry named with HTML that would
    end the script or inject an element, markup, TeX and control characters (whatever input accepts)."""
    import pyoxigraph as ox

    from rightsgraph.build.pipeline import BuildResult, build_incremental, write_dist
    from rightsgraph.core.namespaces import RDFS
    from rightsgraph.core.project import Project

    project = Project.locate(project_from_fixture(tmp_path_factory.mktemp("odd"), MINIMAL, MINIMAL_SLUG))
    store = build_incremental(project, full=True).store
    label = ox.NamedNode(RDFS + "label")
    for quad in list(store.quads_for_pattern(ox.NamedNode(MINISTRY), label, None, None)):
        store.remove(quad)
        store.add(ox.Quad(quad.subject, label, ox.Literal(ODD, language="en"), quad.graph_name))
    write_dist(project, BuildResult(store), docs=False)
    return project.dist_dir / "network.html"


def test_network_page_shows_an_odd_name_as_text(browser, odd_page: Path) -> None:
    from rightsgraph.core.text import plain

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(odd_page.as_uri())
    assert page.evaluate("window.cy.nodes().map(n => n.data('label'))").count(plain(ODD)) == 1
    page.evaluate(f"showNode(window.cy.getElementById({MINISTRY!r}))")
    assert page.inner_text("#details").startswith(plain(ODD).replace("\n", " "))
    page.evaluate(f"showEdge(window.cy.getElementById({MINISTRY + ' -> ' + OBSERVATORY!r}))")
    assert plain(ODD) in page.inner_text("#details")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.injected") is None and errors == []
