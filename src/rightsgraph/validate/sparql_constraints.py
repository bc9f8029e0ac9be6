"""The shapes' SPARQL constraints (sh:sparql) answered by Oxigraph beside rudof, with the results pySHACL gives.

rudof answers any sh:sparql constraint by making its own SPARQL dataset of the whole data graph first: at a
million triples that cost about 15 of the 45 ms it took per article graph, whichever single constraint was present
(measured by removing all but one). Oxigraph loads the same N-Triples in about 1 ms. So a constraint that meets the
conditions of `offloadable` is taken out of the shapes rudof reads and asked of Oxigraph here, once per data graph;
every other one stays with rudof. The results are those pySHACL gives for a SELECT-based constraint of a node shape
that projects only $this (SHACL 1.0, 5.3): one per focus node with a solution, with the focus node as its value, no
path, the constraint's sh:message, the node shape as source shape and sh:SPARQLConstraintComponent.

SHACL pre-binds $this to each focus node in turn. Asked once with $this free and restricted to the focus nodes
after, a query gives the same solutions only when every solution binds $this by a triple pattern and $this is read
nowhere it is not yet bound; `offloadable` checks that on rdflib's algebra of the query. tests/test_fast_validate.py
compares the results with pySHACL's on every shape fixture, the seed and mutants of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from rightsgraph.sparql.syntax import prelude

THIS = rdflib.Variable("this")
# a target node may lie outside the data graph, where only pre-binding reaches it (a zero-length path matches it)
_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf}
_OTHER_TARGETS = {SH.targetNode, SH.target}
# variables SHACL pre-binds besides $this, which a free evaluation would leave unbound
_PRE_BOUND = re.compile(r"[?$](?:currentShape|shapesGraph|PATH)\b")
_RDF_TYPE, _SUBCLASS = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDFS.subClassOf))
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class SparqlConstraint:
    shape: rdflib.term.Node  # the node shape holding it
    constraint: rdflib.term.Node  # the sh:SPARQLConstraint node (its sh:sparql triple is left out for rudof)
    query: str  # its sh:select, after the prefixes of its sh:prefixes that it uses (sparql.syntax.prelude)
    message: str
    severity: str  # the local name of the shape's sh:severity
    targets: tuple[tuple[rdflib.URIRef, rdflib.URIRef], ...]  # (target predicate, IRI)


def offloadable(shapes: rdflib.Graph, kept: Path | None = None) -> list[SparqlConstraint]:
    """The SPARQL constraints of `shapes` that Oxigraph can answer as pySHACL does (the module docstring): held by a
    node shape that nothing else refers to, targeted by class, subjects of or objects of only, neither deactivated;
    with one sh:message without {?var} templates and a SELECT that Oxigraph reads, that names no pre-bound variable
    but $this, and that projects $this alone and binds it by a triple pattern before it reads it (_binds). `kept`: a
    file keeping each query's verdict (Judged)."""
    found, judged = [], Judged(kept)
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        targets = tuple(
            sorted(
                (URIRef(str(p)), URIRef(str(o)))
                for p, o in shapes.predicate_objects(shape)
                if p in _TARGETS and _iri(o)
            )
        )
        messages = list(shapes.objects(constraint, SH.message))
        severity = shapes.value(shape, SH.severity) or SH.Violation
        if (
            not targets
            or any((shape, p, None) in shapes for p in _OTHER_TARGETS)
            or any(not _iri(o) for p, o in shapes.predicate_objects(shape) if p in _TARGETS)
            or (shape, SH.path, None) in shapes
            or (None, None, shape) in shapes  # reached from another shape (sh:node, sh:or, ...): its own focus nodes
            or (shape, RDF.type, RDFS.Class) in shapes
            or (shape, RDF.type, OWL.Class) in shapes  # an implicit class target
            or any(shapes.value(n, SH.deactivated) == rdflib.Literal(True) for n in (shape, constraint))
            or len(messages) != 1
            or "{" in str(messages[0])
            or len(list(shapes.objects(constraint, SH.select))) != 1
        ):
            continue
        select = str(shapes.value(constraint, SH.select))
        query = prelude(select, _declared(shapes, constraint)) + select
        if _PRE_BOUND.search(query) or not judged(query) or not _oxigraph_reads(query):
            continue
        local = str(severity).rsplit("#", 1)[-1]
        found.append(SparqlConstraint(shape, constraint, query, str(messages[0]), local, targets))
    judged.save()
    return found


class Judged:
    """_projects_this_bound of each query, kept in a file from process to process: rdflib's SPARQL parser takes
    about 0.2 s to load and read the six queries, in every command that validates. Keyed by the query's text, under
    this module's own text and rdflib's version; a file that cannot be read or written only costs the parse."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.changed = path, False
        source = Path(__file__).read_bytes() + rdflib.__version__.encode()
        self.code = hashlib.sha256(source).hexdigest()
        self.verdicts: dict[str, bool] = {}
        try:
            kept = json.loads(path.read_text(encoding="utf-8")) if path is not None else None
        except (OSError, ValueError):
            kept = None
        if isinstance(kept, dict) and kept.get("code") == self.code and isinstance(kept.get("verdicts"), dict):
            self.verdicts = {k: v for k, v in kept["verdicts"].items() if isinstance(v, bool)}

    def __call__(self, query: str) -> bool:
        key = hashlib.sha256(query.encode()).hexdigest()
        if key not in self.verdicts:
            self.verdicts[key], self.changed = _projects_this_bound(query), True
        return self.verdicts[key]

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps({"code": self.code, "verdicts": self.verdicts}), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


def _iri(term: rdflib.term.Node) -> bool:
    return isinstance(term, URIRef)


def _declared(shapes: rdflib.Graph, constraint: rdflib.term.Node) -> dict[str, str]:
    """The prefixes the sh:declare of each of the constraint's sh:prefixes declares (as pySHACL gathers them)."""
    found = {}
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found[str(prefix)] = str(namespace)
    return found


