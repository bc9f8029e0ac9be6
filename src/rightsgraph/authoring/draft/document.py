"""The draft of one article: the finders' results assembled into annotation nodes in the authoring format, each
marked `draft: true` and grounded to a quote that occurs once in the text (a node without one is left out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed, slugify
from rightsgraph.authoring.draft.counts import find_counts
from rightsgraph.authoring.draft.dating import date_nodes
from rightsgraph.authoring.draft.events import find_events
from rightsgraph.authoring.draft.lexicon import load_lexicon
from rightsgraph.authoring.draft.mentions import find_candidates, find_mentions
from rightsgraph.authoring.draft.narrator import FORECAST_WORDS, Voice, dated_sentences, forecasts, unclaimed_counts
from rightsgraph.authoring.draft.nlp import english
from rightsgraph.authoring.draft.occasions import own_time, same_occasion
from rightsgraph.authoring.draft.quotes import unique_quote
from rightsgraph.authoring.draft.statements import find_statements, state_stances
from rightsgraph.authoring.draft.states import state_named
from rightsgraph.authoring.draft.times import find_times

AFFIRMING = ("allegation", "accusation", "factual-claim")


def reference_date(article: dict[str, Any]) -> dt.date | None:
    """The article's date to resolve "last September" against: its latest bound, else its earliest."""
    published = article.get("published") or {}
    for key in ("latest", "earliest"):
        if isinstance(published.get(key), dt.date):
            return published[key]
    return None


