"""FastValidator (rudof) reports exactly what Validator (pySHACL, the reference) reports.

On every shape fixture, on every graph of the seed dataset and on seeded mutants of the seed (ill-typed
literals, missing and extra values, wrong classes, concepts from another scheme or none), the results are
compared as sets of (focus, result path, component), then field by field (severity, message, value, shape).
A result path is an IRI, `^IRI` for an inverse path or None; a property shape (a blank node, labelled afresh
by each validator) is compared as "<node shape> <path>".
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import SH

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.namespaces import RDF, RDF_TYPE, XSD
from rightsgraph.core.project import GRAPH_NS, NETWORK_GRAPH, ONTOLOGY_GRAPH, REGISTER_GRAPH, TYPES_GRAPH, Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.validate.rudof import FastValidator
from rightsgraph.validate.shacl import Validator, Violation, graph_quads, validation_data

from .conftest import edit
from .shape_fixtures import FILES, FIXTURES, ROOT, result_path, validator

Result = tuple[str, str | None, str]

# Fixtures where rudof (pyrudof 0.3.35) does not report what pySHACL reports. Remove an entry when the
# strict xfail starts to fail (XPASS): rudof then agrees.
RUDOF_DIFFERS: dict[str, str] = {}


@cache
def fast_validator() -> FastValidator:
    project = Project.locate(ROOT)
    return FastValidator(project, [q for p in project.ontology_files() for q in parse_turtle(p)])


def triples(violations: list[Violation], shapes: rdflib.Graph) -> set[Result]:
    return {(v.focus, result_path(v, shapes), v.component.rsplit("#", 1)[-1]) for v in violations}


def shape_key(shape: str, shapes: rdflib.Graph) -> str:
    """A named shape's IRI; a property shape as the node shape that has it and its path."""
    if shape.startswith(("http://", "https://")):
        return shape
    node = rdflib.BNode(shape)
    owner = shapes.value(None, SH.property, node)
    path = shapes.value(node, SH.path)
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, rdflib.BNode) else None
    return f"{owner} {'^' + str(inverse) if inverse is not None else path}"


def details(violations: list[Violation], shapes: rdflib.Graph) -> set[tuple[str | None, ...]]:
    return {
        (
            v.graph,
            v.focus,
            result_path(v, shapes),
            v.component,
            v.severity,
            v.message,
            v.value,
            shape_key(v.shape, shapes),
        )
        for v in violations
    }


def compare(reference: list[Violation], fast: list[Violation]) -> None:
    expected, actual = triples(reference, validator().shapes), triples(fast, fast_validator().shapes)
    assert actual == expected, (
        f"\nonly pySHACL: {sorted(expected - actual, key=str)}\nonly rudof: {sorted(actual - expected, key=str)}"
    )
    expected_details, actual_details = details(reference, validator().shapes), details(fast, fast_validator().shapes)
    assert actual_details == expected_details, (
        f"\nonly pySHACL: {sorted(expected_details - actual_details, key=str)}"
        f"\nonly rudof: {sorted(actual_details - expected_details, key=str)}"
    )
    assert len(fast) == len(reference)


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def fixture_params() -> list:
    params = []
    for path in FILES:
        reason = RUDOF_DIFFERS.get(fixture_id(path))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=fixture_id(path), marks=marks))
    return params


@pytest.mark.parametrize("path", fixture_params())
def test_fixture_gives_the_results_of_pyshacl(path: Path) -> None:
    quads = parse_turtle(path)
    compare(validator().validate(quads, "fixture"), fast_validator().validate(quads, "fixture"))


def test_the_known_differences_name_existing_fixtures() -> None:
    assert set(RUDOF_DIFFERS) <= {fixture_id(p) for p in FILES}


@pytest.fixture(scope="module")
def seed_store(built) -> ox.Store:
    """The seed as `rightsgraph build` built it (conftest's `built`: a copy of the project)."""
    store = ox.Store()
    store.extend(built.quads)
    return store


