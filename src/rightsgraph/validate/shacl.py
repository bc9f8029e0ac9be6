"""SHACL validation of the dataset with pySHACL, the reference validator.

Each article graph is validated together with the actor register (an article refers to register
actors), and the register on its own, each with the ontology and the subclass closure of its types
(see Validator). Results are mapped back to the YAML file and line the focus node came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from rightsgraph.core.namespaces import RDF_TYPE, RDFS_SUBCLASS_OF
from rightsgraph.core.prefixes import compact
from rightsgraph.core.project import ONTOLOGY_GRAPH, REGISTER_GRAPH, Project
from rightsgraph.sparql import queries
from rightsgraph.validate.literals import ordered, quiet_ill_typed_literals
from rightsgraph.validate.rdflib_graphs import shapes_graph, to_rdflib

quiet_ill_typed_literals()


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    path: str | None
    shape: str
    component: str
    severity: str
    message: str
    value: str | None
    source: str | None = None  # "file:line" of the YAML the focus node came from

    def as_dict(self) -> dict[str, str | None]:
        return dict(self.__dict__)

    def identity(self) -> tuple[str | None, ...]:
        """What makes two results the same finding: not the graph it was found in, nor the blank-node
        name that a parse gives an anonymous property shape."""
        shape = self.shape if self.shape.startswith(("http://", "https://")) else ""
        return (self.focus, self.path, shape, self.component, self.message, self.value)


class Validator:
    """pySHACL over one data graph at a time, with what the shapes need of the ontology mixed in.

    pySHACL's own ontology mixing copies only class and property axioms (not the concept schemes
    that sh:node checks read), and its RDFS inference also applies rdfs:range, which types every
    value as the range class and so makes each sh:class check on a value pass. So the data graph is
    given the rdfs:subClassOf closure of its types (queries/system/type-closure.rq) and the concept
    schemes (queries/system/concept-schemes.rq), and pySHACL runs with no inference.
    """

    def __init__(self, project: Project, ontology: list[ox.Quad]) -> None:
        self.shapes = shapes_graph(project)
        self.ontology = ox.Store()
        self.ontology.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ontology)
        self.closure = queries.load_query(project.queries_dir / "system" / "type-closure.rq").text
        schemes = queries.load_query(project.queries_dir / "system" / "concept-schemes.rq").text
        self.schemes: list[ox.Triple] = list(cast(ox.QueryTriples, self.ontology.query(schemes)))  # a CONSTRUCT
        self.ontology_nquads = ox.serialize(self.ontology, format=ox.RdfFormat.N_QUADS)
        # Predicates that shapes follow backwards (sh:inversePath): their triples from other graphs count,
        # for the nodes of the classes those shapes target (None: any node).
        self.inverse_predicates = inverse_targets(self.shapes, self.ontology)

    def scratch(self) -> ox.Store:
        """A new store holding the ontology in its default graph, for one data graph. (Adding the data to
        one long-lived store and removing it afterwards kept the removed quads: memory grew and queries
        slowed with every graph validated.)"""
        store = ox.Store()
        store.load(self.ontology_nquads, format=ox.RdfFormat.N_QUADS)
        return store

    def prepare(self, quads: list[ox.Quad]) -> list[ox.Triple]:
        """The data graph the shapes see: the data, the subclass closure of its types, the concept schemes."""
        scratch = self.scratch()
        scratch.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("urn:rightsgraph:data")) for q in quads)
        closure: list[ox.Triple] = list(
            cast(  # a CONSTRUCT
                ox.QueryTriples,
                scratch.query(self.closure, default_graph=[ox.DefaultGraph(), ox.NamedNode("urn:rightsgraph:data")]),
            )
        )
        return [*(ox.Triple(q.subject, q.predicate, q.object) for q in quads), *closure, *self.schemes]

    def validate_nquads(self, data: bytes, graph: str, owned: set[str] | None = None) -> list[Violation]:
        """`validate` on N-Quads text (as the build's workers receive the data)."""
        return self.validate(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), graph, owned)

    def validate(self, quads: list[ox.Quad], graph: str, owned: set[str] | None = None) -> list[Violation]:
        """Validate `quads`; with `owned`, report only results on those nodes (the others came along as
        context from other graphs and are validated with their own graph)."""
        if len(self.shapes) == 0:
            return []
        return owned_only(validate_graph(to_rdflib(self.prepare(quads)), self.shapes, graph), owned)


