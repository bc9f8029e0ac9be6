"""What the finders share: the parsed text and a found span."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Found:
    """Something found in the text: its character span, its sentence and what it proposes."""

    start: int
    end: int
    sent: int
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Parsed:
    text: str
    doc: Any  # a spaCy Doc
    sents: list[Any]

    def sent_of(self, char: int) -> int:
        for index, sent in enumerate(self.sents):
            if sent.start_char <= char < sent.end_char:
                return index
        return len(self.sents) - 1

    def token_at(self, char: int) -> int:
        for token in self.doc:
            if token.idx <= char < token.idx + len(token.text):
                return int(token.i)
        return len(self.doc) - 1


_HEAD = re.compile(r"^(.*?)\s+(?:of|in|on|for)\s", re.I)


def head_word(name: str) -> str:
    """The noun a name's body is called by: the word before its first "of", "in", "on" or "for" ("Council" of
    "National Council for Human Rights"), else its last word."""
    match = _HEAD.match(name)
    words = (match.group(1) if match else name).split()
    return words[-1] if words else ""


def slugify(text: str) -> str:
    """A lower-case id part of the text's letters, accents dropped ("Agnès Callamard" -> "agnes-callamard")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:60].strip("-") or "node"


def phrase_patterns(nlp: Any, phrases: list[str]) -> list[Any]:
    return [nlp.make_doc(p) for p in phrases]
