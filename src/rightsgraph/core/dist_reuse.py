"""What a build may take from the dist/ it replaces instead of making it again.

Most of an edit leaves most of dist/ as it was: one article's graph changes, the other graphs' Turtle files and
their parts of the merged TriG and JSON-LD do not. A build records, beside the state of the dataset store
(.rightsgraph/dist-reuse.json), the key each such file or part was made from (a graph's digest, or the digest of
what a figure draws) and where each graph's part lies in a merged file. The next build, staging a new dist/, takes
a file (a hard link) or a part (a byte range) from the dist/ in place instead of writing it again when all of these
hold:

- dist/ was written under the same key (build.manifest.dist_key: the code, the queries, the ontology and shapes,
  the metadata);
- the file is as that build left it (its size and modification time as recorded);
- the file or part was made from the key the new build would make it from.

Otherwise it is made again, so a stale or missing record costs time, never correctness: the test suite checks that
a build after edits writes dist/ byte for byte as a build from empty does. The record is removed before a build
stages dist/ and written again once the new dist/ is in place, so a killed build leaves no record to trust.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from rightsgraph.core.project import Project

HEAD = "@head"  # the part of a merged file before its first graph


def record_path(project: Project) -> Path:
    return project.root / ".rightsgraph" / "dist-reuse.json"


_last_read: list[tuple[tuple[int, ...], object]] = []  # the record last read, by the file's identity and time


def _read_record(path: Path) -> object:
    """The record at `path` (None when there is none or it is not JSON), parsed once per version of the file: a build
    looks at it several times before it consumes it (build.warm_copy). What it holds is only read, never changed."""
    try:
        stat = path.stat()
        seen = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        last = _last_read[0] if _last_read else None
        if last is not None and last[0] == seen:
            return last[1]
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _last_read[:] = [(seen, record)]
    return record


class Reuse:
    """The record of the dist/ in place, read once (and then removed); what the new dist/ is made from, collected
    for the next record."""

    def __init__(self, project: Project, key: str, take: bool = True, consume: bool = True) -> None:
        """`key`: what the new dist/ is written under (build.manifest.dist_key); `take`: False to take nothing (a build
        from empty), while still recording what the new dist/ is made from; `consume`: False to leave the record in
        place (a look before the build writes dist/: build.warm_copy)."""
        self.dist = project.dist_dir
        self.key = key
        path = record_path(project)
        record = _read_record(path)
        if not isinstance(record, dict) or not take or record.get("dist_key") != key:
            record = {}
        self._files: dict[str, list] = record.get("files", {})
        self._parts: dict[str, dict[str, list]] = record.get("parts", {})
        self._notes: dict[str, object] = record.get("notes", {})
        self._intact: dict[str, bool] = {}
        if consume:
            path.unlink(missing_ok=True)
            _last_read.clear()  # a record written later may take this one's inode (and, on a coarse clock, time)
        self.files: dict[str, str] = {}  # what the new dist/ is made from: file -> key
        self.parts: dict[str, dict[str, list]] = {}  # merged file -> graph -> [start, end, key]
        self.notes: dict[str, object] = {}  # what else the next build needs to know of a file (JSON values)

    def intact(self, name: str) -> bool:
        """Whether dist/NAME is as the recorded build left it."""
        if name not in self._intact:
            recorded = self._files.get(name)
            try:
                stat = (self.dist / name).stat()
                self._intact[name] = recorded is not None and [stat.st_size, stat.st_mtime_ns] == recorded[:2]
            except OSError:
                self._intact[name] = False
        return self._intact[name]

    def can(self, name: str, key: str) -> bool:
        """Whether dist/NAME was made from `key` and is as that build left it."""
        recorded = self._files.get(name)
        return recorded is not None and recorded[2:] == [key] and self.intact(name)

    def made(self, name: str, key: str, note: object = None) -> None:
        """Record that the new dist/NAME is made from `key` (and what else the next build needs to know of it)."""
        self.files[name] = key
        if note is not None:
            self.notes[name] = note

    def file(self, name: str, key: str, target: Path, note: object = None) -> bool:
        """Put dist/NAME at `target` (a hard link, or a copy where links are refused) when it was made from `key`;
        True if it did. Either way the new dist/ records NAME as made from `key` (with `note`)."""
        self.made(name, key, note)
        if not self.can(name, key):
            return False
        try:
            os.link(self.dist / name, target)
        except OSError:
            shutil.copy2(self.dist / name, target)
        return True

    def part(self, name: str, graph: str, key: str) -> tuple[int, int] | None:
        """Where `graph`'s part lies in dist/NAME, when it was made from `key` and the file is intact; else None."""
        found = self._parts.get(name, {}).get(graph)
        if found is None or found[2:] != [key] or not self.intact(name):
            return None
        return found[0], found[1]

    def recorded_parts(self, name: str) -> dict[str, list] | None:
        """Where each graph's part lies in dist/NAME and its key, as recorded, if the file is intact (and the record
        of its parts is one: each a start and an end)."""
        parts = self._parts.get(name)
        if parts is None or not self.intact(name) or not all(_where(p) for p in parts.values()):
            return None
        return {g: p for g, p in parts.items() if g != HEAD}

    def recorded_key(self, name: str) -> str | None:
        """The key the last build made dist/NAME from (None if it recorded none)."""
        recorded = self._files.get(name)
        return recorded[2] if recorded is not None and len(recorded) == 3 and isinstance(recorded[2], str) else None

    def recorded_note(self, name: str) -> object:
        """What the last build noted of dist/NAME (None if nothing)."""
        return self._notes.get(name)

    def head(self, name: str) -> tuple[int, int] | None:
        found = self._parts.get(name, {}).get(HEAD)
        return (found[0], found[1]) if found is not None and self.intact(name) else None

    def note(self, name: str, note: object) -> None:
        """Record what else the next build needs to know of dist/NAME (a JSON value)."""
        self.notes[name] = note

    def made_parts(self, name: str, parts: dict[str, list]) -> None:
        """Record where each graph's part of the new dist/NAME lies (and from which key), and the file itself."""
        self.parts[name] = parts
        self.files.setdefault(name, "")

    def save(self, project: Project) -> None:
        """Write the record of the dist/ now in place (call once it is swapped in, under the build lock)."""
        files = {}
        for name, key in sorted(self.files.items()):
            try:
                stat = (project.dist_dir / name).stat()
            except OSError:
                continue
            files[name] = [stat.st_size, stat.st_mtime_ns, key]
        notes = {name: note for name, note in sorted(self.notes.items()) if name in files}
        record = {"dist_key": self.key, "files": files, "parts": self.parts, "notes": notes}
        path = record_path(project)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        partial.replace(path)
        _last_read.clear()


