"""One error type for everything a user can get wrong, printed as one line.

The message names the file, the line where known, what is wrong and how to fix it. The CLI turns
it into exit code 1 and no traceback.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class UserError(Exception):
    """Bad input: a file the user can fix."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


def read_text(path: Path, what: str = "file") -> str:
    """A UTF-8 text file, or a UserError naming the file, the line of the first bad byte and the fix."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the {what}: {exc.strerror}", path, fix="check the path") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"{what} is not UTF-8 text", path, line, "save it as UTF-8") from None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(sorted(choices)[:12])}..."


NO_SPACE = "No space left on device"


def is_disk_full(exc: BaseException) -> bool:
    """A write failed for want of space or quota (an OSError from Python, or the storage engine's error)."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return NO_SPACE in str(exc) or "Disk quota exceeded" in str(exc)


@contextmanager
def disk_errors(where: Path | str) -> Iterator[None]:
    """A full disk while writing under `where` becomes a one-line UserError, not an internal error."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        if not is_disk_full(exc):
            raise
        raise UserError(
            f"the disk is full: {exc}",
            getattr(exc, "filename", None) or where,
            fix="free disk space, then run it again",
        ) from None
