"""SHACL validation with rudof (PyPI `pyrudof`, a Rust engine), checked against pySHACL.

`FastValidator` has the interface of `validate.Validator` and prepares the data graph the same way
(the ontology, the concept schemes and the rdfs:subClassOf closure of the types mixed in, no other
inference), but runs rudof's native SHACL engine instead of pySHACL. pySHACL stays the reference:
tests/test_fast_validate.py checks on every shape fixture, on the seed dataset and on mutants of it
that both report the same results.

The pyrudof 0.3.35 calls used, one session per validator (shapes read once, data replaced per call):

    rudof = pyrudof.Rudof()
    rudof.read_shacl(shapes_nt, format=ShaclFormat.NTriples, reader_mode=ReaderMode.Strict)
    rudof.reset_data()                                                # once: a data graph of one placeholder
    rudof.read_data(placeholder_nt, format=RDFFormat.NTriples, reader_mode=ReaderMode.Strict, merge=False)
    rudof.begin_staging()                                             # then per call, in a staging frame:
    rudof.remove_triples([placeholder])                               # the graph empty,
    rudof.read_data(data_nt, format=RDFFormat.NTriples, reader_mode=ReaderMode.Strict, merge=True)
    report = rudof.validate_shacl(mode=ShaclValidationMode.Native)   # ShaclValidationReport
    for entry in report: ...                                          # ShaclValidationEntry
    rudof.rollback_staging()                                          # and the placeholder alone again

Notes on pyrudof 0.3.35:
- a string passed to read_data / read_shacl is inline data, a file path or a URL: only N-Triples
  text built here is passed, and never an empty string (rudof raises InputError on empty input);
- read_data merges into the loaded data when `merge` is not given, although its docstring says it
  replaces it. The first read after reset_data() makes a new data graph, which cost about 55 ms whatever
  the data (one triple included): at a million triples that was 9.7 ms of the 30 ms rudof spent per
  article graph (groups of 10). So the data graph is made once, holding one placeholder triple (rudof
  refuses an empty input, and a staging frame needs data loaded), and each call stages its data over it
  and rolls the frame back, which puts the placeholder alone back: 3.8 ms per graph, the same results.
  A frame that cannot be rolled back has the graph made afresh at the next call. A test validates
  fixtures one after another with one validator and compares each with pySHACL;
- ReaderMode.Lax (the default) skips what it cannot parse: Strict is used so no triple is dropped;
- validate_shacl returns only the top-level results (an sh:node failure is one result, without the
  nested details), as validate._results keeps them.

How an entry maps to `Violation`, field by field:
- focus, value: rudof gives an IRI bare, a blank node as `_:label` and a literal in Turtle-like
  syntax with its lexical form unescaped (`"80"^^xsd:integer`, `"x"@en`). pySHACL's Violation has
  `str(term)`: the IRI, the blank node label, the (rdflib-normalised) lexical form; the same string
  is made here. Blank node labels of the data never match between the engines (rdflib relabels).
- path: an IRI, or None. An inverse path is `^` + the IRI (rudof writes `^(IRI)`; pySHACL gives an
  anonymous blank node of its report graph, which is why tests/test_shapes.py resolves it through
  the shape). Other complex paths (not used by the shapes) keep rudof's text.
- shape: a named shape's IRI; for a property shape, rudof keeps the blank node label of the shapes
  graph it read. It is given the N-Triples of `self.shapes` (the rdflib graph of the Validator), so
  `shape` is the id of that blank node in `self.shapes`, exactly as pySHACL reports it for the same
  graph; labels are fresh for every validator instance, as with pySHACL.
- component: the full IRI of the sh:...ConstraintComponent (same as pySHACL).
- severity: the local name, `Violation` (same as pySHACL).
- message: rudof writes its own text for some components (sh:lessThan, sh:lessThanOrEquals,
  sh:uniqueLang, sh:node, sh:or) instead of sh:message, so the sh:message of the source shape is
  read from the shapes graph, as pySHACL reports it; for an sh:sparql constraint (whose message
  belongs to the constraint node, not the shape) rudof's message is used: it is that sh:message.

SPARQL constraints: rudof reads only those validate.sparql_constraints cannot take. The others are asked of an
Oxigraph store of the same N-Triples after rudof has run (at a million triples rudof spent a third of its time on
making its SPARQL dataset), and their results added to rudof's, made as pySHACL makes them.

Differences found and removed:
- rudof's sh:datatype takes any lexical form typed xsd:date for a date ("2024-13-45", "20240930", a word), and
  its sh:lessThan and sh:lessThanOrEquals order dates, and literals of datatypes SPARQL does not order, by their
  text; nor does it report an IRI compared with a literal. Data holding such a literal, or a node where the
  shapes compare values, is validated with pySHACL (validate.literals.RudofReader finds it in the N-Triples
  handed to rudof; the build's converter refuses most ill-typed values, so the build rarely needs it).
- rudof's SPARQL engine makes SUBSTR an error when the start is below 1 or the length is negative, where
  SPARQL 1.1 (fn:substring; pyoxigraph and rdflib agree) gives the characters in range; and rdflib (pySHACL's
  SPARQL) evaluates every operand of && and fails on arithmetic with a decimal or an ill-typed offset.
  rgsh:TextSpanShape's sh:sparql compares a quote with the text only for well-formed integer offsets
  (0 <= begin <= end, chosen with IF); other offsets are reported by its core constraints.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH, XSD

from rightsgraph.core.project import Project
from rightsgraph.validate.literals import RudofReader
from rightsgraph.validate.shacl import Validator, Violation, owned_only, validate_graph
from rightsgraph.validate.sparql_constraints import SparqlConstraint, Term, failures, offloadable

# rudof's data graph between calls: one triple no data holds (see the notes above)
_PLACEHOLDER = ("<urn:rightsgraph:validate:placeholder>",) * 3
_PLACEHOLDER_NT = " ".join(_PLACEHOLDER) + " .\n"

SPARQL_COMPONENT = str(SH.SPARQLConstraintComponent)
_LITERAL = re.compile(r'"(.*)"(?:@([A-Za-z0-9-]+)|\^\^(?:<([^<>"\s]*)>|([A-Za-z][\w.-]*):([^\s"<>]*)))?', re.DOTALL)
_INVERSE = re.compile(r"\^\(<?([^()<>\s]+)>?\)")
# The prefixes rudof compacts datatype IRIs with in its output.
_PREFIXES = {"xsd": str(XSD), "rdf": str(RDF), "rdfs": str(rdflib.RDFS)}


def term_string(text: str | None) -> str | None:
    """A term as rudof prints it, as the `str()` of the rdflib term pySHACL reports."""
    if text is None:
        return None
    if text.startswith("_:"):
        return text[2:]
    match = _LITERAL.fullmatch(text)
    if match is None:
        return text  # an IRI
    lexical, language, datatype, prefix, local = match.groups()
    if prefix is not None:
        if prefix not in _PREFIXES:
            return lexical
        datatype = _PREFIXES[prefix] + local
    # rdflib normalises the lexical form of some datatypes (e.g. "+05"^^xsd:integer is "5"), as pySHACL saw it.
    return str(rdflib.Literal(lexical, lang=language, datatype=rdflib.URIRef(datatype) if datatype else None))


def python_string(term: Term) -> str:
    """An Oxigraph term as the `str()` of the rdflib term pySHACL reports (a literal's normalised lexical form)."""
    if isinstance(term, ox.Literal):
        datatype = None if term.language else rdflib.URIRef(term.datatype.value)
        return str(rdflib.Literal(term.value, lang=term.language, datatype=datatype))
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode) else str(term)


