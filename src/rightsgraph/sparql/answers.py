"""The answers of the queries a build asks while it writes dist/, kept for the next build: an answer is taken again,
without asking, when no quad the edit since added or removed touches its query's footprint (sparql.footprint).

The views of dist/ (the timeline, the network page, the reading view's index) are made from the answers of whole
queries of queries/ over the whole dataset. A view is taken whole when none of its queries can have changed
(export.view_reuse); when one of them can, the others need not be asked again: after a headline is edited, the
timeline asks again which articles there are, not which events, actors and evidence spans.

Only the build asks through here (`using`): `answer_records(store, text)` is `embedded_records(store, text)`
anywhere else, or for another store. An answer is kept only for a query that is not open (its footprint can tell)
and for a text of queries/ as it is (a text with values bound into it, as the reading view asks of one article, is
asked: its footprint would cost a parse per text).

Kept in the build's state directory (`answers/`), one pickle per answer: its rows as plain Python values
(sparql.library.Result.records), under a random name. The record of dist/ (core.dist_reuse) notes, with the N-Quads
dump, which file holds the answer to each text (by the text's digest) that the dist/ in place was written from; the
next build takes a file only through that note, and only when its dump is as that build left it (export.delta), so
a build that failed, or a state directory out of step, costs asking again, never an old answer. The files no record
names are removed once the new record is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from rightsgraph.sparql.library import embedded_records, note_asked

if TYPE_CHECKING:
    from rightsgraph.sparql.footprint import Footprint, Footprints


class Edit(Protocol):
    """What an edit added or removed since the dist/ in place (export.delta.Delta)."""

    def touches(self, footprint: Footprint) -> bool: ...


DIRECTORY = "answers"  # in the build's state directory
NOTE = "answers"  # the key of the N-Quads dump's note in the record of dist/: text digest -> file name
_NAME = re.compile(r"[0-9a-f]{32}\.pickle")

Records = list[dict[str, object]]


def kept_answers(note: object) -> dict[str, str]:
    """The answers the record of dist/ notes with the N-Quads dump (`note`): text digest -> file name; none where the
    note is not one."""
    found = note.get(NOTE) if isinstance(note, dict) else None
    if not isinstance(found, dict):
        return {}
    return {d: n for d, n in found.items() if isinstance(d, str) and isinstance(n, str) and _NAME.fullmatch(n)}


class Answers:
    """The answers kept by the build of the dist/ in place (`kept`: text digest -> file name), taken where the edit
    since (`delta`, set once known; None: it cannot be told, and nothing is taken) leaves their queries' footprints
    untouched; the answers this build asked or took, noted for the next (`now`)."""

    def __init__(self, directory: Path, store: ox.Store, kept: dict[str, str], footprints: Footprints) -> None:
        self.directory, self.store, self.kept, self.footprints = directory, store, kept, footprints
        self.delta: Edit | None = None
        self.now: dict[str, str] = {}
        self.lock = threading.Lock()
        self.taken = self.asked = 0  # for the tests: how many answers were taken, how many asked

    def records(self, text: str) -> Records:
        digest = hashlib.sha256(text.encode()).hexdigest()
        footprint = self.footprints.of([text])
        if footprint.open:
            return embedded_records(self.store, text)
        name = self.kept.get(digest)
        if name is not None and self.delta is not None and not self.delta.touches(footprint):
            rows = self._load(name)
            if rows is not None:
                note_asked(text)  # as run_embedded does for the queries it answers (sparql.library.recording)
                with self.lock:
                    self.now[digest] = name
                    self.taken += 1
                return rows
        rows = embedded_records(self.store, text)
        name = self._keep(rows)
        with self.lock:
            self.asked += 1
            if name is not None:
                self.now[digest] = name
        return rows

    def _load(self, name: str) -> Records | None:
        try:
            with open(self.directory / name, "rb") as f:
                rows = pickle.load(f)  # the project's own state directory, written by its builds only
        except Exception:  # absent, cut short or from another version: asked again
            return None
        return rows if isinstance(rows, list) else None

    def _keep(self, rows: Records) -> str | None:
        """The rows in a file of their own (beside it, then renamed); its name, or None where it cannot be written."""
        name = f"{uuid.uuid4().hex}.pickle"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.directory, prefix=".kept-", delete=False) as f:
                pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, self.directory / name)
        except OSError:
            return None
        return name

    def note(self) -> dict[str, dict[str, str]]:
        """What the record of the new dist/ notes with its N-Quads dump (`kept_answers` reads it): the answers this
        build asked or took, and those it did not ask (a view taken whole: export.view_reuse; the reading view's
        pages of other articles) that the edit leaves as they were, by their footprints (known by their digests)."""
        with self.lock:
            for digest, name in self.kept.items():
                if digest in self.now or self.delta is None:
                    continue
                found = self.footprints.known(digest)
                if found is not None and not self.delta.touches(found) and (self.directory / name).is_file():
                    self.now[digest] = name
            return {NOTE: dict(sorted(self.now.items()))}

    def prune(self) -> None:
        """Remove the files of answers no longer noted (call once the new record of dist/ is written, under the build
        lock): those of the dist/ replaced that were asked again, and what a failed build left."""
        keep = set(self.now.values())
        try:
            found = list(self.directory.iterdir())
        except OSError:
            return
        for path in found:
            if path.name not in keep:
                with contextlib.suppress(OSError):  # what cannot be removed costs room, not the build just made
                    path.unlink()


_active: ContextVar[Answers | None] = ContextVar("answers", default=None)


@contextmanager
def using(answers: Answers) -> Iterator[Answers]:
    """Within, `answer_records` on the store of `answers` goes through it (on this thread, and on those started in a
    copy of its context: build.pipeline.side_by_side)."""
    token = _active.set(answers)
    try:
        yield answers
    finally:
        _active.reset(token)


def answer_records(store: ox.Store, text: str) -> Records:
    """The rows of a whole query of queries/ (no values bound into its text) on `store`, as plain Python values;
    taken from the answers a build keeps where it can (`using`)."""
    answers = _active.get()
    if answers is None or answers.store is not store:
        return embedded_records(store, text)
    return answers.records(text)
