"""A view of dist/ made only from the answers of its queries (the timeline) is taken from the dist/ in place when the
edit since cannot have changed any of those answers.

When a view is written, the texts of the queries it asks are recorded (sparql.library.recording) and the union of
their footprints (sparql.footprint) is noted with the file in the record of dist/ (core.dist_reuse). The next build
takes the file (a hard link) when the record is its own (the same code, queries and ontology: build.manifest.dist_key),
the file is as that build left it, and no quad the edit added or removed since (export.delta) touches that footprint:
every answer, hence every byte of the view, is as it was. Otherwise the view is written again, and its footprint
noted again. A build from empty takes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rightsgraph.core.dist_reuse import Reuse
from rightsgraph.export.delta import Delta
from rightsgraph.sparql.footprint import Footprint, Footprints
from rightsgraph.sparql.library import recording

VIEW_KEY = "answers"  # what a view is made from: the answers of the queries its note's footprint names


def take_or_write(
    reuse: Reuse, name: str, target: Path, delta: Delta | None, footprints: Footprints, write: Callable[[], object]
) -> Path:
    """dist/NAME at `target`: linked from the dist/ in place when the edit (`delta`; None: cannot be told) touches no
    footprint of its queries, else made by `write()`."""
    note = reuse.recorded_note(name)
    kept = Footprint.from_json(note.get("footprint")) if isinstance(note, dict) else None
    untouched = delta is not None and kept is not None and not delta.touches(kept)
    if untouched and reuse.file(name, VIEW_KEY, target, note):
        return target
    with recording() as asked:
        write()
    reuse.made(name, VIEW_KEY, {"footprint": footprints.of(asked).as_json()})
    return target
