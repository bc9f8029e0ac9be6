"""dist/network.html in Debian's chromium driven by playwright, with every non-local request blocked:
nodes drawn, a node clicked and its details read, filters and search used, a screenshot saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT, Built

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / ".test-artifacts"


@pytest.fixture(scope="module")
def page_path(built: Built) -> Path:
    return built.project.dist_dir / "network.html"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: 'make test' installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed; 'make test' installs it (as root); remove when it is everywhere")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


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