def test_seed_graphs_give_the_results_of_pyshacl(seed_store: ox.Store) -> None:
    """Each graph of the seed with the validation data the build gives it (validate.validation_data): rudof
    reports what pySHACL reports. (One test over the graphs: collecting the tests builds nothing.)"""
    graphs = sorted(
        g.value
        for g in seed_store.named_graphs()
        if g.value.startswith(GRAPH_NS) and g.value not in (ONTOLOGY_GRAPH, TYPES_GRAPH, NETWORK_GRAPH)
    )
    assert REGISTER_GRAPH in graphs and len(graphs) >= 2
    for graph in graphs:
        quads, owned = validation_data(seed_store, graph, validator().inverse_predicates)
        compare(validator().validate(quads, graph, owned), fast_validator().validate(quads, graph, owned))


def test_fast_validator_has_the_validator_interface() -> None:
    assert isinstance(fast_validator(), Validator)
    assert fast_validator().validate([], "empty") == validator().validate([], "empty") == []


SEED = "data/annotations/campaign-against-mass-executions-in-iraq.yaml"
# Faults planted in the seed article, each of a kind the shapes (not the build's own checks) catch:
# (what the YAML said, what it says now, the node that must be reported)
ROUND, SINCE = "quantity/nasiriyah-execution-round-2024-09-hanged", "quantity/executions-since-early-september-2024"
PLANTED = [
    ("        value: 50\n        min: 50\n", "        value: 50\n", ROUND),  # "at least" with no lower bound
    ("    # its own voice.\n    status: reported\n", "    # its own voice.\n", "event/"),  # an event without status
    (
        "      earliest: 2024-09-01\n      latest: 2024-09-30",
        "      earliest: 2024-09-01\n      latest: 2024-08-01",
        "",
    ),
    ("        value: 70\n", "        value: -70\n", SINCE),  # a negative count
]


def found(violations: list[Violation]) -> set[tuple[str | None, ...]]:
    """What a build reports of a violation, the anonymous shape's blank-node name aside (each engine's
    parse names it), and the path's when it is an inverse path (reported as that blank node)."""
    return {
        (
            v.graph,
            v.focus,
            v.path if v.path is None or "://" in v.path else "^",
            v.component,
            v.message,
            v.value,
            v.source,
        )
        for v in violations
    }


@pytest.mark.slow
def test_the_build_reports_the_same_planted_violations_with_rudof_and_pyshacl(project_copy: Project) -> None:
    """The path `rightsgraph build` takes (graphs grouped per SHACL run, N-Quads handed to validate_nquads),
    on the seed with faults planted: rudof reports exactly what the pySHACL reference reports, and that is
    not nothing: every planted fault is among the results."""
    for old, new, _ in PLANTED:
        edit(project_copy.root / SEED, old, new)
    rudof = build_incremental(project_copy, full=True, jobs=2).violations
    reference = build_incremental(project_copy, full=True, reference=True).violations
    assert found(rudof) == found(reference), (
        f"\nonly pySHACL: {sorted(found(reference) - found(rudof), key=str)}"
        f"\nonly rudof: {sorted(found(rudof) - found(reference), key=str)}"
    )
    assert len(rudof) == len(reference) >= len(PLANTED)
    assert all(v.source and v.source.startswith(SEED + ":") for v in rudof), rudof
    for _, _, node in PLANTED:
        assert any(node in v.focus for v in rudof), f"nothing reported on {node}"


# Ill-typed literals: a literal whose lexical form is not in its datatype's lexical space ("2024-13-45"^^xsd:date).
# The YAML converter refuses most; Turtle fixtures and mutations of the seed carry any.
BOUNDS = FIXTURES / "TimeSpanShape" / "invalid-ill-typed-bounds.ttl"
SYNTHETIC = "https://w3id.org/rightsgraph/synthetic/id/"
EARLIEST = "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def test_regression_reference_crashed_on_an_ill_typed_date_with_latest() -> None:
    """pySHACL compared "2024-13-45"^^xsd:date with the latest end and raised TypeError (rdflib cannot order an
    ill-typed literal); SHACL makes a value that cannot be compared a result of sh:lessThanOrEquals."""
    found = triples(validator().validate(parse_turtle(BOUNDS), "fixture"), validator().shapes)
    assert (SYNTHETIC + "time-impossible", EARLIEST, "DatatypeConstraintComponent") in found
    assert (SYNTHETIC + "time-impossible", EARLIEST, "LessThanOrEqualsConstraintComponent") in found


