"""rightsgraph.ttl, the merged Turtle of every graph, written part by part so that an edit writes only the parts it
changed.

Oxigraph writes Turtle subject by subject (the triples of one subject, sorted, then the next subject's), so the
Turtle of the sorted, distinct triples of all graphs is its prefix lines followed by the Turtle of any split of
those triples between two subjects, each written alone with the same prefixes (a test checks the two agree byte for
byte). The split is made by the content: a part begins at a subject whose SHA-256 begins with a byte below BOUNDARY
(about one subject in 128), or at the first subject. Where the parts begin depends only on which subjects there
are, so a build from empty and a build after an edit split alike.

After an edit, a part of the file in place is taken (its bytes) when no quad added or removed since
(export.delta) has a subject within it; the parts with one are written again from the lines of every graph within
their subjects (found by bisection: each graph's lines are sorted). A run of parts written again whose first subject
no longer begins a part (that subject was removed, or the run began before the first subject) is widened to the part
before it, until it starts where a build from empty would start a part.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.dist_reuse import PartsFile, read_range

BOUNDARY = 2  # of 256: a subject whose SHA-256 begins with a lower byte begins a part
Piece = tuple[bytes | None, list[bytes]]  # a part to take (its first subject, no lines) or to write (None, its lines)


def subject_of(line: bytes) -> bytes:
    """The subject of an N-Triples line of rightsgraph data (an IRI: no blank nodes, no spaces inside)."""
    return line[: line.index(b" ")]


def begins_part(subject: bytes) -> bool:
    return hashlib.sha256(subject).digest()[0] < BOUNDARY


@dataclass(frozen=True)
class OldTurtle:
    """The merged Turtle in place: its file, where its prefix lines and each part lie (keyed by the first subject of
    the part, as N-Triples writes it), as core.dist_reuse recorded them."""

    path: Path
    head: tuple[int, int]
    parts: dict[str, list]


def prefix_lines(written: bytes, prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """Oxigraph's Turtle or TriG written with `prefixes` as its prefix lines (one a prefix) and the rest."""
    pieces = written.split(b"\n", len(prefixes))
    return b"".join(p + b"\n" for p in pieces[:-1]), pieces[-1]


def _turtle(lines: list[bytes], prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """The prefix lines and the body of Oxigraph's Turtle of these N-Triples lines."""
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return prefix_lines(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"", prefixes)


def split(lines: list[bytes]) -> list[list[bytes]]:
    """Sorted lines cut before each subject that begins a part."""
    parts: list[list[bytes]] = []
    last = None
    for line in lines:
        subject = subject_of(line)
        if subject != last:
            if not parts or begins_part(subject):
                parts.append([])
            last = subject
        parts[-1].append(line)
    return parts


def within(graphs: dict[str, list[bytes]], low: bytes | None, high: bytes | None) -> list[bytes]:
    """The sorted, distinct lines of all graphs whose subject is at least `low` and below `high` (None: no bound).
    A line sorts as its subject does: an IRI holds no '>' before its end, and a space follows it."""
    found: set[bytes] = set()
    for lines in graphs.values():
        start = 0 if low is None else bisect_left(lines, low)
        end = len(lines) if high is None else bisect_left(lines, high)
        found.update(lines[start:end])
    return sorted(found)


def write_turtle(
    graphs: dict[str, list[bytes]],
    target: Path,
    prefixes: dict[str, str],
    kept: OldTurtle | None = None,
    changed: Collection[bytes] | None = None,
) -> dict[str, list]:
    """The merged Turtle of `graphs` (graph IRI -> sorted N-Triples lines) at `target`, and where its head and parts
    lie. With `kept` (the file in place) and `changed` (the subjects of every quad added or removed since it was
    written), only the parts holding a changed subject are written again."""
    if kept is None or changed is None or not kept.parts:
        whole: list[Piece] = [(None, lines) for lines in split(sorted(set().union(*graphs.values())))]
        return _write(whole, target, prefixes, None)
    starts = sorted(s.encode() for s in kept.parts)
    dirty = [False] * len(starts)
    for subject in changed:  # the part it lies in; before the first part: the first
        dirty[max(bisect_right(starts, subject) - 1, 0)] = True
    found: dict[tuple[int, int], list[bytes]] = {}  # the lines of each run, found once
    while True:  # widen each run whose first subject does not begin a part to the part before it
        runs = {run: found[run] if run in found else _lines(graphs, starts, run) for run in _runs(dirty)}
        found = runs
        late = [a for (a, _), lines in runs.items() if a > 0 and lines and not begins_part(subject_of(lines[0]))]
        if not late:
            break
        for a in late:
            dirty[a - 1] = True
    pieces: list[Piece] = []
    i = 0
    while i < len(starts):
        run = next((r for r in runs if r[0] == i), None)
        if run is None:
            pieces.append((starts[i], []))  # taken
            i += 1
        else:
            pieces += [(None, lines) for lines in split(runs[run])]
            i = run[1]
    return _write(pieces, target, prefixes, kept)


def _lines(graphs: dict[str, list[bytes]], starts: list[bytes], run: tuple[int, int]) -> list[bytes]:
    """The lines of a run of parts: from its first part's subject (from the first line, for the first part) to the
    next part's."""
    a, b = run
    return within(graphs, starts[a] if a > 0 else None, starts[b] if b < len(starts) else None)


def _runs(dirty: list[bool]) -> list[tuple[int, int]]:
    """The runs of consecutive True, as (first, after last)."""
    runs, i = [], 0
    while i < len(dirty):
        if dirty[i]:
            j = i
            while j < len(dirty) and dirty[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _write(pieces: list[Piece], target: Path, prefixes: dict[str, str], kept: OldTurtle | None) -> dict[str, list]:
    """Each piece is a part to take (its first subject, no lines) or to write (None, its lines)."""
    head = read_range(kept.path, kept.head) if kept is not None else None
    with PartsFile(target) as turtle, open(kept.path if kept is not None else os.devnull, "rb") as old:
        for taken, lines in pieces:
            if taken is not None and kept is not None:
                first = taken.decode()
                start, end = kept.parts[first][:2]
                old.seek(start)
                block = old.read(end - start)
            else:
                first = subject_of(lines[0]).decode()
                prefix_lines, block = _turtle(lines, prefixes)
                head = head if head is not None else prefix_lines
            if not turtle.started:
                turtle.head(head or b"")
            turtle.add(first, block, "")
        if not turtle.started:  # no triple at all: what Oxigraph writes of nothing
            turtle.head(b"".join(_turtle([], prefixes)))
        return turtle.close()
