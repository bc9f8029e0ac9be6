"""Rewrite tests/golden/<query>.json from the seed dataset (embedded), for review by hand.

Run: python scripts/update_golden.py   then read `git diff tests/golden/` against the article before
committing: a golden file is an answer checked by a person, not a snapshot taken on trust.
"""

import json
from pathlib import Path

from rightsgraph.api import Dataset
from rightsgraph.build.pipeline import add_network, build_incremental
from rightsgraph.core.project import Project

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    project = Project.locate(ROOT)
    result = build_incremental(project, full=True, validate=False)  # the path of `rightsgraph build`
    add_network(project, result)  # the derived type closure and <graph/network>, as in dist/
    dataset = Dataset(project, store=result.store)
    out = ROOT / "tests" / "golden"
    out.mkdir(exist_ok=True)
    for name in dataset.library.queries:
        answer = json.loads(dataset.serialized(name, "json"))  # indented, so that a reviewer reads the diff
        (out / f"{name}.json").write_text(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(dataset.library.queries)} golden files to {out}")
