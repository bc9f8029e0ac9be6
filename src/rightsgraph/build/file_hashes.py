"""The SHA-256 of each file of data/, kept between builds so that a file that has not changed costs one stat(), as
git's index does, instead of being read and hashed again: at a million triples data/ is 39 MB, and every
`rightsgraph validate` digested all of it to key its graphs (build.manifest.digest).

The cache is .rightsgraph/build/file-hashes.json: for each file (its path relative to the project), the size, mtime,
inode and ctime it had when it was read, when that was (`recorded`, ns) and the hash of its bytes. A file whose stat
matches its entry takes the kept hash; any other is read and hashed, and its entry replaced.

A stat that matches proves nothing when the file was written within the timestamp granularity of when it was read
(git's "racy git"): written again in the same tick, with the same size, it keeps the same stat. An entry is trusted
only when the file's mtime and ctime are older than the time it was recorded by a safety margin (MARGIN_NS), which
covers the kernel's coarse file clock and filesystems with 1- or 2-second timestamps. That time is read from the
filesystem's clock where it runs behind this machine's (a network share): a file touched in the state directory
gives it, as git's index file does. A file written just before it was read is read again on the next run (once or
twice per edit: cheap).
The ctime, which no program can set, catches a file rewritten with its old mtime put back (os.utime, cp -p).

The cache is an optimisation only: a missing, unreadable or malformed cache file, or a malformed entry, costs time,
never a wrong hash. It is written at once (a temporary file renamed over it), under the build lock that build and
validate hold (store.persistent.state_lock), and only when an entry changed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import time
from pathlib import Path

CACHE_NAME = "file-hashes.json"
CLOCK_NAME = "file-hashes.clock"  # touched when the files are read: the filesystem's clock (_now)
FORMAT = 1
MARGIN_NS = 3_000_000_000
MISSING = "<missing>"  # stands for the hash of a file that does not exist (build.manifest.digest)
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF)  # what Path.exists() takes for "not there"
_SHA256 = re.compile(r"[0-9a-f]{64}")

Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def _wall() -> int:
    return time.time_ns()


def _now(directory: Path) -> int:
    """When the files are read, by the clock that stamps them: the earlier of this process's clock and the mtime of
    a file touched now in `directory` (git takes its index file's mtime), so that a filesystem whose clock runs
    behind this machine's (a network share) cannot make a file written just now look older than the margin."""
    wall = _wall()
    marker = directory / CLOCK_NAME
    try:
        with open(marker, "wb"):
            pass  # truncating it sets its mtime to the filesystem's now
        return min(wall, marker.stat().st_mtime_ns)
    except OSError:  # a state directory that cannot be written: the build reports it with its own writes
        return wall


def _stat(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ino, result.st_ctime_ns)


def _read(path: Path) -> tuple[str, Stat | None]:
    """The hash of the file's bytes, and its stat when that stayed the same while it was read (else None: a file
    written during the read is not kept). Raises FileNotFoundError and the like where the file is absent."""
    with open(path, "rb") as handle:
        before = _stat(os.fstat(handle.fileno()))
        data = handle.read()
        after = _stat(os.fstat(handle.fileno()))
    return hashlib.sha256(data).hexdigest(), (before if before == after else None)


def file_hash(path: Path) -> str:
    """The SHA-256 (hex) of a file's bytes, read now; MISSING where there is no file."""
    try:
        return _read(path)[0]
    except OSError as exc:
        if exc.errno in _ABSENT:
            return MISSING
        raise


def _entry(value: object) -> tuple[Stat, int, str] | None:
    """A cache entry (stat, recorded, hash) as read from the file, or None if it is not one."""
    if not isinstance(value, list) or len(value) != 6:
        return None
    *numbers, digest = value
    if not all(type(n) is int for n in numbers) or not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        return None
    size, mtime, inode, ctime, recorded = numbers
    return (size, mtime, inode, ctime), recorded, digest


class FileHashes:
    """The hashes kept in a state directory, read when made; `hash(path, name)` answers, `save()` keeps them."""

    def __init__(self, directory: Path, read: bool = True) -> None:
        """`read`: False to hash every file again (what is hashed is still kept for the next run)."""
        self.path = directory / CACHE_NAME
        self.now = _now(directory)  # before any file is read: whatever is written later is newer than now - MARGIN_NS
        self.kept = self._load() if read else {}
        self.seen: dict[str, list] = {}  # the entries for the next run: the files asked about in this one
        self.changed = False

    def _load(self) -> dict[str, object]:
        try:
            cache = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, unreadable, not JSON (a partial write cannot happen: see save)
            return {}
        if not isinstance(cache, dict) or cache.get("format") != FORMAT or not isinstance(cache.get("files"), dict):
            return {}
        return cache["files"]

    def hash(self, path: Path, name: str) -> str:
        """The SHA-256 of the file at `path`, kept under `name` (its path in the project); MISSING where there is
        no file. Taken from the cache when the file's stat is the one recorded, long enough before it was."""
        try:
            now = _stat(os.stat(path))
        except OSError as exc:
            if exc.errno in _ABSENT:
                return MISSING
            raise
        entry = _entry(self.kept.get(name))
        if entry is not None:
            stat, recorded, digest = entry
            if stat == now and max(now[1], now[3]) < recorded - MARGIN_NS:
                self.seen[name] = [*stat, recorded, digest]
                return digest
        try:
            digest, read = _read(path)
        except OSError as exc:
            if exc.errno in _ABSENT:  # removed since the stat
                return MISSING
            raise
        self.changed = True
        if read is not None:
            self.seen[name] = [*read, self.now, digest]
        return digest

    def save(self) -> None:
        """Keep the entries of the files asked about in this run (others went from data/), if any changed: in one
        rename of a complete file. The cache saves time only: a disk that refuses it is left to the build's own
        writes to report."""
        if not self.changed and self.seen.keys() == self.kept.keys():
            return
        write_cache(self.path, {"format": FORMAT, "files": self.seen})


def write_cache(path: Path, kept: object) -> None:
    """A cache file written whole (beside it, synced, renamed over it) or not at all: a cache saves time only, and a
    disk that refuses it is left to the build's own writes to report."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(kept, sort_keys=True, separators=(",", ":")))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
