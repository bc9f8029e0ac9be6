"""Statements from reporting verbs: the speaker (the nearest actor named before the verb, the actors joined to
it by "and", the previous speaker for he/she/they, or an unnamed source), the candidate stance and claim kind
from the lexicon, and the reported content after the verb; hedges and modal words give its certainty."""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import PhraseMatcher

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon

RANK = {"certain": 0, "probable": 1, "possible": 2}
PRONOUNS = {"he", "she", "they", "it"}
QUOTES = ('"', "\u201c", "\u201d")
CLAUSE_WORDS = {"and", "but", "or", "as", "because", "when", "while", "after", "before", "that", "since", "so",
                "then", "where", "if", "though", "although", "once", "until", "day", "week", "month", "year", "ago",
                "later", "earlier", "today", "yesterday", "tonight", "morning", "evening", "night", "also"}  # fmt: skip
QUOTED_BEFORE = re.compile(r',["\u201d]\s*(?:[A-Z][\w.-]*\s*)*$')
AND_JOINED = re.compile(r"(?:\([A-Z]{2,}\)\s*)?and(?: the(?: [A-Za-z-]+){1,3})?")
PREPOSITIONS = {"at", "in", "from", "with", "close", "familiar", "of", "for", "on", "within", "inside", "near"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those"}
PASSIVE = {"was", "were", "been", "being", "be", "is", "are", "ever"}
INVERTING = {"said", "says", "added", "noted", "wrote", "asked"}  # '"...," said X': X speaks (not "urging X")
# Words before a reporting word that make it a noun ("the claims", "earlier promises", "her appeals"), and words
# that end an unnamed source's name before its verb ("groups have accused": "groups").
NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "these", "those", "such", "of", "earlier",
               "new", "repeated", "previous", "similar", "any", "no", "whose", "my", "your"}  # fmt: skip
AUXILIARIES = {"have", "has", "had", "also", "already", "later", "then", "were", "are", "is", "was", "will",
               "would", "did", "do", "does", "repeatedly", "previously", "again", "still"}  # fmt: skip
NAME_STOP = {"the", "a", "an", "and", "or", "but", "of", "that", "which", "who", "while", "as", "where", "when",
             "some", "many", "other", "two", "three", "several"}  # fmt: skip


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


