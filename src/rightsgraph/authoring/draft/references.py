"""Speakers referred to, not named: he, she, it and they resolved to the earlier speakers, "the group" and
"the service" to the institution named or heard before, and a speaker speaking of themselves."""

from __future__ import annotations

from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed, head_word
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.words import AUXILIARIES, PRONOUNS


def self_reference(parsed: Parsed, lex: Lexicon, sent: Any, start: int) -> bool:
    """Whether the subject of the verb at `start` is a pronoun or "the <group noun>" ("that she feared", "that the
    bloc rejected"): in what someone says, the speaker speaking of themselves."""
    subject = start - 1
    while subject > sent.start and parsed.doc[subject].lower_ in AUXILIARIES:
        subject -= 1
    token = parsed.doc[subject]
    if token.lower_ in PRONOUNS:
        return True
    return token.lower_ in lex["group_nouns"] and subject > sent.start and parsed.doc[subject - 1].lower_ == "the"


def by_pronoun(word: str, start: int, history: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """He or she: the last person who spoke, unless the text called them by the other pronoun; it: the last
    organisation that spoke; they: the last speakers that were several, or an organisation or group (never a
    person spoken of as "they")."""
    other = {"he": "she", "she": "he"}.get(word)
    for speakers in reversed(history):
        if other is not None:
            people = [s for s in speakers if s.get("person") and other not in _called(s["id"], history)]
            if people:
                return [{"id": people[-1]["id"], "start": start, "person": True, "pronoun": word}]
        elif word == "it":
            things = [s for s in speakers if not s.get("person")]
            if len(speakers) == 1 and things:
                return [{"id": things[0]["id"], "start": start}]
        elif len(speakers) > 1 or not speakers[0].get("person"):
            return [{"id": s["id"], "start": start, "person": s.get("person", False)} for s in speakers]
    return []


def pronoun_fits(word: str, speaker: str, history: list[list[dict[str, Any]]]) -> bool:
    """Whether he or she may be this speaker: the text has not called them by the other pronoun."""
    return {"he": "she", "she": "he"}.get(word) not in _called(speaker, history)


def _called(speaker: str, history: list[list[dict[str, Any]]]) -> set[str]:
    """The pronouns the text has used for a speaker."""
    return {s["pronoun"] for speakers in history for s in speakers if s["id"] == speaker and s.get("pronoun")}


def _heads(name: str) -> set[str]:
    """The nouns a name's body is called by: its last word, and its head word ("council" of "National Council for
    Human Rights", "ministry" of "Ministry of Justice")."""
    return {name.split()[-1].lower(), head_word(name).lower()}


def definite_description(
    parsed: Parsed, lex: Lexicon, actors: list[Found], sent: Any, subject: int, history: list[list[dict[str, Any]]]
) -> dict[str, Any] | None:
    """ "The service said", "the group said", "The UN office also said", "According to the council": a definite
    description of an institution named before: the last actor before it whose name ends in its head noun, else
    (for "the group", "the organisation") the last organisation that spoke."""
    head = parsed.doc[subject] if subject >= 0 else None
    plural = head is not None and head.lower_.endswith("s") and head.lower_[:-1] in lex["group_nouns"]
    if head is None or not (head.lower_ in lex["head_nouns"] or plural) or not head.is_lower:
        return None
    first = subject
    while first > max(sent.start, subject - 4) and parsed.doc[first - 1].lower_ not in ("the", "its", "their"):
        if parsed.doc[first - 1].is_punct:
            return None
        first -= 1
    if first - 1 < sent.start or parsed.doc[first - 1].lower_ != "the":
        return None
    start = parsed.doc[first - 1].idx
    if plural:  # "The groups said": the several who spoke last
        several = next((speakers for speakers in reversed(history) if len(speakers) > 1), None)
        if several is None:
            return None
        return {"several": [{**s, "start": start} for s in several]}
    named = [
        a
        for a in actors
        if a.data["kind"] == "actor"
        and a.end <= start
        and any(head.lower_ in _heads(n) for n in a.data.get("names", []) if n)
    ]
    if named:
        last = max(named, key=lambda a: a.end)
        return {"id": last.data["id"], "start": start, "end": head.idx + len(head.text)}
    if head.lower_ in lex["group_nouns"]:
        for speakers in reversed(history):
            if len(speakers) == 1 and not speakers[0].get("person") and not speakers[0].get("new"):
                return {"id": speakers[0]["id"], "start": start, "end": head.idx + len(head.text)}
    return None