def test_regression_rudof_reported_an_ill_typed_date_as_out_of_order() -> None:
    """rudof's sh:datatype took any lexical form typed xsd:date for a date: an impossible date was reported only
    as after the latest end (and "20240930" or a word not at all). Now the not-a-date is reported, as pySHACL does."""
    quads = parse_turtle(BOUNDS)
    found = triples(fast_validator().validate(quads, "fixture"), fast_validator().shapes)
    for node in ("time-impossible", "time-word"):
        assert (SYNTHETIC + node, EARLIEST, "DatatypeConstraintComponent") in found, found
    compare(validator().validate(quads, "fixture"), fast_validator().validate(quads, "fixture"))


def test_regression_the_builds_path_misreported_an_ill_typed_date() -> None:
    """The build hands each graph's validation data to validate_nquads as N-Quads: there too, rudof reported
    "2024-13-45"^^xsd:date only as after the latest end, and pySHACL raised TypeError. Both now report the same,
    the not-a-date among it. (The YAML converter refuses such dates; a rule or another input might not.)"""
    graph = GRAPH_NS + "fixture"
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph)) for q in parse_turtle(BOUNDS))
    data, owned = validation_data(store, graph, validator().inverse_predicates)
    nquads = ox.serialize(data, format=ox.RdfFormat.N_QUADS)
    reference = validator().validate_nquads(nquads, graph, owned)
    fast = fast_validator().validate_nquads(nquads, graph, owned)
    compare(reference, fast)
    assert (SYNTHETIC + "time-impossible", EARLIEST, "DatatypeConstraintComponent") in triples(
        fast, fast_validator().shapes
    )


def test_regression_an_ill_typed_literal_logged_a_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """rdflib logs a warning with a traceback for each ill-typed literal it reads; with no logging set up (the CLI)
    Python printed it on stderr. An ill-typed literal is a violation to report, not a traceback. (The time span
    whose ill-typed date has no latest end to be compared with: pySHACL did not crash on it.)"""
    quads = [q for q in parse_turtle(BOUNDS) if "time-impossible" not in str(q) and "time-basic" not in str(q)]
    with caplog.at_level(logging.WARNING):
        fast_validator().validate(quads, "fixture")
        validator().validate(quads, "fixture")
    assert not [r for r in caplog.records if r.exc_info or "Failed to convert" in r.getMessage()]


def test_a_call_stopped_part_way_leaves_nothing_to_the_next() -> None:
    """rudof's data graph is made once and each call reads its data in a staging frame rolled back after it
    (validate.rudof): a call whose data rudof refuses, and one stopped with its frame open, leave nothing that the
    next call sees. The next results are still pySHACL's, on a fixture with violations and on one without."""
    import pyrudof

    fast = FastValidator(
        Project.locate(ROOT), [q for p in Project.locate(ROOT).ontology_files() for q in parse_turtle(p)]
    )
    invalid, valid = (FIXTURES / "ClaimShape" / f"{name}.ttl" for name in ("invalid-missing-parts", "valid-allegation"))
    expected = validator().validate(parse_turtle(invalid), "fixture")
    assert expected and not validator().validate(parse_turtle(valid), "fixture")
    compare(expected, fast.validate(parse_turtle(invalid), "fixture"))
    with pytest.raises(pyrudof.DataError):
        fast._rudof_violations("<urn:x:a> <urn:x:b> not N-Triples .\n", "fixture")
    assert not fast.validate(parse_turtle(valid), "fixture")
    compare(expected, fast.validate(parse_turtle(invalid), "fixture"))
    real = fast.rudof
    for step in ("begin_staging", "read_data", "validate_shacl"):  # interrupted right after each step
        fast.rudof = Interrupted(real, step)
        with pytest.raises(KeyboardInterrupt):
            fast.validate(parse_turtle(invalid), "fixture")
        fast.rudof = real
        assert not fast.validate(parse_turtle(valid), "fixture"), step
        assert real.staging_depth() == 0, step
        assert [tuple(map(str, t)) for t in real.triples()] == [("urn:rightsgraph:validate:placeholder",) * 3], step
    compare(expected, fast.validate(parse_turtle(invalid), "fixture"))


