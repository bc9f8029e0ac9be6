"""Finds every rightsgraph term that a project file uses, with its line, and flags the undefined.

A term is an IRI in the ontology namespace (rg:...) or in the vocabulary namespace
(https://w3id.org/rightsgraph/vocab/<scheme>/<concept>). Files are read as text so that a typo such
as `rg:speakr` is reported with its file and line in Turtle, SPARQL and YAML alike. Prefixes are
taken from each file's own @prefix/PREFIX lines; `rg:` always means the ontology namespace.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.core.errors import read_text
from rightsgraph.core.project import ONTOLOGY_NS, VOCAB_NS

ANY_PREFIX = re.compile("prefix", re.IGNORECASE)
PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w\-]*)?:\s*<([^>]*)>", re.IGNORECASE)
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits at
LINE_BREAK = re.compile(f"\r\n|[{BREAKS}]")
_IN_LINE = f"[^>{BREAKS}]*"
FULL_IRI = re.compile(r"<(" + re.escape(ONTOLOGY_NS) + _IN_LINE + "|" + re.escape(VOCAB_NS) + _IN_LINE + r")>")
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
    """The terms `path` uses (scan_text of its text)."""
    return scan_text(read_text(path), path)


def scan_text(text: str, path: Path) -> list[Usage]:
    """The terms the text of `path` uses, line by line (in each line: full IRIs, then prefixed names, as written),
    comment lines and prefix declarations left out. The patterns run over the whole text at once and only a line that
    has a match is looked at: most lines of an annotation have none (3.8 s to 0.6 s over 1,000 articles)."""
    # PREFIX_DECL's own case-folding decides (str.lower differs on the dotless and dotted i)
    prefixes = _prefixes(text) if ANY_PREFIX.search(text) else {"rg": ONTOLOGY_NS}
    names = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    prefixed = re.compile(r"(?<![\w:/#@<])(" + names + r"):(" + LOCAL + r")")
    # each pattern only where a plain search finds what it needs (most annotations name no term)
    wanted = [
        (FULL_IRI, ONTOLOGY_NS in text or VOCAB_NS in text),
        (prefixed, any(f"{name}:" in text for name in prefixes)),
    ]
    found: list[tuple[int, int, int, str]] = []  # (line, 0 for a full IRI or 1 for a prefixed name, offset, term)
    ends: list[int] = []  # where each line ends, to number a match's line
    for kind, (pattern, present) in enumerate(wanted):
        for match in pattern.finditer(text) if present else ():
            ends = ends or [m.start() for m in LINE_BREAK.finditer(text)]
            number = bisect.bisect_left(ends, match.start())
            term = match.group(1) if kind == 0 else prefixes[match.group(1)] + match.group(2)
            found.append((number + 1, kind, match.start(), term))
    usages: list[Usage] = []
    lines = text.splitlines() if found else []
    for number, _, _, term in sorted(found):
        line = _strip_comment(lines[number - 1])
        if line and not PREFIX_DECL.search(line):
            usages.append(Usage(term, path, number))
    return usages


def scan_tree(paths: list[Path], root: Path, scan: Callable[[Path], list[Usage]] = scan_file) -> list[Usage]:
    """The terms used in the files under `paths`: regular files inside the project `root` only (a symbolic
    link leading out of the project is not followed; a FIFO or socket is never opened). `scan` finds a file's terms
    (build.check_cache keeps them between builds)."""
    inside = root.resolve()
    usages: list[Usage] = []
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in SCANNED_SUFFIXES and path.resolve().is_relative_to(inside):
                usages.extend(scan(path))
    return usages


def is_namespace_only(iri: str) -> bool:
    """The namespaces themselves, and scheme-level IRIs with a trailing slash, are not terms."""
    return iri in (ONTOLOGY_NS, VOCAB_NS) or (iri.startswith(VOCAB_NS) and iri.endswith("/"))


def undefined(usages: list[Usage], defined: set[str]) -> list[Usage]:
    return [u for u in usages if u.term not in defined and not is_namespace_only(u.term)]
