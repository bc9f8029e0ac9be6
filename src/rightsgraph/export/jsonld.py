"""JSON-LD output compacted with the project's context, written directly from the quads.

A general JSON-LD compaction (pyLD) of a flat graph with no blank nodes is slow (about 2,000 triples
a second); this writes the same kind of document in one pass: one node object per subject in one
@graph per named graph, each property by its top-level context term where the term's coercion fits
the value (otherwise as a compact IRI with expanded values), IRIs relative to @base. Whether a
value can be written short is decided by the context interpreter the build itself uses. The test
suite expands the output with pyLD and checks it gives back exactly the store's quads.

The document is written one node object per line (json's C encoder, keys sorted), so that it is
both fast to write at a million triples and readable as a diff between two builds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from rightsgraph.authoring.context import Context, Term
from rightsgraph.core.namespaces import RDF_TYPE

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Compactor:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.by_iri: dict[str, list[Term]] = {}
        for name in sorted(context.terms):
            self.by_iri.setdefault(context.terms[name].iri, []).append(context.terms[name])
        self.prefixes = sorted(context.prefixes.items(), key=lambda kv: -len(kv[1]))
        self.type_key = next(k for k, v in sorted(context.aliases.items()) if v == "@type")
        self.id_key = next(k for k, v in sorted(context.aliases.items()) if v == "@id")

    def iri(self, iri: str, vocab: bool) -> str:
        """A compact form that expands back to `iri` (relative to @vocab or @base, a compact IRI, or as is)."""
        if (
            vocab
            and iri.startswith(self.context.vocab)
            and self.context.expand(iri[len(self.context.vocab) :], True) == iri
        ):
            return iri[len(self.context.vocab) :]
        if not vocab and iri.startswith(self.context.base) and ":" not in iri[len(self.context.base) :].split("/")[0]:
            return iri[len(self.context.base) :]
        for prefix, namespace in self.prefixes:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and "/" not in local and "#" not in local and local[0] not in "_-":
                return f"{prefix}:{local}"
        return iri

    def _fits(self, term: Term, value: ox.NamedNode | ox.Literal) -> bool:
        if isinstance(value, ox.NamedNode):
            return term.type in ("@id", "@vocab")
        if term.type in ("@id", "@vocab"):
            return False
        if term.type is not None:
            return value.datatype.value == term.type
        if term.language is not None:
            return value.language == term.language
        return value.language is None and value.datatype.value == XSD_STRING

    def short_value(self, term: Term, value: ox.NamedNode | ox.Literal) -> str:
        if isinstance(value, ox.Literal):
            return value.value
        if term.type == "@vocab":
            scoped = self.context.scoped_for(term)
            local = value.value[len(scoped.vocab) :] if value.value.startswith(scoped.vocab) else None
            if local and scoped.expand(local, vocab_relative=True) == value.value:
                return local
            return value.value
        return self.iri(value.value, vocab=False)

    def long_value(self, value: ox.NamedNode | ox.Literal) -> dict[str, str]:
        if isinstance(value, ox.NamedNode):
            return {"@id": self.iri(value.value, vocab=False)}
        if value.language:
            return {"@value": value.value, "@language": value.language}
        if value.datatype.value == XSD_STRING:
            return {"@value": value.value}
        return {"@value": value.value, "@type": self.iri(value.datatype.value, vocab=True)}

    def node(self, subject: str, pairs: list[tuple[str, ox.NamedNode | ox.Literal]]) -> dict[str, object]:
        """The node object of `subject` from its (predicate IRI, object) pairs."""
        out: dict[str, object] = {self.id_key: self.iri(subject, vocab=False)}
        by_predicate: dict[str, list] = {}
        for predicate, value in pairs:
            by_predicate.setdefault(predicate, []).append(value)
        for predicate, values in sorted(by_predicate.items()):
            if predicate == RDF_TYPE.value:
                types = sorted(self.iri(v.value, vocab=True) for v in values)
                out[self.type_key] = types[0] if len(types) == 1 else types
                continue
            term = next(
                (
                    t
                    for t in self.by_iri.get(predicate, [])
                    if all(self._fits(t, v) for v in values) and (t.is_set or len(values) == 1)
                ),
                None,
            )
            if term is not None:
                written = sorted(self.short_value(term, v) for v in values)
                out[term.name] = written if term.is_set else written[0]
            else:
                written_long = sorted((self.long_value(v) for v in values), key=lambda d: json.dumps(d, sort_keys=True))
                out[self.iri(predicate, vocab=True)] = written_long[0] if len(written_long) == 1 else written_long
        return out

    def nodes(self, triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[dict[str, object]]:
        """Node objects of triples grouped by subject (as sorted N-Triples give them), in that order."""
        subject: str = ""
        pairs: list[tuple[str, ox.NamedNode | ox.Literal]] = []
        for t in triples:
            if t.subject.value != subject:
                if pairs:
                    yield self.node(subject, pairs)
                subject, pairs = t.subject.value, []
            # rightsgraph data has no blank nodes nor RDF-star triples: an object is an IRI or a literal.
            pairs.append((t.predicate.value, cast("ox.NamedNode | ox.Literal", t.object)))
        if pairs:
            yield self.node(subject, pairs)


def document_head(context_path: Path) -> bytes:
    """What rightsgraph.jsonld begins with: the context embedded, then the list of named graphs opened."""
    raw_context = json.loads(context_path.read_text(encoding="utf-8"))
    context = json.dumps(raw_context["@context"], indent=1, sort_keys=True, ensure_ascii=False)
    return ('{\n"@context": ' + context + ',\n"@graph": [').encode()


SEPARATOR, TAIL = b",", b"\n]}\n"  # between two named graph objects; after the last


def graph_part(compactor: Compactor, graph: str, triples: Iterable[ox.Triple | ox.Quad]) -> bytes:
    """One named graph object of rightsgraph.jsonld: the graph's triples grouped by subject, a node per line."""
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
    lines = ['\n{"@id": ' + encode(graph) + ', "@graph": [']
    for index, node in enumerate(compactor.nodes(triples)):
        lines.append(("," if index else "") + "\n  " + encode(node))
    lines.append("\n]}")
    return "".join(lines).encode()