def find_statements(
    parsed: Parsed, nlp: Any, lex: Lexicon, actors: list[Found], register: list[dict[str, Any]]
) -> list[Found]:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for words in lex["reporting"]:
        matcher.add(words, [nlp.make_doc(words)])
    verbs = _longest(sorted(((nlp.vocab.strings[m], s, e) for m, s, e in matcher(parsed.doc)), key=lambda v: v[1]))
    found: list[Found] = []
    history: list[list[dict[str, Any]]] = []  # the speakers of each verb so far, for he/she/it/they and "the group"
    last_verb: tuple[int, int, list[dict[str, Any]], int] | None = None  # (sentence, token end, speakers, start)
    for words, start, end in verbs:
        span = parsed.doc[start:end]
        if any(a.start < span.end_char and span.start_char < a.end for a in actors):
            continue  # "the condemned" names someone; it is not a verb here
        entry = lex["reporting"][words]
        if not _speech_act(parsed, lex, start, end, entry) or _heading(parsed.text, span.start_char):
            continue
        sent = parsed.sents[parsed.sent_of(span.start_char)]
        link = start - 1
        while link > sent.start and parsed.doc[link].lower_ in AUXILIARIES:
            link -= 1  # "has denied ... and has threatened"
        participle = entry.get("participle") or (parsed.doc[start - 1].text == "," and span.text.endswith("ing"))
        joined = (
            last_verb is not None
            and last_verb[0] == sent.start
            and start > 0
            and (parsed.doc[link].lower_ == "and" or participle)
        )
        inverted = None
        if not joined and last_verb is not None and last_verb[0] == sent.start:
            # "X said that the bloc rejected ...", "X told Y that she feared ...": X's own stance
            joined = _self_reference(parsed, lex, sent, start)
        if joined and last_verb is not None:
            speakers = [
                {**s, "start": span.start_char, "joined": True} for s in last_verb[2]
            ]  # "X said ... and denied"
        elif entry.get("speaker_after"):
            speakers = _speaker_after(parsed, lex, actors, sent, span, history, bool(entry.get("named_only")))
        elif (inverted := _inverted(parsed, actors, span)) is not None:
            speakers = [inverted]  # '"...," said Jeed Basyouni of Reprieve'
        else:
            speakers = _speakers(parsed, lex, actors, sent, span, history, participle=bool(entry.get("participle")))
        if not speakers:
            continue
        inside = not joined and last_verb is not None and last_verb[0] == sent.start
        if inside and last_verb is not None and all(s["start"] < last_verb[3] for s in speakers):
            continue  # "X said that 300 of them reported beatings": inside what X said, not X again
        last_verb = (sent.start, end, speakers, span.start_char)
        content_start = span.end_char
        nxt = parsed.doc[end] if end < len(parsed.doc) else None
        if nxt is not None and nxt.lower_ == "that":
            content_start = nxt.idx + len(nxt.text)
        content_end = sent.end_char
        semicolon = parsed.text.find(";", content_start, content_end)
        if semicolon >= 0:
            content_end = semicolon  # "AFP counted ...; ESOHR counted ...": a clause of its own
        if entry.get("speaker_after"):
            content_start = sent.start_char
        after = parsed.text[content_start:content_end].strip(' .,"”')
        opening = parsed.text[sent.start_char : min(s["start"] for s in speakers)].rstrip()
        quoted = QUOTED_BEFORE.search(opening)  # '"...," X said on Friday', '"...," US President X said'
        if inverted is not None or quoted or after == "" or parsed.text[content_start:content_end].lstrip()[:1] == ",":
            # inversion ("..., Viasna said.", '"...," said X', '"...," X said, urging'): what precedes the speaker
            content_start = sent.start_char
            content_end = max(sent.start_char, min(min(s["start"] for s in speakers), span.start_char))
            if quoted is not None:
                content_end = sent.start_char + quoted.start()  # the quotation, not the speaker's title
            while content_end > content_start and parsed.text[content_end - 1] in " ,":
                content_end -= 1
        while content_end > content_start and parsed.text[content_end - 1] in " .,;:":
            content_end -= 1
        if len(parsed.text[content_start:content_end].split()) < 3:
            content_start = span.start_char  # "denied it": the verb belongs to what is said
        certainty, cues = hedging(parsed, content_start, content_end, lex, entry.get("certainty", "certain"))
        for speaker in speakers:
            found.append(
                Found(
                    speaker["start"],
                    max(span.end_char, speaker.get("end", span.end_char)),
                    parsed.sent_of(span.start_char),
                    {
                        "speaker": speaker["id"],
                        "new": speaker.get("new"),
                        "name": speaker.get("name"),
                        "person": speaker.get("person", False),
                        "joined": bool(speaker.get("joined")),
                        "verb": words,
                        **entry,
                        "stance": _stance(parsed, lex, entry, span, content_start, content_end),
                        "content": (content_start, content_end),
                        "certainty": certainty,
                        "cues": cues,
                    },
                )
            )
        history.append(speakers)
    for f in found:  # "X said ..., and Y condemned ...": what X said ends where Y begins
        cstart, cend = f.data["content"]
        later = [
            g.start
            for g in found
            if g.sent == f.sent and g.data["speaker"] != f.data["speaker"] and not g.data.get("joined")
        ]
        cut = min((x for x in later if cstart < x < cend), default=None)
        if cut is not None:
            text = parsed.text[cstart:cut].rstrip()
            for tail in (" and", ","):
                text = text.removesuffix(tail).rstrip()
            if len(text.split()) >= 3:
                f.data["content"] = (cstart, cstart + len(text))
    # "reportedly" in what a named source says is that source's hedge, not an unnamed report
    said = [f.data["content"] for f in found]
    found += [f for f in _unnamed_reporting(parsed, lex, register) if not any(a <= f.start < b for a, b in said)]
    return sorted(found, key=lambda f: f.start)


def _self_reference(parsed: Parsed, lex: Lexicon, sent: Any, start: int) -> bool:
    """Whether the subject of the verb at `start` is a pronoun or "the <group noun>" ("that she feared", "that the
    bloc rejected"): in what someone says, the speaker speaking of themselves."""
    subject = start - 1
    while subject > sent.start and parsed.doc[subject].lower_ in AUXILIARIES:
        subject -= 1
    token = parsed.doc[subject]
    if token.lower_ in PRONOUNS:
        return True
    return token.lower_ in lex["group_nouns"] and subject > sent.start and parsed.doc[subject - 1].lower_ == "the"


