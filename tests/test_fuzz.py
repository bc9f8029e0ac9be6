"""Fuzzing the authoring format with hypothesis: valid and mutated annotation documents either build
(and validate) or fail with a UserError; never another exception, never a hang.

`make test` runs a few hundred examples; `make fuzz` runs RIGHTSGRAPH_FUZZ_EXAMPLES=10000.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import ONTOLOGY_GRAPH, Project
from rightsgraph.validate.shacl import validation_data
from rightsgraph.validate.validators import make_validator

from .conftest import ROOT

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
SLUG = "synthetic-article"
EXAMPLES = int(os.environ.get("RIGHTSGRAPH_FUZZ_EXAMPLES", "300"))
TEXT = (FIXTURE / "source.txt").read_text(encoding="utf-8")
BASE_DOC = yaml.safe_load(
    (FIXTURE / "annotation.yaml")
    .read_text(encoding="utf-8")
    .replace("SHA256", hashlib.sha256(TEXT.encode("utf-8")).hexdigest())
)


@cache
def project(root: str) -> Project:
    base = Path(root)
    for part in ("ontology", "shapes", "queries", "metadata"):
        shutil.copytree(ROOT / part, base / part)
    (base / "data" / "sources").mkdir(parents=True)
    (base / "data" / "annotations").mkdir()
    shutil.copy(FIXTURE / "actors.yaml", base / "data" / "actors.yaml")
    return Project.locate(base)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=30),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        [
            "actor/synthetic-ministry",
            "event/synthetic-executions",
            "condemns",
            "at-least",
            "article/synthetic-article",
            "rg:speaker",
            "",
            'x" || true) } } #',
            "2024-13-45",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def documents(draw) -> tuple[bytes, str]:
    """The minimal annotation, mutated at a few places (or not), as bytes; and the source text."""
    import copy

    doc = copy.deepcopy(BASE_DOC)
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(paths(doc)))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "rename"])) if where else "replace"
        if not where:
            doc = draw(values)
            break
        key = where[-1]
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(key)
    data = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")
    if draw(st.booleans()) and data:  # a text-level mutation: cut, insert or replace bytes
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 3)) :]
    text = TEXT if draw(st.integers(0, 9)) else draw(st.sampled_from(["", TEXT.replace("12", "13"), TEXT * 2]))
    return data, text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(documents())
def test_every_document_builds_or_fails_cleanly(tmp_path_factory, document: tuple[bytes, str]) -> None:
    data, text = document
    proj = project(str(tmp_path_factory.getbasetemp() / "fuzz-project"))
    (proj.data_dir / "annotations" / f"{SLUG}.yaml").write_bytes(data)
    (proj.data_dir / "sources" / f"{SLUG}.txt").write_text(text, encoding="utf-8")
    try:
        result = build_incremental(proj, full=True, validate=False)
    except UserError as error:
        assert str(error) and error.path is not None
        return
    validator = make_validator(
        proj, list(result.store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    )
    for graph in (g.value for g in result.store.named_graphs() if g.value != ONTOLOGY_GRAPH):
        quads, owned = validation_data(result.store, graph, validator.inverse_predicates)
        validator.validate(quads, graph, owned)  # violations are fine; an exception is not
