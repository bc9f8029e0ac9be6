"""Statements from reporting verbs: for each speech act (verbs), its speakers (speakers), the reported content
after the verb (or the quotation before the speaker), its stance and certainty (stance); what one speaker
said ends where the next begins, and unnamed reports (unnamed) are added."""

from __future__ import annotations

from typing import Any

from spacy.matcher import PhraseMatcher

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.references import self_reference
from rightsgraph.authoring.draft.speakers import inverted_speaker, speaker_after, speakers_before
from rightsgraph.authoring.draft.stance import figured, has_cue, hedging, stance_of
from rightsgraph.authoring.draft.states import state_named
from rightsgraph.authoring.draft.unnamed import unnamed_reporting
from rightsgraph.authoring.draft.verbs import in_heading, longest, speech_act
from rightsgraph.authoring.draft.words import (
    ADDRESSEE_WORDS,
    AUXILIARIES,
    DETERMINERS_OF_ADDRESSEE,
    PREPOSITIONS,
    QUOTED_BEFORE,
    RELATIVES,
)

# Words after a verb that make it an aside's participle ("the decision, announced on Monday, to free ..."), no verb of
# a list of what the speaker did.
ASIDE_WORDS = {"by", "last", "this", "earlier", "later", "yesterday", "today", "after", "before", "during", "as"}


def find_statements(
    parsed: Parsed, nlp: Any, lex: Lexicon, actors: list[Found], register: list[dict[str, Any]]
) -> list[Found]:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for words in lex["reporting"]:
        matcher.add(words, [nlp.make_doc(words)])
    verbs = longest(sorted(((nlp.vocab.strings[m], s, e) for m, s, e in matcher(parsed.doc)), key=lambda v: v[1]))
    found: list[Found] = []
    types = {str(e.get("id")): str(e.get("type")) for e in register}
    history: list[list[dict[str, Any]]] = []  # the speakers of each verb so far, for he/she/it/they and "the group"
    # (sentence, token end, speakers, start, whether the verb takes an addressee, whether it reports a clause)
    last_verb: tuple[int, int, list[dict[str, Any]], int, bool, bool] | None = None
    for words, start, end in verbs:
        span = parsed.doc[start:end]
        if any(a.start < span.end_char and span.start_char < a.end for a in actors):
            continue  # "the condemned" names someone; it is not a verb here
        entry = lex["reporting"][words]
        if not speech_act(parsed, lex, start, end, entry) or in_heading(parsed.text, span.start_char):
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
            and (
                parsed.doc[link].lower_ == "and" or participle or _listed(parsed, actors, last_verb, link, span, entry)
            )
        )
        inverted = None
        if not joined and last_verb is not None and last_verb[0] == sent.start:
            # "X said that the bloc rejected ...", "X told Y that she feared ...": X's own stance
            joined = self_reference(parsed, lex, sent, start)
        if joined and last_verb is not None:
            speakers = [
                {**s, "start": span.start_char, "joined": True} for s in last_verb[2]
            ]  # "X said ... and denied"
        elif entry.get("speaker_after"):
            speakers = speaker_after(parsed, lex, actors, sent, span, history, bool(entry.get("named_only")))
        elif (inverted := inverted_speaker(parsed, actors, span)) is not None:
            speakers = [inverted]  # '"...," said Jeed Basyouni of Reprieve'
        else:
            speakers = speakers_before(
                parsed, lex, actors, sent, span, history, bool(entry.get("participle")), register
            )
        if not speakers:
            continue
        before = parsed.text[: min(s["start"] for s in speakers)].split()[-1:]
        if before and before[0].lower() in lex["relative_words"]:
            continue  # "what the government feared most": the object of a clause, not someone speaking
        inside = not joined and last_verb is not None and last_verb[0] == sent.start
        if inside and last_verb is not None and all(s["start"] < last_verb[3] for s in speakers):
            continue  # "X said that 300 of them reported beatings": inside what X said, not X again
        if (
            inside
            and last_verb is not None
            and last_verb[4]
            and all(_addressee_of(parsed, last_verb[1], s) for s in speakers)
        ):
            continue  # "X told the Associated Press that he had been kept ..., denied care": not the addressee's
        clause = bool(entry.get("plain")) or (end < len(parsed.doc) and parsed.doc[end].lower_ == "that")
        last_verb = (sent.start, end, speakers, span.start_char, bool(entry.get("addressee")), clause)
        content_start = span.end_char
        nxt = parsed.doc[end] if end < len(parsed.doc) else None
        if nxt is not None and nxt.lower_ == "that":
            content_start = nxt.idx + len(nxt.text)
        elif entry.get("addressee") and (that := _after_addressee(parsed, end, sent.end)) is not None:
            content_start = that.idx + len(that.text)  # "told the court that ...": what is said follows "that"
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
        stance = stance_of(parsed, lex, entry, span, content_start, content_end)
        # a plain verb's `reports` where what is said gives no figure: a claim ("said the decision was taken in secret")
        # holds a position no word of the lexicon names, so the researcher chooses it (an official's may confirm)
        plain = stance == "reports" and bool(entry.get("plain"))
        unweighed = plain and not figured(parsed, content_start, content_end, lex)
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
                        "jurisdiction": speaker.get("jurisdiction"),
                        "state": bool(speaker.get("state")),
                        "described": bool(speaker.get("described")),
                        "person": speaker.get("person", False),
                        "joined": bool(speaker.get("joined")),
                        "verb": words,
                        **entry,
                        # what is said disputes ("said the figures were exaggerated"): a denial, as "disputed" is
                        **({"kind": "denial", "denial": True} if stance in ("denies", "disputes") else {}),
                        "stance": None if unweighed else stance,
                        "unweighed": unweighed,
                        "official": official(speaker, lex, types),
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
    found += [f for f in unnamed_reporting(parsed, lex, register) if not any(a <= f.start < b for a, b in said)]
    return sorted(found, key=lambda f: f.start)


