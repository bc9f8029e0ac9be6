"""What the two SHACL engines make of literals: which values SHACL's comparisons may order, which typed literals
rudof reads as pySHACL reads them, and quiet for rdflib's warning on each ill-typed literal.

An ill-typed literal is one whose lexical form is not in its datatype's lexical space ("2024-13-45"^^xsd:date).
SHACL reports it under sh:datatype, and a value that cannot be compared (an ill-typed literal, or two values of
kinds SPARQL's < and <= do not order, such as a date and a date-time) is a result of sh:lessThan,
sh:lessThanOrEquals and sh:min/maxInclusive/Exclusive. Neither engine does all of this alone (pyrudof 0.3.35,
pySHACL 0.40.1 with rdflib 7):
- pySHACL compares with rdflib's ordering: an ill-typed literal raised TypeError out of sh:lessThanOrEquals (or
  was ordered by its text), and values of two datatypes were ordered by the datatypes' IRIs. `ordered` is the
  rule validate.shacl.spec_comparisons gives it instead.
- rudof's sh:datatype takes any lexical form typed xsd:date for a date, and it orders dates and unknown datatypes
  by their text. `RudofReader.reads_alike` finds the data where that matters; validate.rudof validates it with
  pySHACL.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import rdflib
from rdflib.namespace import SH, XSD

_NUMERIC = {
    XSD[name]
    for name in [
        "integer",
        "decimal",
        "float",
        "double",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
    ]
}
# Datatypes whose values SPARQL's < and <= order among themselves (SPARQL 1.1 and the XPath orderings engines add).
_ORDERED = {XSD.boolean, XSD.date, XSD.dateTime, XSD.time}
_COMPARISONS = (SH.lessThan, SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive)


def _kind(literal: rdflib.Literal) -> str | None:
    """What a literal is ordered among: "string", "numeric", an ordered datatype; None: it cannot be ordered."""
    if literal.ill_typed:
        return None
    if literal.language or literal.datatype in (None, XSD.string):
        return "string"  # plain and language-tagged text, as pySHACL and rudof order it
    if literal.datatype in _NUMERIC:
        return "numeric"
    return str(literal.datatype) if literal.datatype in _ORDERED else None


def ordered(value: rdflib.term.Node, other: rdflib.term.Node) -> bool:
    """Whether SHACL's comparisons can order the two values (else each comparison of them is a result): two
    IRIs (both engines order them as text), or two well-typed literals of one kind (numbers, text, dates...)."""
    if isinstance(value, rdflib.URIRef) and isinstance(other, rdflib.URIRef):
        return True
    if not (isinstance(value, rdflib.Literal) and isinstance(other, rdflib.Literal)):
        return False
    kind = _kind(value)
    return kind is not None and kind == _kind(other)


class _IllTypedLiterals(logging.Filter):
    """rdflib logs a warning with a traceback for every ill-typed literal it makes: the engines report them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form to value")


_QUIET = _IllTypedLiterals()


def quiet_ill_typed_literals() -> None:
    logging.getLogger("rdflib.term").addFilter(_QUIET)  # the same filter once, however often called


# N-Triples (N-Quads: the graph name follows the object): a subject, and a line whose object is a typed literal,
# <s> <p> "lexical"^^<datatype> (a lexical form has its quotes and line breaks escaped). Only the lines that hold
# '"^^<' are read (a regular expression over every line took 40 ms a megabyte).
_SUBJECT = re.compile(rb"<[^<>\s]*>|_:\S+")
_DATATYPE = re.compile(rb'"\^\^<')
_TYPED = re.compile(rb'(?:<[^<>\s]*>|_:\S+) <([^<>\s]*)> "((?:[^"\\\n]|\\.)*)"\^\^<([^<>\s]*)>')


def typed_literals(data: bytes) -> set[tuple[bytes, bytes, bytes]]:
    """(predicate, lexical form, datatype) of each triple of N-Triples whose object is a typed literal."""
    found: set[tuple[bytes, bytes, bytes]] = set()
    for match in _DATATYPE.finditer(data):
        line = _TYPED.match(data, data.rfind(b"\n", 0, match.start()) + 1)
        if line is not None:
            found.add((line[1], line[2], line[3]))
    return found


# The forms rudof reads as rdflib does: an integer without sign or leading zeros, a date and a date-time of a
# four-digit year without a time zone (rudof orders xsd:date by its text).
_CANONICAL = {
    str(XSD.integer): re.compile(r"-?(0|[1-9][0-9]*)"),
    str(XSD.date): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    str(XSD.dateTime): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]*[1-9])?"),
}
_STANDARD = (str(XSD), "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
_RUDOF_ORDERS = {str(d).encode("utf-8") for d in _NUMERIC | _ORDERED}  # as SHACL does (the others: by their text)


class RudofReader:
    """Finds, in the N-Triples a validator hands rudof, what rudof would read otherwise than pySHACL does."""

    def __init__(self, shapes: rdflib.Graph) -> None:
        compared = {str(p) for c in _COMPARISONS for s in shapes.subjects(c, None) for p in shapes.objects(s, SH.path)}
        compared |= {str(o) for c in (SH.lessThan, SH.lessThanOrEquals) for o in shapes.objects(None, c)}
        self.compared = {p.encode("utf-8") for p in compared if "://" in p}  # the simple paths the shapes compare
        names = b"|".join(re.escape(p) for p in sorted(self.compared))
        self.compared_node = re.compile(rb" <(?:" + names + rb")> [<_]") if names else None

    def node_compared(self, data: bytes) -> bool:
        """An IRI or blank node as the value of a property the shapes compare: rudof lets it pass where SHACL
        reports it."""
        for match in self.compared_node.finditer(data) if self.compared_node else ():
            if _SUBJECT.fullmatch(data, data.rfind(b"\n", 0, match.start()) + 1, match.start()):
                return True  # the property is the triple's predicate
        return False

    def reads_alike(self, data: bytes) -> bool:
        """Whether every typed literal in `data` is well-typed in the form rudof reads (above), and every value
        the shapes compare is a literal rudof orders as SHACL does: else pySHACL must judge the data."""
        if self.node_compared(data):
            return False
        for predicate, lexical, datatype in typed_literals(data):
            if not _well_typed_in_rudofs_form(lexical.decode("utf-8"), datatype.decode("utf-8")):
                return False
            if predicate in self.compared and datatype not in _RUDOF_ORDERS:
                return False  # rudof orders these by their text; SHACL cannot compare them
        return True


def _well_typed_in_rudofs_form(lexical: str, datatype: str) -> bool:
    if not datatype.startswith(_STANDARD):
        return True  # a datatype neither engine knows: a value only its own datatype matches
    if "\\" in lexical:
        return False  # an escaped character: no date or number has one
    form = _CANONICAL.get(datatype)
    if form is not None and not form.fullmatch(lexical):
        return False
    if datatype == str(XSD.date):
        try:
            dt.date.fromisoformat(lexical)
        except ValueError:
            return False
        return True
    if datatype == str(XSD.integer):
        return True
    literal = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    return not literal.ill_typed and str(literal) == lexical  # rdflib writes the value back as it was given