class Interrupted:
    """A rudof session whose `step` is interrupted once it has run (as Ctrl-C would stop it there)."""

    def __init__(self, rudof: object, step: str) -> None:
        self.rudof, self.step = rudof, step

    def __getattr__(self, name: str) -> object:
        found = getattr(self.rudof, name)
        if name != self.step:
            return found

        def interrupted(*args: object, **kwargs: object) -> object:
            found(*args, **kwargs)
            raise KeyboardInterrupt

        return interrupted


def test_regression_reference_crashed_on_offsets_that_are_not_integers() -> None:
    """rgsh:TextSpanShape's sh:sparql did arithmetic on the offsets: rdflib evaluates every operand of `&&`, so the
    guard did not keep a decimal offset (TypeError: slice indices) or an ill-typed integer (RecursionError) from
    SUBSTR. Only integer offsets reach the arithmetic now; the core constraints report the others."""
    quads = parse_turtle(FIXTURES / "TextSpanShape" / "invalid-offsets-not-integers.ttl")
    found = triples(validator().validate(quads, "fixture"), validator().shapes)
    assert (SYNTHETIC + "span-decimal", NIF + "beginIndex", "DatatypeConstraintComponent") in found
    assert not {r for r in found if r[2] == "SPARQLConstraintComponent"}


# Mutations of the seed: many broken copies of its graphs, each validated by both engines as the build validates
# a graph (validation_data, N-Quads handed to validate_nquads). A kind of mutation is a function from one quad of
# the graph to the change it makes there (quads removed, quads added), or None where it does not apply.
Change = tuple[list[ox.Quad], list[ox.Quad]]
VOCAB = "https://w3id.org/rightsgraph/vocab/"
RG = "https://w3id.org/rightsgraph/ontology#"
ARTICLE = GRAPH_NS + "campaign-against-mass-executions-in-iraq"


def literal(lexical: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype) if datatype else None)


def ill_typed_forms(value: ox.Literal) -> list[ox.Literal]:
    """Literals that say they are what `value` is and are not, or that are of another datatype."""
    text, datatype = value.value, value.datatype.value
    if datatype == XSD + "date":
        return [
            literal("2024-13-45", "date"),
            literal(text.replace("-", ""), "date"),  # the ISO basic format
            literal("early September", "date"),
            literal(text + "T00:00:00", "dateTime"),
            literal(text),
        ]
    if datatype == XSD + "integer":
        return [literal("1.5", "integer"), literal("twelve", "integer"), literal(text, "decimal"), literal(text)]
    if datatype in (XSD + "string", RDF + "langString"):
        return [literal(text[:10], "date"), literal(text[:10], "integer"), literal(text, "integer")]
    return []


def second_literal(value: ox.Literal) -> ox.Literal:
    """Another value of the literal's kind: the next integer, or the text again."""
    if value.datatype.value == XSD + "integer" and value.value.lstrip("-").isdigit():
        return literal(str(int(value.value) + 1), "integer")
    if value.language:
        return ox.Literal(value.value + " (2)", language=value.language)
    return ox.Literal(value.value + " (2)", datatype=value.datatype)


