"""Strict reading of the project's RDF files with pyoxigraph's parser.

rdflib accepts some invalid Turtle; pyoxigraph does not, and it reports the line. Every Turtle file
in ontology/ and shapes/ is read here, so a syntax error always comes back as a UserError naming the
file and the line.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from threading import Lock

import pyoxigraph as ox

from rightsgraph.core.errors import UserError, read_text

_PARSED: dict[tuple[str, str], tuple[list[ox.Triple], dict[str, str]]] = {}  # by base IRI and SHA-256 of the bytes
KEPT_PARSES = 256
_KEEPING = Lock()


def _forked() -> None:
    """In a child forked while another thread held the lock (sparql.isolated forks), a lock of its own."""
    global _KEEPING
    _KEEPING = Lock()


os.register_at_fork(after_in_child=_forked)


def _parsed(path: Path) -> tuple[list[ox.Triple], dict[str, str]]:
    """The triples of one Turtle file and the prefixes it declares, or a UserError at the faulty line. A process parses
    the same bytes once (a build reads the ontology's prefixes several times); a file read again is hashed again."""
    data, base = read_text(path).encode("utf-8"), path.resolve().as_uri()
    key = (base, hashlib.sha256(data).hexdigest())
    found = _PARSED.get(key)
    if found is None:
        parser = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base)
        try:
            triples = list(parser)
        except SyntaxError as exc:
            message = str(exc.args[0]) if exc.args else str(exc)
            raise UserError(
                f"Turtle syntax error: {message}", path, exc.lineno, "correct the Turtle at that line"
            ) from None
        found = (triples, parser.prefixes)
        with _KEEPING:  # the build's threads parse too
            while len(_PARSED) >= KEPT_PARSES:
                del _PARSED[next(iter(_PARSED))]  # the oldest
            _PARSED[key] = found
    return list(found[0]), dict(found[1])


def parse_turtle(path: Path, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """Parse one Turtle file into quads of `graph` (the default graph when None)."""
    target = graph if graph is not None else ox.DefaultGraph()
    return [ox.Quad(t.subject, t.predicate, t.object, target) for t in _parsed(path)[0]]


def turtle_prefixes(path: Path) -> dict[str, str]:
    """The prefixes a Turtle file declares (@prefix and PREFIX), as the parser reads them."""
    return _parsed(path)[1]


def file_graph(root: Path, path: Path) -> ox.NamedNode:
    """A named graph for one project file, named by its path relative to the project root."""
    return ox.NamedNode("urn:rightsgraph:file:" + path.resolve().relative_to(root.resolve()).as_posix())


def file_of_graph(graph_iri: str) -> str | None:
    prefix = "urn:rightsgraph:file:"
    return graph_iri[len(prefix) :] if graph_iri.startswith(prefix) else None


def load_files(
    store: ox.Store, root: Path, paths: list[Path], per_file_graph: bool = True, graph: ox.NamedNode | None = None
) -> int:
    """Load Turtle files into a store; each in a graph of its own unless `graph` is given."""
    count = 0
    for path in paths:
        target = graph if graph is not None else (file_graph(root, path) if per_file_graph else None)
        quads = parse_turtle(path, target)
        store.extend(quads)
        count += len(quads)
    return count
