"""Each time the text states goes to the node it dates: the statement whose reporting verb it follows, an event of
its sentence (the last one before it, then the first after it), a statement of its sentence, and else what a
claim of its sentence asserts (its `valid_time`). A node takes one time: a second time in the sentence goes to
the next node that has none, and a time no node can take is left out (the reviewer sees it unmarked in the
reading view)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rightsgraph.authoring.draft.base import Found

TIME_KEYS = ("expression", "edtf", "earliest", "latest", "basis", "relative_to")
Host = tuple[Found, dict[str, Any]]


def date_nodes(
    times: list[Found], events: list[Host], statements: list[Host], published: dict[str, Any]
) -> list[Found]:
    """Set `time` on events and statements (and `valid_time` on claims) from the times found, in text order;
    the times no node took, resolved ("the next day" dated), are returned."""
    dated: list[dict[str, Any]] = []  # the nodes dated so far, for "the next day"
    left: list[Found] = []
    for t in times:
        if published.get("expression") and t.data["expression"].lower().endswith(str(published["expression"]).lower()):
            continue  # the dateline: the article's own date, from `rightsgraph new`
        time = {k: v for k, v in t.data.items() if k in TIME_KEYS}
        if "shift_days" in t.data:
            time |= _next_day(dated, t.data["shift_days"])
        node, key = _host(t, [x for x in times if x is not t and x.sent == t.sent], events, statements)
        if node is None:
            left.append(Found(t.start, t.end, t.sent, time))
            continue
        node[key] = time
        if key == "time":  # "the next day" is dated from an event or a statement, never from a claim
            dated.append(node[key] | {"node": node.get("id")})
    return left


def _host(
    t: Found, others: list[Found], events: list[Host], statements: list[Host]
) -> tuple[dict[str, Any] | None, str]:
    """Where `t` goes; `others` are the other times of its sentence: an event with another time between it and
    `t` ("on 12 June ..., and on 17 June a police officer shot") is that time's, not this one's."""

    def free(hosts: list[Host]) -> list[dict[str, Any]]:
        return [n for x, n in hosts if "time" not in n and not any(_between(o, x, t) for o in others)]

    after_verb = [(x, n) for x, n in statements if x.sent == t.sent and 0 <= t.start - x.end <= 2]
    before = [(x, n) for x, n in events if x.sent == t.sent and x.start < t.start]
    after = [(x, n) for x, n in events if x.sent == t.sent and x.start >= t.start]
    said = [(x, n) for x, n in statements if x.sent == t.sent]
    for nodes in (free(after_verb), free(before)[-1:], free(after)[:1], free(said)[:1]):
        if nodes:
            return nodes[0], "time"
    for _, statement in said:
        for claim in statement.get("claims") or []:
            if "valid_time" not in claim:
                return claim, "valid_time"
    return None, "time"


def _next_day(dated: list[dict[str, Any]], days: int) -> dict[str, Any]:
    """ "The next day": one day after the last day-precise time dated before it, relative to that node."""
    anchor = dated[-1] if dated else None
    if anchor is None or anchor.get("earliest") != anchor.get("latest") or anchor.get("earliest") is None:
        return {}
    day = anchor["earliest"] + dt.timedelta(days=days)
    return {
        "edtf": day.isoformat(),
        "earliest": day,
        "latest": day,
        "basis": "node-relative",
        "relative_to": anchor["node"],
    }


def _between(other: Found, node: Found, time: Found) -> bool:
    low, high = sorted((node.start, time.start))
    return low < other.start < high
