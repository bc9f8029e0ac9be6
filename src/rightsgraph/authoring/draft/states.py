"""A state named by its country: the government a text means by "Saudi officials", "the Iraqi authorities",
"Iran's government", "the government of Egypt", or by a country or its capital that speaks ("Riyadh rejects",
"Iran rejected the criticism"), and by "the government", "the authorities", "the junta" or "the regime" alone,
the government of the country the text names most; "the police" alone is that country's police force, where the
register has one.

Country names, their other names, capitals and demonyms come from countryinfo (MIT; its data, not a list kept
here). The government is the register's (or another article's) body whose `jurisdiction` is that country's
place, else the one named "Government of <country>", else a new actor of that name for the researcher to
confirm.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from rightsgraph.authoring.draft.base import Parsed, slugify
from rightsgraph.authoring.draft.words import MONTHS_AND_DAYS

# Words before a country's name that make it a place, not the state acting ("executions in Iran rose").
NOT_ACTING = {"in", "of", "from", "to", "by", "against", "into", "over", "with", "for", "across", "inside", "on",
              "at", "near", "outside", "within", "toward", "towards", "than", "and", "or", "visit",
              "visited"}  # fmt: skip
# A capitalised word before a country's name that is no part of a longer name ("On Monday Iran said").
TIMES = {w.title() for w in MONTHS_AND_DAYS} | {"But", "And", "Meanwhile", "Yet", "Then", "Later", "Earlier", "Now",
                                             "Yesterday", "Today"}  # fmt: skip
STATE_NOUNS = r"(?:officials|authorities|government|regime|junta|leadership)"
# A multi-word demonym's first word is the country's short demonym only where it is no common word ("Saudi" of
# "Saudi Arabian"; not "South" of "South Korean").
COMMON_FIRST = {"north", "south", "east", "west", "new", "united", "central", "saint", "equatorial", "great",
                "northern", "southern", "western", "eastern", "dominican", "marshall", "solomon", "cook", "american",
                "british", "french", "sri", "costa", "el", "san", "sierra", "puerto", "papua", "burkina",
                "cape"}  # fmt: skip


@cache
def gazetteer() -> dict[str, tuple[str, str]]:
    """Every form of a country's name as written -> (the country's name, what the form is: "name", "capital" or
    "demonym"); its name, English other names ("Russian Federation"), capital and demonym."""
    from countryinfo import all_countries

    forms: dict[str, set[tuple[str, str]]] = {}
    for country in all_countries():
        name = str(country.name())
        own = {(name, "name")}
        for alt in country.alt_spellings() or []:
            if alt.isascii() and " " in alt and alt[:1].isupper() and "," not in alt:
                own.add((alt, "name"))  # not ISO codes, nor other scripts
        capital = str(country.capital() or "").removesuffix(" D.C.")
        if capital and capital != name:
            own.add((capital, "capital"))
        demonym = str(country.demonym() or "")
        if demonym:
            own.add((demonym, "demonym"))
            first = demonym.split()[0]
            if " " in demonym and name.split()[0] == first and first.lower() not in COMMON_FIRST:
                own.add((first, "demonym"))
        for form, kind in own:
            forms.setdefault(form, set()).add((name, kind))
    return {form: next(iter(found)) for form, found in forms.items() if len(found) == 1}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    forms = "|".join(re.escape(f) for f in sorted(gazetteer(), key=len, reverse=True))
    country = rf"(?P<c>{forms})"
    described = re.compile(rf"(?:\b[Tt]he\s+)?\b{country}(?:['\u2019]s)?\s+{STATE_NOUNS}$")
    of_country = re.compile(rf"(?:\b[Tt]he\s+)?\b{STATE_NOUNS}\s+(?:of|in)\s+{country}$")
    bare = re.compile(rf"(?:(?P<w>[A-Za-z]+)\s+)?(?<![\w-]){country}$")
    anywhere = re.compile(rf"(?<![\w-]){country}(?![\w-])")
    return described, of_country, bare, anywhere


def main_country(text: str) -> str | None:
    """The country the text names most (by any of its forms), when one does."""
    counts = Counter(gazetteer()[m.group("c")][0] for m in _patterns()[3].finditer(text))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def demonym(word: str) -> bool:
    """Whether a word is a country's demonym ("Russian", "Iranian")."""
    return word in gazetteer() and gazetteer()[word][1] == "demonym"


