"""SPARQL text as a reader sees it: which prefixes a query declares and uses, which variables it names, the
project's prefixes added where the text does not declare them, and a syntax error shown at its place.

The scan is lexical: comments, strings and IRIs are blanked out (same length, line ends kept) so that a `#`,
a `:` or a keyword inside them is never taken for syntax. It serves what the parser does not tell: the
prefixes to add, the variables a parameter may bind, and the position of an undeclared prefix (Oxigraph
reports "expected OPTIONAL" a few characters after it).

The project's prefixes go on one line before the user's text, so the user's line N is line N + 1 of what
runs, and every position reported is mapped back to the user's text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from rightsgraph.core.errors import UserError, did_you_mean

# Long strings first, then short ones (escapes allowed, no line end), IRIs (no space: `?a < ?b` is no IRI),
# comments (to the end of the line).
_LEXICAL = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"
    r'|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_PN_PREFIX = r"[A-Za-z\u00C0-\uFFFF](?:[\w.\-\u00B7\u0300-\u036F\u203F-\u2040]*[\w\-\u00B7])?"
_DECLARATION = re.compile(rf"\bPREFIX\s+({_PN_PREFIX})?:\s*(<[^>\n]*>)?", re.IGNORECASE)
# A prefixed name: a prefix (or none) and a colon, not inside a word, a variable or another name (outside
# comments, strings and IRIs, a colon is nothing else in SPARQL).
_PREFIXED = re.compile(rf"(?<![\w?$:.\-\u00B7])({_PN_PREFIX})?:")
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00C0-\uFFFF][\w\u00B7\u0300-\u036F\u203F-\u2040]*)")
_OX_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
_CHAR_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")


def comments(text: str) -> Iterator[re.Match[str]]:
    """The comments of `text` (a `#` inside a string or an IRI starts none), each to the end of its line."""
    return (m for m in _LEXICAL.finditer(text) if m.group().startswith("#"))


def blank(text: str) -> str:
    """`text` with its comments, strings and IRIs replaced by spaces (line ends kept): offsets stay valid."""
    return _LEXICAL.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def declared_prefixes(text: str) -> dict[str, str]:
    """The prefixes `text` declares (PREFIX name: <iri>), with their namespaces."""
    blanked = blank(text)
    found: dict[str, str] = {}
    for match in _DECLARATION.finditer(blanked):
        iri = _DECLARATION.match(text, match.start())
        namespace = iri.group(2) if iri is not None else None
        found[match.group(1) or ""] = namespace[1:-1] if namespace else ""
    return found


def names_any(text: str, iris: list[str]) -> bool:
    """Whether `text` (a query with its prefix declarations) writes one of `iris`, in full or as a prefixed name,
    outside its comments and strings."""
    written = _LEXICAL.sub(lambda m: m.group() if m.group().startswith("<") else " ", text)
    prefixed = {
        f"{name}:{iri[len(namespace) :]}"
        for name, namespace in declared_prefixes(text).items()
        for iri in iris
        if namespace and iri.startswith(namespace)
    }
    full = {f"<{iri}>" for iri in iris}
    return any(term in written for term in full) or any(
        re.search(rf"(?<![\w:]){re.escape(term)}(?![\w\-])", written) for term in prefixed
    )


def reads_graphs_by_variable(text: str) -> bool:
    """Whether `text` reads named graphs through a variable (GRAPH ?g { ... }): every graph, whichever it names."""
    return re.search(r"\bGRAPH\s+[?$]", blank(text), re.IGNORECASE) is not None


def used_prefixes(text: str) -> list[tuple[str, int]]:
    """Each prefixed name's prefix and its offset in `text`, declarations left out, in the order written."""
    blanked = blank(text)
    declarations = [m.span() for m in _DECLARATION.finditer(blanked)]
    return [
        (m.group(1) or "", m.start())
        for m in _PREFIXED.finditer(blanked)
        if not any(start <= m.start() < end for start, end in declarations)
    ]


def variables(text: str) -> list[str]:
    """The variables `text` names (without ? or $), each once, in the order written."""
    return list(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(blank(text))))


