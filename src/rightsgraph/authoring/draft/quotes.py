"""Evidence quotes: a span of the text, lengthened word by word until it occurs exactly once."""

from __future__ import annotations

import re

from rightsgraph.authoring.ground import find_once

_WORD = re.compile(r"\S+")


def occurs_once(text: str, quote: str) -> bool:
    """The build's own rule (ground.find_once): present, and not again from the next character on."""
    try:
        return find_once(text, quote) is not None
    except ValueError:
        return False


def unique_quote(text: str, start: int, end: int) -> str | None:
    """The words text[start:end], lengthened to the right (then the left) within their line until they occur once
    in the text; None when even the whole line repeats."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    while True:
        quote = text[start:end].strip()
        if quote and occurs_once(text, quote):
            return quote
        right = _WORD.search(text, end, line_end)
        if right is not None:
            end = right.end()
            continue
        left = [m for m in _WORD.finditer(text, line_start, start)]
        if not left:
            return None
        start = left[-1].start()
