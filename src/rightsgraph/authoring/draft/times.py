"""Dates and vague times: the wording kept verbatim, normalised to EDTF with bounds where the text and the
article's date allow, and how the bounds were reached (basis): a stated date, a wording resolved against the
article's date (article-relative) or against another node's time (node-relative, resolved when assembled)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import dateparser
from spacy.matcher import Matcher

from rightsgraph.authoring.draft.base import Found, Parsed

MONTHS = [m.lower() for m in calendar.month_name if m]
WEEKDAYS = [d.lower() for d in calendar.day_name]
PERIODS = ["week", "month", "year"]
SUPERLATIVES = {"most", "first", "record", "fewest", "least", "highest", "largest", "lowest", "worst", "biggest",
                "deadliest", "greatest", "longest", "smallest"}  # fmt: skip
_MONTH: dict[str, Any] = {"LOWER": {"IN": MONTHS}, "IS_TITLE": True}
_DAY: dict[str, Any] = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
_YEAR: dict[str, Any] = {"IS_DIGIT": True, "LENGTH": 4}
_PREP: dict[str, Any] = {"LOWER": {"IN": ["on", "since", "in", "by", "until"]}, "OP": "?"}
PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "full": [[_PREP, _DAY, _MONTH, _YEAR], [_PREP, _MONTH, _DAY, {"ORTH": ",", "OP": "?"}, _YEAR]],
    "month-year": [[_PREP, _MONTH, _YEAR]],
    "year": [[{"LOWER": {"IN": ["in", "since", "by", "during", "until"]}}, _YEAR]],
    "weekday": [
        [{"LOWER": {"IN": ["on", "since", "by", "until"]}, "OP": "?"}, {"LOWER": {"IN": WEEKDAYS}, "IS_TITLE": True}]
    ],
    "period": [
        [{"LOWER": "earlier", "OP": "?"}, {"LOWER": {"IN": ["last", "this", "next"]}}, {"LOWER": {"IN": PERIODS}}],
        [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "this"}, {"LOWER": {"IN": PERIODS}}],
    ],
    "day": [[_PREP, _DAY, _MONTH], [_PREP, _MONTH, _DAY]],
    "month": [[_PREP, {"LOWER": {"IN": ["last", "early", "late", "mid", "this"]}, "OP": "?"}, _MONTH]],
    "next-day": [[{"LOWER": "the"}, {"LOWER": {"IN": ["next", "following"]}}, {"LOWER": "day"}]],
    "end-of-year": [
        [
            {"LOWER": {"IN": ["before", "by"]}},
            {"LOWER": "the"},
            {"LOWER": "end"},
            {"LOWER": "of"},
            {"LOWER": "the"},
            {"LOWER": "year"},
        ]
    ],
}


def find_times(parsed: Parsed, nlp: Any, article_id: str, reference: dt.date | None) -> list[Found]:
    matcher = Matcher(nlp.vocab)
    for kind, patterns in PATTERNS.items():
        matcher.add(kind, patterns)
    spans = sorted(((nlp.vocab.strings[m], s, e) for m, s, e in matcher(parsed.doc)), key=lambda m: (m[1], m[1] - m[2]))
    found: list[Found] = []
    last_end = -1
    for kind, start, end in spans:
        if start < last_end:
            continue
        last_end = end
        span = parsed.doc[start:end]
        expression = span.text
        if (
            kind in ("year", "month-year")
            and span[0].lower_ == "since"
            and _comparison(parsed.doc[max(0, start - 5) : start])
        ):
            continue  # "the highest number since 2003": a comparison, not when something happened
        time = _normalise(kind, expression, article_id, reference)
        if time is not None:
            found.append(Found(span.start_char, span.end_char, parsed.sent_of(span.start_char), {"kind": kind, **time}))
    return found


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _normalise(kind: str, expression: str, article_id: str, reference: dt.date | None) -> dict[str, Any] | None:
    time: dict[str, Any] = {"expression": expression}
    words = expression.lower().split()
    relative = {"basis": "article-relative", "relative_to": article_id}
    if kind == "full":
        day = dateparser.parse(
            " ".join(w for w in expression.split() if w.lower() not in ("on", "since", "in", "by", "until")),
            languages=["en"],
            settings={"STRICT_PARSING": True},
        )
        if day is None:
            return None
        d = day.date()
        return {
            **time,
            "edtf": d.isoformat(),
            "earliest": d,
            "latest": d,
            "basis": "stated-date",
            **({"open": True} if words[0] == "since" else {}),
        }
    if kind in ("month-year", "year"):
        return _stated_period(time, words)
    if kind == "next-day":
        return {**time, "shift_days": 1}
    if reference is None:
        return time  # the wording only: nothing in the article dates it
    if kind == "weekday":
        # "on Tuesday" in a news report: the last such day up to the article's date (the same day if it is one)
        back = (reference.weekday() - WEEKDAYS.index(words[-1])) % 7
        d = reference - dt.timedelta(days=back)
        return {**time, "edtf": d.isoformat(), "earliest": d, "latest": d, **relative}
    if kind == "period":
        first, last = _period(reference, words)
        edtf = _edtf_of(first, last)
        return {**time, "edtf": edtf, "earliest": first, "latest": last, **relative}
    if kind == "day":
        day = dateparser.parse(
            " ".join(w for w in expression.split() if w.lower() not in ("on", "since", "in", "by", "until")),
            languages=["en"],
            settings={
                "RELATIVE_BASE": dt.datetime.combine(reference, dt.time()),
                "PREFER_DATES_FROM": "past",
                "STRICT_PARSING": False,
            },
        )
        if day is None:
            return None
        d = day.date()
        return {**time, "edtf": d.isoformat(), "earliest": d, "latest": d, **relative}
    if kind == "month":
        month = MONTHS.index(words[-1]) + 1
        year = reference.year if month < reference.month else reference.year - 1
        if "this" in words:
            year = reference.year
        first, last = _month_bounds(year, month)
        if words[0] == "since":
            return {**time, "edtf": f"{year}-{month:02d}/..", "earliest": first, **relative}
        return {**time, "edtf": f"{year}-{month:02d}", "earliest": first, "latest": last, **relative}
    if kind == "end-of-year":
        last = dt.date(reference.year, 12, 31)
        return {**time, "edtf": f"../{last.isoformat()}", "latest": last, **relative}
    return None


def _stated_period(time: dict[str, Any], words: list[str]) -> dict[str, Any] | None:
    """ "in September 2024", "in 2024", "since 2022": a month or a year the text states."""
    year = int(words[-1])
    if not 1000 <= year <= 2999:
        return None
    if words[-2] in MONTHS:
        month = MONTHS.index(words[-2]) + 1
        first, last = _month_bounds(year, month)
        edtf = f"{year}-{month:02d}"
    else:
        first, last, edtf = dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)
    if words[0] == "since":
        return {**time, "edtf": f"{edtf}/..", "earliest": first, "basis": "stated-date"}
    if words[0] in ("by", "until"):
        return {**time, "edtf": f"../{edtf}", "latest": last, "basis": "stated-date"}
    return {**time, "edtf": edtf, "earliest": first, "latest": last, "basis": "stated-date"}


def _period(reference: dt.date, words: list[str]) -> tuple[dt.date, dt.date]:
    """The calendar week, month or year that "last", "this", "next", "earlier this" name from the article's date;
    "earlier this month" ends at the article's date."""
    unit, which = words[-1], words[-2]
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=shift)
        first, last = monday, monday + dt.timedelta(days=6)
    elif unit == "month":
        index = reference.year * 12 + reference.month - 1 + shift
        first, last = _month_bounds(index // 12, index % 12 + 1)
    else:
        first, last = dt.date(reference.year + shift, 1, 1), dt.date(reference.year + shift, 12, 31)
    if words[0] == "earlier":
        last = min(last, reference)
    elif words[0] == "later":
        first = max(first, reference)
    return first, last


def _edtf_of(first: dt.date, last: dt.date) -> str:
    """The shortest EDTF for a span of whole days: a year, a month, or an interval of days."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if (
        first.day == 1
        and (first.year, first.month) == (last.year, last.month)
        and last == _month_bounds(last.year, last.month)[1]
    ):
        return f"{first.year}-{first.month:02d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def _comparison(before: Any) -> bool:
    """A superlative just before "since ...": "the most executions since 2003", "the first time since 2020"."""
    return any(t.lower_ in SUPERLATIVES for t in before)
