"""Control characters in text from data: refused where data is read, shown as escapes where it is written.

`NOT_TEXT` is what no text value of data/ may hold (authoring.yaml_lines refuses it with the line).

A name or a quote may hold a form feed, an escape character or a NUL (input checks refuse them, but the
writers never rely on that). XML (GraphML, GEXF) cannot carry most control characters at all, a
terminal obeys them, and a figure draws them as missing glyphs. `plain` writes each one as its Python
escape (a form feed as the four characters \\x0c), the same way in every file, figure and terminal line:
deterministic, visible, and never an error. Tab and newline stay; so does every printable character in
any script (joiners and direction marks included, which Arabic, Persian and Kurdish names need).
"""

from __future__ import annotations

import json
import re
from typing import TypeVar

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; UTF-16 surrogates; the two
# noncharacters XML refuses.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
NOT_TEXT = re.compile(f"[{_CONTROL}]")
# What a writer escapes: those, and a carriage return too (tab and newline stay).
_UNSAFE = re.compile(f"[\r{_CONTROL}]")

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


def plain(text: str) -> str:
    """`text` with every control character written as its escape (\\x0c, \\x1b, \\ud800)."""
    return _UNSAFE.sub(_escape, text)


def plain_values(value: T) -> T:
    """`value` with `plain` applied to every string in it, through dicts (keys too), lists and tuples."""
    if isinstance(value, str):
        return plain(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {plain_values(k): plain_values(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return type(value)(plain_values(v) for v in value)  # type: ignore[return-value]
    return value


def script_json(data: object) -> str:
    """`data` as JSON that no text can end a page's script element with: "<", ">" and "&" as JSON escapes, and the
    two line separators that older JavaScript refuses in a string (str.replace: str.translate took ten times as long
    on a big page)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
