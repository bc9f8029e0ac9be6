"""The dateline of a news text: a line of its own near the top that is a date ("24 June 2025", "March 3,
2024"), or a place and a date ("Nairobi, 24 June 2025", "WASHINGTON, March 3, 2024", "Atmore, Alabama, 26
January 2024"), alone or opening the first paragraph before a dash ("URUMQI, 30 September 2023 (AP) - The
court ..."). `rightsgraph new` reads it into the article's `published` (basis dateline, the date's words
verbatim), so that "last month" and "on Tuesday" can be resolved against it. A date inside a sentence is never a
dateline, nor a day that does not exist.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

TOP_LINES = 3  # the dateline is among the first non-empty lines
_MONTH = "|".join(m for m in calendar.month_name if m)
_DAY_MONTH = rf"(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{4}})"  # 24 June 2025
_MONTH_DAY = rf"(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}),? (?P<y2>\d{{4}})"  # March 3, 2024
_DATE = rf"(?P<date>{_DAY_MONTH}|{_MONTH_DAY})"
# a line of its own, or the opening of the first paragraph: "URUMQI, 30 September 2023 (AP) - The court ..."
DATELINE = re.compile(
    rf"^(?:[^\W\d][^,\n]{{0,60}},\s*){{0,3}}{_DATE}(?:\s*\([^()\n]{{1,40}}\))?\s*(?:$|[-\u2013\u2014]\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    expression: str  # the date's words as the text writes them
    date: dt.date


def read_dateline(text: str) -> Dateline | None:
    """The text's dateline, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:TOP_LINES]
    for line in lines:
        match = DATELINE.match(line)
        if match is None:
            continue
        day, month, year = (
            (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
        )
        number = [m.lower() for m in calendar.month_name].index(month.lower())
        try:
            return Dateline(match["date"], dt.date(int(year), number, int(day)))
        except ValueError:
            return None  # "31 June": no such day, so no dateline to trust
    return None
