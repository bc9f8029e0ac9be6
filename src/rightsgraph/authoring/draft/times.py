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
# "early", "mid" and "late" in a month: its first half, its middle third, its second half (the corpus's reading).
PARTS_OF_MONTH = {"early": (1, 15), "mid": (11, 20), "late": (16, 31)}
SUPERLATIVES = {"most", "first", "record", "fewest", "least", "highest", "largest", "lowest", "worst", "biggest",
                "deadliest", "greatest", "longest", "smallest"}  # fmt: skip
_MONTH: dict[str, Any] = {"LOWER": {"IN": MONTHS}, "IS_TITLE": True}
_DAY: dict[str, Any] = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
_YEAR: dict[str, Any] = {"IS_DIGIT": True, "LENGTH": 4}
_PREP: dict[str, Any] = {"LOWER": {"IN": ["on", "since", "in", "by", "until"]}, "OP": "?"}
_FROM: dict[str, Any] = {"LOWER": {"IN": ["between", "from"]}}
_TO: dict[str, Any] = {"LOWER": {"IN": ["and", "to", "until"]}}
_WEEKDAY: dict[str, Any] = {"LOWER": {"IN": WEEKDAYS}, "IS_TITLE": True}
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
    "next-day": [[{"LOWER": "the"}, {"LOWER": {"IN": ["next", "following"]}}, {"LOWER": {"IN": ["day", "morning"]}}]],
    "same-day": [[{"LOWER": "the"}, {"LOWER": "same"}, {"LOWER": "day"}], [{"LOWER": "that"}, {"LOWER": "day"}]],
    "range": [
        [_FROM, _DAY, {**_MONTH, "OP": "?"}, _TO, _DAY, _MONTH, {**_YEAR, "OP": "?"}],
        [_FROM, _MONTH, _DAY, _TO, {**_MONTH, "OP": "?"}, _DAY],
        [{"LOWER": {"IN": ["in", "between", "from"]}, "OP": "?"}, _MONTH, _TO, _MONTH, {**_YEAR, "OP": "?"}],
        [_FROM, _WEEKDAY, _TO, _WEEKDAY],
    ],
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
    if kind == "same-day":
        return {**time, "shift_days": 0}
    if kind == "range":
        return _range(time, expression, article_id, reference)
    if reference is None:
        return time  # the wording only: nothing in the article dates it
    if kind == "weekday":
        # "on Tuesday" in a news report: the last such day up to the article's date (the same day if it is one)
        back = (reference.weekday() - WEEKDAYS.index(words[-1])) % 7
        d = reference - dt.timedelta(days=back)
        if words[0] == "since":
            return {**time, "edtf": f"{d.isoformat()}/..", "earliest": d, **relative}
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
        if words[0] == "since":
            return {**time, "edtf": f"{d.isoformat()}/..", "earliest": d, **relative}
        return {**time, "edtf": d.isoformat(), "earliest": d, "latest": d, **relative}
    if kind == "month":
        month = MONTHS.index(words[-1]) + 1
        year = reference.year if month < reference.month else reference.year - 1
        if "this" in words:
            year = reference.year
        first, last = _month_bounds(year, month)
        if words[0] == "since":
            return {**time, "edtf": f"{year}-{month:02d}/..", "earliest": first, **relative}
        part = next((w for w in words if w in PARTS_OF_MONTH), None)
        if part is not None:  # "in late November": the second half of the month
            low, high = PARTS_OF_MONTH[part]
            first, last = first.replace(day=low), last.replace(day=min(high, last.day))
            return {
                **time,
                "edtf": f"{first.isoformat()}/{last.isoformat()}",
                "earliest": first,
                "latest": last,
                **relative,
            }
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


def _range(time: dict[str, Any], expression: str, article_id: str, reference: dt.date | None) -> dict[str, Any] | None:
    """ "between 28 November and 16 December", "from 21 January to 30 April", "in January and February",
    "between Friday and Sunday": from the start of the first to the end of the second, each read as on its own
    (a first day without its month takes the second's: "between 12 and 15 June")."""
    words = expression.split()
    if words[0].lower() in ("between", "from", "in"):
        words = words[1:]
    cut = next(i for i, w in enumerate(words) if w.lower() in ("and", "to", "until"))
    first, second = words[:cut], words[cut + 1 :]
    year = [w for w in second if w.isdigit() and len(w) == 4]
    if all(w.isdigit() for w in first):
        first = first + [w for w in second if w.lower() in MONTHS]  # "12 and 15 June"
    if len(first) == 1 and first[0].lower() in MONTHS and not [w for w in second if w.isdigit()]:
        kind = "month"
    elif first[0].lower() in WEEKDAYS:
        kind = "weekday"
    else:
        kind = "day"
    ends = []
    for part in (first, second):
        words_here = part + (year if year and part is first else [])
        here_kind = "full" if any(w.isdigit() and len(w) == 4 for w in words_here) and kind == "day" else kind
        if here_kind == "month" and any(w.isdigit() and len(w) == 4 for w in words_here):
            here_kind = "month-year"
        end = _normalise(here_kind, " ".join(words_here), article_id, reference)
        if end is None or "earliest" not in end or "latest" not in end:
            return None
        ends.append(end)
    earliest, latest = ends[0]["earliest"], ends[1]["latest"]
    if latest < earliest and ends[1].get("basis") == "article-relative":
        # each end was read as the last such day before the article: the range runs on into the next year
        second_start = ends[1]["earliest"].replace(year=ends[1]["earliest"].year + 1)
        latest = latest.replace(year=latest.year + 1)
        ends[1] = {**ends[1], "earliest": second_start, "latest": latest, "edtf": _edtf_of(second_start, latest)}
    if latest < earliest:
        return None
    by_month = f"{ends[0]['edtf']}/{ends[1]['edtf']}"
    edtf = by_month if kind == "month" else f"{earliest.isoformat()}/{latest.isoformat()}"
    basis = {k: v for k, v in ends[1].items() if k in ("basis", "relative_to")}
    return {**time, "edtf": edtf, "earliest": earliest, "latest": latest, **basis}
