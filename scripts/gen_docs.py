"""Regenerate the documentation derived from ontology/, shapes/ and queries/: docs/authoring-keys.md, the
generated blocks of docs/authoring.md (keys, classes, vocabularies) and the "Questions you can ask" table of
README.md.

Run: python scripts/gen_docs.py   (tests/test_derived_docs.py fails when any of them is stale)
"""

from pathlib import Path

from rightsgraph.core.project import Project
from rightsgraph.export.docgen import read_model, render_authoring_keys, render_questions, update_readme
from rightsgraph.export.guide import GUIDE, update_guide

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    project = Project.locate(ROOT)
    model = read_model(project)
    keys = ROOT / "docs" / "authoring-keys.md"
    keys.write_text(render_authoring_keys(project, model), encoding="utf-8")
    guide = ROOT / GUIDE
    guide.write_text(update_guide(guide.read_text(encoding="utf-8"), project, model), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(update_readme(readme.read_text(encoding="utf-8"), render_questions(project)), encoding="utf-8")
    print(f"wrote {keys}, the generated blocks of {guide} and the questions of {readme}")