class Ids:
    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def __call__(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


def draft_document(
    text: str,
    article: dict[str, Any],
    register: list[dict[str, Any]],
    vocab_dir: Path,
    keep: dict[str, list[Any]],
    taken: Iterable[str] = (),
) -> dict[str, Any]:
    """The annotation document: `article` as given, `keep` (confirmed nodes of the file) and the draft nodes,
    whose ids avoid `taken` (the ids other articles' files use)."""
    lex = load_lexicon(vocab_dir)
    nlp = english()
    doc = nlp(text)
    parsed = Parsed(text, doc, list(doc.sents))
    article_id = str(article["id"])
    known = {e["id"]: e for e in register} | {e["id"]: e for v in keep.values() for e in v if isinstance(e, dict)}
    taken = set(taken)
    ids = Ids(set(known) | taken | {article_id})
    quote = lambda start, end: unique_quote(text, start, end)

    mentions = find_mentions(parsed, nlp, lex, register)
    candidates = find_candidates(parsed, nlp, lex, mentions)
    statements = find_statements(parsed, nlp, lex, mentions + candidates, register)
    events = find_events(parsed, nlp, lex["events"])
    counts = find_counts(parsed, nlp, lex)
    times = find_times(parsed, nlp, article_id, reference_date(article))
    narrator = article.get("narrator") if article.get("narrator") in known else None
    # Without a narrator, what the text asserts in its own voice is drafted as its unnamed author's.
    author = None if narrator else ids(f"actor/author-of-{article_id.split('/', 1)[-1]}")
    narrator = str(narrator or author)

    out: dict[str, list[dict[str, Any]]] = {
        "actors": [],
        "mentions": [],
        "events": [],
        "statements": [],
        "claims_made": [],
    }
    kept_mentions = {m.get("id") for m in keep.get("mentions", [])}
    speaking = {(s.data["speaker"], s.start) for s in statements}
    for m in mentions:
        if m.data["id"] in kept_mentions or any(x["id"] == m.data["id"] for x in out["mentions"]):
            continue
        if m.data.get("unnamed") and (m.data["id"], m.start) not in speaking:
            continue  # an unnamed source's common words ("reports") name it only where it speaks
        q = quote(m.start, m.end)
        if q:
            out["mentions"].append({"id": m.data["id"], "draft": True, "evidence": [q]})

    # New actors: the candidates that speak or are named, and the unnamed sources that speak.
    new_actors: dict[str, dict[str, Any]] = {}
    elsewhere: set[str] = set()  # named actors another article already defines: mentioned here, not redefined
    renamed: dict[str, str] = {}
    for c in candidates:
        if c.data.get("alias") or c.data["id"] in known:
            continue
        q = quote(c.start, c.end)
        if c.data["id"] in taken:
            if q and c.data["id"] not in elsewhere:
                out["mentions"].append({"id": c.data["id"], "draft": True, "evidence": [q]})
            elsewhere.add(c.data["id"])
            continue
        if q:
            state = not c.data.get("person") and state_named(c.data["name"], lex)
            new_actors[c.data["id"]] = {
                "id": c.data["id"],
                "type": "GovernmentBody" if state else "Actor",  # "Interior Ministry", "Supreme Court"
                "draft": True,
                "name": c.data["name"],
                "evidence": [q],
            }
    for s in statements:
        if s.data.get("new") == "UnnamedSource":
            base = "actor/" + slugify(s.data["speaker"].split("/", 1)[1])
            if base in taken and base not in renamed:  # another article's unnamed source is someone else
                renamed[base] = ids(base)
            iri = renamed.get(base, base)
            s.data["speaker"] = iri
            if iri not in new_actors and iri not in known:
                q = quote(s.start, s.end)
                name = s.data.get("name") or text[s.start : s.end].rsplit(" ", 1)[0]
                if q:
                    new_actors[iri] = {
                        "id": iri,
                        "type": "UnnamedSource",
                        "draft": True,
                        "name": name,
                        "evidence": [q],
                    }
        elif s.data.get("new") == "GovernmentBody":  # "Saudi officials": a government no entry has
            iri = s.data["speaker"]
            if s.data.get("described") and iri in taken:  # another article's "interior ministry": maybe another's
                if iri not in renamed:
                    renamed[iri] = ids(iri)
                iri = s.data["speaker"] = renamed[iri]
            if iri in taken:
                elsewhere.add(iri)  # another article's node of that name: the same government, mentioned
            elif iri not in new_actors and (q := quote(s.start, s.end)):
                place = s.data.get("jurisdiction")
                new_actors[iri] = {
                    "id": iri,
                    "type": "GovernmentBody",
                    "draft": True,
                    "name": s.data["name"],
                    **({"jurisdiction": place} if place in known else {}),
                    "evidence": [q],
                }
    speakers_ok = set(known) | set(new_actors) | elsewhere
    statements = [s for s in statements if s.data["speaker"] in speakers_ok]
    for s in statements:  # "reportedly": the register's unnamed reports are mentioned where they speak
        mentioned = {m["id"] for m in out["mentions"]} | kept_mentions | set(new_actors)
        if (
            (s.data.get("adverb") or s.data.get("state"))
            and s.data["speaker"] not in mentioned
            and (q := quote(s.start, s.end))
        ):
            out["mentions"].append({"id": s.data["speaker"], "draft": True, "evidence": [q]})

    # Events, with the counts of their sentence.
    event_nodes: list[tuple[Found, dict[str, Any]]] = []
    for e in events:
        in_sent = [c for c in counts if c.sent == e.sent]
        start = min([e.start] + [c.start for c in in_sent if c.start < e.start and e.start - c.end < 40])
        q = quote(start, e.end)
        if not q:
            continue
        node: dict[str, Any] = {
            "id": ids(f"event/{e.data['types'][0]}"),
            "type": "Event",
            "draft": True,
            "event_type": e.data["types"],
            "label": q,
            "status": "reported",
            "evidence": [q],
        }
        event_nodes.append((e, node))
    quantity_of: dict[int, tuple[str, str]] = {}
    count_found: dict[str, tuple[Found, str]] = {}
    for c in counts:
        # the event of its sentence, else the last event of the two sentences before ("It counted 387 of them")
        host = _nearest([x for x in event_nodes if x[0].sent == c.sent], c) or next(
            (x for x in reversed(event_nodes) if c.sent - 2 <= x[0].sent < c.sent), None
        )
        q = quote(c.start, c.end)
        if host is None or not q:
            continue
        qid = ids(f"quantity/{slugify(c.data.get('counted') or 'count')}")
        qnode = {"id": qid, "type": "Quantity", "draft": True, "expression": c.data["expression"], "evidence": [q]}
        qnode |= {k: v for k, v in c.data.items() if k not in ("expression",)}
        if "proportion" in c.data:
            whole = [n for x, n in event_nodes if x is host[0] for n in n.get("count", []) if "proportion" not in n]
            if whole:
                qnode["part_of"] = whole[-1]["id"]
        host[1].setdefault("count", []).append(qnode)
        quantity_of[id(c)] = (qid, host[1]["id"])
        count_found[qid] = (c, q)

    # Statements: stances, claims, denials and responses; one statement per speaker and passage.
    merged: list[tuple[Found, dict[str, Any]]] = []
    passages: dict[int, tuple[int, str | None]] = {}  # a statement's last sentence and its own time's wording
    for s in statements:
        d = s.data
        speakers_here = {x.data["speaker"] for x in statements if x.sent == s.sent}
        sent_events = [n for x, n in event_nodes if x.sent == s.sent]
        cstart, cend = d["content"]
        in_content = [n for x, n in event_nodes if x.sent == s.sent and cstart <= x.start < cend]
        quantities = [
            quantity_of[id(c)][0]
            for c in counts
            if c.sent == s.sent and id(c) in quantity_of and (cstart <= c.start < cend or not d.get("adverb"))
        ]
        targets: list[str] = []
        responds: list[str] = []
        about: list[str] = []
        answered = None
        if d.get("denial"):
            answered = next(
                (
                    n
                    for x, n in reversed(merged)
                    if x.start < s.start and n["speaker"] != d["speaker"] and n.get("claims")
                ),
                None,
            )
        if answered is not None:
            claim = answered["claims"][0]["id"]
            targets, about, responds = [claim], [claim], [answered["id"]]
        else:  # a denial that answers no statement drafted before denies what its sentence is about
            events_here = in_content or sent_events
            objects = [
                m.data["id"]
                for m in mentions + candidates
                if m.data["kind"] == "actor"
                and m.sent == s.sent
                and m.start >= cstart
                and m.data["id"] != d["speaker"]
                and m.data["id"] in speakers_ok
            ]
            if not objects:  # "appeals ... for justice": whom the sentence is about, where no one is named after
                objects = [
                    m.data["id"]
                    for m in mentions + candidates
                    if m.data["kind"] == "actor"
                    and m.sent == s.sent
                    and m.data["id"] not in speakers_here
                    and m.data["id"] in speakers_ok
                ]
            if not events_here and not objects:  # nothing named: the latest event before it, for review
                events_here = [n for x, n in event_nodes if x.start < s.start][-1:]
            targets = [events_here[0]["id"]] if events_here else objects[:1]
            about = list(dict.fromkeys(quantities + [n["id"] for n in events_here] + targets))
        if not targets:
            continue
        verb_q = quote(s.start, s.end)
        content_q = quote(cstart, cend) if text[cstart:cend].strip(" .,") else None
        if not verb_q:
            continue
        future = bool(d.get("future"))
        certainty, cues = d["certainty"], list(d["cues"])
        kind = d["kind"]
        if not future and content_q and set(w.lower() for w in cues) & FORECAST_WORDS:
            kind, future = "forecast", True
        claims = []
        if content_q and about:
            claim = {
                "id": ids(f"claim/{slugify(d['speaker'].split('/')[-1])}-{slugify(d['verb'])}"),
                "type": "Claim",
                "draft": True,
                "kind": kind,
                "text": claim_text(content_q),
                "about": about,
                "certainty": certainty,
            }
            if cues and certainty != "certain":
                claim["modal_cue"] = cues
            claim |= {
                "polarity": "negative" if d.get("denial") else "positive",
                "temporality": "future" if future else "non-future",
                "evidence": [content_q],
            }
            if d.get("denial") and responds:
                claim["rebuts"] = about
            claims.append(claim)
        for _, n in event_nodes:  # a denied event is contested (and stays so); an alleged one is alleged
            if n["id"] in about or n["id"] in targets:
                if d.get("denial"):
                    n["status"] = "contested"
                elif kind in AFFIRMING and n["status"] != "contested":
                    n["status"] = "alleged"
        own = own_time(parsed, times, s)
        previous = next((x for x in reversed(merged) if x[1]["speaker"] == d["speaker"]), None)
        joined = d.get("joined") and previous is not None and passages[id(previous[1])][0] == s.sent
        if previous is not None and (joined or same_occasion(previous, s, own, passages)):
            # One statement per speaker and occasion: the same speaker again, a few sentences on, with no other
            # time of their own ("X said on Monday ... X added ... the group said"). `reports` is the stance a
            # plain reporting verb proposes: a more specific stance of the same statement replaces it.
            node = previous[1]
            passages[id(node)] = (s.sent, passages[id(node)][1] or own)
            # A quotation with no stance of its own (None) adds none.
            plain = d["stance"] in ("reports", None)
            if not plain:
                node["stances"] = [st for st in node["stances"] if st.get("stance") not in ("reports", None)]
            if d["stance"] is not None and (not plain or not node["stances"]):
                for stance in node["stances"]:
                    if stance.get("stance") == d["stance"]:
                        stance["target"] = list(dict.fromkeys(stance["target"] + targets))
                        break
                else:
                    node["stances"].append({"stance": d["stance"], "target": targets})
            if responds:
                node["responds_to"] = list(dict.fromkeys(node.get("responds_to", []) + responds))
            if verb_q not in node["evidence"]:
                node["evidence"].append(verb_q)
            node.setdefault("claims", []).extend(
                c for c in claims if all(c["text"] != o["text"] for o in node.get("claims", []))
            )
            continue
        node = {
            "id": ids(f"statement/{slugify(d['speaker'].split('/')[-1])}-{slugify(d['verb'])}"),
            "type": "Statement",
            "draft": True,
            "label": f"{text[s.start : s.end]}",
            "speaker": d["speaker"],
            # no stance proposed: the target alone, for the researcher to give the stance towards it
            "stances": [{"stance": d["stance"], "target": targets} if d["stance"] else {"target": targets}],
            "evidence": [verb_q],
        }
        if responds:
            node["responds_to"] = responds
        if claims:
            node["claims"] = claims
        merged.append((s, node))
        passages[id(node)] = (s.sent, own)

    state_stances(merged, new_actors, parsed, lex)
    undated = date_nodes(times, event_nodes, merged, article.get("published") or {})

    # What the text asserts in its own voice: its narrator's (or unnamed author's) claims.
    voice = Voice(parsed, lex, narrator, ids, quote)
    out["claims_made"] += forecasts(voice, {x.sent for x in statements}, event_nodes, mentions)
    claimed = _about([*(n for _, n in merged), *out.values()])
    out["claims_made"] += unclaimed_counts(voice, event_nodes, claimed, count_found)
    out["claims_made"] += dated_sentences(voice, undated, out["claims_made"], event_nodes, mentions)
    if author is not None and any(author in c.get("attributed_to", []) for c in out["claims_made"]):
        new_actors[author] = {
            "id": author,
            "type": "Actor",
            "draft": True,
            "name": "author of the article (not named)",
            "description": "The unnamed author, to whom what the text asserts in its own voice is attributed.",
        }
    out["actors"] = list(new_actors.values())
    out["events"] = [n for _, n in event_nodes]
    out["statements"] = [n for _, n in merged]
    document: dict[str, Any] = {"article": article}
    for section, nodes in keep.items():
        document[section] = list(nodes)
    for section, nodes in out.items():
        if nodes:
            document.setdefault(section, []).extend(nodes)
    return document


def _nearest(candidates: list[tuple[Found, dict[str, Any]]], found: Found) -> tuple[Found, dict[str, Any]] | None:
    if not candidates:
        return None
    return min(candidates, key=lambda x: abs(x[0].start - found.start))


def _about(nodes: list[Any]) -> set[str]:
    """Every id some node under `nodes` is about."""
    claimed: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            claimed.update(v for v in value.get("about") or [] if isinstance(v, str))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(nodes)
    return claimed


def claim_text(quote: str) -> str:
    """What a claim says, from the words that say it: without the punctuation that joined them to the verb
    (': "As for us, we are free."' says 'As for us, we are free.'); the quote stays the claim's evidence."""
    text = quote.lstrip(" :;,-\u2013\u2014")
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        if (
            text.startswith(opening)
            and text.rstrip(".").endswith(closing)
            and text.count(closing) == (2 if opening == closing else 1)
        ):
            text = text[1:].rstrip(".")[:-1].strip()
    return text or quote