def _heading(text: str, char: int) -> bool:
    """Whether `char` lies in a headline or heading (a line that does not end as a sentence does): it sums up the
    statements the text reports, and is not one of them."""
    line = text[text.rfind("\n", 0, char) + 1 :].split("\n", 1)[0].rstrip()
    return not line.endswith((".", '"', "\u201d", "'", "\u2019", ":", "?", "!"))


def _longest(verbs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The lexicon's phrases found, without those inside a longer one ("called" in "called for")."""
    return [v for v in verbs if not any(o != v and o[1] <= v[1] and v[2] <= o[2] for o in verbs)]


def _speech_act(parsed: Parsed, lex: Lexicon, start: int, end: int, entry: dict[str, Any]) -> bool:
    """Whether the reporting word at doc[start:end] is a speech act of a speaker the sentence names: not a
    participle or passive ("those wrongfully accused", "was accused", "the highest number ever recorded",
    "detainees accused of belonging"), a noun ("the claims"), an infinitive ("asked the judge to deny"), a
    negation ("has not said") or a condition ("if they say"), nor a decision on a request ("the court rejected
    her appeal"); a quoted characterisation ("called the death "unacceptable"") only with its quote."""
    doc = parsed.doc
    before = [doc[i].lower_ for i in range(max(0, start - 2), start)]
    if before and (before[-1] in PASSIVE or (before[-1].endswith("ly") and before[-1] not in lex["hedges"])):
        return False
    if {"not", "never", "if", "unless", "what"} & set(before):
        return False
    if before and before[-1] in NOUN_BEFORE | {"to", "ever", "what", "-"}:
        return False
    nxt = [doc[i] for i in range(end, min(len(doc), end + 3))]
    if nxt and nxt[0].lower_ == "of" and not entry.get("speaker_after"):
        return False  # "accused of", "convicted of": a participle; the speaker says "accused X of"
    if entry.get("denial"):
        objects = [t.lower_ for t in nxt if t.lower_ not in DETERMINERS]
        if objects and objects[0] in lex["decision_objects"]:
            return False
    if entry.get("needs_quote"):
        sent_end = parsed.sents[parsed.sent_of(doc[start].idx)].end
        window = doc[end : min(sent_end, end + 12)]
        if not any(t.text in QUOTES for t in window):
            return False
    return True


def _stance(parsed: Parsed, lex: Lexicon, entry: dict[str, Any], verb: Any, start: int, end: int) -> str:
    """The verb's stance, made specific by the words of what is said: "said it was appalled" condemns, "said the
    government should act" calls for, "accused the police of torture" accuses of human rights abuses."""
    stance = str(entry["stance"])
    span = parsed.doc.char_span(min(start, verb.end_char), end, alignment_mode="expand") if end > start else None
    words = [t.lower_ for t in span or []]
    of = [i for i, w in enumerate(words) if w == "of"][:1]
    charge = [w for w in words[of[0] + 1 :] if w.isalpha()][:5] if of else words[:8]  # "accused the police of torture"
    if stance == "accuses" and set(charge) & {str(w) for w in lex["abuse_words"]}:
        return "accuses-of-human-rights-abuses"
    objects = [w for w in words[:4] if w not in DETERMINERS and w.isalpha()]
    if entry.get("needs_quote") and objects[:2] and set(objects[:2]) & {str(w) for w in lex["speech_nouns"]}:
        return "rejects"  # 'called Western statements "unacceptable"': what others said is rejected
    if entry.get("future_stance") and set(words) & {str(w) for w in lex["future_words"]}:
        return str(entry["future_stance"])  # "announced that it would not pursue talks", "announced a pause"
    if stance != "reports":
        return stance
    for candidate, cues in lex["stance_words"].items():
        for cue in cues:
            cue_words = str(cue).split()
            if any(words[i : i + len(cue_words)] == cue_words for i in range(len(words))):
                return str(candidate)
    if entry.get("quote_stance") and any(w in QUOTES for w in words[:14]):
        return str(entry["quote_stance"])  # 'described the pace as "incomprehensible"'
    return stance


def _speakers(
    parsed: Parsed,
    lex: Lexicon,
    actors: list[Found],
    sent: Any,
    verb: Any,
    history: list[list[dict[str, Any]]],
    participle: bool = False,
) -> list[dict[str, Any]]:
    subject = verb.start - 1
    while subject > sent.start and parsed.doc[subject].lower_ in AUXILIARIES:
        subject -= 1  # "he has repeatedly praised", "it had reported", "The UN office also said"
    word = parsed.doc[subject].lower_ if subject >= sent.start else ""
    if participle:  # ", saying ...": the subject of the sentence, when it is a pronoun
        pronouns = [t for t in parsed.doc[sent.start : verb.start] if t.lower_ in PRONOUNS]
        if not pronouns or any(a.start < pronouns[0].idx for a in actors if sent.start_char <= a.start):
            return []
        subject, word = pronouns[0].i, pronouns[0].lower_
    if word in PRONOUNS:
        if subject > sent.start and _relative(parsed.doc[subject - 1]):
            return []  # "the 834 executions they recorded": a relative clause describes, it does not report
        return _pronoun(word, parsed.doc[subject].idx, history)
    definite = _definite(parsed, lex, actors, sent, subject, history)
    if definite is not None:
        return definite.get("several") or [definite]
    window = [
        a
        for a in actors
        if a.data["kind"] == "actor"
        and sent.start_char <= a.start
        and a.end <= verb.start_char
        and not _bracketed(parsed, a)
    ]
    unnamed = _unnamed_source(parsed, lex, sent, verb)
    if not window and unnamed is None:
        return []
    nearest = max(window, key=lambda a: (a.end, -a.start)) if window else None
    if nearest is not None and unnamed is None and parsed.text[: nearest.start].rstrip().endswith("including"):
        # "seven organisations including Human Rights Watch said": the organisations speak
        including = parsed.doc.char_span(parsed.text.rfind("including", 0, nearest.start), nearest.start - 1)
        if including is not None:
            unnamed = _unnamed_source(parsed, lex, sent, including)
    if unnamed is not None and (
        nearest is None
        or unnamed["start"] >= nearest.end
        or (unnamed["start"] <= nearest.start and nearest.end < unnamed["end"])  # "UN human rights experts"
        or _including(parsed, nearest)
    ):
        joined = parsed.text[: unnamed["start"]].rstrip()
        speakers = [unnamed]
        if joined.endswith(" and"):  # "activists and lawyers had told it": the register's activists too
            for other in window:
                if parsed.text[other.end : unnamed["start"]].strip() == "and":
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


def _pronoun(word: str, start: int, history: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
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


def _called(speaker: str, history: list[list[dict[str, Any]]]) -> set[str]:
    """The pronouns the text has used for a speaker."""
    return {s["pronoun"] for speakers in history for s in speakers if s["id"] == speaker and s.get("pronoun")}


def _definite(
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
        and any(n.split()[-1] == head.lower_ for n in a.data.get("names", []) if n)
    ]
    if named:
        last = max(named, key=lambda a: a.end)
        return {"id": last.data["id"], "start": start, "end": head.idx + len(head.text)}
    if head.lower_ in lex["group_nouns"]:
        for speakers in reversed(history):
            if len(speakers) == 1 and not speakers[0].get("person") and not speakers[0].get("new"):
                return {"id": speakers[0]["id"], "start": start, "end": head.idx + len(head.text)}
    return None


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


def _inverted(parsed: Parsed, actors: list[Found], verb: Any) -> dict[str, Any] | None:
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


def _unnamed_source(parsed: Parsed, lex: Lexicon, sent: Any, verb: Any) -> dict[str, Any] | None:
    """`sources at the centre said`, `rights groups have accused`: a noun of lex.unnamed_sources a few words before
    the verb, named by the text's own words (the words before it that qualify it, up to three; auxiliaries such
    as "have" and "also" left out, and a document that speaks for them: "A police statement said")."""
    verbs = {str(w) for w in lex["reporting"]}
    for i in range(verb.start - 1, max(sent.start, verb.start - 6) - 1, -1):
        token = parsed.doc[i]
        if token.is_punct:
            return None
        if token.lower_ in lex["unnamed_sources"] and (token.is_lower or token.is_sent_start):
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


def _unnamed_reporting(parsed: Parsed, lex: Lexicon, register: list[dict[str, Any]]) -> list[Found]:
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


def _speaker_after(
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
            definite = _definite(parsed, lex, actors, sent, head, history)
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