def _projects_this_bound(query: str) -> bool:
    from pyparsing import ParserElement
    from rdflib.plugins.sparql import prepareQuery  # here: loading rdflib's SPARQL parser takes 0.08 s

    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # rdflib raises many kinds: a query it cannot read stays with rudof
        return False
    finally:
        # pyparsing's packrat cache (which matplotlib turns on for all, drawing the network figure) keeps the parse's
        # exceptions until the next parse, and through their tracebacks every frame of the caller's stack: a build's
        # store stayed open (tests/test_sparql_constraints.py)
        ParserElement.reset_cache()
    top = algebra.p
    while top.name in ("Distinct", "Reduced"):
        top = top.p
    if top.name != "Project" or list(top.PV) != [THIS]:
        return False
    bound = _binds(top.p)
    return bound is not None and THIS in bound


def _oxigraph_reads(query: str) -> bool:
    """Whether Oxigraph parses the query as it stands: rdflib knows prefixes (xsd:, and pySHACL's rdf:, rdfs:, owl:)
    that Oxigraph, which predeclares none, would refuse for every data graph."""
    try:
        ox.Store().query(query)
    except SyntaxError:
        return False
    return True


def _mentions(node: object) -> bool:
    if node == THIS:
        return True
    if isinstance(node, dict):  # rdflib's CompValue is a dict; a VALUES block's rows are dicts keyed by variable
        return any(_mentions(k) or _mentions(v) for k, v in node.items() if k != "_vars")
    if isinstance(node, list | tuple | set):
        return any(_mentions(v) for v in node)
    return False


def _binds(node) -> set[rdflib.Variable] | None:  # node: rdflib's CompValue
    """The variables every solution of `node` binds; None where $this is read where a solution may not bind it yet,
    or somewhere free evaluation differs from pre-binding (MINUS, GRAPH, VALUES, a sub-select, an aggregate)."""
    name = node.name
    if name == "BGP":
        return {t for triple in node.triples for t in triple if isinstance(t, rdflib.Variable)}
    if name in ("Join", "LeftJoin", "Union"):
        left, right = _binds(node.p1), _binds(node.p2)
        if left is None or right is None:
            return None
        # an optional side that reads $this where the left leaves it free would bind it to other nodes
        if name == "LeftJoin" and THIS not in left and (_mentions(node.p2) or _mentions(node.expr)):
            return None
        return left | right if name == "Join" else left & right if name == "Union" else left
    if name in ("Filter", "Extend", "OrderBy", "Distinct", "Reduced"):
        inner = _binds(node.p)
        if inner is None or (_mentions(node.get("expr")) and THIS not in inner):
            return None
        if name == "Extend":
            return None if node.var == THIS else inner | {node.var}
        return inner
    # MINUS, VALUES, GRAPH, SERVICE, sub-selects and aggregates: SHACL's pre-binding forbids or scopes them apart
    # (pySHACL refuses MINUS and VALUES), and a part that never reads $this binds nothing certain
    if name == "Minus":
        return None
    return None if _mentions(node) else set()


def focus_nodes(store: ox.Store, targets: Iterable[tuple[rdflib.URIRef, rdflib.URIRef]]) -> set[Term]:
    """The focus nodes of these targets in the data graph (the default graph of `store`): a class target takes the
    instances of its subclasses by the data graph's rdfs:subClassOf, as SHACL does."""
    found: set[Term] = set()
    for kind, value in targets:
        term = ox.NamedNode(str(value))
        if kind == SH.targetClass:
            classes: set[Term] = {term}
            frontier: list[Term] = [term]
            while frontier:
                for q in store.quads_for_pattern(None, _SUBCLASS, frontier.pop()):
                    if q.subject not in classes:
                        classes.add(q.subject)
                        frontier.append(q.subject)
            found |= {q.subject for c in classes for q in store.quads_for_pattern(None, _RDF_TYPE, c)}
        elif kind == SH.targetSubjectsOf:
            found |= {q.subject for q in store.quads_for_pattern(None, term, None)}
        else:
            found |= {q.object for q in store.quads_for_pattern(None, term, None)}
    return found


def failures(constraints: list[SparqlConstraint], data: bytes) -> Iterator[tuple[SparqlConstraint, Term]]:
    """(constraint, focus node) for each solution of each constraint on the data graph (N-Triples)."""
    if not constraints:
        return
    store = ox.Store()
    if b"_:" in data:  # Store.load names blank nodes afresh; the results name them as the data does
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    else:
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    for constraint in constraints:
        focus = focus_nodes(store, constraint.targets)
        reported: set[Term] = set()
        for solution in store.query(constraint.query) if focus else ():  # a SELECT
            this = solution["this"]
            if this in focus and this not in reported:  # pySHACL: one result per focus node and constraint
                reported.add(this)
                yield constraint, this