class PartsFile:
    """A file made of a head, then one part per graph joined by a separator, then a tail; it keeps where each part
    lies (bytes), so that the next build can take a part from it."""

    def __init__(self, path: Path, separator: bytes = b"", tail: bytes = b"") -> None:
        self.handle = open(path, "wb")  # noqa: SIM115  (closed by close(), also on error through the caller's with)
        self.separator, self.tail = separator, tail
        self.parts: dict[str, list] = {}
        self.started = False

    def head(self, data: bytes) -> None:
        self.handle.write(data)
        self.parts[HEAD] = [0, len(data)]

    def add(self, graph: str, data: bytes, key: str) -> None:
        if self.started:
            self.handle.write(self.separator)
        self.started = True
        start = self.handle.tell()
        self.handle.write(data)
        self.parts[graph] = [start, start + len(data), key]

    def close(self) -> dict[str, list]:
        if not self.handle.closed:
            self.handle.write(self.tail)
            self.handle.close()
        return self.parts

    def __enter__(self) -> PartsFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _where(part: object) -> bool:
    return isinstance(part, list) and len(part) >= 2 and all(isinstance(n, int) and n >= 0 for n in part[:2])


def read_range(path: Path, where: tuple[int, int]) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(where[0])
        return handle.read(where[1] - where[0])
