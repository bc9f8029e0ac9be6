"""When statements were made, for the network page's time filter and its two periods.

A statement's time is the bounds of its own time span; a statement the article gives no time for has the
bounds of the article's publication, which it cannot be later than (queries/system/network-statement-times.rq).
A statement falls before a date if its time ends before it, from the date on if its time begins on or after
it, and in neither period if its bounds span the date: an uncertain time is never forced into one period.
The default split is the median statement date, so that the corpus falls into two halves of statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from rightsgraph.network.graph import system_rows
from rightsgraph.sparql.library import Library

BEFORE, AFTER, SPANS = "before", "after", "spans"


@dataclass(frozen=True)
class StatementTime:
    begin: str | None  # an ISO date (YYYY-MM-DD), the earliest the statement can have been made
    end: str | None  # the latest
    dated: str  # "statement" (its own time) or "article" (the article's publication)


def _date(value: object) -> str | None:
    return str(value)[:10] if value else None


def statement_times(store: ox.Store, library: Library) -> dict[str, StatementTime]:
    return {
        str(row["statement"]): StatementTime(_date(row["begin"]), _date(row["end"]), str(row["dated"]))
        for row in system_rows(store, library, "network-statement-times")
    }


def median_date(times: Iterable[StatementTime]) -> str | None:
    """The median of the statements' earliest dates (their latest where no earliest is known); the lower
    middle of an even count."""
    dates = sorted(d for d in (t.begin or t.end for t in times) if d)
    return dates[(len(dates) - 1) // 2] if dates else None


def period(time: StatementTime | None, split: str) -> str:
    """BEFORE the split date, AFTER it (from it on), or SPANS when the time's bounds do not say which."""
    if time is not None and time.end is not None and time.end < split:
        return BEFORE
    if time is not None and time.begin is not None and time.begin >= split:
        return AFTER
    return SPANS
