"""What the words of a statement make of it: its stance (the reporting verb's, made specific by what is said)
and its certainty (the weakest the hedges and modal words in it give)."""

from __future__ import annotations

import re
from typing import Any

from rightsgraph.authoring.draft.base import Parsed
from rightsgraph.authoring.draft.counts import is_age
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.words import DETERMINERS, MONTHS_AND_DAYS, QUOTES

RANK = {"certain": 0, "probable": 1, "possible": 2}


def hedging(parsed: Parsed, start: int, end: int, lex: Lexicon, certainty: str = "certain") -> tuple[str, list[str]]:
    """The weakest certainty that the hedges in text[start:end] give, with the hedge words (the modal cue)."""
    cues: list[str] = []
    if end <= start:
        return certainty, cues
    for token in parsed.doc.char_span(start, end, alignment_mode="expand") or []:
        word = token.lower_
        two = f"{word} {token.nbor().lower_}" if token.i + 1 < len(parsed.doc) else word
        for words in (two, word):
            if words in lex["hedges"]:
                cues.append(parsed.text[token.idx : token.idx + len(words)])
                if RANK[lex["hedges"][words]] > RANK[certainty]:
                    certainty = lex["hedges"][words]
                break
    return certainty, cues


def stance_of(parsed: Parsed, lex: Lexicon, entry: dict[str, Any], verb: Any, start: int, end: int) -> str | None:
    """The verb's stance, made specific by the words of what is said: "said it was appalled" condemns, "said the
    government should act" calls for, "accused the police of torture" accuses of human rights abuses. None where a
    plain reporting verb ("said") introduces a quotation, or a verb of position ("maintained", "argued") any content,
    and no word of the lexicon shows its stance: the words carry the speaker's position, which "reports" (no
    position) would deny, so the researcher chooses it (a statement confirmed without a stance fails validation)."""
    stance = str(entry["stance"])
    if entry.get("attribution"):
        return stance  # "..., according to X": the words are the journalist's, the source reports
    span = parsed.doc.char_span(min(start, verb.end_char), end, alignment_mode="expand") if end > start else None
    words = [t.lower_ for t in span or []]
    if entry.get("needs_quote"):
        words = _characterisation(words)  # 'called the ruling "a travesty", noting that they should be freed'
    of = [i for i, w in enumerate(words) if w == "of"][:1]
    charge = [w for w in words[of[0] + 1 :] if w.isalpha()][:5] if of else words[:8]  # "accused the police of torture"
    if stance == "accuses" and set(charge) & {str(w) for w in lex["abuse_words"]}:
        return "accuses-of-human-rights-abuses"
    objects = [w for w in words[:4] if w not in DETERMINERS and w.isalpha()]
    if entry.get("needs_quote") and objects[:2] and set(objects[:2]) & {str(w) for w in lex["speech_nouns"]}:
        return "rejects"  # 'called Western statements "unacceptable"': what others said is rejected
    praising = lex["praising_characterisations"]
    if entry.get("needs_quote") and any(has_cue(words, str(c), lex.negations) for c in praising):
        return "praises"  # "called the arrest a critical step for accountability"
    if entry.get("future_stance") and set(words) & {str(w) for w in lex["future_words"]}:
        return str(entry["future_stance"])  # "announced that it would not pursue talks", "announced a pause"
    if stance != "reports":
        return stance
    if _reproach(words, lex):
        return "criticises"  # "argued that the website should have asked": what was not done, not a call
    for candidate, cues in lex["stance_words"].items():
        if candidate == "disputes" and not set(words) & lex.disputed_figures:
            continue  # "the charges were baseless": no figure disputed
        if any(has_cue(words, str(cue), lex.negations, _own(str(cue), lex)) for cue in cues):
            return str(candidate)
    if entry.get("quote_stance") and any(w in QUOTES for w in words[:14]):
        return str(entry["quote_stance"])  # 'described the pace as "incomprehensible"'
    if entry.get("position") or OPENING_QUOTE.search(parsed.text, max(0, start - 2), end):
        return None  # "maintained that ...", a quotation: a position the words do not name
    return stance


