"""YAML-LD nodes -> RDF quads, driven only by the context (ontology/context.jsonld).

Nested nodes without an `id` get one minted from their parent (`<parent>/<key>` or
`<parent>/<key>/<n>`), so the data has no blank nodes. `hooks` let the caller turn a value into a
term of its own making (the article builder grounds `evidence` quotes this way).

A value is published as written (yaml_lines reads it so). A key typed xsd:integer takes a whole number
written as plain digits (`12`, `-3`; not `012`, `+12`, `12.5`, even quoted); a key typed xsd:date takes
YYYY-MM-DD and a real calendar date (not `20240401` or `2024-W14-1`, which Python's ISO parser
accepts); a key typed xsd:boolean takes true or false (`draft: true`); an EDTF value is kept as written,
for the shapes to check. A yes/no anywhere else is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from rightsgraph.authoring.context import Context, Term
from rightsgraph.authoring.yaml_lines import ISO_DATE, WHOLE_NUMBER, LDict, LList
from rightsgraph.core.errors import UserError, did_you_mean
from rightsgraph.core.namespaces import RDF_TYPE, XSD
from rightsgraph.core.project import SLUG

Hook = Callable[[Any, int], ox.NamedNode]
# (value, line, key): raises a UserError naming the line when a value may not stand
Check = Callable[[Any, int, str], None]
SLUG_ID = re.compile(rf"[a-z][a-z0-9-]*(/{SLUG})+")


@dataclass
class Reference:
    iri: str
    path: Path
    line: int
    key: str
    namespace: str | None = None  # for concepts: the scheme namespace the value must fall in


@dataclass
class Emitted:
    """What converting a document produced: quads, where each node stands, what it refers to."""

    quads: list[ox.Quad] = field(default_factory=list)
    defined: dict[str, str] = field(default_factory=dict)  # node IRI -> "file:line" (typed nodes)
    mentioned: dict[str, str] = field(default_factory=dict)  # node IRI -> "file:line" (all nodes)
    references: list[Reference] = field(default_factory=list)  # @id values to resolve
    concepts: list[Reference] = field(default_factory=list)  # @vocab values to check
    types: list[Reference] = field(default_factory=list)  # classes named by `type`


class Converter:
    def __init__(
        self,
        context: Context,
        path: Path,
        graph: ox.NamedNode,
        display: str,
        hooks: dict[str, Hook] | None = None,
        checks: dict[str, Check] | None = None,
    ) -> None:
        self.context = context
        self.path = path
        self.graph = graph
        self.display = display
        self.hooks = hooks or {}
        self.checks = checks or {}
        self.out = Emitted()

    def error(self, message: str, line: int, fix: str) -> UserError:
        return UserError(message, self.path, line, fix)

    def named(self, iri: str, line: int, what: str) -> ox.NamedNode:
        """An IRI made from what the file says, or an error naming the line (never Oxigraph's ValueError)."""
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise self.error(
                f"{what} {iri!r} is not a valid IRI ({exc})",
                line,
                "use a slug of letters, digits and hyphens, or a full http(s) IRI",
            ) from None

    def node(self, data: Any, line: int, context: Context, minted: str | None = None) -> ox.NamedNode:
        if not isinstance(data, LDict):
            raise self.error(
                f"expected a mapping of keys, found {type(data).__name__}",
                line,
                "write this entry as 'key: value' lines",
            )
        id_key = next((k for k in data if context.aliases.get(k) == "@id"), None)
        if id_key is not None:
            if not isinstance(data[id_key], str) or not data[id_key].strip():
                raise self.error(
                    "'id' must be a non-empty slug such as event/my-event",
                    data.key_lines[id_key],
                    "give the node a readable id",
                )
            if ".." in data[id_key].split("/"):
                raise self.error(
                    f"id {data[id_key]!r} leaves the project's namespace",
                    data.key_lines[id_key],
                    "write kind/slug without '..'",
                )
            if not SLUG_ID.fullmatch(data[id_key]):
                raise self.error(
                    f"id {data[id_key]!r} is not a slug such as event/my-event",
                    data.key_lines[id_key],
                    "write kind/slug with letters, digits, '-', '.' or '_' (no ':', no '..')",
                )
            iri = context.expand(data[id_key], vocab_relative=False)
        elif minted is not None:
            iri = minted
        else:
            raise self.error("this entry has no 'id'", data.line, "add 'id: <kind>/<slug>'")
        subject = self.named(iri, data.key_lines.get(id_key, data.line) if id_key else data.line, "id")
        id_line = data.key_lines.get(id_key, data.line) if id_key else data.line
        where = f"{self.display}:{id_line}"
        self.out.mentioned.setdefault(iri, where)
        if len(data) == 1 and id_key is not None:
            raise self.error(
                f"'{data[id_key]}' has nothing but its id",
                id_line,
                "add what the source says about it (a mention needs its evidence)",
            )
        if minted is None and not any(context.aliases.get(k) == "@type" for k in data):
            # a top-level entry without a type is a mention of a node defined elsewhere
            self.out.references.append(Reference(iri, self.path, id_line, "id"))
        if minted is not None:  # a nested entry is defined where it stands, typed or not
            self._define(iri, where, data, id_key)
        for key, value in data.items():
            key_line = data.key_lines[key]
            keyword = context.aliases.get(key)
            if keyword == "@id":
                continue
            if keyword == "@type":
                for item, item_line in self._items(value, key_line, True):
                    type_iri = context.expand(str(item), vocab_relative=True)
                    self.out.types.append(Reference(type_iri, self.path, item_line, "type"))
                    self._add(subject, RDF_TYPE, self.named(type_iri, item_line, "type"))
                self._define(iri, where, data, id_key)
                continue
            term = context.terms.get(key)
            if term is None or keyword is not None:
                raise self.error(f"unknown key '{key}'", key_line, did_you_mean(key, list(context.terms)))
            self._values(subject, term, value, key_line, context.scoped_for(term), iri)
        return subject

    def _define(self, iri: str, where: str, data: LDict, id_key: str | None) -> None:
        if iri in self.out.defined and self.out.defined[iri] != where:
            raise self.error(
                f"'{data[id_key]}' is defined twice (first at {self.out.defined[iri]})",
                data.key_lines.get(id_key, data.line) if id_key else data.line,
                "give each node its own id, or merge the two",
            )
        self.out.defined[iri] = where

    def _items(self, value: Any, line: int, is_set: bool) -> list[tuple[Any, int]]:
        if isinstance(value, LList):
            if not is_set:
                raise self.error("this key takes one value, not a list", line, "keep a single value")
            return list(zip(value, value.item_lines, strict=True))
        return [(value, line)]

    def _values(
        self, subject: ox.NamedNode, term: Term, value: Any, line: int, scoped: Context, parent_iri: str
    ) -> None:
        items = self._items(value, line, term.is_set)
        predicate = ox.NamedNode(term.iri)
        for index, (item, item_line) in enumerate(items, start=1):
            if item is None or item == "":
                raise self.error(f"'{term.name}' is empty", item_line, "give a value or remove the key")
            if isinstance(item, LDict):
                minted = f"{parent_iri}/{term.name}" + (f"/{index}" if len(items) > 1 or term.is_set else "")
                self._add(subject, predicate, self.node(item, item_line, scoped, minted))
            elif term.iri in self.hooks:
                self._add(subject, predicate, self.hooks[term.iri](item, item_line))
            else:
                if term.iri in self.checks:
                    self.checks[term.iri](item, item_line, term.name)
                self._add(subject, predicate, self._scalar(term, item, item_line, scoped))

    def _scalar(self, term: Term, item: Any, line: int, scoped: Context) -> ox.NamedNode | ox.Literal:
        if isinstance(item, (LList, list)):
            raise self.error(f"'{term.name}' takes plain values, not a nested list", line, "flatten the list")
        if term.type in ("@id", "@vocab"):
            if not isinstance(item, str):
                raise self.error(
                    f"'{term.name}' must be an id or a concept name, found {item!r}", line, "write the slug as text"
                )
            iri = scoped.expand(item, vocab_relative=term.type == "@vocab")
            namespace = scoped.vocab if term.type == "@vocab" and term.scoped else None
            ref = Reference(iri, self.path, line, term.name, namespace)
            (self.out.concepts if term.type == "@vocab" else self.out.references).append(ref)
            return self.named(iri, line, f"'{term.name}'")
        if isinstance(item, bool):
            if term.type != XSD + "boolean":
                raise self.error(f"'{term.name}' got yes/no; quote the text", line, "put the value in quotes")
            return ox.Literal("true" if item else "false", datatype=ox.NamedNode(term.type))
        if term.type is not None:
            text = item.isoformat() if isinstance(item, (dt.date, dt.datetime)) else str(item)
            self._check_lexical(term, text, line)
            return ox.Literal(text, datatype=ox.NamedNode(term.type))
        if isinstance(item, (dt.date, dt.datetime)):
            return ox.Literal(item.isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if isinstance(item, int):
            return ox.Literal(str(item), datatype=ox.NamedNode(XSD + "integer"))
        if term.language:
            return ox.Literal(str(item), language=term.language)
        return ox.Literal(str(item))

    def _check_lexical(self, term: Term, text: str, line: int) -> None:
        """Dates and integers must be what their datatype says, written as published: a SHACL engine may not
        look at the lexical form."""
        if term.type == XSD + "date":
            try:
                if not ISO_DATE.fullmatch(text):
                    raise ValueError(text)
                dt.date.fromisoformat(text)
            except ValueError:
                raise self.error(
                    f"'{term.name}' must be a date, not {text!r}", line, "write YYYY-MM-DD, e.g. 2024-04-01"
                ) from None
        elif term.type == XSD + "boolean" and text not in ("true", "false"):
            raise self.error(f"'{term.name}' must be true or false, not {text!r}", line, "write true or false")
        elif term.type == XSD + "integer" and not WHOLE_NUMBER.fullmatch(text):
            raise self.error(
                f"'{term.name}' must be a whole number, not {text!r}",
                line,
                "write digits only, e.g. 50 (no leading 0, '+', '_' or fraction)",
            )

    def _add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.quads.append(ox.Quad(s, p, o, self.graph))

    def document(self, data: Any) -> Emitted:
        """A whole file: a mapping whose keys are sections (aliases of @included)."""
        if not isinstance(data, LDict):
            sections = sorted(k for k, v in self.context.aliases.items() if v == "@included")
            raise self.error(
                "the file must be a mapping of sections",
                getattr(data, "line", 1) or 1,
                f"start with one of the sections: {', '.join(sections)}",
            )
        sections = [k for k, v in self.context.aliases.items() if v == "@included"]
        for key, value in data.items():
            line = data.key_lines[key]
            if self.context.aliases.get(key) != "@included":
                raise self.error(f"unknown section '{key}'", line, did_you_mean(key, sections))
            if isinstance(value, LDict):
                self.node(value, line, self.context)
            elif isinstance(value, LList):
                for item, item_line in zip(value, value.item_lines, strict=True):
                    self.node(item, item_line, self.context)
            elif value is not None:
                raise self.error(f"section '{key}' must be a list of entries", line, "write '- id: ...' items")
        return self.out
