"""Mentions of the register's actors and places (names, aliases, `the <head noun>`), and candidate new actors
(capitalised names the register lacks; unnamed sources such as "sources at the centre")."""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Token

from rightsgraph.authoring.draft.base import Found, Parsed, fold, head_word, slugify, surname
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.states import country_form
from rightsgraph.authoring.mentions import generic_allowed, is_generic


def register_names(register: list[dict[str, Any]], lex: Lexicon, text: str = "") -> dict[str, set[str]]:
    """Every name a register entry is known by, lower-cased: its name, aliases, hashtag and `the <head noun>`
    when the head is an institutional noun (lexicon `head_nouns`) and no other entry has it."""
    institutional = {str(w).lower() for w in lex["head_nouns"]}
    names: dict[str, set[str]] = {}
    heads: dict[str, list[str]] = {}
    places = {str(e.get("name", "")).lower() for e in register if str(e.get("id", "")).startswith("place/")}
    suffixes = {str(w) for w in lex["name_suffixes"]}
    folded = fold(text).lower()
    elsewhere = {str(e["id"]) for e in register if e.get("short_names") is False}
    for entry in register:
        own = {str(entry.get("name", ""))} | {str(a) for a in entry.get("aliases") or []}
        if entry.get("hashtag"):
            own.add(str(entry["hashtag"]))
        names[entry["id"]] = {n.lower() for n in own if n}
        person = entry.get("type") == "Person" and len(str(entry.get("name", "")).split()) > 1
        if entry.get("short_names") is False:
            # an entry another article defines: its own names only, and a person's surname once the text names them
            if person and _named_at(names[entry["id"]], folded) is not None:
                heads.setdefault("surname:" + surname(str(entry["name"]), suffixes).lower(), []).append(entry["id"])
            continue
        if person:
            heads.setdefault("surname:" + surname(str(entry["name"]), suffixes).lower(), []).append(entry["id"])
        name = str(entry.get("name", ""))
        word = head_word(name)
        if word[:1].isupper() and word.lower() in institutional:
            heads.setdefault(word.lower(), []).append(entry["id"])
        # "Council of Representatives of Iraq" is "the Council of Representatives" where Iraq is a register place
        of_place = re.match(r"^(.+) of (.+)$", name)
        if of_place and of_place.group(2).lower() in places and of_place.group(1)[:1].isupper():
            heads.setdefault("name:the " + of_place.group(1).lower(), []).append(entry["id"])
    for head, ids in heads.items():
        if len(ids) > 1 and head.startswith("surname:"):
            # the register's persons before those of other articles, which take a surname only once named in full
            ids = [i for i in ids if i not in elsewhere] or ids
        if len(ids) > 1 and head.startswith("surname:"):
            ids = _first_named(ids, names, folded)  # "Rodrigo Duterte ... Sara Duterte ... Duterte said": Rodrigo
        if len(ids) == 1:
            names[ids[0]].add(head.split(":", 1)[1] if ":" in head else f"the {head}")
    return names


def _first_named(ids: list[str], names: dict[str, set[str]], folded: str) -> list[str]:
    """Of the persons who share a surname, the one whose full name the text gives first (a news text calls its
    principal by the surname alone and the others by their full names); none if the text names none of them."""
    named = [(at, i) for i in ids for at in [_named_at(names[i], folded)] if at is not None]
    return [min(named)[1]] if named else []


def _named_at(names: set[str], folded: str) -> int | None:
    """Where a text (folded and lower-cased) first gives one of these lower-cased names as whole words ("Marcos
    Jr." too), accents or not; None if nowhere."""
    found = [m.start() for n in names for m in [re.search(rf"(?<!\w){re.escape(fold(n))}(?!\w)", folded)] if m]
    return min(found, default=None)


