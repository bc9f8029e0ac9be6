"""Derived files are regenerated from the sources of truth; a stale one fails the suite."""

from __future__ import annotations

import json

from pyld import jsonld

from rightsgraph.core.project import Project
from rightsgraph.export.docgen import render_authoring_keys, render_questions, update_readme


def test_authoring_keys_doc_is_fresh(project: Project) -> None:
    committed = (project.root / "docs" / "authoring-keys.md").read_text(encoding="utf-8")
    assert committed == render_authoring_keys(project), "run: python scripts/gen_docs.py"


def test_readme_questions_are_fresh(project: Project) -> None:
    readme = (project.root / "README.md").read_text(encoding="utf-8")
    assert readme == update_readme(readme, render_questions(project)), "run: python scripts/gen_docs.py"


def test_context_is_valid_json_ld_for_a_real_processor(project: Project) -> None:
    """pyLD (a JSON-LD 1.1 processor) must accept the authoring context and expand with it as we do."""
    context = json.loads((project.ontology_dir / "context.jsonld").read_text(encoding="utf-8"))
    document = {
        **context,
        "id": "statement/x",
        "type": "Statement",
        "stances": [{"id": "statement/x/stances/1", "stance": "condemns", "target": ["actor/z"]}],
        "speaker": "actor/y",
        "time": {
            "id": "statement/x/time",
            "expression": "last September",
            "edtf": "2024-09",
            "basis": "article-relative",
            "relative_to": "article/a",
        },
        "participants": [{"id": "statement/x/p", "actor": "actor/y", "role": "target"}],
    }
    expanded = jsonld.expand(document)
    node = expanded[0]
    assert node["@id"] == "https://w3id.org/rightsgraph/id/statement/x"
    assert node["@type"] == ["https://w3id.org/rightsgraph/ontology#Statement"]
    (stance,) = node["https://w3id.org/rightsgraph/ontology#qualifiedStance"]
    assert stance["https://w3id.org/rightsgraph/ontology#stance"] == [
        {"@id": "https://w3id.org/rightsgraph/vocab/stance/condemns"}
    ]
    assert stance["https://w3id.org/rightsgraph/ontology#target"] == [
        {"@id": "https://w3id.org/rightsgraph/id/actor/z"}
    ]
    assert node["https://w3id.org/rightsgraph/ontology#speaker"] == [{"@id": "https://w3id.org/rightsgraph/id/actor/y"}]
    role = node["https://w3id.org/rightsgraph/ontology#participation"][0]
    assert role["http://semanticweb.cs.vu.nl/2009/11/sem/roleType"] == [
        {"@id": "https://w3id.org/rightsgraph/vocab/role/target"}
    ]
    time = node["https://w3id.org/rightsgraph/ontology#time"][0]
    assert time["https://w3id.org/rightsgraph/ontology#timeExpression"] == [{"@value": "last September"}]
    assert time["https://w3id.org/rightsgraph/ontology#edtf"] == [
        {"@value": "2024-09", "@type": "http://id.loc.gov/datatypes/edtf/EDTF"}
    ]
    assert time["https://w3id.org/rightsgraph/ontology#timeBasis"] == [
        {"@id": "https://w3id.org/rightsgraph/vocab/time-basis/article-relative"}
    ]
    assert time["https://w3id.org/rightsgraph/ontology#relativeTo"] == [
        {"@id": "https://w3id.org/rightsgraph/id/article/a"}
    ]


def test_every_time_key_reads_a_time_span_the_same_way(project: Project) -> None:
    """JSON-LD has no way to share a scoped context, so `time`, `published`, `valid_time` and `horizon` each
    repeat the time span's keys in ontology/context.jsonld: they must stay identical."""
    terms = json.loads((project.ontology_dir / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    scoped = {key: terms[key]["@context"] for key in ("time", "published", "valid_time", "horizon")}
    assert all(context == scoped["time"] for context in scoped.values()), scoped