def without(shapes: rdflib.Graph, held: set[tuple[rdflib.term.Node, rdflib.term.Node]]) -> str:
    """The shapes graph as N-Triples without these (shape, constraint) sh:sparql links; a constraint node another shape
    holds too stays with that shape (and rudof reads a constraint no shape holds as nothing to check). The lines are
    dropped from rdflib's N-Triples, which writes each triple as its terms' n3() (a copy of the graph took 45 ms)."""
    links = {f"{shape.n3()} {SH.sparql.n3()} {constraint.n3()} ." for shape, constraint in held}
    return "".join(line for line in shapes.serialize(format="nt").splitlines(True) if line.rstrip("\n") not in links)


def path_string(text: str | None) -> str | None:
    """The result path: an IRI, `^IRI` for an inverse path, None for a node shape's own constraint."""
    if not text:
        return None
    if match := _INVERSE.fullmatch(text):
        return "^" + match.group(1)
    return text


class FastValidator(Validator):
    """rudof over one data graph at a time, prepared as `Validator` prepares it; same results."""

    def __init__(self, project: Project, ontology: list[ox.Quad], kept: Path | None = None) -> None:
        """`kept`: a file keeping which SPARQL constraints Oxigraph may answer (validate.sparql_constraints.Judged)."""
        import pyrudof

        super().__init__(project, ontology)
        # the SPARQL constraints Oxigraph answers (validate.sparql_constraints) are left out of what rudof reads
        self.offloaded = offloadable(self.shapes, kept)
        left_out = {(c.shape, c.constraint) for c in self.offloaded}
        # rdflib writes a blank node of self.shapes as _:<its id>, and rudof reports that label.
        self.shapes_nt = without(self.shapes, left_out)
        self.messages = {str(shape): str(message) for shape, message in self.shapes.subject_objects(SH.message)}
        schemes_nt = ox.serialize(self.schemes, format=ox.RdfFormat.N_TRIPLES)
        assert schemes_nt is not None  # serialize returns the bytes when given no output
        self.schemes_nt = schemes_nt
        self.reader = RudofReader(self.shapes)
        self.rudof = pyrudof.Rudof()  # one session: the shapes are read once, the data replaced per graph
        self.placeholder_only = False  # whether rudof's data graph holds the placeholder alone (see the notes)
        self.rudof.read_shacl(
            self.shapes_nt, format=pyrudof.ShaclFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict
        )

    def validate(self, quads: list[ox.Quad], graph: str, owned: set[str] | None = None) -> list[Violation]:
        if len(self.shapes) == 0:
            return []
        data = ox.serialize(self.prepare(quads), format=ox.RdfFormat.N_TRIPLES)
        if not data:
            # rudof refuses empty input; with no data the reference is as fast.
            return super().validate(quads, graph, owned)
        return self._run(data, graph, owned)

    def validate_nquads(self, data: bytes, graph: str, owned: set[str] | None = None) -> list[Violation]:
        """The data graph of `prepare`, made in Rust from N-Quads: no Python object per data triple."""
        if len(self.shapes) == 0 or not data:
            return super().validate_nquads(data, graph, owned)
        # the ontology is the default graph; a quad of the data in the default graph goes to a named one
        scratch = self.scratch()
        scratch.load(data, format=ox.RdfFormat.N_QUADS, to_graph=ox.NamedNode("urn:rightsgraph:data"))
        graphs = list(scratch.named_graphs())
        # dump and serialize return the bytes when given no output; the closure query is a CONSTRUCT
        triples = b"".join(cast(bytes, scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)) for g in graphs)
        closure = ox.serialize(
            cast(ox.QueryTriples, scratch.query(self.closure, default_graph=[ox.DefaultGraph(), *graphs])),
            format=ox.RdfFormat.N_TRIPLES,
        )
        assert closure is not None
        return self._run(triples + closure + self.schemes_nt, graph, owned)

    def _run(self, data: bytes, graph: str, owned: set[str] | None) -> list[Violation]:
        if not self.reader.reads_alike(data):  # literals rudof reads otherwise (validate.literals): the reference
            reference = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
            return owned_only(validate_graph(reference, self.shapes, graph), owned)
        found = self._rudof_violations(data.decode("utf-8"), graph)
        found += [self._sparql_violation(c, this, graph) for c, this in failures(self.offloaded, data)]
        return owned_only(found, owned)

    def _rudof_violations(self, text: str, graph: str) -> list[Violation]:
        """rudof's results on these N-Triples, read in a staging frame over its data graph of the placeholder and
        rolled back once the report is read (see the notes above)."""
        import pyrudof

        strict, triples = pyrudof.ReaderMode.Strict, pyrudof.RDFFormat.NTriples
        if not self.placeholder_only:
            while self.rudof.staging_depth() > 0:  # a frame left open by an interrupted call
                with contextlib.suppress(pyrudof.DataError):  # closed all the same; the graph is made afresh below
                    self.rudof.rollback_staging()
            self.rudof.reset_data()
            self.rudof.read_data(_PLACEHOLDER_NT, format=triples, reader_mode=strict, merge=False)
            self.placeholder_only = True
        self.placeholder_only = False  # until the frame is rolled back
        self.rudof.begin_staging()
        try:
            self.rudof.remove_triples([_PLACEHOLDER])
            self.rudof.read_data(text, format=triples, reader_mode=strict, merge=True)
            report = self.rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native)
            return [self._violation(entry, graph) for entry in report]
        finally:
            with contextlib.suppress(pyrudof.DataError):  # not rolled back: the graph is made afresh next time
                self.rudof.rollback_staging()
                self.placeholder_only = True

    def _sparql_violation(self, constraint: SparqlConstraint, this: Term, graph: str) -> Violation:
        """A result of a SPARQL constraint answered by Oxigraph, as pySHACL gives it (validate.sparql_constraints)."""
        focus = python_string(this)
        return Violation(
            graph=graph,
            focus=focus,
            path=None,
            shape=str(constraint.shape),
            component=SPARQL_COMPONENT,
            severity=constraint.severity,
            message=constraint.message,
            value=focus,
        )

    def _violation(self, entry, graph: str) -> Violation:  # entry: pyrudof.ShaclValidationEntry
        shape = term_string(entry.source_shape) or ""
        component = entry.constraint_component
        message = None if component == SPARQL_COMPONENT else self.messages.get(shape)
        if message is None:
            message = term_string(entry.message) or ""
        return Violation(
            graph=graph,
            focus=term_string(entry.focus_node) or "",
            path=path_string(entry.path),
            shape=shape,
            component=component,
            severity=entry.severity.rsplit("#", 1)[-1],
            message=message,
            value=term_string(entry.value),
        )
