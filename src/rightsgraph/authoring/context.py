"""The authoring mapping: ontology/context.jsonld, read as a JSON-LD 1.1 context.

The YAML annotation files are YAML-LD: every key is a term of this context. This module
interprets the subset of JSON-LD 1.1 that the context uses: keyword aliases (id, type, @included
sections), prefixes, term definitions with @id, @type (@id, @vocab or a datatype), @language,
@container @set, and property-scoped contexts (@vocab for concept schemes, nested terms).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightsgraph.core.errors import UserError


@dataclass(frozen=True)
class Term:
    name: str
    iri: str
    type: str | None = None  # "@id", "@vocab", a datatype IRI, or None for plain text
    language: str | None = None
    is_set: bool = False
    scoped: dict[str, Any] | None = None


@dataclass
class Context:
    vocab: str
    base: str
    prefixes: dict[str, str] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # key -> keyword

    def expand(self, value: str, vocab_relative: bool) -> str:
        """Expand a compact IRI, a term, or a relative IRI against @vocab or @base."""
        if value.startswith(("http://", "https://", "urn:")):
            return value
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes:
            return self.prefixes[prefix] + local
        if vocab_relative:
            term = self.terms.get(value)
            if term is not None:
                return term.iri
            if value in self.prefixes:  # a prefix definition is a term too (JSON-LD 1.1)
                return self.prefixes[value]
            return self.vocab + value
        return self.base + value

    def scoped_for(self, term: Term) -> Context:
        if not term.scoped:
            return self
        child = Context(self.vocab, self.base, dict(self.prefixes), dict(self.terms), dict(self.aliases))
        child._define(term.scoped)
        return child

    def _define(self, raw: dict[str, Any]) -> None:
        self.vocab = raw.get("@vocab", self.vocab)
        self.base = raw.get("@base", self.base)
        pending: dict[str, Any] = {}
        for key, value in raw.items():
            if key.startswith("@"):
                continue
            if isinstance(value, str) and value.startswith("@"):
                self.aliases[key] = value
            elif isinstance(value, str) and value.endswith(("#", "/")):
                self.prefixes[key] = value
            else:
                pending[key] = value
        for key, value in pending.items():
            spec: dict[str, Any] = {"@id": value} if isinstance(value, str) else value
            kind = spec.get("@type")
            self.terms[key] = Term(
                name=key,
                iri=self.expand(spec["@id"], vocab_relative=True),
                type=kind if kind in (None, "@id", "@vocab") else self.expand(kind, vocab_relative=True),
                language=spec.get("@language"),
                is_set=spec.get("@container") == "@set",
                scoped=spec.get("@context"),
            )


def load_context(path: Path) -> Context:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise UserError(
            f"not a JSON-LD context: {exc}",
            path,
            getattr(exc, "lineno", None),
            "fix the JSON; it must have an @context object",
        ) from None
    context = Context(vocab=raw.get("@vocab", ""), base=raw.get("@base", ""))
    context._define(raw)
    return context