def owned_only(violations: list[Violation], owned: set[str] | None) -> list[Violation]:
    return violations if owned is None else [v for v in violations if v.focus in owned]


@contextmanager
def reused_sparql_translations() -> Iterator[None]:
    """pySHACL runs each sh:sparql SELECT once per focus node, as text, and rdflib parses and translates
    it every time (most of the validation time). This keeps each translation, as rdflib's own
    prepareQuery does for a query run many times with different bindings."""
    from unittest import mock  # here, not at the top: it imports asyncio

    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    prepared: dict[tuple[str, object, tuple], object] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs or {})
            strOrQuery = prepared[key]
        return original(self, strOrQuery, initBindings or {}, initNs or {}, base, DEBUG)

    with mock.patch.object(processor.SPARQLProcessor, "query", query):  # put back on exit
        yield


@contextmanager
def spec_comparisons() -> Iterator[None]:
    """pySHACL's sh:lessThan, sh:lessThanOrEquals and sh:min/maxInclusive/Exclusive as SHACL defines them: a pair
    of values that cannot be compared (validate.literals.ordered) is a result. (pySHACL compared with rdflib's
    ordering: an ill-typed literal raised TypeError out of sh:lessThanOrEquals, and a date was ordered before
    any date-time by the datatypes' IRIs.)"""
    from unittest import mock  # here, not at the top: it imports asyncio

    from pyshacl.constraints.core import property_pair_constraints as pairs
    from pyshacl.constraints.core import value_range_constraints as ranges

    def per_pair(original):
        def compare(self, values, others, datagraph, focus):
            failed, reports = False, []
            for value in values:
                for other in others:
                    try:
                        if ordered(value, other):
                            bad, found = original(self, [value], [other], datagraph, focus)
                            failed, reports = failed or bad, reports + found
                            continue
                    except TypeError:  # rdflib could not order them after all
                        pass
                    failed, reports = True, [*reports, self.make_v_result(datagraph, focus, value_node=value)]
            return failed, reports

        return compare

    compare_literal = ranges.compare_literal

    def compare_ordered(value, bound):  # a TypeError is a result, in pySHACL's range constraints
        if not ordered(value, bound):
            raise TypeError("these values cannot be compared")
        return compare_literal(value, bound)

    less, less_or_equal = pairs.LessThanConstraintComponent, pairs.LessThanOrEqualsConstraintComponent
    with (
        mock.patch.object(less, "_compare_lt", per_pair(less._compare_lt)),
        mock.patch.object(less_or_equal, "_compare_ltoe", per_pair(less_or_equal._compare_ltoe)),
        mock.patch.object(ranges, "compare_literal", compare_ordered),
    ):
        yield


def register_index(store: ox.Store) -> dict[str, list[ox.Quad]]:
    """The register's triples by subject: read and indexed once for a whole run of validation_data."""
    about: dict[str, list[ox.Quad]] = {}
    for q in graph_quads(store, REGISTER_GRAPH):
        about.setdefault(q.subject.value, []).append(q)
    return about