def _after_addressee(parsed: Parsed, end: int, sent_end: int) -> Any | None:
    """The "that" after a verb's addressee ("told the court that", "warned him that", "told Mira Sampleti that"), or
    None: the addressee is a pronoun, "the" and one noun, or a name, so that "cautioned against a law that would ban
    protests" and "warned the new law that parliament passed" keep their object in what is said."""
    ahead = parsed.doc[end : min(sent_end, end + 5)]
    that = next((t for t in ahead if t.lower_ == "that"), None)
    if that is None:
        return None
    words = [t for t in ahead if t.i < that.i]
    if len(words) == 1 and words[0].lower_ in ADDRESSEE_WORDS:
        return that
    if len(words) == 2 and words[0].lower_ in DETERMINERS_OF_ADDRESSEE and words[1].is_alpha:
        return that
    if words and all(t.is_title for t in words) and len(words) <= 4:
        return that
    return None


def official(speaker: dict[str, Any], lex: Lexicon, types: dict[str, str]) -> bool:
    """Whether a speaker is a state body (lexicon `official_types`): a state named by its country, the register's
    entry of such a type, or a new actor named as a state body (states.state_named: "Interior Ministry")."""
    if speaker.get("state"):
        return True
    if str(speaker.get("id")) in types:
        return types[str(speaker.get("id"))] in lex["official_types"]
    if speaker.get("new") not in (None, "Actor", "GovernmentBody") or speaker.get("person"):
        return False
    names = [str(n) for n in speaker.get("names") or []] or [str(speaker.get("name") or "")]
    return speaker.get("new") == "GovernmentBody" or any(state_named(n, lex) for n in names)


