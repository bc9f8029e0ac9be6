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

    def opens_sentence(self, sent: Any, char: int) -> bool:
        """Whether text[char] is the first word of `sent` (a paragraph's first sentence starts at its line break)."""
        return not self.text[sent.start_char : char].strip()

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


def surname(name: str, suffixes: set[str]) -> str:
    """The last word of a person's name that is not a generational suffix ("Marcos" of "Ferdinand Marcos Jr.")."""
    words = name.split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return words[-1] if words else ""


def fold(text: str) -> str:
    """The text with the accents of its letters dropped, one character for one ("Agnès Türk" -> "Agnes Turk"), so
    that offsets in it are offsets in the text: names are written with and without their accents."""
    out = []
    for c in text:
        parts = unicodedata.normalize("NFD", c)
        out.append(parts[0] if len(parts) > 1 and all(unicodedata.combining(p) for p in parts[1:]) else c)
    return "".join(out)


def slugify(text: str) -> str:
    """A lower-case id part of the text's letters, accents dropped ("Agnès Callamard" -> "agnes-callamard")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:60].strip("-") or "node"


def phrase_patterns(nlp: Any, phrases: list[str]) -> list[Any]:
    return [nlp.make_doc(p) for p in phrases]
