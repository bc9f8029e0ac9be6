"""Regenerate the documentation derived from ontology/ and queries/: docs/authoring-keys.md and the
"Questions you can ask" table of README.md.

Run: python scripts/gen_docs.py   (tests/test_derived_docs.py fails when either is stale)
"""

from pathlib import Path

from rightsgraph.core.project import Project
from rightsgraph.export.docgen import render_authoring_keys, render_questions, update_readme

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    target = ROOT / "docs" / "authoring-keys.md"
    project = Project.locate(ROOT)
    target.write_text(render_authoring_keys(project), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(update_readme(readme.read_text(encoding="utf-8"), render_questions(project)), encoding="utf-8")
    print(f"wrote {target} and the questions of {readme}")
