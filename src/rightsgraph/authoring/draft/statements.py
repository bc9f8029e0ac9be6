"""Statements from reporting verbs: the speaker (the nearest actor named before the verb, the actors joined to
it by "and", the previous speaker for he/she/they, or an unnamed source), the candidate stance and claim kind
from the lexicon, and the reported content after the verb; hedges and modal words give its certainty."""

from __future__ import annotations

from typing import Any

from spacy.matcher import PhraseMatcher

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon

RANK = {"certain": 0, "probable": 1, "possible": 2}
PRONOUNS = {"he", "she", "they"}
PASSIVE = {"was", "were", "been", "being", "be", "is", "are"}
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
    verbs = sorted(((nlp.vocab.strings[m], s, e) for m, s, e in matcher(parsed.doc)), key=lambda v: v[1])
    found: list[Found] = []
    previous: list[str] = []
    last_verb: tuple[int, int, list[dict[str, Any]]] | None = None  # (sentence, token end, speakers)
    for words, start, end in verbs:
        span = parsed.doc[start:end]
        if any(a.start < span.end_char and span.start_char < a.end for a in actors):
            continue  # "the condemned" names someone; it is not a verb here
        before = [parsed.doc[i].lower_ for i in range(max(0, start - 2), start)]
        if before and (before[-1] in PASSIVE or (before[-1].endswith("ly") and before[-1] not in lex["hedges"])):
            continue  # "those wrongfully accused", "was accused": not a speech act of the sentence's subject
        if "not" in before or "never" in before:
            continue  # "has not said"
        if before and before[-1] in NOUN_BEFORE:
            continue  # "the claims", "earlier promises": a noun, not a speech act
        sent = parsed.sents[parsed.sent_of(span.start_char)]
        entry = lex["reporting"][words]
        joined = (
            last_verb is not None and last_verb[0] == sent.start and start > 0 and parsed.doc[start - 1].lower_ == "and"
        )
        if joined and last_verb is not None:
            speakers = [{**s, "start": span.start_char} for s in last_verb[2]]  # "X condemned ... and denied"
        elif entry.get("speaker_after"):
            speakers = _speaker_after(parsed, actors, sent, span, named_only=bool(entry.get("named_only")))
        elif (inverted := _inverted(parsed, actors, span)) is not None:
            speakers = [inverted]  # '"...," said Jeed Basyouni of Reprieve'
        else:
            speakers = _speakers(parsed, lex, actors, sent, span, previous)
        if not speakers:
            continue
        last_verb = (sent.start, end, speakers)
        content_start = span.end_char
        nxt = parsed.doc[end] if end < len(parsed.doc) else None
        if nxt is not None and nxt.lower_ == "that":
            content_start = nxt.idx + len(nxt.text)
        content_end = sent.end_char
        if entry.get("speaker_after"):
            content_start = sent.start_char
        if parsed.text[content_start:content_end].strip(' .,"”') == "":
            # inversion ("..., Viasna said."): what precedes the speaker in the sentence
            content_start, content_end = sent.start_char, max(sent.start_char, min(s["start"] for s in speakers))
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
                    span.end_char,
                    parsed.sent_of(span.start_char),
                    {
                        "speaker": speaker["id"],
                        "new": speaker.get("new"),
                        "name": speaker.get("name"),
                        "verb": words,
                        **entry,
                        "content": (content_start, content_end),
                        "certainty": certainty,
                        "cues": cues,
                    },
                )
            )
        previous = [s["id"] for s in speakers]
    found += _unnamed_reporting(parsed, lex, register)
    return sorted(found, key=lambda f: f.start)