def country_form(word: str) -> bool:
    """Whether a word is a country's name or capital ("Riyadh", "Iran")."""
    return word in gazetteer() and gazetteer()[word][1] != "demonym"


def state_speaker(parsed: Parsed, sent: Any, subject: int, register: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The government meant by the words that end at token `subject`, the last before a reporting verb, or None."""
    end = parsed.doc[subject].idx + len(parsed.doc[subject].text)
    before = parsed.text[sent.start_char : end]
    described, of_country, bare, _ = _patterns()
    match = described.search(before) or of_country.search(before)
    if match is not None:
        return _government(gazetteer()[match.group("c")][0], register, sent.start_char + match.start(), end)
    match = bare.search(before)
    if match is not None and parsed.text[end : end + 2] not in ("'s", "\u2019s"):
        country, kind = gazetteer()[match.group("c")]
        word = match.group("w") or ""
        if kind != "demonym" and word.lower() not in NOT_ACTING and (not word[:1].isupper() or word in TIMES):
            return _government(country, register, sent.start_char + match.start("c"), end)
        return None
    # "Police say", "the police said", "..., the police said": the subject, not "abuses by the police, said"
    police = re.search(r"(?:^|[,;:\"\u201c\u201d]\s*|\bthat\s+)\s*(?P<p>(?:[Tt]he\s+)?[Pp]olice)$", before)
    if police is not None:
        return _police(parsed.text, register, sent.start_char + police.start("p"), end)
    generic = re.search(r"\b[Tt]he\s+(?:government|authorities|junta|regime)$", before)
    name = main_country(parsed.text) if generic else None
    if generic is None or name is None:
        return None
    return _government(name, register, sent.start_char + generic.start(), end)


def country_places(country: str, register: list[dict[str, Any]]) -> set[str]:
    """The register's places named (or also named) `country`."""
    return {
        e["id"]
        for e in register
        if str(e.get("id", "")).startswith("place/")
        and country.lower() in {str(n).lower() for n in [e.get("name"), *(e.get("aliases") or [])]}
    }


def _police(text: str, register: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """ "the police" alone: the register's one police force of the country the text names most, or None."""
    country = main_country(text)
    places = country_places(country, register) if country else set()
    forces = [
        e for e in register if e.get("jurisdiction") in places and "police" in str(e.get("name", "")).lower().split()
    ]
    return {"id": forces[0]["id"], "start": start, "end": end, "state": True} if len(forces) == 1 else None


def _government(country: str, register: list[dict[str, Any]], start: int, end: int) -> dict[str, Any]:
    """The government of `country`: the register's body with that jurisdiction (named "Government of ..." when
    several are), else a new actor."""
    places = country_places(country, register)
    bodies = [e for e in register if e.get("jurisdiction") in places]
    title = f"government of {country}".lower()
    named = [e for e in register if str(e.get("name", "")).lower().replace(" the ", " ") == title.replace(" the ", " ")]
    chosen = named or [e for e in bodies if str(e.get("name", "")).lower().startswith("government of")] or bodies
    if len(chosen) == 1:
        return {"id": chosen[0]["id"], "start": start, "end": end, "state": True}
    name = f"Government of {country}"
    return {
        "id": f"actor/{slugify(name)}",
        "start": start,
        "end": end,
        "state": True,
        "new": "GovernmentBody",
        "name": name,
        "jurisdiction": next(iter(places)) if len(places) == 1 else None,
    }


def state_named(name: str, lex: Any) -> bool:
    """Whether a new actor's name names a state body: "Interior Ministry", "Supreme Court" (lexicon `state_heads`,
    `non_state_words`, `qualified_heads`, `state_qualifiers`); not "Arakan Army" nor "International Criminal Court"."""
    words = name.lower().split()
    if not words or words[-1] not in lex["state_heads"] or set(words) & set(lex["non_state_words"]):
        return False
    return words[-1] not in lex["qualified_heads"] or bool(set(words[:-1]) & set(lex["state_qualifiers"]))