def with_register(article: list[ox.Quad], about: dict[str, list[ox.Quad]]) -> list[ox.Quad]:
    """An article graph and what it needs of the register (`about`: register_index) to be validated: the register's
    triples about the nodes the article names. The register's other actors are validated with the register itself;
    sending them with every article would only validate them again."""
    frontier = {t.value for q in article for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    frontier &= about.keys()  # only register nodes have anything to add
    seen: set[str] = set()
    needed: list[ox.Quad] = []
    while frontier:  # the named register nodes, and the register nodes they name in turn
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in about.get(node, []):
            needed.append(q)
            if isinstance(q.object, ox.NamedNode) and q.object.value not in seen:
                frontier.add(q.object.value)
    return article + needed


def inverse_targets(shapes: rdflib.Graph, ontology: ox.Store) -> dict[str, set[str] | None]:
    """Each predicate a shape follows backwards -> the classes (with their subclasses in the ontology)
    whose instances that shape checks, or None when a shape holding it is not targeted by class only.
    (Without this, validating the register took in every statement of the corpus aimed at an actor.)"""
    found: dict[str, set[str] | None] = {}
    for path, predicate in shapes.subject_objects(SH.inversePath):
        classes: set[str] | None = set()
        for prop in shapes.subjects(SH.path, path):
            holders = _holders(shapes, prop)
            for holder in holders:
                targets = [str(c) for c in shapes.objects(holder, SH.targetClass)]
                other = any(
                    (holder, t, None) in shapes for t in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
                )
                if not targets or other or (None, SH.node, holder) in shapes:
                    classes = None
                elif classes is not None:
                    classes |= set(targets)
            if not holders:
                classes = None
        if classes is not None:
            frontier = list(classes)
            while frontier:
                for q in ontology.quads_for_pattern(None, RDFS_SUBCLASS_OF, ox.NamedNode(frontier.pop())):
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value not in classes:
                        classes.add(q.subject.value)
                        frontier.append(q.subject.value)
        key = str(predicate)
        earlier = found.get(key, set())
        found[key] = None if classes is None or earlier is None else earlier | classes
    return found


_LOGICAL = (SH["or"], SH["and"], SH.xone)


def _holders(shapes: rdflib.Graph, shape: rdflib.term.Node) -> list[rdflib.term.Node]:
    """The node shapes a property shape is checked from: those holding it with sh:property, or the
    shapes whose sh:or / sh:and / sh:xone list, sh:not or sh:property it stands in, followed upwards."""
    holders = list(shapes.subjects(SH.property, shape))
    wrappers = list(shapes.subjects(SH["not"], shape))
    for cell in shapes.subjects(rdflib.RDF.first, shape):
        while (head := next(shapes.subjects(rdflib.RDF.rest, cell), None)) is not None:
            cell = head
        wrappers += [s for p in _LOGICAL for s in shapes.subjects(p, cell)]
    for wrapper in wrappers:
        targeted = any(
            (wrapper, t, None) in shapes
            for t in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
        )
        # an untargeted wrapper nothing holds (a shape reached by sh:node, say) stands as itself: the caller
        # then sees a holder without a class target and follows the predicate from every node
        holders += [wrapper] if targeted else (_holders(shapes, wrapper) or [wrapper])
    return holders


def validation_data(
    store: ox.Store,
    graph: str,
    inverse_predicates: dict[str, set[str] | None],
    register: dict[str, list[ox.Quad]] | None = None,
) -> tuple[list[ox.Quad], set[str]]:
    """What validating one graph needs, and the nodes whose results it reports (its subjects).

    The graph itself; the register's triples about the nodes it names (transitively); the types, from
    any graph, of the nodes it refers to (so that sh:class sees a statement of another article); and
    the triples of other graphs that point at the nodes it defines by a predicate the shapes follow
    backwards from nodes of their types (a claim in another article about one of its counts or events),
    with all that graph states of their subjects and their subjects' types. `register`: register_index(store), when
    the caller asks for many graphs of one store."""
    quads = graph_quads(store, graph)
    owned = {q.subject.value for q in quads}
    if graph == REGISTER_GRAPH:
        data = quads
    else:
        data = with_register(quads, register_index(store) if register is None else register)
    present = {q.subject.value for q in data}
    skip = {graph, ONTOLOGY_GRAPH}

    def types_of(node: ox.NamedNode | ox.BlankNode | ox.Triple) -> list[ox.Quad]:
        return [q for q in store.quads_for_pattern(node, RDF_TYPE, None) if q.graph_name.value not in skip]

    extra: list[ox.Quad] = []
    typed_here = {q.subject.value for q in data if q.predicate == RDF_TYPE}
    for node in sorted(present - typed_here):
        # a node this graph mentions or extends but another article defines: what its defining graphs state
        # of it, so that it is validated whole, and so that sh:class sees its type where this graph refers to it
        subject = ox.NamedNode(node)
        for typed in types_of(subject):
            extra.append(typed)
            defining = [
                q for q in store.quads_for_pattern(subject, None, None, typed.graph_name) if q.predicate != RDF_TYPE
            ]
            extra += defining
            # and what that graph states of the nodes it hangs on it (a participation, a count): the shapes of the
            # node look into them (a regression: an event extended here had its participations read as empty)
            for q in defining:
                if isinstance(q.object, ox.NamedNode):
                    extra += store.quads_for_pattern(q.object, None, None, typed.graph_name)
    # the nodes this graph refers to, and those the register's and the defining triples above refer to (a register
    # place it mentions may lie in a place another article defines)
    for q in [*data, *extra]:
        if isinstance(q.object, ox.NamedNode) and q.object.value not in present:
            present.add(q.object.value)
            extra += types_of(q.object)
    types: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == RDF_TYPE:
            types.setdefault(q.subject.value, set()).add(q.object.value)
    for predicate, classes in sorted(inverse_predicates.items()):
        for node in sorted(types):  # not the register actors it mentions: they are the register's
            if classes is not None and not types[node] & classes:
                continue  # no shape follows this predicate backwards from a node of these types
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(node)):
                if q.graph_name.value not in skip:
                    # the whole subject as its graph states it: a shape may look at its kind or stance
                    # (a denial in another article about one of this graph's events)
                    extra += store.quads_for_pattern(q.subject, None, None, q.graph_name)
                    extra += types_of(q.subject)
    return data + extra, owned


