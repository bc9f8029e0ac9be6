"""Register names in a source text: where each register actor and place is named, as a quote that grounds.

The API, for `rightsgraph new` and anything else that proposes mentions:

- `register_entries(path, context)`: the actors and places of data/actors.yaml (every node of its sections),
  each with its names: the values of the keys the context maps to rdfs:label or skos:altLabel (`name`,
  `label`, `aliases`);
- `find_mentions(text, entries)`: for each entry named in the text, one `Mention`: the name found, where,
  and a quote of the text around it that occurs exactly once (what the build grounds); and the entries
  named only where no such quote exists (`Unquotable`).

How a name is found: case-sensitively (a name that begins with a lower-case letter, "the observatory",
also matches with that letter capitalised, as a sentence begins), as whole words (no letter, digit or mark
just before or after it), on a folded copy of the text that makes equal what is written differently but reads the same:
canonical and compatibility forms (NFKD: "é" composed or not, ligatures, full-width and Arabic
presentation forms, no-break spaces), every apostrophe (APOSTROPHES: the typographic quotes, the modifier
letters of transliteration, grave and acute) as ', every hyphen (HYPHENS: the Unicode hyphens and the
minus sign) as -, any run of white space as one space, and no format characters (zero-width joiners,
bidi marks, soft hyphens).
In Arabic script the short vowels and other marks (harakat, shadda, sukun, the hamza and madda written
above or below a letter) and the tatweel are left out, and the Persian/Kurdish yeh and kaf read as the
Arabic ones, so "العِراق" is "العراق" and "أحمد" is "احمد". Marks on Latin letters are kept ("Şêx" is not
"Sex": in Kurdish and Turkish they make other letters); a register that wants a spelling without them
lists it as an alias. The quote is always the text's own characters, never the folded ones.

A quote grows word by word around the name (rightwards first) until it occurs once, inside its sentence
if it can (at any of the name's occurrences), else across sentences up to MAX_QUOTE characters; a name
whose every neighbourhood repeats is returned as unquotable rather than quoted wrongly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.authoring.context import Context
from rightsgraph.authoring.ground import find_once
from rightsgraph.authoring.yaml_lines import LDict, LList, load_yaml
from rightsgraph.core.text import NOT_TEXT

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
MAX_QUOTE = 300  # characters: a quote that needs more than this to be unique is not proposed
MAX_WORDS = 40  # words added around a name, at most

APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02be\u02bf`\u00b4\u2032\uff07"
HYPHENS = "-\u2010\u2011\u2212\ufe63\uff0d"
ARABIC_LETTERS = {"\u06cc": "\u064a", "\u06a9": "\u0643"}  # Persian/Kurdish yeh and kaf -> Arabic
SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'\u201d\u2019)\]]*(?=\s)|[\n\r\u2028\u2029\x85]")


@dataclass(frozen=True)
class Entry:
    """A register actor or place: its id as written (`actor/...`, `place/...`), its names, its line."""

    id: str
    names: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Mention:
    """An entry named in the text: the register name found, its span, and the unique quote around it."""

    id: str
    name: str
    start: int  # of the name in the text (code points, end exclusive)
    end: int
    quote: str
    quote_start: int


@dataclass(frozen=True)
class Unquotable:
    """An entry named in the text, but only where no quote around the name occurs once."""

    id: str
    name: str
    start: int


def _arabic_mark(char: str) -> bool:
    code = ord(char)
    return 0x0610 <= code <= 0x061A or 0x064B <= code <= 0x065F or code == 0x0670 or 0x06D6 <= code <= 0x06ED


def fold_char(char: str) -> str:
    """What one character of a text or name is compared as (the module docstring)."""
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if part in APOSTROPHES:
            out.append("'")
        elif part in HYPHENS:
            out.append("-")
        elif part.isspace():
            out.append(" ")
        elif part == "\u0640" or _arabic_mark(part) or unicodedata.category(part) == "Cf":
            continue
        else:
            out.append(ARABIC_LETTERS.get(part, part))
    return "".join(out)


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the text's character it comes from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in fold_char(char):
            if part == " " and chars and chars[-1] == " ":
                continue
            chars.append(part)
            origin.append(index)
    return "".join(chars), origin


def is_word_char(char: str) -> bool:
    return char == "_" or unicodedata.category(char)[0] in "LNM"


def register_entries(path: Path, context: Context) -> list[Entry]:
    """The actors and places of the register at `path`, in its order, each with its names (none if absent)."""
    if not path.is_file():
        return []
    data = load_yaml(path)
    name_keys = [t.name for t in context.terms.values() if t.iri in (LABEL, ALT_LABEL)]
    sections = {key for key, keyword in context.aliases.items() if keyword == "@included"}
    entries = []
    for key, nodes in data.items() if isinstance(data, LDict) else []:
        if key not in sections or not isinstance(nodes, LList):
            continue
        for node in nodes:
            if not isinstance(node, LDict) or not isinstance(node.get("id"), str):
                continue
            names: list[str] = []
            for name_key in name_keys:
                value = node.get(name_key)
                for name in value if isinstance(value, list) else [value]:
                    if isinstance(name, str) and len(name.strip()) > 1 and name.strip() not in names:
                        names.append(name.strip())
            if names:
                entries.append(Entry(node["id"], tuple(names), node.line))
    return entries


def _occurrences(folded: str, origin: list[int], length: int, name: str) -> Iterator[tuple[int, int]]:
    """The spans of the text (start, end) where `name` stands as whole words."""
    target, _ = fold(name)
    target = target.strip()
    if not target:
        return
    at = folded.find(target)
    while at >= 0:
        end = at + len(target)
        starts_char = at == 0 or origin[at - 1] != origin[at]
        ends_char = end == len(folded) or origin[end] != origin[end - 1]
        before_ok = at == 0 or not is_word_char(folded[at - 1]) or not is_word_char(target[0])
        after_ok = end == len(folded) or not is_word_char(folded[end]) or not is_word_char(target[-1])
        if starts_char and ends_char and before_ok and after_ok:
            yield origin[at], (origin[end] if end < len(folded) else length)
        at = folded.find(target, at + 1)


def _token_edges(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Where words start and end in text[lo:hi] (words: runs of characters other than white space)."""
    starts = [m.start() for m in re.finditer(r"\S+", text[lo:hi])]
    ends = [m.end() for m in re.finditer(r"\S+", text[lo:hi])]
    return [lo + s for s in starts], [lo + e for e in ends]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    cuts = [m.end() for m in SENTENCE_END.finditer(text)]
    lo = max((c for c in cuts if c <= start), default=0)
    hi = min((c for c in cuts if c >= end), default=len(text))
    return lo, hi


