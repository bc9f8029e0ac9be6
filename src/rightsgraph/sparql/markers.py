"""`#@bind ?x` lines: where a parameter's VALUES row goes besides the start of the outer WHERE group.

A sub-select cannot see the VALUES row of the outer query, so it is computed for every value of a parameter before
the one asked for is joined with it. A comment line `#@bind ?event` in a group of the sub-select marks where the
parameter's values go as well, when it is given (`expand`); unbound, it stays a comment.

The query's author vouches that asking the group of those values only changes nothing but the time: ?event is bound
in every solution of the group (not only in an OPTIONAL or in one branch of a UNION, which the VALUES row would then
fix where the outer join would have dropped the row), the sub-select groups by it or projects it, and it has no LIMIT
or OFFSET. tests/test_query_bind_markers.py asks each marked question of the corpus with and without its markers.

A marker is a comment standing on a line of its own (not text inside a string), naming one or more variables of the
group it stands in, and, in a query that declares parameters, parameters of it (`check`, run when a query is read);
`check_syntax` also parses the query with every marker expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.core.errors import UserError, did_you_mean
from rightsgraph.sparql import syntax

PREFIX = "#@bind"
_VARIABLE = re.compile(r"[?$]\w+")


@dataclass(frozen=True)
class Marker:
    start: int  # the offset of its "#"
    end: int  # the end of the comment (its line end not included)
    line: int
    variables: tuple[str, ...]  # their names, without "?"
    problem: str | None  # what is wrong with it, if anything


def markers(text: str) -> list[Marker]:
    """The bind markers of `text`: comments that begin "#@bind" followed by a space or the line's end."""
    found = []
    for comment in syntax.comments(text):
        body = comment.group().rstrip("\r")
        if not body.startswith(PREFIX) or body[len(PREFIX) : len(PREFIX) + 1] not in ("", " ", "\t"):
            continue
        line = text.count("\n", 0, comment.start()) + 1
        words = body[len(PREFIX) :].split("#", 1)[0].split()  # a comment of its own may follow
        line_start = text.rfind("\n", 0, comment.start()) + 1
        problem = None
        if text[line_start : comment.start()].strip():
            problem = "a bind marker stands on a line of its own, not after a pattern"
        elif not words:
            problem = "a bind marker names no variable: write '#@bind ?variable'"
        elif bad := [w for w in words if not _VARIABLE.fullmatch(w)]:
            problem = f"expected a ?variable after #@bind, found {bad[0]!r}"
        variables = tuple(w[1:] for w in words) if problem is None else ()
        found.append(Marker(comment.start(), comment.start() + len(body), line, variables, problem))
    return found


def _unmatched(blanked: str, positions: range, opening: str, closing: str) -> int | None:
    """The first of `positions` holding a `closing` brace that no `opening` one met on the way matches."""
    depth = 0
    for index in positions:
        if blanked[index] == opening:
            depth += 1
        elif blanked[index] == closing:
            if depth == 0:
                return index
            depth -= 1
    return None


def _group(blanked: str, position: int) -> str:
    """The text of the innermost { ... } group around `position` (in text whose comments and strings are blanked)."""
    start = _unmatched(blanked, range(position - 1, -1, -1), "}", "{")
    end = _unmatched(blanked, range(position, len(blanked)), "{", "}")
    return blanked[start or 0 : len(blanked) if end is None else end]


def check(path: Path, text: str, params: tuple[str, ...]) -> None:
    """Each marker is well formed and names variables of the group it stands in; in a query that declares
    parameters, parameters of it (a misspelt or misplaced marker would otherwise bind nothing, silently)."""
    found = markers(text)
    if not found:
        return
    blanked = syntax.blank(text)
    for marker in found:
        if marker.problem is not None:
            raise UserError(marker.problem, path, marker.line, "write '#@bind ?variable' on a line of its own")
        group = set(re.findall(r"[?$](\w+)", _group(blanked, marker.start)))
        for name in marker.variables:
            if params and name not in params:
                raise UserError(
                    f"the bind marker names ?{name}, which is no parameter of this query",
                    path,
                    marker.line,
                    did_you_mean(f"?{name}", [f"?{p}" for p in params]),
                )
            if name not in group:
                raise UserError(
                    f"the bind marker names ?{name}, which the group it stands in does not use",
                    path,
                    marker.line,
                    "put it in a group (the WHERE of a sub-select) that matches ?" + name,
                )


def expand(text: str, values: dict[str, list[str]]) -> str:
    """The text with each marker that names a variable of `values` replaced by a VALUES block of those values (terms
    in SPARQL syntax, or UNDEF); a marker naming none of them stays a comment."""
    pieces, at = [], 0
    for marker in markers(text):
        named = [name for name in marker.variables if name in values]
        if marker.problem is not None or not named:
            continue
        pieces += [text[at : marker.start], values_block(named, values)]
        at = marker.end
    return "".join(pieces) + text[at:]


def values_block(names: list[str] | tuple[str, ...], values: dict[str, list[str]]) -> str:
    """What a marker naming `names` is replaced by: one VALUES block a variable."""
    return " ".join(f"VALUES ?{name} {{ {' '.join(values[name])} }}" for name in names)
