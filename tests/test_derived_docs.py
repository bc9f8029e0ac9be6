"""Derived files are regenerated from the sources of truth; a stale one fails the suite."""

from __future__ import annotations

import json

from pyld import jsonld

from rightsgraph.core.project import Project
from rightsgraph.export.docgen import render_authoring_keys, render_questions, update_readme
from rightsgraph.export.guide import update_guide


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


def test_authoring_guide_is_fresh(project: Project) -> None:
    guide = (project.root / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert guide == update_guide(guide, project), "run: python scripts/gen_docs.py"


def test_regression_authoring_keys_list_no_allowed_values(project: Project) -> None:
    """docs/authoring-keys.md said `concept of event-status` and `id of a node` without the values: it lists
    each concept (with its label where it says more), the classes of `type` and the class a reference needs."""
    rows = {row.split(" | ")[0].strip("| `"): row for row in render_authoring_keys(project).splitlines()}
    assert all(f"`{s}`" in rows["status"] for s in ("reported", "alleged", "contested", "denied", "confirmed"))
    assert "`calls-for`" in rows["stances.stance"] and "`at-least`" in rows["count.qualifier"]
    assert "`HumanRightsOrganization`" in rows["type"] and "`UnnamedSource`" in rows["type"]
    assert "id of a node: Actor" in rows["speaker"] and "id of a node: Place" in rows["place"]


def test_regression_concept_in_a_scoped_context_listed_as_a_key(project: Project) -> None:
    """The context names the role concept `target` inside the scoped context of `role` (so that `target` is read
    as the concept, not the key); authoring-keys.md listed it as a key `participants.role.target`."""
    assert "participants.role.target" not in render_authoring_keys(project)