class Mutator:
    """The kinds of mutation of one graph of the seed, drawn from a seeded generator."""

    def __init__(self, store: ox.Store, graph: str, seed: str) -> None:
        self.random = random.Random(seed)
        self.quads = sorted(graph_quads(store, graph), key=str)  # store order is not a promise
        shapes = validator().shapes
        self.required = {str(shapes.value(s, SH.path)) for s in shapes.subjects(SH.minCount, None)}
        self.single = {str(shapes.value(s, SH.path)) for s in shapes.subjects(SH.maxCount, None)}
        types = [q for q in store if q.predicate == RDF_TYPE and q.graph_name.value != ONTOLOGY_GRAPH]
        self.classes = sorted({q.object.value for q in types if q.object.value.startswith(RG)})
        self.concepts = sorted({q.subject.value for q in store if q.subject.value.startswith(VOCAB)})
        self.turns: dict[str, list[str]] = {}  # the sorts of change of each kind, in the order they take turns

    def quad(self, q: ox.Quad, obj: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(q.subject, q.predicate, obj, q.graph_name)

    def ill_typed(self, q: ox.Quad) -> Change | None:
        forms = ill_typed_forms(q.object) if isinstance(q.object, ox.Literal) else []
        return ([q], [self.quad(q, self.random.choice(forms))]) if forms else None

    def missing(self, q: ox.Quad) -> Change | None:
        return ([q], []) if q.predicate.value in self.required else None

    def extra(self, q: ox.Quad) -> Change | None:
        if q.predicate.value not in self.single or q.predicate == RDF_TYPE:
            return None
        if isinstance(q.object, ox.Literal):
            return ([], [self.quad(q, second_literal(q.object))])
        others = sorted({x.object.value for x in self.quads if x.predicate == q.predicate and x.object != q.object})
        return ([], [self.quad(q, ox.NamedNode(self.random.choice(others) if others else q.object.value + "-2"))])

    def wrong_class(self, q: ox.Quad) -> Change | None:
        if q.predicate != RDF_TYPE or not q.object.value.startswith(RG):
            return None
        return ([q], [self.quad(q, ox.NamedNode(self.random.choice([c for c in self.classes if c != q.object.value])))])

    def out_of_scheme(self, q: ox.Quad) -> Change | None:
        if not (isinstance(q.object, ox.NamedNode) and q.object.value.startswith(VOCAB)):
            return None
        scheme = VOCAB + q.object.value[len(VOCAB) :].split("/")[0] + "/"
        foreign = self.random.choice([c for c in self.concepts if not c.startswith(scheme)])
        return ([q], [self.quad(q, ox.NamedNode(self.random.choice([foreign, scheme + "no-such-concept"])))])

    def mutant(self, kind: str, changes: int) -> Change:
        """`changes` changes of one kind, on different nodes and of different sorts (the datatype of the literal
        changed, the class of the node, or else the property), the sorts taken in turn from mutant to mutant."""
        sorts: dict[str, list[tuple[ox.Quad, Change]]] = {}
        for q in self.quads:
            if (change := getattr(self, kind)(q)) is not None:
                sort = q.object.datatype.value if isinstance(q.object, ox.Literal) else q.predicate.value
                sort = q.object.value if q.predicate == RDF_TYPE else sort  # a class
                sorts.setdefault(sort, []).append((q, change))
        if kind not in self.turns:
            self.turns[kind] = sorted(sorts)
            self.random.shuffle(self.turns[kind])
        removed: list[ox.Quad] = []
        added: list[ox.Quad] = []
        nodes: set[str] = set()
        for _ in range(min(changes, len(sorts))):
            sort = self.turns[kind].pop(0)
            self.turns[kind].append(sort)
            choices = [c for c in sorts[sort] if c[0].subject.value not in nodes]
            if not choices:
                continue
            q, (out, into) = self.random.choice(choices)
            nodes.add(q.subject.value)
            removed += out
            added += into
        return removed, added


@contextmanager
def check(what: str) -> Iterator[None]:
    """An assertion failure inside, prefixed with what was being checked."""
    try:
        yield
    except AssertionError as error:
        raise AssertionError(f"{what}: {error}") from None


MUTATIONS = ["ill_typed", "missing", "extra", "wrong_class", "out_of_scheme"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", MUTATIONS)
def test_mutants_of_the_seed_give_the_results_of_pyshacl(kind: str, seed_store: ox.Store) -> None:
    """Mutants of the seed article and register (two of each, three and two changes, seeded; a kind that does
    not apply to the register, such as concepts there are none of, mutates the article only): on each, the
    build's validation with rudof reports exactly what pySHACL reports; and they are caught (not [] against [])."""
    reported, mutants = 0, 0
    for graph, changes in ((ARTICLE, 3), (REGISTER_GRAPH, 2)):
        mutator = Mutator(seed_store, graph, f"{kind} {graph}")
        for index in range(2):
            removed, added = mutator.mutant(kind, changes)
            if not (removed or added):
                continue
            mutants += 1
            store = ox.Store()
            gone = set(removed)
            store.extend(q for q in seed_store if q not in gone)
            store.extend(added)
            data, owned = validation_data(store, graph, validator().inverse_predicates)
            nquads = ox.serialize(data, format=ox.RdfFormat.N_QUADS)
            reference = validator().validate_nquads(nquads, graph, owned)
            with check(f"{kind} #{index} of {graph}: -{[str(q) for q in removed]} +{[str(q) for q in added]}"):
                compare(reference, fast_validator().validate_nquads(nquads, graph, owned))
            reported += len(reference)
    assert mutants >= 2 and reported > 0, f"{mutants} mutants of kind {kind}, {reported} results"
