"""When two statements of one speaker are one: the same occasion (a few sentences apart, with no time of its own
that differs), and the time a statement gives itself."""

from __future__ import annotations

from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed

MERGE_SENTENCES = 5


def own_time(parsed: Parsed, times: list[Found], s: Found) -> str | None:
    """The time a statement gives itself: one of its sentence before the verb ("On Tuesday he said", "X, the
    director, last month described") or right after it, before what is said ("said on 29 November that")."""
    cstart = s.data["content"][0]
    # after the verb: up to "that" ("said in a joint report last month that"), else right after it ("said on Monday")
    after_end = cstart if cstart > s.end + 1 else s.end + 2
    before = [t for t in times if t.sent == s.sent and t.end <= s.end]  # the last before it: "...; on Monday he said"
    after = [t for t in times if t.sent == s.sent and s.end <= t.start < after_end]
    chosen = after[:1] or before[-1:]
    return str(chosen[0].data["expression"]).lower() if chosen else None


def same_occasion(
    previous: tuple[Found, dict[str, Any]], s: Found, own: str | None, passages: dict[int, tuple[int, str | None]]
) -> bool:
    last_sent, time = passages[id(previous[1])]
    if s.sent - last_sent > MERGE_SENTENCES:
        return False
    return own is None or own == time
