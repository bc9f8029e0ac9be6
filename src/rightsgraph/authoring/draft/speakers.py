"""Who speaks a reporting verb: the nearest actor named before it (the head of a phrase that qualifies it, with
the actors joined to it by "and"), a pronoun or description of an earlier speaker, an unnamed source, the
speaker named after an inverting verb ('"...," said X') or after "according to"."""

from __future__ import annotations

from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.references import by_pronoun, definite_description, pronoun_fits
from rightsgraph.authoring.draft.states import state_speaker
from rightsgraph.authoring.draft.unnamed import described_institution, unnamed_source
from rightsgraph.authoring.draft.words import (
    AND_JOINED,
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    INVERTING,
    PRONOUNS,
    QUOTES,
)


def speakers_before(
    parsed: Parsed,
    lex: Lexicon,
    actors: list[Found],
    sent: Any,
    verb: Any,
    history: list[list[dict[str, Any]]],
    participle: bool = False,
    register: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    subject = verb.start - 1
    while subject > sent.start and parsed.doc[subject].lower_ in AUXILIARIES:
        subject -= 1  # "he has repeatedly praised", "it had reported", "The UN office also said"
    word = parsed.doc[subject].lower_ if subject >= sent.start else ""
    if word == "and" and not participle:
        # "She held Vladimir Putin responsible and accused ...": a verb joined by "and" to an earlier one has the
        # sentence's subject, not the object named between them
        opener = _clause_subject(parsed, lex, actors, sent, verb)
        if isinstance(opener, Found):
            return [_as_speaker(opener)]
        if opener is not None:
            subject, word = opener, parsed.doc[opener].lower_
    if participle:  # ", saying ...": the subject of the sentence, when it is a pronoun
        pronouns = [t for t in parsed.doc[sent.start : verb.start] if t.lower_ in PRONOUNS]
        if not pronouns or any(a.start < pronouns[0].idx for a in actors if sent.start_char <= a.start):
            return []
        subject, word = pronouns[0].i, pronouns[0].lower_
    if word in PRONOUNS:
        if subject > sent.start and _relative(parsed.doc[subject - 1]):
            return []  # "the 834 executions they recorded": a relative clause describes, it does not report
        # "Mira Sampleti lost two sons; she said ...": the person the sentence is about
        named = _subject_of_sentence(parsed, actors, sent, subject) if word in ("he", "she") else None
        if named is not None and pronoun_fits(word, named.data["id"], history):
            return [{"id": named.data["id"], "start": parsed.doc[subject].idx, "person": True, "pronoun": word}]
        return by_pronoun(word, parsed.doc[subject].idx, history)
    if register is not None and subject >= sent.start:
        state = state_speaker(parsed, sent, subject, register)  # "Saudi officials", "Riyadh", "the government"
        if state is not None:
            return [state]
    definite = definite_description(parsed, lex, actors, sent, subject, history)
    if definite is not None:
        return definite.get("several") or [definite]
    described = described_institution(parsed, lex, sent, subject, register) if subject >= sent.start else None
    if described is not None and not any(
        described["start"] < a.end <= described["end"] and a.data["kind"] == "actor" for a in actors
    ):
        return [described]  # "..., the interior ministry said": the body right before the verb speaks
    window = [
        a
        for a in actors
        if a.data["kind"] == "actor"
        and sent.start_char <= a.start
        and a.end <= verb.start_char
        and not _bracketed(parsed, a)
    ]
    unnamed = unnamed_source(parsed, lex, sent, verb)
    if not window and unnamed is None:
        return []
    nearest = max(window, key=lambda a: (a.end, -a.start)) if window else None
    if nearest is not None and unnamed is None and parsed.text[: nearest.start].rstrip().endswith("including"):
        # "seven organisations including Human Rights Watch said": the organisations speak
        including = parsed.doc.char_span(parsed.text.rfind("including", 0, nearest.start), nearest.start - 1)
        if including is not None:
            unnamed = unnamed_source(parsed, lex, sent, including)
    if unnamed is not None and (
        nearest is None
        or unnamed["start"] >= nearest.end
        or (unnamed["start"] <= nearest.start and nearest.end < unnamed["end"])  # "UN human rights experts"
        or (unnamed["start"] <= nearest.start and nearest.end <= unnamed["end"] and _spokesperson(unnamed))
        or _including(parsed, nearest)
    ):
        speakers = [unnamed]
        # "activists and lawyers had told it": the register's activists too; "His lawyer, Khaled Ali, and a senior
        # official confirmed": the lawyer too
        for other in window:
            between = parsed.text[other.end : unnamed["start"]].replace(",", " ").split()
            if between[:1] == ["and"] and (len(between) == 1 or (len(between) == 2 and between[1] in DETERMINERS)):
                speakers.insert(0, _as_speaker(other))
        return speakers
    assert nearest is not None
    between = parsed.doc.char_span(nearest.end, verb.start_char, alignment_mode="expand")
    if between is not None and any(t.text in QUOTES for t in between):
        return []  # a name inside a quotation does not speak
    words = [t for t in between or [] if t.lower_ not in AUXILIARIES]
    if words and all(t.is_alpha and t.is_lower for t in words) and len(words) <= 3:
        return []  # "A UN expert warned": the expert speaks, whom the UN only qualifies
    nearest = _head_of(parsed, window, nearest, verb)
    if parsed.text[nearest.end : nearest.end + 2] in ("'s", "\u2019s"):
        return []  # "Alexei Navalny's mother appealed": someone of Navalny's speaks, not Navalny
    speakers = [_as_speaker(nearest)]
    for other in window:
        if other.end <= nearest.start and AND_JOINED.fullmatch(parsed.text[other.end : nearest.start].strip()):
            speakers.insert(0, _as_speaker(other))  # "X (XA) and the French group Y said": both speak
    return speakers


def _subject_of_sentence(parsed: Parsed, actors: list[Found], sent: Any, pronoun: int) -> Found | None:
    """The person a sentence begins with, when a he or she later in it is its subject again ("Mira Sampleti, whose
    son was killed, lost two sons; she said"), unless another person is named between them or the name is a
    possessive ("Mira Sampleti's mother ...; she said": the mother)."""
    people = sorted(
        (a for a in actors if a.data["kind"] == "actor" and sent.start_char <= a.start < sent.doc[pronoun].idx),
        key=lambda a: a.start,
    )
    if not people or not parsed.opens_sentence(sent, people[0].start) or not people[0].data.get("person"):
        return None
    if parsed.text[people[0].end : people[0].end + 2] in ("'s", "\u2019s"):
        return None
    if any(a.data.get("person") and a.data["id"] != people[0].data["id"] for a in people):
        return None
    return people[0]


def _clause_subject(parsed: Parsed, lex: Lexicon, actors: list[Found], sent: Any, verb: Any) -> Found | int | None:
    """What opens the sentence of `verb` (or follows its opening phrase and comma: "On Tuesday, Amnesty"): a named
    actor, the index of a he, she, they or it, or None when the sentence opens otherwise."""
    verbs = lex.reporting_heads | AUXILIARIES
    start = sent.start_char
    lead = parsed.text[start : verb.start_char]
    comma = lead.find(",")
    for begin in (start, start + comma + 1 if comma >= 0 else None):
        if begin is None:
            continue
        token = parsed.doc.char_span(begin, verb.start_char, alignment_mode="expand")
        words = [t for t in token or [] if not t.is_space]
        if not words:
            continue
        named = next((a for a in actors if a.data["kind"] == "actor" and a.start == words[0].idx), None)
        after = parsed.text[named.end :].split(None, 1)[:1] if named is not None else []
        # "UN experts had marked": a plural noun after the name, which only qualifies it; not "Amnesty strongly ..."
        word = after[0].strip(",.;:") if after else ""
        qualifies = word[:1].islower() and word.endswith("s") and not word.endswith("ss") and word not in verbs
        if named is not None and not qualifies and parsed.text[named.end : named.end + 2] not in ("'s", "\u2019s"):
            return named  # the actor that opens the sentence, not one that only qualifies its subject or owns it
        if words[0].lower_ in PRONOUNS:
            return int(words[0].i)
    return None


def _spokesperson(unnamed: dict[str, Any]) -> bool:
    """ "a spokesman for the Prison Service said": the spokesperson speaks (for the service), as a named one would."""
    return any(w.lower().startswith("spokes") for w in str(unnamed.get("name", "")).split())


def _relative(token: Any) -> bool:
    """Whether a pronoun after `token` begins a relative clause without "that": after a common noun ("the
    executions they recorded"), not after a conjunction, a time ("On Tuesday he", "a year later she") or an adverb."""
    return token.is_alpha and token.is_lower and not token.lower_.endswith("ly") and token.lower_ not in CLAUSE_WORDS


def _bracketed(parsed: Parsed, actor: Found) -> bool:
    """An acronym in brackets after the name it abbreviates ("Iran Human Rights (IHRNGO)"): the name speaks."""
    return parsed.text[actor.start - 1 : actor.start] == "(" and parsed.text[actor.end : actor.end + 1] == ")"


def _as_speaker(actor: Found) -> dict[str, Any]:
    return {
        "id": actor.data["id"],
        "start": actor.start,
        "person": bool(actor.data.get("person")),
        "names": actor.data.get("names", []),
    }


def _including(parsed: Parsed, actor: Found) -> bool:
    return parsed.text[: actor.start].rstrip().endswith("including")


def _head_of(parsed: Parsed, window: list[Found], nearest: Found, verb: Any) -> Found:
    """The actor a phrase is about when the nearest actor only qualifies another: "Eemil Mitikka of the University
    of Helsinki said", "Mai Sato, the UN special rapporteur on human rights in Iran, told", "Razaw Salihy,
    Amnesty's Iraq researcher, described": Mitikka, Sato and Salihy speak. The earlier actor is the head when the
    words between the two are "of", "at" or "from" (with "the"), or when a comma follows the earlier actor and a
    closing comma comes between the later one and the verb (an apposition; "Abdul Latif Rashid, Rudaw reported"
    and "The High Commissioner, Volker Türk, said" name the later one)."""
    for other in sorted(window, key=lambda a: -a.end):
        if other.end > nearest.start:
            continue
        between = parsed.text[other.end : nearest.start].strip().lower()
        if between in ("of", "of the", "at", "at the", "from", "from the"):
            return other
        after = parsed.text[nearest.end : verb.start_char]
        described = "," in after and after.split(",")[0].strip()  # "Amnesty's Iraq researcher," "the UN expert,"
        apposition = parsed.text[other.end : other.end + 1] == "," and "," not in between[1:] and "." not in between
        if apposition and (described or ("," in after and between.strip(", "))):
            return other
        break
    return nearest


def inverted_speaker(parsed: Parsed, actors: list[Found], verb: Any) -> dict[str, Any] | None:
    """The speaker named right after the verb when a comma or a closing quote comes before it: '"...," said X'."""
    if verb.text.lower() not in INVERTING or verb.start == 0:
        return None
    if parsed.doc[verb.start - 1].text not in (",", '"', "\u201d", "'", "\u2019"):
        return None
    after = [a for a in actors if a.data["kind"] == "actor" and verb.end_char <= a.start <= verb.end_char + 1]
    if not after:
        return None
    return {
        "id": after[0].data["id"],
        "start": verb.start_char,
        "end": after[0].end,
        "person": after[0].data.get("person"),
    }


def speaker_after(
    parsed: Parsed,
    lex: Lexicon,
    actors: list[Found],
    sent: Any,
    verb: Any,
    history: list[list[dict[str, Any]]],
    named_only: bool = False,
) -> list[dict[str, Any]]:
    """ "criticism from various quarters": the actor named right after, else an unnamed source of those words;
    "according to" names a source only when it names an actor or unnamed sources ("according to their lawyers
    and relatives": two speakers)."""
    named = [a for a in actors if a.data["kind"] == "actor" and verb.end_char <= a.start <= verb.end_char + 5]
    if named:
        return [{"id": named[0].data["id"], "start": verb.start_char, "end": named[0].end}]
    end = verb.end
    while end < sent.end and not parsed.doc[end].is_punct:
        end += 1
    if end == verb.end:
        return []
    if named_only and parsed.doc[verb.end].lower_ == "the":  # "according to the council"
        for head in range(verb.end + 1, min(end, verb.end + 5)):
            definite = definite_description(parsed, lex, actors, sent, head, history)
            if definite is not None:
                return [{**s, "start": verb.start_char} for s in definite.get("several") or [definite]]
    if named_only:
        speakers = []
        first = verb.end
        for i in range(verb.end, min(end, verb.end + 6)):
            token = parsed.doc[i]
            if token.lower_ in ("and", "or"):
                first = i + 1
            elif token.lower_ in lex["unnamed_sources"]:
                name = parsed.doc[first : i + 1].text
                speakers.append(
                    {
                        "id": "actor/" + "-".join(name.lower().split()),
                        "start": verb.start_char,
                        "end": token.idx + len(token.text),
                        "new": "UnnamedSource",
                        "name": name,
                    }
                )
            elif not token.is_alpha:
                break
        return speakers
    name = parsed.doc[verb.end : end].text
    return [
        {
            "id": "actor/" + "-".join(name.lower().split()),
            "start": verb.start_char,
            "new": "UnnamedSource",
            "name": name,
        }
    ]
