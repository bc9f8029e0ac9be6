"""Writes dist/ all at once or not at all.

Everything is written into a staging directory beside dist/; only when every file is complete is
the staging directory swapped in. A failed or interrupted build leaves the previous dist/ intact.
A lock file keeps two builds from writing at the same time.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rightsgraph.core.errors import UserError


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


@contextmanager
def staged(dist: Path) -> Iterator[Path]:
    """Yield an empty staging directory; on success it replaces `dist` in one rename."""
    staging = dist.with_name(f".{dist.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = dist.with_name(f".{dist.name}.old-{os.getpid()}")
    if dist.exists():
        dist.rename(old)
    staging.rename(dist)
    shutil.rmtree(old, ignore_errors=True)