def acronyms_of(register: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The acronyms an entry's names give with "the" ("the UN"), to be found without it as written ("UN human
    rights experts", "Two UN special rapporteurs"), case-sensitively ("US" is not "us")."""
    out: dict[str, set[str]] = {}
    for entry in register:
        for name in [entry.get("name"), *(entry.get("aliases") or [])]:
            words = str(name or "").split()
            if len(words) == 2 and words[0].lower() == "the" and words[1].isupper() and words[1].isalpha():
                out.setdefault(entry["id"], set()).add(words[1])
    return out


def find_mentions(parsed: Parsed, nlp: Any, lex: Lexicon, register: list[dict[str, Any]]) -> list[Found]:
    """One Found per occurrence of a register name (the longest name at a place wins), accents or not ("Agnes
    Callamard" is "Agnès Callamard")."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    kinds = {}
    written = {e["id"]: [str(n) for n in [e.get("name"), *(e.get("aliases") or [])] if n] for e in register}
    persons = {e["id"] for e in register if e.get("type") == "Person"}
    unnamed = {e["id"] for e in register if e.get("type") == "UnnamedSource"}
    all_names = register_names(register, lex, parsed.text)
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    for iri, acronyms in acronyms_of(register).items():
        exact.add(iri, [nlp.make_doc(fold(a)) for a in sorted(acronyms)])
    for iri, names in all_names.items():
        if not generic_allowed(written.get(iri, []), parsed.text):  # "the government" of a country not named
            names = {n for n in names if not _generic(n, written.get(iri, []))}
        # an acronym is found as written ("US" is not "us", "AP" is not "ap")
        kinds[iri] = iri.split("/", 1)[0]
        acronyms = {n for n in written.get(iri, []) if n.isupper() and len(n) > 1 and " " not in n}
        if acronyms:
            exact.add(iri, [nlp.make_doc(fold(a)) for a in sorted(acronyms)])
        spelt = {n.lower() for n in written.get(iri, []) if n not in acronyms}  # "Interpol" beside "INTERPOL"
        names = {n for n in names if n.upper() not in acronyms or n in spelt}
        # tokenised as written: "Jr." is one word, "jr." two
        as_written = {w.lower(): w for w in written.get(iri, [])}
        if names:
            matcher.add(iri, [nlp.make_doc(fold(as_written.get(n, n))) for n in sorted(names)])
    folded = nlp.make_doc(fold(parsed.text))  # the same offsets as the text
    best: dict[tuple[int, str], Found] = {}
    given = set(lex["not_names"]) | set(lex["titles"])
    for match_id, start, end in [*matcher(folded), *exact(folded)]:
        iri = nlp.vocab.strings[match_id]
        span = folded[start:end]
        if iri in persons and end - start == 1 and start > 0:
            own = {w.lower() for n in written.get(iri, []) for w in fold(n).split()}  # "Jonah Roa Wenfield"
            if _other_given_name(parsed, folded[start - 1], given, own):
                continue  # "Penny Wong" is not the register's Joshua Wong, found by his surname
        data = {"id": iri, "kind": kinds[iri], "person": iri in persons, "names": sorted(all_names.get(iri, ()))}
        if iri in unnamed:  # "reports": common words, a mention only where they speak ("Reports suggest")
            data["unnamed"] = True
        found = Found(span.start_char, span.end_char, parsed.sent_of(span.start_char), data)
        key = (span.start_char, iri)
        if key not in best or best[key].end < found.end:
            best[key] = found
    # A name inside a longer name of the same entry is the same mention; one beginning another's longer name is none.
    found_all = sorted(best.values(), key=lambda f: (f.start, -f.end))
    kept: list[Found] = []
    for f in found_all:
        if any(k.data["id"] == f.data["id"] and k.start <= f.start and f.end <= k.end for k in kept):
            continue
        if any(k.start == f.start and f.end < k.end for k in kept):
            continue  # the beginning of a longer name: "the UN" in "the UN human rights office"
        kept.append(f)
    return kept


def _other_given_name(parsed: Parsed, before: Any, not_given: set[str], own: set[str]) -> bool:
    """Whether the word before a surname is another given name: capitalised, not the first word of its sentence
    ("But Wenfield said"), no stop word, title ("President Duterte") or other word that stands before names
    (lexicon `titles`, `not_names`), and none of the person's own names ("Jonah Roa Wenfield")."""
    if not before.is_title or before.is_stop or before.text in not_given or before.lower_ in own:
        return False
    if before.i > 0 and before.doc[before.i - 1].lower_ in own:
        return False  # a middle name: "Jonah Roa Wenfield" is the register's Jonah Wenfield
    sent = parsed.doc[parsed.token_at(before.idx)].sent
    return not parsed.opens_sentence(sent, before.idx)


def _generic(name: str, written: list[str]) -> bool:
    """Whether a lower-cased name of an entry is generic: judged on the name as the register writes it ("United
    States" is not, though its lower-cased form has no capital), and `the <head noun>` ("the ministry") is."""
    as_written = {w.lower(): w for w in written}
    if name in as_written:
        return is_generic(as_written[name])
    return name.startswith("the ") and len(name.split()) == 2


PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|bin|ibn|abu|bint|ben|van|von|de|da|di|du|le|la)-[A-Z]")
PARTICLES = ["bin", "ibn", "bint", "van", "von", "de", "da", "di", "du", "al", "el", "der", "den", "del", "della",
             "dos", "das", "ter", "le", "la"]  # fmt: skip