def _addressee_of(parsed: Parsed, verb_end: int, speaker: dict[str, Any]) -> bool:
    """Whether the speaker is named right after the verb that ends at token `verb_end` ("told the Associated Press
    that"): whom that verb's speaker spoke to."""
    i = verb_end
    while i < len(parsed.doc) and parsed.doc[i].lower_ in DETERMINERS_OF_ADDRESSEE:
        i += 1
    return i < len(parsed.doc) and parsed.doc[i].idx == speaker["start"]


def confirms(statement: Found, parsed: Parsed, lex: Lexicon) -> bool:
    """Whether an official speaker's statement confirms what it says: a plain verb (lexicon `confirming_verbs`), no
    hedge, and nothing denied in what is said (lexicon `negations`)."""
    data = statement.data
    if (
        not data.get("official")
        or data.get("certainty") != "certain"
        or data.get("verb") not in lex["confirming_verbs"]
    ):
        return False
    return not set(_said_words(statement, parsed)) & lex.negations


def justifies(statement: Found, parsed: Parsed, lex: Lexicon) -> bool:
    """Whether an official speaker's statement with no stance of its own words ("reports", or none proposed) justifies
    a measure: what is said holds a word of lexicon `justifying_words`, not right after a negation."""
    data = statement.data
    if not data.get("official") or data.get("stance") not in ("reports", None):
        return False
    words = _said_words(statement, parsed)
    return any(has_cue(words, str(cue), lex.negations) for cue in lex["justifying_words"])


def _said_words(statement: Found, parsed: Parsed) -> list[str]:
    """The lower-cased words of what the statement says (its content)."""
    start, end = statement.data["content"]
    return [t.lower_ for t in parsed.doc.char_span(start, end, alignment_mode="expand") or []]


def state_stances(
    merged: list[tuple[Found, dict[str, Any]]], new_actors: dict[str, dict[str, Any]], parsed: Parsed, lex: Lexicon
) -> None:
    """A state body's own words, in the drafted statements: "the government maintains that the death penalty deters
    trafficking" justifies (whatever the verb); its plain "said" confirms (an authority in a position to know). A
    speaker is a state body also where the draft made it one: "The service said" of the "Special Investigation
    Service" named before, "police" as an unnamed source."""
    for s, node in merged:
        actor = new_actors.get(s.data["speaker"], {})
        if actor.get("type") in lex["official_types"] or str(actor.get("name", "")).lower() in lex["state_heads"]:
            s.data["official"] = True
        if justifies(s, parsed, lex):
            replaced: tuple[str | None, ...] = ("reports", None)
            stance_now = "justifies"
        elif confirms(s, parsed, lex):
            replaced, stance_now = ("reports", None) if s.data.get("unweighed") else ("reports",), "confirms"
        else:
            continue
        for stance in node["stances"]:
            if stance.get("stance") in replaced:
                stance["stance"] = stance_now


def _listed(parsed: Parsed, actors: list[Found], last: tuple[Any, ...], link: int, verb: Any, entry: Any) -> bool:
    """Whether `verb`, after the comma at doc[link], is the next of a list of what the speaker of the sentence's last
    verb did ("he denied allowing abuses by the police, said officers could defend themselves, and offered no
    apologies": he said it, not the police). Not after a verb that reports a clause ("said police arrested her,
    denied her a lawyer": the police denied), nor with a verb between the two ("arrested"), nor where a speaker
    follows the verb ("..., said Anne Bocande"), nor for an aside ("the decision, announced on Monday, to free"); a
    comma after a name with no verb before it is an apposition's ("Anne Bocande, a lawyer, said")."""
    doc = parsed.doc
    if doc[link].text != "," or link <= last[1] or last[5] or entry.get("speaker_after"):
        return False
    between = doc[last[1] : link]
    if any(t.is_punct or t.lower_ in RELATIVES or t.lower_.endswith("ed") for t in between):
        return False
    nxt = doc[verb.end] if verb.end < len(doc) else None
    if nxt is None or nxt.is_punct or nxt.is_title or nxt.lower_ in PREPOSITIONS | ASIDE_WORDS:
        return False
    return not any(a.start == nxt.idx for a in actors)
