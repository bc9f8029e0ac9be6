"""Pages in chromium, shared by the browser tests: a page opened with every request refused but its own file
(and, where a test follows links, the files under one folder), and a screenshot kept as a test artifact."""

from __future__ import annotations

from pathlib import Path


def open_page(browser, path: Path, blocked: list[str], errors: list[str], allowed: Path | None = None, **context):
    """The page, every request but the page's own file (or files under `allowed`) refused (and recorded in
    `blocked`); script errors recorded in `errors`. `context` goes to the browser context (e.g. timezone_id)."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, **context).new_page()

    def only_the_page(route) -> None:
        url = route.request.url.split("#")[0]
        if url == path.as_uri() or (allowed is not None and url.startswith(allowed.as_uri() + "/")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_page)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    return page


def shot(page, folder: Path, name: str, full_page: bool = True) -> None:
    """A screenshot of the page as folder/name.png (a test artifact), which must not be blank."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    assert target.stat().st_size > 10_000