JOINTS = ("of", "for", "on")
# after an institutional noun and before a verb of the lexicon's `name_verbs` only: "Committee to Protect Journalists"
INSTITUTION_JOINTS = (*JOINTS, "to")


def hyphen_joined(nlp: Any, text: str) -> Any:
    """The text tokenised with hyphenated words kept whole ("France-Presse", "al-Mashhadani", "Hennis-Plasschaert"),
    as names are written (spaCy's English tokenizer splits them); each token knows whether it can be part of a
    name (`token._.rg_name_part`: capitalised, or a particle such as "al-" before a capital)."""
    if not Token.has_extension("rg_name_part"):
        Token.set_extension("rg_name_part", getter=lambda t: t.is_title or bool(PARTICLE.match(t.text)))
    doc = nlp.make_doc(text)
    joins = []
    i = 1
    while i < len(doc) - 1:
        start = i - 1
        while i < len(doc) - 1 and doc[i].text in "-/" and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
            if not (doc[i - 1].is_alpha and doc[i + 1].is_alpha):
                break
            if doc[i].text == "/" and not (doc[i - 1].text.isupper() and doc[i + 1].text.isupper()):
                break  # "RFE/RL" is one name; "and/or", "Reuters/Ipsos" are not joined
            i += 2
        if i - 1 > start:
            joins.append((start, i))
        i += 1
    with doc.retokenize() as retokenizer:
        for start, end in joins:
            retokenizer.merge(doc[start:end])
    return doc


