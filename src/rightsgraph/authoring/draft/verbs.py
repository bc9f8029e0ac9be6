"""Which of the lexicon's reporting words found in a text are speech acts: the longest phrase, outside
headings, and not a participle, passive, noun, infinitive, negation, condition or decision on a request."""

from __future__ import annotations

from typing import Any

from rightsgraph.authoring.draft.base import Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.words import DETERMINERS, NOUN_BEFORE, PASSIVE, QUOTES


def in_heading(text: str, char: int) -> bool:
    """Whether `char` lies in a headline or heading (a line that does not end as a sentence does): it sums up the
    statements the text reports, and is not one of them."""
    line = text[text.rfind("\n", 0, char) + 1 :].split("\n", 1)[0].rstrip()
    return not line.endswith((".", '"', "\u201d", "'", "\u2019", ":", "?", "!"))


def longest(verbs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The lexicon's phrases found, without those inside a longer one ("called" in "called for")."""
    return [v for v in verbs if not any(o != v and o[1] <= v[1] and v[2] <= o[2] for o in verbs)]


def speech_act(parsed: Parsed, lex: Lexicon, start: int, end: int, entry: dict[str, Any]) -> bool:
    """Whether the reporting word at doc[start:end] is a speech act of a speaker the sentence names: not a
    participle or passive ("those wrongfully accused", "was accused", "the highest number ever recorded",
    "detainees accused of belonging", "a video posted by his daughter"), a noun ("the claims"), an infinitive
    ("asked the judge to deny"), a negation ("has not said") or a condition ("if they say"), nor a decision on a
    request ("the court rejected her appeal"), nor inside a quotation; a quoted characterisation ("called the death
    "unacceptable"") only with its quote."""
    doc = parsed.doc
    if _quoted(parsed.text, doc[start].idx):
        return False  # '"Interpol asked for help and we obliged," he said': the words of another speaker
    before = [doc[i].lower_ for i in range(max(0, start - 2), start)]
    passive = before and before[-1] in PASSIVE and not entry.get("passive_form")  # "was quoted as saying"
    if passive or (before and before[-1].endswith("ly") and before[-1] not in lex["hedges"]):
        return False
    if {"not", "never", "if", "unless", "what"} & set(before):
        return False
    if before and before[-1] in NOUN_BEFORE | {"to", "ever", "what", "-"}:
        return False
    nxt = [doc[i] for i in range(end, min(len(doc), end + 3))]
    if nxt and nxt[0].lower_ == "by" and not entry.get("speaker_after"):
        return False  # "in a video posted by his daughter", "the executions, condemned by rights groups": a passive
        # participle, whose speaker (if any) comes after "by", not before it
    if nxt and nxt[0].lower_ == "as" and start > 0 and doc[start - 1].text == ",":
        return False  # "Mahammad Kekalov, described as the outlet's deputy director": an apposition, no speech
    if nxt and nxt[0].lower_ == "of" and not entry.get("speaker_after") and end - start == 1:
        return False  # "accused of", "convicted of": a participle; the speaker says "accused X of" (but "put the
        # number of prisoners at" is a phrase of its own)
    if entry.get("denial"):
        objects = [t.lower_ for t in nxt if t.lower_ not in DETERMINERS]
        if objects and objects[0] in lex["decision_objects"]:
            return False
    if entry.get("needs_quote"):
        sent_end = parsed.sents[parsed.sent_of(doc[start].idx)].end
        window = doc[end : min(sent_end, end + 12)]
        if not any(t.text in QUOTES for t in window) and not _characterised(window, lex):
            return False
    return True


AFTER_CALLED = {"for", "on", "off", "in", "up", "back", "out", "upon", "to", "at", "it", "a", "an"}
TIME_WORDS = {"day", "week", "month", "year", "time", "few", "number", "lot", "second", "moment", "halt"}


def _characterised(window: Any, lex: Lexicon) -> bool:
    """ "called the diagnosis a mockery": an object, then "a" or "an" and what the speaker calls it, within the clause;
    not "called for", "called on", "called it a day", "called him a week later", "called a halt", "called her
    lawyer and a friend"."""
    words = list(window)
    if not words or words[0].lower_ in AFTER_CALLED:
        return False
    for i, token in enumerate(words[1:], start=1):
        if token.is_punct:
            return False
        if token.lower_ in ("a", "an") and i + 1 < len(words):
            if words[i - 1].lower_ in ("and", "or", "with", "to", "from"):
                return False  # "called her lawyer and a friend": two people called
            nxt = words[i + 1]
            return nxt.is_alpha and nxt.lower_ not in TIME_WORDS and nxt.lower_ not in lex["not_units"]
    return False


def _quoted(text: str, char: int) -> bool:
    """Whether text[char] is inside a quotation of its paragraph (after an odd number of straight quotation marks, or
    more opening than closing curly ones)."""
    before = text[text.rfind("\n", 0, char) + 1 : char]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
