"""`serve` answers from the dataset store and follows the builds (store.follow): after `rightsgraph build`, or a clean
`rightsgraph validate`, the running server answers from the new dataset, without a restart and without loading the
dump."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rightsgraph.core.project import Project

from .conftest import edit, project_from_corpus_fixture, run_cli
from .servers import free_port
from .test_identity import CORPUS
from .test_serve_page import start_serve

EDITED = "synthetic court clerk (edited)"
ASK_EDITED = 'ASK { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?name FILTER(CONTAINS(STR(?name), "(edited)")) }'


def ask(base: str, query: str) -> bool:
    url = f"{base}/query?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return bool(json.load(answer)["boolean"])


def wait_for(base: str, query: str, seconds: float) -> bool:
    """Whether the server answers true within `seconds` (a bound on the wait, not a measure)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ask(base, query):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.server
@pytest.mark.parametrize("command", ["build", "validate"])
def test_serve_answers_from_the_next_build_without_a_restart(tmp_path: Path, command: str) -> None:
    """A build, or a clean validate (build.validated_sync), brings the store level; serve follows either."""
    project: Project = project_from_corpus_fixture(tmp_path, CORPUS)
    assert run_cli("build", "--no-docs", root=project.root).returncode == 0
    port = free_port()
    process = start_serve(project.root, port)
    base = f"http://127.0.0.1:{port}"
    try:
        assert not ask(base, ASK_EDITED)
        assert not (project.root / ".rightsgraph" / "store").exists(), "serve copied the dump into a store of its own"
        article = project.data_dir / "annotations" / "synthetic-dispute.yaml"
        label = next(ln for ln in article.read_text(encoding="utf-8").splitlines() if ln.strip().startswith("label:"))
        edit(article, label, label.rstrip() + " (edited)")
        result = run_cli(command, *(["--no-docs"] if command == "build" else []), root=project.root)
        assert result.returncode == 0, result.stderr
        assert wait_for(base, ASK_EDITED, seconds=60), f"serve still answers from before the {command}"
        assert process.poll() is None
    finally:
        process.terminate()
        process.communicate(timeout=30)