def _grow(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The shortest quote text[a:b] around [start, end) within [lo, hi) that occurs once (rightwards first)."""
    starts, ends = _token_edges(text, lo, hi)
    left = sorted((s for s in starts if s < start), reverse=True)[:MAX_WORDS]
    right = sorted(e for e in ends if e > end)[:MAX_WORDS]
    for added in range(len(left) + len(right) + 1):
        for leftwards in range(added + 1):
            rightwards = added - leftwards
            if leftwards > len(left) or rightwards > len(right):
                continue
            a = left[leftwards - 1] if leftwards else start
            b = right[rightwards - 1] if rightwards else end
            quote = text[a:b]
            if b - a > MAX_QUOTE or NOT_TEXT.search(quote) or quote != quote.strip():
                continue
            try:
                if find_once(text, quote) == a:
                    return a, b
            except ValueError:
                continue
    return None


def unique_quote(text: str, start: int, end: int, across_sentences: bool = True) -> tuple[int, int] | None:
    """A span around text[start:end] whose words occur once in the text: within its sentence if possible,
    else (if `across_sentences`) reaching into the sentences around it."""
    lo, hi = _sentence(text, start, end)
    found = _grow(text, start, end, lo, hi)
    return found if found or not across_sentences else _grow(text, start, end, 0, len(text))


# Not anchors: common words, and the institutional nouns many entries share ("Government", "Ministry").
ANCHOR_STOP = {
    "the", "a", "an", "of", "in", "for", "on", "and", "republic", "national", "federal", "central", "general",
    "international", "united", "state", "states", "government", "ministry", "council", "presidency", "court",
    "office", "commission", "committee", "parliament", "police", "authority", "authorities", "observatory",
    "prison", "army", "president", "prime", "minister", "organisation", "organization", "association",
}  # fmt: skip


def is_generic(name: str) -> bool:
    """A name with no capitalised word but an article: "the government", "prisoners", "the observatory"."""
    return not any(w[:1].isupper() for w in name.split() if w.lower() not in ("the", "a", "an"))


def anchors(names: tuple[str, ...] | list[str]) -> set[str]:
    """The words that tie an entry's generic names to a text: the capitalised words of its other names that are
    neither common words (ANCHOR_STOP) nor institutional nouns ("Government", "Ministry"): "Iraq", "Afad"."""
    words = {w.strip("'\u2019()\",.#") for n in names if not is_generic(n) for w in n.split() if w[:1].isupper()}
    return {w for w in words if w and w.lower() not in ANCHOR_STOP}


def generic_allowed(names: tuple[str, ...] | list[str], text: str) -> bool:
    """Whether the entry's generic names may match in `text`: it has no anchor (a global entry such as "the
    international community"), or the text names one of its anchors as a whole word."""
    words = anchors(names)
    return not words or any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words)


