"""Unnamed sources: "sources at the centre said", "rights groups have accused" (named by the text's own
words), and what unnamed reports say ("reportedly", "are believed to") when the register has an actor for them."""

from __future__ import annotations

import re
from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed, slugify
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.states import country_form, country_places, state_named
from rightsgraph.authoring.draft.words import AUXILIARIES, NAME_STOP, PREPOSITIONS, REFERRING


def unnamed_source(parsed: Parsed, lex: Lexicon, sent: Any, verb: Any) -> dict[str, Any] | None:
    """`sources at the centre said`, `rights groups have accused`: a noun of lex.unnamed_sources a few words before
    the verb, named by the text's own words (the words before it that qualify it, up to three; auxiliaries such
    as "have" and "also" left out, and a document that speaks for them: "A police statement said")."""
    verbs = {str(w) for w in lex["reporting"]}
    for i in range(verb.start - 1, max(sent.start, verb.start - 6) - 1, -1):
        token = parsed.doc[i]
        if token.is_punct:
            return None
        if token.lower_ in lex["unnamed_sources"] and (token.is_lower or parsed.opens_sentence(token.sent, token.idx)):
            first = i  # "officials", "Officials said"; not "Police" of "Inspector General of Police X"
            while first > max(sent.start, i - 3):
                previous = parsed.doc[first - 1]
                if not previous.is_alpha or previous.lower_ in NAME_STOP | AUXILIARIES or previous.lower_ in verbs:
                    break  # "said investigators had told them": "said" is not part of their name
                first -= 1
            last = i
            if i + 1 < verb.start and parsed.doc[i + 1].lower_ in PREPOSITIONS:
                while last + 1 < verb.start and parsed.doc[last + 1].lower_ not in AUXILIARIES:
                    last += 1  # "sources at the centre"; not "police themselves", nor "police" of "police statement"
            start = parsed.doc[first].idx
            name = parsed.doc[first : last + 1].text.strip()
            return {
                "id": "actor/" + "-".join(name.lower().split()),
                "start": start,
                "end": parsed.doc[last].idx + len(parsed.doc[last].text),
                "new": "UnnamedSource",
                "name": name,
            }
    return None


# "the interior ministry", "Iran's foreign ministry", "Ukraine's prisoner-of-war coordination centre": up to three
# lower-case words before a noun, after "the" or a possessive
_DESCRIBED = re.compile(
    r"(?:(?P<owner>[A-Z][\w-]*(?: [A-Z][\w-]*)*)['\u2019]s |(?P<the>\b[Tt]he) )(?P<words>(?:[a-z][a-z-]* ){1,3}[a-z]+)$"
)


def described_institution(
    parsed: Parsed, lex: Lexicon, sent: Any, subject: int, register: list[dict[str, Any]] | None = None
) -> dict[str, Any] | None:
    """A state body the text describes in lower-case words rather than names, ending at token `subject` before a
    reporting verb: "the interior ministry said", "Iran's foreign ministry said", "Ukraine's prisoner-of-war
    coordination centre said". Its words name a state body (states.state_named: "the prison service", not "the
    refugee council"), or its head noun is one of lex.head_nouns after a country's
    possessive, and at least one word qualifies it ("the ministry" alone, "the same court" refer to one named
    before). A new government body named by those words, for the researcher to confirm, with the register's
    place of the country as its jurisdiction."""
    end = parsed.doc[subject].idx + len(parsed.doc[subject].text)
    match = _DESCRIBED.search(parsed.text[sent.start_char : end])
    if match is None:
        return None
    words = match.group("words").split()
    verbs = lex.reporting_heads
    if any(w in NAME_STOP or w in AUXILIARIES or w in verbs or w in REFERRING for w in words):
        return None
    head = words[-1]
    owner = (match.group("owner") or "").split()
    # the country is the longest ending of the capitalised words before "'s" ("On Tuesday Iran's": Iran)
    country = next((" ".join(owner[i:]) for i in range(len(owner)) if country_form(" ".join(owner[i:]))), None)
    if not (state_named(" ".join(words), lex) or (country is not None and head in lex["head_nouns"])):
        return None
    if owner and country is None:
        return None  # "Amnesty's legal office": someone's, not a state's
    name = f"{country}{parsed.text[sent.start_char + match.end('owner') : end]}" if country else match.group("words")
    places = country_places(country, register or []) if country else set()
    return {
        "id": f"actor/{slugify(name)}",
        "start": end - len(name),
        "end": end,
        "new": "GovernmentBody",
        "name": name,
        "state": True,
        "described": True,
        "jurisdiction": next(iter(places)) if len(places) == 1 else None,
    }


def unnamed_reporting(parsed: Parsed, lex: Lexicon, register: list[dict[str, Any]]) -> list[Found]:
    """ "reportedly", "are believed to": what unnamed reports say, when the register has an actor for them."""
    found = []
    doc = parsed.doc
    for token in doc:
        alias = lex["unnamed_reporting"].get(token.lower_)
        passive = (
            token.lower_ in lex["passive_reporting"]
            and 0 < token.i < len(doc) - 1
            and doc[token.i - 1].lower_ in ("is", "are", "was", "were")
            and doc[token.i + 1].lower_ == "to"
        )
        if passive:
            alias = lex["passive_reporting"][token.lower_]
        if alias is None:
            continue
        owner = next(
            (
                e["id"]
                for e in register
                if alias in {str(n).lower() for n in [e.get("name"), *(e.get("aliases") or [])]}
            ),
            None,
        )
        if owner is None:
            continue
        sent = parsed.sents[parsed.sent_of(token.idx)]
        end = token.i + 1
        while end < sent.end and not parsed.doc[end].is_punct:
            end += 1
        content_end = parsed.doc[end - 1].idx + len(parsed.doc[end - 1].text)
        found.append(
            Found(
                token.idx,
                content_end,
                parsed.sent_of(token.idx),
                {
                    "speaker": owner,
                    "verb": token.lower_,
                    "stance": "reports",
                    "kind": "allegation",
                    "content": (token.idx, content_end),
                    "certainty": "probable" if passive else lex["hedges"].get(token.lower_, "probable"),
                    "cues": [],
                    "adverb": True,
                },
            )
        )
    return found
