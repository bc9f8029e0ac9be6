"""Finds every rightsgraph term that a project file uses, with its line, and flags the undefined.

A term is an IRI in the ontology namespace (rg:...) or in the vocabulary namespace
(https://w3id.org/rightsgraph/vocab/<scheme>/<concept>). Files are read as text so that a typo such
as `rg:speakr` is reported with its file and line in Turtle, SPARQL and YAML alike. Prefixes are
taken from each file's own @prefix/PREFIX lines; `rg:` always means the ontology namespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.core.errors import read_text
from rightsgraph.core.project import ONTOLOGY_NS, VOCAB_NS

PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w\-]*)?:\s*<([^>]*)>", re.IGNORECASE)
FULL_IRI = re.compile(r"<(" + re.escape(ONTOLOGY_NS) + r"[^>]*|" + re.escape(VOCAB_NS) + r"[^>]*)>")
LOCAL = r"[A-Za-z0-9_](?:[\w.\-]*[\w\-])?"
SCANNED_SUFFIXES = {".ttl", ".rq", ".yaml", ".yml", ".jsonld"}


@dataclass(frozen=True)
class Usage:
    term: str
    path: Path
    line: int


def _prefixes(text: str) -> dict[str, str]:
    found = {"rg": ONTOLOGY_NS}
    for name, iri in PREFIX_DECL.findall(text):
        if name and (iri.startswith(ONTOLOGY_NS) or iri.startswith(VOCAB_NS)):
            found[name] = iri
    return found


def _strip_comment(line: str) -> str:
    return "" if line.lstrip().startswith("#") else line


def scan_file(path: Path) -> list[Usage]:
    text = read_text(path)
    prefixes = _prefixes(text)
    names = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    prefixed = re.compile(r"(?<![\w:/#@<])(" + names + r"):(" + LOCAL + r")")
    usages: list[Usage] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line or PREFIX_DECL.search(line):
            continue
        for iri in FULL_IRI.findall(line):
            usages.append(Usage(iri, path, number))
        for prefix, local in prefixed.findall(line):
            usages.append(Usage(prefixes[prefix] + local, path, number))
    return usages


def scan_tree(paths: list[Path], root: Path) -> list[Usage]:
    """The terms used in the files under `paths`: regular files inside the project `root` only (a symbolic
    link leading out of the project is not followed; a FIFO or socket is never opened)."""
    inside = root.resolve()
    usages: list[Usage] = []
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in SCANNED_SUFFIXES and path.resolve().is_relative_to(inside):
                usages.extend(scan_file(path))
    return usages


def is_namespace_only(iri: str) -> bool:
    """The namespaces themselves, and scheme-level IRIs with a trailing slash, are not terms."""
    return iri in (ONTOLOGY_NS, VOCAB_NS) or (iri.startswith(VOCAB_NS) and iri.endswith("/"))


def undefined(usages: list[Usage], defined: set[str]) -> list[Usage]:
    return [u for u in usages if u.term not in defined and not is_namespace_only(u.term)]