def prelude(text: str, prefixes: dict[str, str]) -> str:
    """One line declaring the known prefixes `text` uses without declaring them ("" when there are none)."""
    declared = declared_prefixes(text)
    wanted = dict.fromkeys(p for p, _ in used_prefixes(text) if p not in declared and p in prefixes)
    return " ".join(f"PREFIX {p}: <{prefixes[p]}>" for p in wanted) + "\n" if wanted else ""


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _line(text: str, line: int) -> str:
    """Line `line` (1-based) of `text`, lines ending at line feeds as the parsers count them."""
    lines = text.split("\n")
    return lines[line - 1].removesuffix("\r") if 0 < line <= len(lines) else ""


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def excerpt(text: str, line: int, column: int, room: int = 100) -> str:
    """The line of `text` and a caret under the column, as compilers show them (long lines cut around it)."""
    source = _line(text, line)
    at = max(0, min(column - 1, len(source)))
    start = max(0, at - room * 2 // 3) if len(source) > room else 0
    shown = source[start : start + room]
    before = shown[: at - start]
    lead, tail = ("…" if start else ""), ("…" if start + room < len(source) else "")
    caret = "".join("\t" if c == "\t" else " " * _width(c) for c in lead + before) + "^"
    gutter = str(line)
    return f"  {gutter} | {lead}{shown}{tail}\n  {' ' * len(gutter)} | {caret}"


def token_at(text: str, line: int, column: int) -> str:
    """The text at a position, up to the next space (at most 30 characters), quoted; or the end of the query."""
    source = _line(text, line)
    rest = source[column - 1 :].split(None, 1)
    if not rest:
        later = "\n".join(text.split("\n")[line:]).strip()
        return "the end of the query" if not later else f"'{later.split(None, 1)[0][:30]}'"
    word = rest[0]
    return f"'{word[:30]}…'" if len(word) > 30 else f"'{word}'"


@dataclass
class QuerySyntaxError(UserError):
    """A SPARQL syntax error: the one error line (file:line: message (fix)), then the line of the query with a
    caret under the column."""

    column: int | None = None
    shown: str = ""

    def __str__(self) -> str:
        return super().__str__() + (f"\n{self.shown}" if self.shown else "")


def _oxigraph_position(message: str) -> tuple[int, int, str] | None:
    match = _OX_POSITION.match(message)
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else None


def _expected(detail: str, most: int = 8) -> str:
    """Oxigraph's "expected ..." made short: character classes left out, at most `most` alternatives; a
    sentence among them (a rule the parser checks, such as an unbound variable in SELECT) first."""
    body = _CHAR_CLASS.sub("", detail.removeprefix("expected one of ").removeprefix("expected "))
    items = [i.strip() for i in body.split(", ") if i.strip()]
    sentences = [i for i in items if " " in i and not i.startswith(('"', "'"))]
    if sentences:
        return "; ".join(dict.fromkeys(sentences))
    if not items:
        return ""
    listed = ", ".join(items[:most]) + (", ..." if len(items) > most else "")
    return f"expected {'one of ' if len(items) > 1 else ''}{listed}"


def _unexpanded(source: str, column: int, tab: int = 8) -> int:
    """The column in `source` of a column counted with its tabs expanded (as pyparsing counts)."""
    seen = 0
    for index, char in enumerate(source):
        if seen >= column - 1:
            return index + 1
        seen = (seen // tab + 1) * tab if char == "\t" else seen + 1
    return len(source) + 1


def _rdflib_position(text: str) -> tuple[int, int] | None:
    """rdflib's parser points at the start of the construct that fails (Oxigraph's at the furthest point it
    read): its line and column, when it also rejects the query."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(text)
    except Exception as exc:  # pyparsing.ParseException and friends
        line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if isinstance(line, int) and isinstance(column, int):
            return line, _unexpanded(_line(text, line), column)
    return None


def syntax_error(text: str, before: str, message: str, path: object, known: dict[str, str]) -> QuerySyntaxError:
    """The error to show for Oxigraph's `message` about `before + text` (`before`: the added prefix line), at
    a line and column of `text`: an undeclared prefix where it is written, else where the parsers stop."""
    shift = before.count("\n")
    declared = {**known, **declared_prefixes(text)}
    for prefix, offset in used_prefixes(text):
        if prefix not in declared:
            line, column = position(text, offset)
            close = did_you_mean(prefix, sorted(known)) if known else ""
            return QuerySyntaxError(
                f"SPARQL syntax error at column {column}: unknown prefix '{prefix}:' in {token_at(text, line, column)}",
                path,  # type: ignore[arg-type]
                line,
                f"declare it with 'PREFIX {prefix}: <IRI>'"
                + (f", or {close}" if close.startswith("did") else "")
                + (" (the project's prefixes, such as rg: and schema:, need none)" if known else ""),
                column,
                excerpt(text, line, column),
            )
    found = _oxigraph_position(message)
    ox_at = (found[0] - shift, found[1]) if found else None
    detail = _expected(found[2]) if found else message
    rdflib = _rdflib_position(before + text)
    at = (rdflib[0] - shift, rdflib[1]) if rdflib is not None and rdflib[0] > shift else ox_at or (1, 1)
    if at != ox_at and detail.startswith("expected"):  # Oxigraph's expectation is about another place
        detail = ""
    line, column = at
    line = max(line, 1)
    token = token_at(text, line, column)
    if detail and not detail.startswith("expected"):  # a rule the parser checks, in its words
        what = f" ({token}): " + (detail[0].lower() + detail[1:] if detail[1:2].islower() else detail)
    elif token.startswith("'"):
        what = f": unexpected {token}" + (f"; {detail}" if detail else "")
    else:
        what = ": the query ends too early" + (f"; {detail}" if detail else "")
    return QuerySyntaxError(
        f"SPARQL syntax error at column {column}{what}",
        path,  # type: ignore[arg-type]
        line,
        f"correct the query at line {line}, column {column}, or just before it",
        column,
        excerpt(text, line, column),
    )
