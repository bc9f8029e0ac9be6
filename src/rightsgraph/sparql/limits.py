"""The limits every query runs under, embedded or on an endpoint: a time limit, a number of rows and a size
of answer, each with its one-line error that names the limit and how to raise it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.core.errors import UserError

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """`timeout`: seconds before the query is stopped (on an endpoint: the whole request, connection to the last
    byte); `max_rows`: rows (or triples) an answer may have; `max_bytes`: the size of the answer as read."""

    timeout: float = 60.0
    max_rows: int = 1_000_000
    max_bytes: int = 256 * MB

    def __post_init__(self) -> None:
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise UserError(f"a time limit of {self.timeout} s", fix="give a number of seconds above 0")
        if self.max_rows < 1 or self.max_bytes < 1:
            raise UserError("a limit below 1", fix="give limits of 1 or more")

    def too_slow(self, where: Path | str | None) -> UserError:
        return UserError(
            f"the query took longer than {self.timeout:g} s, the time limit, and was stopped",
            where,
            fix="give a larger --timeout (Limits.timeout in Python), or narrow the query",
        )

    def too_many_rows(self, where: Path | str | None) -> UserError:
        return UserError(
            f"the answer has more than {self.max_rows:,} rows, the row limit; the query was stopped",
            where,
            fix="give a larger --max-rows (Limits.max_rows in Python), or add a LIMIT to the query",
        )

    def too_large(self, where: Path | str | None) -> UserError:
        return UserError(
            f"the answer is larger than {self.max_bytes / MB:g} MB, the size limit; the query was stopped",
            where,
            fix="give a larger --max-size (Limits.max_bytes in Python), or narrow the query",
        )


def check_seconds(value: float) -> float:
    """A time limit in seconds: finite, above 0 and at most a week (the CLI's check of --timeout)."""
    if not (math.isfinite(value) and 0 < value <= 7 * 24 * 3600):
        raise ValueError(f"{value} is not a number of seconds above 0 and at most a week (604800)")
    return value
