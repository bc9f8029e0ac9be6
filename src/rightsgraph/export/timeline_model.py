"""What the timeline (export.timeline) shows, and the arithmetic of its axis: no date is computed in the browser.

An item is one event or statement, or the nodes identity judgements join (one rg:canonicalNode), each member
with what its own article says. Its interval comes from the bounds of the members' time spans
(sem:hasEarliestBeginTimeStamp, sem:hasLatestEndTimeStamp): where several members give bounds, the interval
all of them allow (the latest earliest begin to the earliest latest end); where those cannot be squared, the
interval that holds them all, marked as disputed. A missing bound leaves that end open; an item with no bound
at all is undated and never placed on the axis. Dates are days counted from 1970-01-01 (`day`), worked out
here, so that the page draws every date on its own day in any time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

DATE = re.compile(r"\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
EPOCH = date(1970, 1, 1).toordinal()
STATEMENT, UNTYPED = "statement", "event (no type given)"
STATEMENT_COLOUR, UNTYPED_COLOUR = "#37474f", "#8d8d8d"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TAIL = 0.05  # the axis opens on the years between these quantiles of all bounds; the page widens it on request


def day(value: date) -> int:
    return value.toordinal() - EPOCH


def as_date(value: object) -> date | None:
    """An xsd:date bound as the day it names (a time zone on it changes nothing: dates are dates); None for no
    bound, or a value that is not a date (the shapes refuse those)."""
    if value is None or not DATE.match(str(value)):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Article:
    iri: str
    slug: str
    headline: str
    published: date | None


@dataclass(frozen=True)
class Evidence:
    slug: str | None  # the article's reading view (dist/articles/SLUG.html), None if its article has none
    anchor: str | None  # the span's id in that page (the reading view's data-spans name)
    quote: str
    headline: str


@dataclass
class Member:
    """One node of an item, as its own article gives it."""

    iri: str
    label: str
    statement: bool = False
    draft: bool = False
    expression: str | None = None
    edtf: str | None = None
    earliest: date | None = None
    latest: date | None = None
    types: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return self.earliest is not None or self.latest is not None

    @property
    def timed(self) -> bool:
        return self.dated or self.expression is not None or self.edtf is not None


@dataclass
class Item:
    key: str  # the canonical node of the cluster, or the node itself
    members: list[Member]
    actors: list[tuple[str, str, str]] = field(default_factory=list)  # (actor IRI, label, role)
    articles: list[str] = field(default_factory=list)  # slugs
    earliest: date | None = None
    latest: date | None = None
    disputed: bool = False

    @property
    def label(self) -> str:
        first = next((m for m in self.members if m.iri == self.key), self.members[0])
        return first.label

    @property
    def kinds(self) -> list[str]:
        found = {t for m in self.members for t in m.types}
        if any(m.statement for m in self.members):
            found.add(STATEMENT)
        return sorted(found) or [UNTYPED]

    @property
    def drafts(self) -> int:
        return sum(1 for m in self.members if m.draft)

    @property
    def dated(self) -> bool:
        return self.earliest is not None or self.latest is not None

    def sort_key(self) -> tuple:
        start = self.earliest or self.latest or date.max
        end = self.latest or self.earliest or date.max
        return (start, end, self.label.casefold(), self.key)


def interval(members: list[Member]) -> tuple[date | None, date | None, bool]:
    """The interval the members' bounds allow: (earliest, latest, disputed); see the module's docstring."""
    begins = [m.earliest for m in members if m.earliest is not None]
    ends = [m.latest for m in members if m.latest is not None]
    earliest, latest = max(begins, default=None), min(ends, default=None)
    if earliest is not None and latest is not None and earliest > latest:
        return min(begins), max(ends), True
    return earliest, latest, False


def colours(kinds: list[str]) -> dict[str, str]:
    """A colour per kind, in the order given: statements and untyped events fixed, event types spread over
    the colour wheel by the golden angle, lightness alternating, so that neighbours in the legend differ."""
    found: dict[str, str] = {}
    index = 0
    for kind in kinds:
        if kind == STATEMENT:
            found[kind] = STATEMENT_COLOUR
        elif kind == UNTYPED:
            found[kind] = UNTYPED_COLOUR
        else:
            hue = round((index * 137.508 + 20) % 360)
            found[kind] = f"hsl({hue} {62 - 10 * (index % 2)}% {44 + 8 * (index % 3)}%)"
            index += 1
    return found


@dataclass(frozen=True)
class Axis:
    """The axis in days: its whole span, the window it opens on, and the ticks the page may draw."""

    first: int
    last: int  # exclusive
    start: int
    end: int  # exclusive
    years: list[tuple[int, int]]  # (day of 1 January, year)
    months: list[tuple[int, str, int]]  # (day of the month's first, short name, year)


def _quantile(values: list[date], q: float) -> date:
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def axis(items: list[Item]) -> Axis:
    """The years every bound falls in (a year on each side when there is none: the axis is still drawn), and a
    first window on the years between the TAIL quantiles, so that a few far bounds do not crush the rest."""
    bounds = sorted(b for item in items for b in (item.earliest, item.latest) if b is not None)
    if not bounds:
        bounds = [date(2000, 1, 1)]
    lo, hi = bounds[0].year, bounds[-1].year
    years = [(day(date(y, 1, 1)), y) for y in range(lo, hi + 2)]
    months = [(day(date(y, m, 1)), MONTHS[m - 1], y) for y in range(lo, hi + 1) for m in range(1, 13)]
    start, end = _quantile(bounds, TAIL).year, _quantile(bounds, 1 - TAIL).year
    return Axis(years[0][0], years[-1][0], day(date(start, 1, 1)), day(date(end + 1, 1, 1)), years, months)


@dataclass
class Timeline:
    """What the timeline shows of the whole dataset."""

    items: list[Item]  # in time order, undated last
    articles: list[Article]  # by publication date
    axis: Axis