def graph_quads(store: ox.Store, graph: str) -> list[ox.Quad]:
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def _results(report: rdflib.Graph, graph: str) -> list[Violation]:
    """The top-level results only: the nested details of an sh:node failure repeat it, on a focus
    node (a concept, say) that the user did not write."""
    found = []
    for top in report.subjects(rdflib.RDF.type, SH.ValidationReport):
        for result in report.objects(top, SH.result):

            def one(p: rdflib.URIRef, result=result) -> str | None:
                value = report.value(result, p)
                return None if value is None else str(value)

            found.append(
                Violation(
                    graph=graph,
                    focus=one(SH.focusNode) or "",
                    path=one(SH.resultPath),
                    shape=one(SH.sourceShape) or "",
                    component=one(SH.sourceConstraintComponent) or "",
                    severity=(one(SH.resultSeverity) or "").rsplit("#", 1)[-1],
                    message=one(SH.resultMessage) or "",
                    value=one(SH.value),
                )
            )
    return found


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph, graph: str) -> list[Violation]:
    from pyshacl import validate as shacl_validate

    with reused_sparql_translations(), spec_comparisons():
        _conforms, report, _text = shacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, abort_on_first=False
        )
    return _results(report, graph)


def locate(sourcemap_file: Path, node: str) -> str | None:
    """The "file:line" a node came from, from a sourcemap JSON file written by the incremental build."""
    try:
        return json.loads(sourcemap_file.read_text(encoding="utf-8")).get(node)
    except (OSError, ValueError):
        return None


def format_violation(v: Violation, prefixes: dict[str, str] | None = None) -> str:
    """One line: where it came from, the node, the property, what is wrong."""
    prefixes = prefixes or {}
    where = f"{v.source}: " if v.source else f"{v.graph}: "
    path = f" {compact(v.path, prefixes)}" if v.path else ""
    return f"{where}{compact(v.focus, prefixes)}{path}: {v.message}"