def find_candidates(parsed: Parsed, nlp: Any, lex: Lexicon, taken: list[Found]) -> list[Found]:
    """Capitalised names that no register name covers: candidate actors (type Actor, as the text does not say
    more), each with a surname alias when no other candidate shares it, and the acronym written after it in
    brackets ("Agence France-Presse (AFP)") as an alias. A name is two or more capitalised words, joined by "of",
    "for" or "on" ("Ministry of Justice", "Kenya National Commission on Human Rights"), hyphenated words and name
    particles included ("Mahmoud al-Mashhadani", "Mohammed bin Salman"); words that only begin sentences or give
    a date (lexicon `not_names`) are not part of it, nor are titles before a person's name (lexicon `titles`:
    "Prime Minister Irakli Kobakhidze" is "Irakli Kobakhidze"), but a name ending in an institutional noun keeps
    them ("the Interior Ministry", "the Special Investigation Service")."""
    stop, titles = set(lex["not_names"]), set(lex["titles"])
    institutional = {str(w).lower() for w in lex["head_nouns"]}
    name_verbs = {str(w) for w in lex["name_verbs"]}
    doc = hyphen_joined(nlp, parsed.text)
    matcher = Matcher(nlp.vocab)
    part: dict[str, Any] = {"_": {"rg_name_part": True}, "OP": "+"}
    joint: dict[str, Any] = {"LOWER": {"IN": list(INSTITUTION_JOINTS)}}
    particle = {"LOWER": {"IN": PARTICLES}}
    matcher.add("NAME", [[part], [part, particle, part], [part, particle, particle, part]])  # "Erwin van der Borght"
    matcher.add("JOINED", [[part, joint, {"LOWER": "the", "OP": "?"}, part]])
    matcher.add(
        "LINKED", [[part, {"LOWER": {"IN": [*JOINTS, "the", "and", "against"]}}, {"LOWER": "the", "OP": "?"}, part]]
    )
    spans = []
    acronyms: dict[str, Any] = {}  # "AFP" -> the span of "Agence France-Presse"
    for match_id, start, end in matcher(doc):
        kind = nlp.vocab.strings[match_id]
        if kind == "LINKED" and not _bracketed_acronym(doc, end):
            continue  # "Together Against the Death Penalty (ECPM)": one name, as its acronym shows
        if kind == "JOINED":
            first = next(i for i in range(start, end) if doc[i].lower_ in INSTITUTION_JOINTS)
            if doc[first - 1].lower_ not in institutional:
                continue  # "Ministry of Justice" is one name; "Eemil Mitikka of the University" is two
            if doc[first].lower_ == "to" and doc[first + 1].lower_ not in name_verbs:
                continue  # "the Commission to Samplewatch International": sent to someone, not one name
        if start >= 2 and doc[start - 1].lower_ in JOINTS and doc[start - 2].is_title:
            continue  # the end of a longer title: "Human Rights" in "High Commissioner for Human Rights"
        keeps_titles = doc[end - 1].lower_ in institutional
        while start < end and (doc[start].text in stop or (doc[start].text in titles and not keeps_titles)):
            start += 1  # "On Tuesday", "The Ministry", "President Abdul Latif Rashid"
        while start < end and doc[end - 1].lower_ in (*JOINTS, "the"):
            end -= 1
        span = doc[start:end]
        named = [t for t in span if t._.rg_name_part]
        if len(named) < 2 or any(t.text in stop for t in named):
            continue
        if any(k.start < span.end_char and span.start_char < k.end for k in taken) and not _branch(
            span, taken, stop | titles
        ):
            continue
        line = parsed.text[parsed.text.rfind("\n", 0, span.start_char) + 1 :].split("\n", 1)[0]
        if not line.rstrip().endswith((".", '"', "\u201d")):  # a headline or heading, not running text
            continue
        spans.append(span)
        if _bracketed_acronym(doc, end):
            acronym = doc[end + 1].text
            shorter = acronym in acronyms and len(span) <= len(acronyms[acronym])
            if acronym.isupper() and acronym.isalpha() and len(acronym) >= 2 and not shorter:
                acronyms[acronym] = span  # the whole name before the brackets, not its last words
    # One capitalised word or acronym that speaks: "Reprieve counted", "ESOHR said", "Riyadh rejects".
    verbs = lex.reporting_heads
    for token in doc[:-1]:
        word, nxt = token.text, _after_apposition(doc, token.i + 1)
        if nxt.lower_ not in verbs or word in stop or word in titles or word in acronyms or len(word) < 2:
            continue
        if not word.replace("-", "").replace("/", "").isalpha() or country_form(word):
            continue  # "Riyadh rejects": the state speaks (states.py), not an actor called Riyadh
        if not word[:1].isupper() or any(k.start <= token.idx < k.end for k in taken):
            continue  # "Reprieve", "ESOHR", "IranWire", "OVD-Info"
        starts = token.is_sent_start or parsed.text[: token.idx].rstrip(" \t").endswith("\n")
        if starts and not word.isupper():
            continue  # "Officials said", "Critics warned": a capital that only begins the sentence
        if token.i > 0 and (doc[token.i - 1].is_title or doc[token.i - 1].text.isupper()):
            continue  # the last word of a longer name, found above
        spans.append(doc[token.i : token.i + 1])
    # A one-word speaker that is the last word of a longer name the text gives ("Irakli Kobakhidze ... Kobakhidze
    # said") is that name's surname, an alias found below, not an actor of its own.
    last_words = {s[-1].text for s in spans if len(s) > 1}
    spans = [s for s in spans if len(s) > 1 or s[0].text not in last_words]
    spans = list({(s.start, s.end): s for s in spans}.values())  # one span per place, once titles are stripped
    spans = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end for o in spans)]
    found: dict[str, Found] = {}
    repeated: list[Any] = []  # later occurrences of a name: the same actor (as an alias is), still a speaker
    for span in sorted(spans, key=lambda s: s.start):
        if span.text in found:
            repeated.append(span)
        else:
            found[span.text] = Found(
                span.start_char,
                span.end_char,
                parsed.sent_of(span.start_char),
                {
                    "id": f"actor/{slugify(span.text)}",
                    "kind": "actor",
                    "name": span.text,
                    "new": "Actor",
                    "person": _personal(span.text.split(), institutional) and not _organisational(span.text, lex),
                    "names": [span.text.lower()],
                },
            )
    out = list(found.values())
    for span in repeated:
        earliest = found[span.text]
        out.append(
            Found(span.start_char, span.end_char, parsed.sent_of(span.start_char), {**earliest.data, "alias": True})
        )
    aliases: dict[str, Found] = {a: found[s.text] for a, s in acronyms.items() if s.text in found}
    suffixes = {str(w) for w in lex["name_suffixes"]}
    for f in found.values():
        if not _personal(f.data["name"].split(), institutional) or f in aliases.values():
            continue  # "Rights" is not what "European Saudi Organisation for Human Rights" is called
        # the first named of those who share a surname is the one it names alone (found is in the text's order)
        aliases.setdefault(surname(f.data["name"], suffixes), f)
    for token in doc:
        owner = aliases.get(token.text)
        if owner is not None and not any(f.start <= token.idx < f.end for f in out):
            out.append(
                Found(token.idx, token.idx + len(token.text), parsed.sent_of(token.idx), {**owner.data, "alias": True})
            )
    return sorted(out, key=lambda f: f.start)


