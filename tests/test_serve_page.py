"""`rightsgraph serve`'s query page and its address (issue 17, items 5 and 7).

The page at `/` is rightsgraph's own: one file that loads nothing from the network (Oxigraph's YASGUI page
fetched prefix.cc), the project's prefixes declared in its query box, the library's questions as examples that
run against the server's `/query` on the same origin. It is read in Debian's chromium against a real
`rightsgraph serve` on 127.0.0.1, with every request outside the server refused and recorded; each example's
rows are compared with the same question on the embedded store. Screenshots: .test-artifacts/serve/.

A port in use is a one-line error naming the address and the fix (exit 1), and stopping `serve`, even with
SIGKILL, stops the Oxigraph server behind it."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsgraph.api import Dataset
from rightsgraph.cli import server_cmd
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, bind, bound_text

from .conftest import ROOT, Built, run_cli
from .servers import free_port, wait_until_up

ARTIFACTS = ROOT / ".test-artifacts" / "serve"
MARKUP = '<img src=x onerror="window.injected=1"></td><script>window.injected=2</script> & Co'


def start_serve(root: Path, port: int, *options: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [*run_cli.command_prefix(), "serve", *options, "--root", str(root), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, seconds=120)
    return process


@pytest.fixture(scope="module", params=["on-disk", "memory"])
def served(built: Built, request: pytest.FixtureRequest) -> Iterator[str]:
    """`rightsgraph serve` of the built seed on a free loopback port, Oxigraph on the dataset store or the
    in-memory store of `serve --memory` (store.memory_front): the page works the same on both; its base URL."""
    port = free_port()
    process = start_serve(built.project.root, port, *(["--memory"] if request.param == "memory" else []))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.communicate(timeout=30)


def examples(project: Project) -> dict[str, str]:
    """Each library question as the page should offer it: its parameters bound to their defaults."""
    return {name: bound_text(q, bind(q, {})) for name, q in Library(project).queries.items()}


# --- without a browser ---------------------------------------------------------------------------------------


@pytest.mark.server
def test_the_page_is_rightsgraphs_own_and_names_no_other_host(served: str) -> None:
    with urllib.request.urlopen(f"{served}/", timeout=10) as response:
        page = response.read().decode("utf-8")
        policy = response.headers["Content-Security-Policy"]
    assert "<title>rightsgraph: SPARQL query</title>" in page
    assert "prefix.cc" not in page and "yasgui" not in page.lower()
    assert "http://" not in page.split("<script", 1)[0] and "https://" not in page.split("<script", 1)[0]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy


@pytest.mark.server
def test_the_endpoint_behind_the_page_streams_answers_and_refuses_updates(served: str, built: Built) -> None:
    remote = Dataset(built.project, endpoint=f"{served}/query").result("articles")
    assert remote.rows == Dataset(built.project).result("articles").rows
    update = urllib.request.Request(
        f"{served}/update",
        method="POST",
        data=b"INSERT DATA { <urn:x> <urn:y> <urn:z> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert refused.value.code in (403, 404, 405)


def test_serve_on_a_busy_port_is_one_line_naming_the_address_and_the_fix(minimal: Project) -> None:
    """A port in use (listening or only bound, IPv4 or IPv6) is one line naming the address and a --bind to
    try instead, exit 1, with no backtrace."""
    cases = [(socket.AF_INET, "127.0.0.1", True), (socket.AF_INET, "127.0.0.1", False)]
    if socket.has_ipv6:
        cases.append((socket.AF_INET6, "::1", True))
    for family, host, listening in cases:
        with socket.socket(family) as taken:
            try:
                taken.bind((host, 0))
            except OSError:  # no IPv6 loopback here
                continue
            if listening:
                taken.listen()
            port = taken.getsockname()[1]
            address = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
            result = run_cli("serve", "--bind", address, root=minimal.root, timeout=60)
        assert result.returncode == 1, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert f"cannot listen on {address}: Address already in use" in lines[0]
        other = f"[{host}]:{port + 1}" if family == socket.AF_INET6 else f"{host}:{port + 1}"
        assert f"choose another port with --bind, such as --bind {other}" in lines[0]
        assert "backtrace" not in result.stderr.lower() and "Traceback" not in result.stderr


class Loaded(Exception):
    """Raised where serve would load its store: the test has seen what it came for."""


def test_regression_a_port_taken_while_the_store_loaded_went_to_oxigraph(
    minimal: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: `serve` tried the address, let it go, loaded the store, then handed the address to Oxigraph: a
    program that took the port meanwhile made Oxigraph fail after rightsgraph had handed over (its error, not
    rightsgraph's). Now serve listens on the address from the start: while the store loads, no other program
    can take the port; once serve ends, the port is free."""
    port = free_port()
    seen: dict[str, object] = {}

    def loading(project: Project, location: Path | None = None) -> Path:
        with socket.socket() as other:  # another program, trying the port while serve loads its store
            try:
                other.bind(("127.0.0.1", port))
                seen["taken"] = True
            except OSError as exc:
                seen.update(taken=False, errno=exc.errno)
        raise Loaded

    monkeypatch.setattr("rightsgraph.store.server.prepare_store", loading)  # serve imports it when it runs
    with pytest.raises(Loaded):
        server_cmd.serve(root=minimal.root, bind=f"127.0.0.1:{port}", timeout=30, cors=False)
    assert seen == {"taken": False, "errno": errno.EADDRINUSE}
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def gone(pid: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie of another parent is gone too
            if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
                return True
        except (OSError, IndexError):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.server
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from Linux's /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_stopping_serve_stops_the_oxigraph_server_behind_it(built: Built, stop: signal.Signals) -> None:
    port = free_port()
    process = start_serve(built.project.root, port)
    try:
        oxigraph = [pid for pid in children_of(process.pid) if "oxigraph" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(oxigraph) == 1
        process.send_signal(stop)
        process.communicate(timeout=30)
        assert gone(oxigraph[0]), "the Oxigraph server outlived rightsgraph serve"
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)


# --- in chromium ---------------------------------------------------------------------------------------------


def open_page(browser, base: str, outside: list[str], errors: list[str]):
    """The query page, every request that leaves the server refused (and recorded)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})

    def only_the_server(route) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/")
    return page


def run_query(page) -> str:
    page.click("#run")
    page.wait_for_selector("#status[data-state=done], #status[data-state=error]", timeout=60_000)
    return page.locator("#status").inner_text()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000


@pytest.mark.server
@pytest.mark.browser
def test_regression_the_query_page_fetched_prefix_cc(browser, served: str) -> None:
    """Bug: `/` was Oxigraph's YASGUI page, which fetched prefix.cc: offline, it waited on the network. Now
    the page loads and runs a query with no request outside the server."""
    outside: list[str] = []
    errors: list[str] = []
    page = open_page(browser, served, outside, errors)
    try:
        page.wait_for_load_state("networkidle")
        assert outside == []  # Oxigraph's page: ['http://prefix.cc/popular/all.file.json']
        assert run_query(page).endswith("rows")
        assert page.locator("#results tbody tr").count() > 0
    finally:
        page.close()
    assert outside == [] and errors == []


@pytest.mark.server
@pytest.mark.browser
def test_the_query_page_knows_the_prefixes_and_runs_every_example(browser, served: str, built: Built) -> None:
    project = built.project
    offered = examples(project)
    outside: list[str] = []
    errors: list[str] = []
    page = open_page(browser, served, outside, errors)
    try:
        start = page.input_value("#query")
        for name, iri in project_prefixes(project).items():
            assert f"PREFIX {name}: <{iri}>" in start
        assert run_query(page) == f"{len({q.graph_name for q in built.quads})} rows"  # triples per named graph
        shot(page, "start")
        options = page.eval_on_selector_all("#examples option", "options => options.map(o => o.value)")
        assert sorted(o for o in options if o) == sorted(offered)
        embedded = Dataset(project)
        for name, text in sorted(offered.items()):
            page.select_option("#examples", name)
            assert page.input_value("#query") == text
            expected = embedded.result(name)
            status = run_query(page)
            if expected.triples is not None:
                assert page.locator("#graph").count() == 1, (name, status)
                continue
            assert status == f"{len(expected.rows)} row{'' if len(expected.rows) == 1 else 's'}", (name, status)
            assert page.locator("#results tbody tr").count() == len(expected.rows), name
            header = page.eval_on_selector_all("#results thead th", "cells => cells.map(c => c.textContent)")
            assert header == expected.columns, name
            if name == "counts":
                shot(page, "example-counts")
        page.select_option("#examples", "actor-profile")
        run_query(page)
        shot(page, "example-actor-profile")
    finally:
        page.close()
    assert outside == [] and errors == []


@pytest.mark.server
@pytest.mark.browser
def test_answers_and_errors_are_shown_as_text(browser, served: str) -> None:
    outside: list[str] = []
    errors: list[str] = []
    page = open_page(browser, served, outside, errors)
    try:
        literal = MARKUP.replace("\\", "\\\\").replace('"', '\\"')
        page.fill("#query", f'SELECT ?x WHERE {{ BIND ("{literal}" AS ?x) }}')
        assert run_query(page) == "1 row"
        assert page.locator("#results tbody td").first.inner_text() == MARKUP
        assert page.evaluate("window.injected") is None
        page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
        status = run_query(page)
        assert status.startswith("HTTP 400") and page.locator("#status.error").count() == 1
        shot(page, "syntax-error")
    finally:
        page.close()
    assert outside == [] and errors == []