def figured(parsed: Parsed, start: int, end: int, lex: Lexicon) -> bool:
    """Whether what is said, text[start:end], gives a figure: a number in words or digits, or a magnitude ("975
    people", "two countries", "hundreds of protesters"). What a plain verb reports with one is a report of fact ("said
    at least 63 people had been put to death"); without one, what is said is more often a claim or a judgement. Not
    a figure: the time of the saying before "that" ("said on 3 March that"), a date or a year, an ordinal ("a first
    step"), "one" ("no one"), a number in a name ("COVID-19", "Article 19"), someone's age ("the 79-year-old")."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand") if end > start else None
    tokens = list(span or [])
    that = next((i for i, t in enumerate(tokens[:8]) if t.lower_ == "that"), None)
    tokens = tokens[that + 1 :] if that is not None else tokens  # "on 3 March that ...": when it was said
    for i, t in enumerate(tokens):
        if t.lower_ in lex.single_magnitudes:
            return True
        digits = any(c.isdigit() for c in t.text)
        if not (t.like_num or digits) or t.lower_ in ("one", "first") or t.lower_.endswith(("st", "nd", "rd", "th")):
            continue
        if digits and any(c.isalpha() for c in t.text):
            continue  # "COVID-19", "G7", "1980s"
        near = {tokens[j].lower_ for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
        if near & MONTHS_AND_DAYS or (t.text.isdigit() and 1900 <= int(t.text) <= 2100):
            continue  # "18 February", "in 2024": a date
        if i > 0 and tokens[i - 1].is_title and tokens[i - 1].lower_ not in DETERMINERS:
            continue  # "Article 19", "Resolution 2334"
        if is_age(parsed.doc, t, lex) or _apposed(tokens, i):
            continue  # "the 79-year-old", "aged 64", "the man, 64, had": someone's age, not a figure of what happened
        return True
    return False


CHARACTERISATION_ENDS = {";", "because", "but", "and", "saying", "noting", "adding", "while", "as"}


def _characterisation(words: list[str]) -> list[str]:
    """The words of what a characterisation calls its object, from the lower-cased words after the verb: up to a
    clause after it, outside quotation marks ('called the death, "at the hands of the police", "heartbreaking and
    unacceptable" and ordered ...': up to "and ordered"; 'called the ruling "a travesty", noting that ...')."""
    quoted = False
    for i, w in enumerate(words):
        if w in QUOTES:
            quoted = not quoted
        elif not quoted and (
            w in CHARACTERISATION_ENDS or (w == "," and words[i + 1 : i + 2] not in ([q] for q in QUOTES))
        ):
            return words[:i]
    return words


def _apposed(tokens: list[Any], i: int) -> bool:
    """Whether tokens[i] stands alone between commas after a word ("the man, 64, had been"): an age, as news gives
    it."""
    return (
        0 < i < len(tokens) - 1
        and tokens[i - 1].text == ","
        and tokens[i + 1].text == ","
        and (i < 2 or tokens[i - 2].is_alpha)
    )


def _reproach(words: list[str], lex: Lexicon) -> bool:
    """Whether the words say what someone should have done: "should have" before a past participle."""
    for cue in lex["reproach_words"]:
        cue_words = str(cue).split()
        for i in range(len(words) - len(cue_words)):
            nxt = words[i + len(cue_words)]
            if words[i : i + len(cue_words)] == cue_words and (nxt.endswith(("ed", "en")) or nxt in lex["participles"]):
                return True
    return False


def _own(cue: str, lex: Lexicon) -> frozenset[str]:
    """The subjects after which a word of obligation is the speaker's own (lexicon `own_obligation`): "we have to
    fulfil our commitments", "I did what I had to do" state what the speaker is bound to do, no call on others."""
    return lex.own_subjects if cue in lex.own_cues else frozenset()


def has_cue(words: list[str], cue: str, negations: frozenset[str], own: frozenset[str] = frozenset()) -> bool:
    """Whether the lower-cased words hold the cue's words in a row, not right after a negation ("were not grateful",
    "not unlawful": the two words before the cue hold none of `negations`) nor right after a word of `own`."""
    cue_words = cue.split()
    return any(
        words[i : i + len(cue_words)] == cue_words
        and not set(words[max(0, i - 2) : i]) & negations
        and not (i > 0 and words[i - 1] in own)
        for i in range(len(words))
    )


# a quotation mark that opens a quotation: before a word ('"a disgrace"'), not one left at a sentence's end
OPENING_QUOTE = re.compile(r"[\"\u201c]\w")
