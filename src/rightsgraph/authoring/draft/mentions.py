"""Mentions of the register's actors and places (names, aliases, `the <head noun>`), and candidate new actors
(capitalised names the register lacks; unnamed sources such as "sources at the centre")."""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher

from rightsgraph.authoring.draft.base import Found, Parsed, slugify
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.mentions import generic_allowed, is_generic

_HEAD = re.compile(r"^(.*?)\s+(?:of|in|on|for)\s", re.I)


def register_names(register: list[dict[str, Any]], lex: Lexicon) -> dict[str, set[str]]:
    """Every name a register entry is known by, lower-cased: its name, aliases, hashtag and `the <head noun>`
    when the head is an institutional noun (lexicon `head_nouns`) and no other entry has it."""
    institutional = {str(w).lower() for w in lex["head_nouns"]}
    names: dict[str, set[str]] = {}
    heads: dict[str, list[str]] = {}
    for entry in register:
        own = {str(entry.get("name", ""))} | {str(a) for a in entry.get("aliases") or []}
        if entry.get("hashtag"):
            own.add(str(entry["hashtag"]))
        names[entry["id"]] = {n.lower() for n in own if n}
        if entry.get("type") == "Person" and len(str(entry.get("name", "")).split()) > 1:
            heads.setdefault("surname:" + str(entry["name"]).split()[-1].lower(), []).append(entry["id"])
        name = str(entry.get("name", ""))
        match = _HEAD.match(name)
        head = (match.group(1) if match else name).split()[-1:] if name else []
        if head and head[0][:1].isupper() and head[0].lower() in institutional:
            heads.setdefault(head[0].lower(), []).append(entry["id"])
    for head, ids in heads.items():
        if len(ids) == 1:
            names[ids[0]].add(head.split(":", 1)[1] if head.startswith("surname:") else f"the {head}")
    return names


def find_mentions(parsed: Parsed, nlp: Any, lex: Lexicon, register: list[dict[str, Any]]) -> list[Found]:
    """One Found per occurrence of a register name (the longest name at a place wins)."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    kinds = {}
    written = {e["id"]: [str(n) for n in [e.get("name"), *(e.get("aliases") or [])] if n] for e in register}
    for iri, names in register_names(register, lex).items():
        if not generic_allowed(written.get(iri, []), parsed.text):  # "the government" of a country not named
            names = {n for n in names if not is_generic(n)}
        if not names:
            continue
        matcher.add(iri, [nlp.make_doc(n) for n in sorted(names)])
        kinds[iri] = iri.split("/", 1)[0]
    best: dict[tuple[int, str], Found] = {}
    for match_id, start, end in matcher(parsed.doc):
        iri = nlp.vocab.strings[match_id]
        span = parsed.doc[start:end]
        found = Found(span.start_char, span.end_char, parsed.sent_of(span.start_char), {"id": iri, "kind": kinds[iri]})
        key = (span.start_char, iri)
        if key not in best or best[key].end < found.end:
            best[key] = found
    # A name inside a longer name of the same entry is the same mention.
    found_all = sorted(best.values(), key=lambda f: (f.start, -f.end))
    kept: list[Found] = []
    for f in found_all:
        if any(k.data["id"] == f.data["id"] and k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return kept


def find_candidates(parsed: Parsed, nlp: Any, lex: Lexicon, taken: list[Found]) -> list[Found]:
    """Capitalised names that no register name covers: candidate actors (type Actor, as the text does not say
    more), each with a surname alias when no other candidate shares it. A name is two or more capitalised
    words, joined by "of", "for" or "on" ("Ministry of Justice", "Kenya National Commission on Human Rights");
    words that only begin sentences or give a date (lexicon `not_names`) and titles before a person's name
    (lexicon `titles`: "Prime Minister Irakli Kobakhidze" is "Irakli Kobakhidze") are not part of it."""
    stop, titles = set(lex["not_names"]), set(lex["titles"])
    matcher = Matcher(nlp.vocab)
    title: dict[str, Any] = {"IS_TITLE": True, "OP": "+"}
    joint: dict[str, Any] = {"LOWER": {"IN": ["of", "for", "on"]}}
    matcher.add("NAME", [[title]])
    matcher.add("JOINED", [[title, joint, {"LOWER": "the", "OP": "?"}, title]])
    institutional = {str(w).lower() for w in lex["head_nouns"]}
    spans = []
    for match_id, start, end in matcher(parsed.doc):
        if nlp.vocab.strings[match_id] == "JOINED":
            first = next(i for i in range(start, end) if parsed.doc[i].lower_ in ("of", "for", "on"))
            if parsed.doc[first - 1].lower_ not in institutional:
                continue  # "Ministry of Justice" is one name; "Eemil Mitikka of the University" is two
        while start < end and (parsed.doc[start].text in stop or parsed.doc[start].text in titles):
            start += 1  # "On Tuesday", "The Ministry", "President Abdul Latif Rashid"
        while start < end and parsed.doc[end - 1].lower_ in ("of", "for", "on", "the"):
            end -= 1
        span = parsed.doc[start:end]
        capitalised = [t for t in span if t.is_title]
        if len(capitalised) < 2 or any(t.text in stop for t in capitalised):
            continue
        if any(k.start < span.end_char and span.start_char < k.end for k in taken):
            continue
        line = parsed.text[parsed.text.rfind("\n", 0, span.start_char) + 1 :].split("\n", 1)[0]
        if not line.rstrip().endswith((".", '"', "”")):  # a headline or heading, not running text
            continue
        spans.append(span)
    # One capitalised word or acronym that speaks: "Reprieve counted", "ESOHR said", "Riyadh rejects".
    verbs = {str(words).split()[0] for words in lex["reporting"]}
    for token in parsed.doc[:-1]:
        word, nxt = token.text, parsed.doc[token.i + 1]
        if nxt.lower_ not in verbs or word in stop or word in titles or not word.isalpha() or len(word) < 2:
            continue
        if not (token.is_title or word.isupper()) or any(k.start <= token.idx < k.end for k in taken):
            continue
        starts = token.is_sent_start or parsed.text[: token.idx].rstrip(" \t").endswith("\n")
        if starts and not word.isupper():
            continue  # "Officials said", "Critics warned": a capital that only begins the sentence
        if token.i > 0 and (parsed.doc[token.i - 1].is_title or parsed.doc[token.i - 1].text.isupper()):
            continue  # the last word of a longer name, found above
        spans.append(parsed.doc[token.i : token.i + 1])
    spans = list({(s.start, s.end): s for s in spans}.values())  # one span per place, once titles are stripped
    spans = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end for o in spans)]
    found: dict[str, Found] = {}
    for span in spans:
        name = span.text
        if name not in found:
            found[name] = Found(
                span.start_char,
                span.end_char,
                parsed.sent_of(span.start_char),
                {"id": f"actor/{slugify(name)}", "kind": "actor", "name": name, "new": "Actor"},
            )
    surnames: dict[str, list[Found]] = {}
    for f in found.values():
        surnames.setdefault(f.data["name"].split()[-1], []).append(f)
    out = list(found.values())
    for surname, owners in surnames.items():
        if len(owners) == 1:
            for span in parsed.doc:
                if span.text == surname and not any(f.start <= span.idx < f.end for f in out):
                    out.append(
                        Found(
                            span.idx,
                            span.idx + len(surname),
                            parsed.sent_of(span.idx),
                            {**owners[0].data, "alias": True},
                        )
                    )
    return sorted(out, key=lambda f: f.start)