def _as_written(names: tuple[str, ...]) -> list[str]:
    """The names, and each that begins with a lower-case letter ("the UN human rights office") also with that
    letter capitalised, as at the start of a sentence."""
    return [*names, *(n[0].upper() + n[1:] for n in names if n[:1].islower() and n[0].upper() + n[1:] not in names)]


def find_mentions(text: str, entries: list[Entry]) -> tuple[list[Mention], list[Unquotable]]:
    """One mention per entry named in the text (in the register's order), and the entries named only where no
    unique quote exists. Of an entry's occurrences, those not inside another entry's name come first, then
    longer names, then earlier ones. The beginning of another entry's longer name is no mention ("the UN" in
    "the UN human rights office" names the office): an entry named only there is not mentioned. A name a place
    and a body share ("Beijing", a city and, as an alias, China's government) is the place's, and no two mentions
    share a quote."""
    folded, origin = fold(text)
    found = {
        e.id: [
            (s, t, n)
            for n in _as_written(tuple(n for n in e.names if not is_generic(n) or generic_allowed(e.names, text)))
            for s, t in _occurrences(folded, origin, len(text), n)
        ]
        for e in entries
    }
    spans = [(s, t, entry_id) for entry_id, spans in found.items() for s, t, _ in spans]
    of_places = {(s, t) for s, t, entry_id in spans if entry_id.startswith("place/")}
    quotes: set[tuple[int, int]] = set()
    mentions: list[Mention] = []
    unquotable: list[Unquotable] = []
    for entry in entries:
        if not found[entry.id]:
            continue

        def inside_other(span: tuple[int, int, str], entry_id: str = entry.id) -> bool:
            s, t, _ = span
            return any(o != entry_id and a <= s and t <= b and (a, b) != (s, t) for a, b, o in spans)

        def begins_other(span: tuple[int, int, str], entry_id: str = entry.id) -> bool:
            s, t, _ = span
            return any(o != entry_id and a == s and t < b for a, b, o in spans)

        def a_places_name(span: tuple[int, int, str], entry_id: str = entry.id) -> bool:
            return not entry_id.startswith("place/") and span[:2] in of_places

        ranked = sorted(
            (span for span in set(found[entry.id]) if not begins_other(span) and not a_places_name(span)),
            key=lambda span: (inside_other(span), span[0] - span[1], span[0]),
        )
        if not ranked:
            continue
        quoted = next(
            (
                (start, end, name, span)
                for across in (False, True)  # an occurrence quotable inside its sentence first
                for start, end, name in ranked
                if (span := unique_quote(text, start, end, across)) is not None and span not in quotes
            ),
            None,
        )
        if quoted is not None:
            start, end, name, (a, b) = quoted
            mentions.append(Mention(entry.id, name, start, end, text[a:b], a))
            quotes.add((a, b))
        else:
            start, _, name = ranked[0]
            unquotable.append(Unquotable(entry.id, name, start))
    return mentions, unquotable
