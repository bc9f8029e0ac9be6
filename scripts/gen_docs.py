"""Regenerate the documentation derived from ontology/ (docs/authoring-keys.md).

Run: python scripts/gen_docs.py   (tests/test_derived_docs.py fails when the committed file is stale)
"""

from pathlib import Path

from rightsgraph.docgen import render_authoring_keys
from rightsgraph.project import Project

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    target = ROOT / "docs" / "authoring-keys.md"
    target.write_text(render_authoring_keys(Project.locate(ROOT)), encoding="utf-8")
    print(f"wrote {target}")
