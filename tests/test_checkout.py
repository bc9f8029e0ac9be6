"""The repository as others check it out: a Windows checkout (core.autocrlf=true) keeps every source text
byte-exact, so that the SHA-256 its annotation records still matches."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_regression_a_crlf_checkout_changed_the_source_texts_and_their_sha256(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of rightsgraph (remove the skip if tests run without one)")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "-c", "core.autocrlf=true", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        capture_output=True,
    )
    subprocess.run(["git", "-C", str(clone), "config", "core.autocrlf", "true"], check=True)
    # check every file out again under autocrlf (the clone's checkout used it already; this makes sure)
    for path in clone.rglob("*.txt"):
        path.unlink()
    subprocess.run(["git", "-C", str(clone), "checkout", "--", "."], check=True, capture_output=True)
    sources = sorted((clone / "data" / "sources").glob("*.txt"))
    assert sources
    for source in sources:
        annotation = clone / "data" / "annotations" / f"{source.stem}.yaml"
        recorded = re.search(r"sha256: [\"']?([0-9a-f]{64})", annotation.read_text(encoding="utf-8"))
        assert recorded, annotation
        assert hashlib.sha256(source.read_bytes()).hexdigest() == recorded.group(1), source.name
    fixture = clone / "tests" / "fixtures" / "model-v2" / "source.txt"
    assert b"\r\n" not in fixture.read_bytes()
