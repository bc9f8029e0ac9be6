"""Every targeted SHACL shape in shapes/ has conforming and violating fixtures, checked exactly.

Fixtures live in tests/fixtures/shapes/<ShapeLocalName>/ (the style of UCO's tests/examples and
pySHACL's dash tests). A `valid-*.ttl` file must produce no validation result at all. An
`invalid-*.ttl` file declares, in its leading comment lines, every result it must produce:

    # expect: <focus> | <result path, ^path for an inverse path, - for none> | <component>

e.g. `# expect: ex:claim | prov:wasAttributedTo | MinCountConstraintComponent`. The results must
match exactly, so a fixture proves that it fails for the reason intended and for no other.
Fixtures are validated exactly as the project validates a graph: `Validator.validate`, i.e. pySHACL
over the data with the ontology, the concept schemes and the subclass closure of its types mixed in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsgraph.core.rdf_files import parse_turtle

from .shape_fixtures import FILES, FIXTURES, TARGETS, actual_results, expected_results, show, validator


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_fixture_gives_exactly_the_expected_results(path: Path) -> None:
    expected = expected_results(path)
    if path.name.startswith("invalid-"):
        assert expected, f"{path.name} declares no '# expect:' line"
    else:
        assert path.name.startswith("valid-"), f"fixture names start with valid- or invalid-: {path.name}"
        assert not expected, f"{path.name} is valid and must not declare results"
    actual = actual_results(path)
    assert actual == expected, f"\nexpected:\n{show(expected)}\nactual:\n{show(actual)}"


def targeted_shapes() -> set[str]:
    return {str(s).rsplit("#", 1)[-1] for t in TARGETS for s in validator().shapes.subjects(t, None)}


@pytest.mark.parametrize("shape", sorted(targeted_shapes()))
def test_every_targeted_shape_has_valid_and_invalid_fixtures(shape: str) -> None:
    names = [p.name for p in (FIXTURES / shape).glob("*.ttl")]
    assert any(n.startswith("valid-") for n in names), f"no valid-*.ttl fixture for rgsh:{shape}"
    assert any(n.startswith("invalid-") for n in names), f"no invalid-*.ttl fixture for rgsh:{shape}"


def test_every_fixture_directory_names_a_targeted_shape() -> None:
    stale = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - targeted_shapes()
    assert not stale, f"fixture directories for shapes that do not exist or have no target: {sorted(stale)}"


def test_regression_a_rebuttal_about_an_event_was_reported_without_the_fix_annotators_needed() -> None:
    """Two annotators of new articles (2026-11-27) listed an event in the `about` of a rebuttal that answered what
    was said ("tried for financial crimes, not for their work"); the message told them only to change the event's
    status. It names the other fix too: take the event out of the claim's `about`."""
    path = FIXTURES / "DeniedEventNotFactShape" / "invalid-denied-event-as-fact.ttl"
    messages = {v.message for v in validator().validate(parse_turtle(path), "fixture")}
    assert messages and all("rebuttal" in m and "out of the claim's about" in m for m in messages), messages