def _personal(words: list[str], institutional: set[str]) -> bool:
    """Whether a name may be a person's, whose surname alone names them later: two to four words, no "of", "for"
    or "on", not ending in an institutional noun."""
    return 2 <= len(words) <= 4 and not set(words) & set(JOINTS) and words[-1].lower() not in institutional


def _bracketed_acronym(doc: Any, end: int) -> bool:
    """Whether an acronym in brackets follows doc[:end]: "... (ECPM)"."""
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].text.isupper()


def _branch(span: Any, taken: list[Found], stop: set[str]) -> bool:
    """A register organisation's name followed by one more capitalised word, a country's or a place's ("Amnesty
    International Kenya"): the name of another actor, its national branch."""
    inside = [k for k in taken if span.start_char <= k.start and k.end <= span.end_char]
    first = next((k for k in inside if k.start == span.start_char and k.data["kind"] == "actor"), None)
    if first is None or any(k.data["kind"] == "actor" and k is not first for k in inside):
        return False
    rest = span.doc.text[first.end : span.end_char]
    return rest[:1] == " " and len(rest.split()) == 1 and rest.strip() not in stop


def _organisational(name: str, lex: Lexicon) -> bool:
    """A name with a word that names organisations, not people ("Iran Human Rights", "Hands Off Cain" is not
    caught: a person's name is only a guess)."""
    return bool({w.lower() for w in name.split()} & {str(w) for w in lex["organisation_words"]})


def _after_apposition(doc: Any, i: int) -> Any:
    """The token at i, or the one after a short apposition that starts there (", a group that monitors political
    persecution, counted": "counted")."""
    if doc[i].text != "," or i + 1 >= len(doc):
        return doc[i]
    for j in range(i + 1, min(len(doc) - 1, i + 14)):
        if doc[j].text == ",":
            return doc[j + 1] if doc[i + 1].lower_ in ("a", "an", "the") else doc[i]
        if doc[j].is_sent_start or doc[j].text in (".", ";", '"'):
            break
    return doc[i]
