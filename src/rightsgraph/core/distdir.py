"""Writes dist/ all at once or not at all.

Everything is written into a staging directory beside dist/; only when every file is complete is the
staging directory swapped in, in one atomic exchange of the two names (Linux renameat2 RENAME_EXCHANGE):
at every instant dist/ is the previous build or the new one, whole, even if the process is killed. Where
the exchange is not available the swap takes two renames, and a kill between them is repaired by the next
build (the previous dist/ is put back). Leftover staging and old directories of killed builds are removed
by the next build. A dist/ that is a symbolic link stays one: the directory it points to is replaced.
A lock file keeps two builds from writing at the same time.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rightsgraph.core.errors import UserError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    lock_path = root / ".rightsgraph.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                "another rightsgraph build is running in this project",
                lock_path,
                fix="wait for it to finish, then run the build again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot (then nothing has changed)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a filesystem or kernel without the exchange
        return False
    raise OSError(code, os.strerror(code), str(a))


def _leftovers(target: Path, kind: str) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.{kind}-*"))


def recover(target: Path) -> None:
    """Repair what a killed build left beside `target` (call under the build lock): a swap by two renames
    cut between them leaves no `target` but its previous content as an old directory, which goes back;
    every other staging or old directory is removed."""
    old = _leftovers(target, "old")
    if not target.exists() and not target.is_symlink() and old:
        old[-1].rename(target)
    for leftover in (*_leftovers(target, "staging"), *_leftovers(target, "old")):
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def staged(dist: Path) -> Iterator[Path]:
    """Yield an empty staging directory; on success it replaces `dist` (or the directory `dist` links to)."""
    target = dist.resolve() if dist.is_symlink() else dist
    recover(target)
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not target.exists():
        staging.rename(target)
    elif exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it holds the previous dist/ now
    else:
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
