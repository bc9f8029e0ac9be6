"""What part of a dataset a SPARQL query can read: its footprint, for telling that an edit cannot change its answer.

A query whose triple patterns all have a fixed predicate (an IRI, or a property path of IRIs) reads only the triples
whose predicate it names. An edit that adds or removes no quad with such a predicate, in any graph, leaves its answer
as it was. The footprint is every IRI the query names (a superset of those predicates, cheap to check against), and
the IRIs at a fixed end of a path that can be zero steps long (`?c rdfs:subClassOf* rg:Actor`): Oxigraph matches
such a path to the IRI itself only while the IRI is a node of the dataset, which any quad about it can change.

A query is *open* (any edit may change its answer) when one of its patterns has a variable predicate or a negated
property set (`!p`), when `GRAPH ?g` holds no pattern of its own, when it cannot be parsed here, when it calls a
function whose value changes from one asking to the next (NOW, RAND, UUID, STRUUID, BNODE) or asks a SERVICE, or
when a path that can be zero steps long (`p*`, `p?`) joins two variables that no other pattern binds: such a path
matches every node of the graph, whichever triples made it a node. A variable counts as bound when a pattern with a
fixed predicate, that can not be zero steps long, binds it in every solution: in the same group, in a group joined
with it, in the required part of an `OPTIONAL` or `MINUS`, or around a `FILTER (NOT) EXISTS` (whose pattern sees the
row's values). A sub-select, and a `GRAPH` block (whose nodes are those of one graph), is judged on its own.

The queries are parsed by rdflib's SPARQL parser and algebra; the footprints of texts are kept by their digest
(`Footprints`), so a text is parsed once per project, not once per build.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox


def seen(quads: Iterable[ox.Quad]) -> tuple[frozenset[str], frozenset[str]]:
    """The predicates of quads, and their subjects and objects (a triple term's left out: no path ends at one): what
    `Footprint.meets` is asked of."""
    quads = list(quads)
    terms = (term for quad in quads for term in (quad.subject, quad.object))
    ends = frozenset(t.value for t in terms if isinstance(t, (ox.NamedNode, ox.BlankNode, ox.Literal)))
    return frozenset(quad.predicate.value for quad in quads), ends


@dataclass(frozen=True)
class Footprint:
    iris: frozenset[str]  # every IRI the query names
    open: bool
    nodes: frozenset[str] = frozenset()  # the IRIs at a fixed end of a path that can be zero steps long

    def __or__(self, other: Footprint) -> Footprint:
        return Footprint(self.iris | other.iris, self.open or other.open, self.nodes | other.nodes)

    def touched_by(self, quads: Iterable[ox.Quad]) -> bool:
        """Whether a quad added or removed may change the answer: the query is open, the quad's predicate is an IRI
        the query names, or its subject or object is the fixed end of a path that can be zero steps long."""
        return self.meets(*seen(quads))

    def meets(self, predicates: frozenset[str], ends: frozenset[str]) -> bool:
        """touched_by, of quads with these predicates and these subjects and objects (`seen`)."""
        return self.open or not self.iris.isdisjoint(predicates) or not self.nodes.isdisjoint(ends)

    def as_json(self) -> dict[str, object]:
        return {"iris": sorted(self.iris), "open": self.open, "nodes": sorted(self.nodes)}

    @classmethod
    def from_json(cls, data: object) -> Footprint | None:
        if not isinstance(data, dict) or not isinstance(data.get("open"), bool):
            return None
        if not isinstance(data.get("iris"), list) or not isinstance(data.get("nodes"), list):
            return None
        return cls(frozenset(map(str, data["iris"])), data["open"], frozenset(map(str, data["nodes"])))


EMPTY = Footprint(frozenset(), False)
OPEN = Footprint(frozenset(), True)


def footprint(text: str) -> Footprint:
    """The footprint of one query's text (OPEN when rdflib cannot parse it)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        algebra = translateQuery(parseQuery(text)).algebra
    except Exception:  # rdflib reads SPARQL 1.1 as Oxigraph does but for extensions: nothing can be told then
        return OPEN
    if algebra.name == "DescribeQuery":
        return OPEN  # a description is every triple about a node, whatever its predicate
    walk = _Walk()
    walk.visit(algebra, frozenset(), frozenset())
    return Footprint(frozenset(walk.iris), walk.open, frozenset(walk.nodes))


def _zero(path: object) -> bool:
    """Whether a path (or predicate) can match zero steps: a node to itself."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath

    if isinstance(path, MulPath):
        return path.zero or _zero(path.path)
    if isinstance(path, SequencePath):
        return all(_zero(p) for p in path.args)
    if isinstance(path, AlternativePath):
        return any(_zero(p) for p in path.args)
    if isinstance(path, InvPath):
        return _zero(path.arg)
    return False


def _triples(node: dict) -> list[tuple]:
    """The triple patterns of a BGP (tuples) or of a parsed TriplesBlock (lists of 3n terms)."""
    found = []
    for triple in node.get("triples") or []:
        items = list(triple)
        found += [tuple(items[i : i + 3]) for i in range(0, len(items) - 2, 3)]
    return found


def _free(term: object) -> bool:
    """A variable, or a blank node of the query (which matches as a variable does)."""
    from rdflib.term import BNode, Variable

    return isinstance(term, (Variable, BNode))


def _plain_bound(triples: list[tuple]) -> set:
    """The variables that a pattern with a fixed predicate, never zero steps long, binds."""
    bound: set = set()
    for s, p, o in triples:
        if not _free(p) and not _zero(p):
            bound.update(t for t in (s, o) if _free(t))
    return bound


_SAME_ROWS = {"Filter", "Extend", "Distinct", "Reduced", "OrderBy", "Slice", "Graph", "ToMultiSet", "LeftJoin", "Minus"}
# NOW(), RAND(), UUID(), STRUUID() and BNODE() give a new value at each asking; SERVICE asks another endpoint
_VOLATILE = {"Builtin_NOW", "Builtin_RAND", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE", "ServiceGraphPattern"}
_ON_ITS_OWN = {"Project", "Slice", "Group", "AggregateJoin", "Graph"}  # a sub-select, LIMIT, grouping, one graph


def _bound(node: object) -> frozenset:
    """The variables bound in every solution of an algebra node by a pattern with a fixed predicate."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if not isinstance(node, CompValue):
        return frozenset()
    name = node.name
    if name == "BGP":
        return frozenset(_plain_bound(_triples(node)))
    if name == "Join":
        return _bound(node.get("p1")) | _bound(node.get("p2"))
    if name == "Union":
        return _bound(node.get("p1")) & _bound(node.get("p2"))
    if name == "Project":
        return _bound(node.get("p")) & frozenset(node.get("PV") or ())
    if name in _SAME_ROWS:
        return _bound(node.get("p") if "p" in node else node.get("p1"))
    return frozenset()


class _Walk:
    """Walks the algebra with two sets of variables a zero-length path may be anchored by:

    - `joined`: those that a pattern joined with this one binds: rows this one adds for other nodes are then dropped
      by the join. Passed into the groups of a join and the required side of OPTIONAL and MINUS, not into their
      other side (an optional row that binds a variable changes which rows join) nor into a FILTER's expression;
    - `fixed`: those an enclosing FILTER (NOT) EXISTS or OPTIONAL's condition substitutes by the row's values (nodes
      that a pattern with a fixed predicate matched): constants everywhere inside, but in a sub-select or GRAPH.
    """

    def __init__(self) -> None:
        self.iris: set[str] = set()
        self.nodes: set[str] = set()
        self.open = False

    def visit(self, node: object, joined: frozenset, fixed: frozenset) -> None:
        from rdflib.paths import NegatedPath, Path
        from rdflib.plugins.sparql.parserutils import CompValue
        from rdflib.term import URIRef

        if isinstance(node, URIRef):
            self.iris.add(str(node))
        elif isinstance(node, NegatedPath):
            self.open = True
        elif isinstance(node, Path):
            for part in vars(node).values():
                self.visit(part, joined, fixed)
        elif isinstance(node, CompValue):
            self._node(node, joined, fixed)
        elif isinstance(node, dict):
            for value in node.values():
                self.visit(value, joined, fixed)
        elif isinstance(node, (list, tuple, set, frozenset)):
            for value in node:
                self.visit(value, joined, fixed)

    def _node(self, node, joined: frozenset, fixed: frozenset) -> None:
        from rdflib.term import Literal, URIRef

        name, get = node.name, node.get
        none: frozenset = frozenset()
        if name in ("BGP", "TriplesBlock"):
            triples = _triples(node)
            bound = joined | fixed | _plain_bound(triples)
            for s, p, o in triples:
                unanchored = _zero(p) and _free(s) and _free(o) and not {s, o} & bound
                if _free(p) or unanchored:
                    self.open = True
                elif _zero(p):
                    self.nodes.update(str(t) for t in (s, o) if isinstance(t, (URIRef, Literal)))
                self.visit((s, p, o), joined, fixed)
            return
        if name == "Join":
            self.visit(get("p1"), joined | _bound(get("p2")), fixed)
            self.visit(get("p2"), joined | _bound(get("p1")), fixed)
            return
        if name in ("LeftJoin", "Minus"):
            self.visit(get("p1"), joined, fixed)
            self.visit(get("p2"), _bound(get("p1")), fixed)
            self.visit(get("expr"), none, fixed | _bound(get("p1")) | _bound(get("p2")))
            return
        if name in ("Filter", "Extend"):
            self.visit(get("p"), joined, fixed)
            self.visit(get("expr"), none, fixed | _bound(get("p")))
            return
        if name in _VOLATILE:
            self.open = True  # an answer that differs from one asking to the next, or not the store's
        if name == "Graph" and not _bound(get("p")):
            self.open = True  # GRAPH with no pattern of its own: which graphs there are, whatever their triples
        if name in _ON_ITS_OWN:
            joined = fixed = none
        for key, value in node.items():
            if not key.startswith("_"):
                self.visit(value, joined, fixed)


_PARSING = threading.Lock()


def _new_lock() -> None:  # a child forked while a thread parsed must not inherit the lock taken
    global _PARSING
    _PARSING = threading.Lock()


os.register_at_fork(after_in_child=_new_lock)


class Footprints:
    """Footprints of query texts, kept in a JSON file by the digest of each text, for one version of the code that
    reads them (`salt`: another version reads them again)."""

    def __init__(self, path: Path, salt: str) -> None:
        self.path, self.salt = path, salt
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        found = kept.get("footprints") if isinstance(kept, dict) and kept.get("salt") == salt else None
        self.kept: dict[str, object] = found if isinstance(found, dict) else {}
        self.added = False

    def of(self, texts: Iterable[str]) -> Footprint:
        """The union of the footprints of `texts`."""
        union = EMPTY
        for text in texts:
            digest = hashlib.sha256(text.encode()).hexdigest()
            found = Footprint.from_json(self.kept.get(digest))
            if found is None:
                with _PARSING:  # the build asks from several threads: rdflib's parser is not shown to be thread-safe
                    found = footprint(text)
                    self.kept[digest] = found.as_json()
                    self.added = True
            union = union | found
        return union

    def known(self, digest: str) -> Footprint | None:
        """The footprint of the text of this digest, if it is kept."""
        return Footprint.from_json(self.kept.get(digest))

    def save(self) -> None:
        """Write the file again if a footprint was added: beside it, then renamed over it."""
        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.path.parent, prefix=self.path.name, delete=False) as f:
            json.dump({"salt": self.salt, "footprints": self.kept}, f, sort_keys=True)
        os.replace(f.name, self.path)
        self.added = False
