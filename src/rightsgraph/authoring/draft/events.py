"""Events: the words of the lexicon that name what happened (executed, detained, died in custody...)."""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher, PhraseMatcher

from rightsgraph.authoring.draft.base import Found, Parsed


def find_events(parsed: Parsed, nlp: Any, lexicon_events: dict[str, str]) -> list[Found]:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    gapped = Matcher(nlp.vocab)
    for words, event_type in lexicon_events.items():
        matcher.add(event_type, [nlp.make_doc(words)])
        first, *rest = words.split()
        if rest and len(rest) >= 2:  # "put to death" is also "put more people to death", "put 13 men to death"
            gapped.add(
                event_type, [[{"LOWER": first}, {"OP": "{1,3}", "IS_PUNCT": False}, *({"LOWER": w} for w in rest)]]
            )
    found = []
    for match_id, start, end in [*matcher(parsed.doc), *gapped(parsed.doc)]:
        span = parsed.doc[start:end]
        found.append(
            Found(
                span.start_char,
                span.end_char,
                parsed.sent_of(span.start_char),
                {"event_type": nlp.vocab.strings[match_id]},
            )
        )
    # One event per sentence and type; "executed by hanging" is one event with both types.
    by_sent: dict[int, Found] = {}
    for f in sorted(found, key=lambda f: f.start):
        same = by_sent.get(f.sent)
        if same is not None and f.start - same.end < 25:
            if f.data["event_type"] not in same.data["types"]:
                same.data["types"].append(f.data["event_type"])
            same.end = max(same.end, f.end)
            continue
        f.data["types"] = [f.data["event_type"]]
        by_sent[f.sent] = f if same is None else same
        if same is not None:
            by_sent[-f.start - 1] = f
    return sorted(by_sent.values(), key=lambda f: f.start)