def _speakers(
    parsed: Parsed, lex: Lexicon, actors: list[Found], sent: Any, verb: Any, previous: list[str]
) -> list[dict[str, Any]]:
    before = verb.start - 1
    if before >= sent.start and parsed.doc[before].lower_ in PRONOUNS and previous:
        return [{"id": previous[0], "start": parsed.doc[before].idx}]
    window = [
        a for a in actors if a.data["kind"] == "actor" and sent.start_char <= a.start and a.end <= verb.start_char
    ]
    unnamed = _unnamed_source(parsed, lex, sent, verb)
    if not window and unnamed is None:
        return []
    nearest = max(window, key=lambda a: (a.end, -a.start)) if window else None
    if unnamed is not None and (nearest is None or unnamed["start"] >= nearest.end):
        return [unnamed]
    assert nearest is not None
    between = parsed.doc.char_span(nearest.end, verb.start_char, alignment_mode="expand")
    if between is not None and any(t.text in ('"', "“", "”") for t in between):
        return []  # a name inside a quotation does not speak
    nearest = _head_of(parsed, window, nearest)
    speakers = [{"id": nearest.data["id"], "start": nearest.start}]
    joined = parsed.text[: nearest.start].rstrip()
    if joined.endswith(" and"):
        for other in window:
            if other.end <= nearest.start and parsed.text[other.end : nearest.start].strip() == "and":
                speakers.insert(0, {"id": other.data["id"], "start": other.start})
    return speakers


def _head_of(parsed: Parsed, window: list[Found], nearest: Found) -> Found:
    """The actor a phrase is about when the nearest actor only qualifies another: "Eemil Mitikka of the University
    of Helsinki said", "Mai Sato, the UN special rapporteur on human rights in Iran, told": Mitikka and Sato
    speak. The earlier actor is the head when the words between the two are "of", "at" or "from" (with "the"),
    or when a comma follows the earlier actor and only a closing comma comes after the later one."""
    for other in sorted(window, key=lambda a: -a.end):
        if other.end > nearest.start:
            continue
        between = parsed.text[other.end : nearest.start].strip().lower()
        if between in ("of", "of the", "at", "at the", "from", "from the"):
            return other
        if parsed.text[other.end : other.end + 1] == "," and "," not in between[1:] and "." not in between:
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
    return {"id": after[0].data["id"], "start": verb.start_char} if after else None


def _unnamed_source(parsed: Parsed, lex: Lexicon, sent: Any, verb: Any) -> dict[str, Any] | None:
    """`sources at the centre said`, `rights groups have accused`: a noun of lex.unnamed_sources a few words before
    the verb, named by the text's own words (the words before it that qualify it, up to three; auxiliaries such
    as "have" and "also" left out)."""
    for i in range(verb.start - 1, max(sent.start, verb.start - 6) - 1, -1):
        token = parsed.doc[i]
        if token.is_punct:
            return None
        if token.lower_ in lex["unnamed_sources"]:
            first = i
            while first > max(sent.start, i - 3):
                previous = parsed.doc[first - 1]
                if not previous.is_alpha or previous.lower_ in NAME_STOP or previous.lower_ in AUXILIARIES:
                    break
                first -= 1
            last = i
            while last + 1 < verb.start and parsed.doc[last + 1].lower_ not in AUXILIARIES:
                last += 1
            start = parsed.doc[first].idx
            name = parsed.doc[first : last + 1].text.strip()
            return {
                "id": "actor/" + "-".join(name.lower().split()),
                "start": start,
                "new": "UnnamedSource",
                "name": name,
            }
    return None


def _unnamed_reporting(parsed: Parsed, lex: Lexicon, register: list[dict[str, Any]]) -> list[Found]:
    """ "reportedly": what unnamed reports say, when the register has an actor for them."""
    found = []
    for token in parsed.doc:
        alias = lex["unnamed_reporting"].get(token.lower_)
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
                    "certainty": lex["hedges"].get(token.lower_, "probable"),
                    "cues": [],
                    "adverb": True,
                },
            )
        )
    return found


def _speaker_after(
    parsed: Parsed, actors: list[Found], sent: Any, verb: Any, named_only: bool = False
) -> list[dict[str, Any]]:
    """ "criticism from various quarters": the actor named right after, else (unless `named_only`: "according to"
    names a source only when it names an actor) an unnamed source of those words."""
    named = [a for a in actors if a.data["kind"] == "actor" and verb.end_char <= a.start <= verb.end_char + 5]
    if named:
        return [{"id": named[0].data["id"], "start": verb.start_char}]
    if named_only:
        return []
    end = verb.end
    while end < sent.end and not parsed.doc[end].is_punct:
        end += 1
    if end == verb.end:
        return []
    name = parsed.doc[verb.end : end].text
    return [
        {
            "id": "actor/" + "-".join(name.lower().split()),
            "start": verb.start_char,
            "new": "UnnamedSource",
            "name": name,
        }
    ]
