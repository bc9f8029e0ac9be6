"""Authoring format: a minimal synthetic article builds and validates, and the regressions found in the
converter, each named after what broke. Authoring mistakes and their messages are cases of the bad-input
catalogue (tests/bad_inputs/, run by test_bad_inputs.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project

from .conftest import MINIMAL_SLUG as SLUG
from .conftest import edit


def annotation(project: Project) -> Path:
    return project.data_dir / "annotations" / f"{SLUG}.yaml"


def error_of(project: Project) -> UserError:
    with pytest.raises(UserError) as caught:
        build_incremental(project, full=True)
    return caught.value


def test_minimal_article_builds_and_conforms(minimal: Project) -> None:
    result = build_incremental(minimal, full=True)
    assert result.violations == []
    assert result.graphs[f"https://w3id.org/rightsgraph/graph/{SLUG}"] > 50


def test_regression_concept_named_like_a_key_is_read_as_the_concept(minimal: Project) -> None:
    """Bug: `role: target` expanded to the key rg:target (JSON-LD checks terms before @vocab), not to
    the role concept; the scoped context now maps the name to the concept, and a value outside its
    scheme is refused."""
    edit(
        annotation(minimal),
        "{actor: actor/synthetic-prisoners, role: victim}",
        "{actor: actor/synthetic-prisoners, role: target}",
    )
    result = build_incremental(minimal, full=True)
    roles = {
        q.object.value
        for q in result.store.quads_for_pattern(
            None, ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/roleType"), None
        )
    }
    assert roles == {
        "https://w3id.org/rightsgraph/vocab/role/perpetrator",
        "https://w3id.org/rightsgraph/vocab/role/target",
    }


def test_concept_value_outside_its_scheme_is_refused(minimal: Project) -> None:
    line = edit(annotation(minimal), "role: victim}", "role: rg:target}")
    error = error_of(minimal)
    assert error.line == line and "not as a concept of" in error.message


def test_regression_mention_with_a_misspelt_id_was_published_dangling(minimal: Project) -> None:
    """Bug (newcomer run): a mention of an undefined id built a node with no type into dist/."""
    path = annotation(minimal)
    path.write_text(
        path.read_text(encoding="utf-8") + "mentions:\n  - id: actor/synthetic-ministri\n"
        '    evidence: ["The ministry denied it."]\n',
        encoding="utf-8",
    )
    error = error_of(minimal)
    assert "actor/synthetic-ministri" in error.message and "synthetic-ministry" in error.fix


def test_regression_mention_without_evidence_was_dropped_silently(minimal: Project) -> None:
    path = annotation(minimal)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "mentions:\n  - id: actor/synthetic-ministry\n", encoding="utf-8")
    error = error_of(minimal)
    assert "nothing but its id" in error.message and error.line == text.count("\n") + 2


def test_regression_misspelt_type_was_accepted(minimal: Project) -> None:
    """Bug (newcomer run): `type: GovernmentBodyX` built an undefined class into the data."""
    register = minimal.data_dir / "actors.yaml"
    line = edit(register, "    type: GovernmentBody\n", "    type: GovernmentBodyX\n")
    with pytest.raises(UserError) as caught:
        build_incremental(minimal, full=True)
    error = caught.value
    assert (Path(error.path).name, error.line) == ("actors.yaml", line)
    assert "unknown type 'GovernmentBodyX'" in error.message and "GovernmentBody" in error.fix


def test_yaml_error_points_at_the_unclosed_construct(minimal: Project) -> None:
    line = edit(annotation(minimal), "    event_type: [execution]\n", "    event_type: [execution\n")
    error = error_of(minimal)
    assert error.line == line and "found on line" in error.message


def test_regression_an_invalid_iri_was_an_internal_error(minimal: Project) -> None:
    """Found by the fuzzer: `type: '%'` reached Oxigraph's IRI parser and raised a ValueError."""
    line = edit(annotation(minimal), "  type: Article\n", "  type: '%'\n")
    error = error_of(minimal)
    assert error.line == line and "not a valid IRI" in error.message


def test_regression_a_huge_value_crashed_the_store_load(minimal: Project) -> None:
    """Found by the bad-input catalogue: a text value over 16 MiB hit pyoxigraph's line buffer (MemoryError)."""
    line = edit(annotation(minimal), "  rights: ", "  description: " + "x" * (2 << 20) + "\n  rights: ")
    error = error_of(minimal)
    assert error.line == line and "characters" in error.message and "short text" in error.fix
