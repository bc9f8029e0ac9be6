"""The ontology and vocabularies: strict syntax, and every check catching what it is for."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.checks import check_ontology

from .conftest import ROOT

TURTLE_FILES = sorted((ROOT / "ontology").rglob("*.ttl")) + sorted((ROOT / "shapes").glob("*.ttl"))


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_turtle_file_parses_strictly(path: Path) -> None:
    assert parse_turtle(path), f"{path} holds no triples"


def test_the_ontology_passes_every_check(project: Project) -> None:
    assert [str(f) for f in check_ontology(project)] == []


def test_every_scheme_has_concepts(project: Project) -> None:
    for path in project.vocab_dir.glob("*.ttl"):
        quads = parse_turtle(path)
        concepts = {
            q.subject
            for q in quads
            if q.predicate.value.endswith("rdf-syntax-ns#type")
            and q.object == ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")
        }
        assert len(concepts) >= 2, f"{path.name} has {len(concepts)} concept(s)"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _findings(project: Project) -> list[tuple[str, str, str | None, int | None]]:
    return [(f.check, f.term, str(f.path) if f.path else None, f.line) for f in check_ontology(project)]


def test_misspelt_term_in_a_query_is_caught_with_file_and_line(project_copy: Project) -> None:
    query = project_copy.queries_dir / "misspelt.rq"
    query.write_text(
        "# title: t\n# description: d\nPREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
        "SELECT ?s WHERE {\n  ?s rg:speakr ?o .\n}\n",
        encoding="utf-8",
    )
    assert _findings(project_copy) == [
        ("undefined-term", "https://w3id.org/rightsgraph/ontology#speakr", "queries/misspelt.rq", 5)
    ]


def test_misspelt_concept_in_turtle_is_caught(project_copy: Project) -> None:
    shape = project_copy.shapes_dir / "typo.ttl"
    project_copy.shapes_dir.mkdir(exist_ok=True)
    shape.write_text(
        "@prefix stance: <https://w3id.org/rightsgraph/vocab/stance/> .\n"
        "@prefix ex: <https://example.org/> .\n\nex:a ex:b stance:condemnz .\n",
        encoding="utf-8",
    )
    assert _findings(project_copy) == [
        ("undefined-term", "https://w3id.org/rightsgraph/vocab/stance/condemnz", "shapes/typo.ttl", 4)
    ]


def test_term_without_label_or_definition_is_caught(project_copy: Project) -> None:
    _append(project_copy.ontology_file, "\nrg:bareProperty a owl:ObjectProperty .\n")
    found = _findings(project_copy)
    term = "https://w3id.org/rightsgraph/ontology#bareProperty"
    assert ("term-missing-label-violation", term, "ontology/rightsgraph.ttl", found[0][3]) in found
    assert ("term-missing-definition-violation", term, "ontology/rightsgraph.ttl", found[0][3]) in found
    assert len(found) == 2


def test_concept_outside_any_scheme_is_caught(project_copy: Project) -> None:
    path = project_copy.vocab_dir / "stance.ttl"
    _append(path, '\nstance:orphan a skos:Concept ; skos:prefLabel "orphan"@en ; skos:definition "x"@en .\n')
    found = _findings(project_copy)
    assert [(c, t) for c, t, _, _ in found] == [
        ("concept-without-scheme-violation", "https://w3id.org/rightsgraph/vocab/stance/orphan")
    ]


def test_class_defined_twice_is_caught(project_copy: Project) -> None:
    _append(
        project_copy.vocab_dir / "stance.ttl",
        "\n<https://w3id.org/rightsgraph/ontology#Actor> a <http://www.w3.org/2002/07/owl#Class> .\n",
    )
    found = _findings(project_copy)
    assert {(c, t) for c, t, _, _ in found} == {
        ("term-defined-twice-violation", "https://w3id.org/rightsgraph/ontology#Actor")
    }
    assert {p for _, _, p, _ in found} == {"ontology/rightsgraph.ttl", "ontology/vocab/stance.ttl"}


def test_unaligned_class_is_caught(project_copy: Project) -> None:
    _append(
        project_copy.ontology_file, '\nrg:Floating a owl:Class ; rdfs:label "floating"@en ; skos:definition "x"@en .\n'
    )
    assert [(c, t) for c, t, _, _ in _findings(project_copy)] == [
        ("class-not-aligned-violation", "https://w3id.org/rightsgraph/ontology#Floating")
    ]


def test_missing_ontology_metadata_is_caught(project_copy: Project) -> None:
    text = project_copy.ontology_file.read_text(encoding="utf-8")
    project_copy.ontology_file.write_text(text.replace('    owl:versionInfo "0.2.0" ;\n', ""), encoding="utf-8")
    found = check_ontology(project_copy)
    assert [(f.check, f.problem) for f in found] == [
        ("ontology-metadata-missing-violation", "has no http://www.w3.org/2002/07/owl#versionInfo")
    ]


def test_turtle_syntax_error_names_file_and_line(project_copy: Project) -> None:
    _append(project_copy.ontology_file, '\nrg:Broken a owl:Class ;\n    rdfs:label "unterminated .\n')
    with pytest.raises(UserError) as caught:
        check_ontology(project_copy)
    error = caught.value
    assert Path(error.path).name == "rightsgraph.ttl"
    lines = project_copy.ontology_file.read_text(encoding="utf-8").splitlines()
    assert error.line == len(lines)
    assert "Turtle syntax error" in str(error)


def test_the_term_scan_numbers_lines_as_splitlines_does(tmp_path: Path) -> None:
    """The scan runs its patterns over the whole text (it ran them line by line: 3.8 s over 1,000 articles at 1M
    triples); a term's line is still the line str.splitlines gives, comment lines and prefix declarations are
    still left out, and an IRI never runs across a line break."""
    from rightsgraph.validate import terms

    sample = tmp_path / "sample.ttl"
    sample.write_text(
        "@prefix rg: <https://w3id.org/rightsgraph/ontology#> .\n# rg:Commented\n"
        "x rg:a <https://w3id.org/rightsgraph/ontology#B> rg:c .\r\ny rg:d\u2028 rg:e # rg:trailing\n"
        "<https://w3id.org/rightsgraph/ontology#broken\n> rg:f\n\x0crg:g .\n"
        "PREFIX ex: <https://w3id.org/rightsgraph/ontology#> ex:h\n",
        encoding="utf-8",
    )
    found = [(u.term.rsplit("#", 1)[-1], u.line) for u in terms.scan_file(sample)]
    assert found == [("B", 3), ("a", 3), ("c", 3), ("d", 4), ("e", 5), ("trailing", 5), ("f", 7), ("g", 9)]


def test_regression_a_prefix_keyword_with_a_dotless_i_was_missed_by_the_term_scan(tmp_path: Path) -> None:
    """The scan's shortcut used str.lower, which case-folds the dotless and dotted i otherwise than the
    declaration pattern's IGNORECASE does."""
    from rightsgraph.validate import terms

    sample = tmp_path / "sample.rq"
    sample.write_text("PREF\u0131X ex: <https://w3id.org/rightsgraph/ontology#>\nex:typo\n", encoding="utf-8")
    assert [(u.term.rsplit("#", 1)[-1], u.line) for u in terms.scan_file(sample)] == [("typo", 2)]
