"""Shape fixtures (shared by test_shapes and test_fast_validate): where they are, how their `# expect:` lines
are read (the format is described in test_shapes), and the reference validator they are checked with.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.shacl import Validator, Violation

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
FILES = sorted(FIXTURES.glob("*/*.ttl"))
PREFIXES = {
    "ex": "https://w3id.org/rightsgraph/synthetic/id/",
    "rg": "https://w3id.org/rightsgraph/ontology#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "dct": "http://purl.org/dc/terms/",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    **{
        scheme.replace("-", ""): f"https://w3id.org/rightsgraph/vocab/{scheme}/"
        for scheme in (
            "certainty",
            "claim-kind",
            "count-qualifier",
            "event-status",
            "event-type",
            "identity-relation",
            "magnitude",
            "medium",
            "polarity",
            "post-role",
            "proportion",
            "relation",
            "role",
            "stance",
            "temporality",
            "time-basis",
        )
    },
}
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s*\|\s*(\S+)\s*\|\s*(\w+)\s*$")
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)

Result = tuple[str, str | None, str]


@cache
def validator() -> Validator:
    project = Project.locate(ROOT)
    return Validator(project, [q for p in project.ontology_files() for q in parse_turtle(p)])


def expand(name: str) -> str:
    """A prefixed name of an expect line as a full IRI; `^` marks an inverse path."""
    inverse, name = ("^", name[1:]) if name.startswith("^") else ("", name)
    prefix, _, local = name.partition(":")
    assert prefix in PREFIXES, f"unknown prefix in expect line: {name}"
    return inverse + PREFIXES[prefix] + local


def expected_results(path: Path) -> set[Result]:
    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if match := EXPECT.match(line):
            focus, result_path, component = match.groups()
            expected.add((expand(focus), None if result_path == "-" else expand(result_path), component))
    return expected


def result_path(violation: Violation, shapes: rdflib.Graph) -> str | None:
    """The result path as an IRI, or ^IRI for an inverse path (reported as a blank node)."""
    if violation.path is None or violation.path.startswith(("http://", "https://")):
        return violation.path
    path = shapes.value(rdflib.BNode(violation.shape), SH.path)
    inverse = shapes.value(path, SH.inversePath) if path is not None else None
    return f"^{inverse}" if inverse is not None else f"(complex path {violation.path})"


def actual_results(path: Path) -> set[Result]:
    violations = validator().validate(parse_turtle(path), "fixture")
    return {(v.focus, result_path(v, validator().shapes), v.component.rsplit("#", 1)[-1]) for v in violations}


def show(results: set[Result]) -> str:
    return (
        "\n".join(
            f"  {focus} | {path or '-'} | {component}"
            for focus, path, component in sorted(results, key=lambda r: (r[0], r[1] or "", r[2]))
        )
        or "  (none)"
    )
