"""Generate a deterministic synthetic rightsgraph corpus for benchmarks (issue "Scale").

    python scripts/gen_corpus.py --articles 800 --seed 1 --out /tmp/corpus-800 [--actors 80] [--places 24]

writes a complete project into --out (never the repository's data/, which is real material only): copies of
ontology/, shapes/, queries/ and metadata/ with the context's "@base" (and the VoID uriSpace) moved to
https://w3id.org/rightsgraph/synthetic/id/, so that every minted IRI says it is synthetic; data/actors.yaml, a
register of synthetic actors and places; and per article data/sources/synthetic-article-NNNNN.txt and
data/annotations/synthetic-article-NNNNN.yaml in the authoring format. Every slug starts with "synthetic-".

An article has 2-5 events (place, uncertain time dated by an inference, qualified counts) and 5-15 statements
by register actors drawn with a Zipf-like skew, with nested claims, responses, denials, calls for outcomes,
assessments, forecasts, mentions and now and then a membership: about 1,100 triples once built. The text is
written first, sentence by sentence; each sentence carries a number of its own ("statement 12-7") and every
evidence quote is one whole sentence, checked to occur exactly once. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import itertools
import json
import random
import re
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL_BASE = "https://w3id.org/rightsgraph/id/"
SYNTHETIC_BASE = "https://w3id.org/rightsgraph/synthetic/id/"
SOURCE_URL = "https://example.org/synthetic-wire/"  # context sources are external links, not minted IRIs
START = date(2024, 1, 1)

# Actor types in register order (actor 1 is a government body), and the stem of their names.
ACTOR_CYCLE = (
    "GovernmentBody",
    "HumanRightsOrganization",
    "CollectiveActor",
    "Person",
    "ReligiousOrganization",
    "HumanRightsOrganization",
    "GovernmentBody",
    "CollectiveActor",
    "Campaign",
    "Legislature",
    "Community",
    "InternationalOrganization",
    "Person",
)
ACTOR_NAMES = {
    "GovernmentBody": "Ministry",
    "HumanRightsOrganization": "Rights Observatory",
    "CollectiveActor": "Collective",
    "Person": "Person",
    "ReligiousOrganization": "Council of Clerics",
    "Campaign": "Campaign",
    "Legislature": "Parliament",
    "Community": "Community",
    "InternationalOrganization": "Union",
}
PLACE_CYCLE = ("Region", "City", "Prison", "City", "Prison", "Region", "City", "Prison", "Country")
POOLS = {
    "state": ("GovernmentBody", "Legislature"),
    "victims": ("CollectiveActor", "Community"),
    "civil": (
        "HumanRightsOrganization",
        "ReligiousOrganization",
        "CollectiveActor",
        "Campaign",
        "Community",
        "Person",
        "InternationalOrganization",
    ),
    "addressees": ("GovernmentBody", "Legislature", "InternationalOrganization"),
    "organisations": ("GovernmentBody", "Legislature", "HumanRightsOrganization", "ReligiousOrganization"),
    "persons": ("Person",),
    "campaigns": ("Campaign", "CollectiveActor"),
    "prisons": ("Prison",),
    "cities": ("City", "Region"),
    "countries": ("Country",),
    "observers": ("InternationalOrganization", "HumanRightsOrganization"),
}

# Event kinds: event types, pool of places, roles of (the state actor, the other actor), what is
# counted, and the sentence.
EVENTS = {
    "execution round": (
        ["execution-round", "hanging"],
        "prisons",
        ("perpetrator", "victim"),
        "prisoners hanged",
        "{name} took place at {place} {when}, when {count} prisoners were hanged by order of {state}.",
    ),
    "detention sweep": (
        ["detention"],
        "cities",
        ("perpetrator", "detainee"),
        "people detained",
        "During {name} in {place} {when}, forces of {state} detained {count} people.",
    ),
    "mass trial": (
        ["trial", "death-sentence"],
        "cities",
        ("authority", "detainee"),
        "defendants sentenced to death",
        "{name} before a court of {state} in {place} ended {when} with death sentences for {count} defendants.",
    ),
    "protest": (
        ["protest"],
        "cities",
        ("target", "campaigner"),
        "demonstrators",
        "{name} in {place} {when} drew {count} demonstrators, led by {other}, who marched against {state}.",
    ),
    "campaign drive": (
        ["campaign"],
        "countries",
        ("target", "organiser"),
        "signatures gathered",
        "{name} of {other} across {place} gathered {count} signatures {when} on a petition to {state}.",
    ),
    "abuse case": (
        ["torture", "coerced-confession"],
        "prisons",
        ("authority", "victim"),
        "detainees who confessed under torture",
        "In {name} at {place} {when}, {count} detainees held by {state} said they had confessed under torture.",
    ),
    "execution wave": (
        ["execution"],
        "countries",
        ("perpetrator", "victim"),
        "executions in total",
        "{name} swept the prisons of {place} {when}, with {count} executions carried out by {state}.",
    ),
}
QUALIFIERS = {
    "at-least": "at least",
    "approximately": "approximately",
    "exactly": "exactly",
    "more-than": "more than",
    "at-most": "at most",
    "fewer-than": "fewer than",
}
OUTCOMES = {
    "moratorium": "halt the executions that followed",
    "fair-trial": "grant fair retrials to those condemned in",
    "reform": "reform the courts responsible for",
    "intervention": "send observers to investigate",
}
# Reactions after the reports: weight, (stances, verb of the opening sentence), media.
REACTIONS = {
    "condemn": (
        4,
        (
            (["condemns"], "condemned"),
            (["criticises"], "criticised"),
            (["opposes"], "opposed"),
            (["condemns", "accuses-of-human-rights-abuses"], "condemned as abusive"),
            (["accuses"], "blamed {state} for"),
        ),
        ("press-statement", "social-media", "public-remarks"),
    ),
    "defend": (
        2,
        ((["defends"], "defended"), (["justifies"], "justified"), (["supports"], "voiced support for")),
        ("press-statement", "public-remarks"),
    ),
    "deny": (
        2,
        ((["denies"], "denied"), (["rejects"], "rejected"), (["denies", "rejects"], "flatly denied")),
        ("press-statement",),
    ),
    "call": (
        3,
        ((["calls-for"], "called on"), (["appeals"], "appealed to")),
        ("petition-or-appeal", "social-media", "press-statement"),
    ),
    "warn": (
        2,
        ((["warns"], "warned about"), (["expresses-concern"], "expressed concern over")),
        ("public-remarks", "news-article"),
    ),
}
# Claims: "lead|clause|kind|about|certainty[|temporality[|modal cue]]": the sentence is "Statement N-K <lead>
# <clause>"; the claim's paraphrase is the clause, about the event's label.
CLAIMS = {
    "report": (
        "alleged that|lawyers were kept away from {ev}.|allegation|event state|certain",
        "added that|{other} had no warning before {ev}.|factual-claim|event other|certain",
        "noted that|{state} gave no official figures for {ev}.|factual-claim|event state|probable",
        "reported that|cells at {place} were overcrowded before {ev}.|factual-claim|event place|certain",
        "alleged that|{other} were held without charge before {ev}.|allegation|other event|probable",
    ),
    "condemn": (
        "alleged that|{ev} broke the right to a fair trial.|allegation|event state|certain",
        "alleged that|{state} hid the fate of those held in {ev}.|accusation|state event|certain",
        "said that|families learned of {ev} only afterwards.|factual-claim|event other|certain",
        "suggested that|confessions used in {ev} were coerced.|allegation|event|probable",
    ),
    "defend": (
        "argued that|{ev} was lawful and served security.|justification|event|certain",
        "said that|those affected by {ev} had been convicted of terrorism.|justification|event other|certain",
        "stated that|every step of {ev} followed the law.|factual-claim|event|certain",
        "insisted that|no abuse took place during {ev}.|denial|event|certain",
    ),
    "deny": (
        "said that|the account of statement {prev} was false.|denial|prevclaim|certain",
        "maintained that|statement {prev} relied on rumours.|denial|prev|certain",
        "claimed that|no one was harmed during {ev}.|denial|event|certain",
    ),
    "call": (
        "insisted that|{addr} must act on {ev}.|call-to-action|addr event|certain|future",
        "asked that|the names of those affected by {ev} be published.|call-to-action|event other|certain|future",
        "urged that|independent monitors follow the aftermath of {ev}.|call-to-action|event|certain|future",
        "demanded that|{other} be released after {ev}.|call-to-action|other event|certain|future",
    ),
    "warn": (
        "warned that|more executions may follow {ev}.|forecast|event|possible|future|may",
        "said that|{ev} could deepen mistrust of the courts.|opinion|event|possible|future|could",
        "feared that|those held after {ev} probably face further abuse."
        "|allegation|event other|probable|future|probably",
        "cautioned that|{other} might be targeted again after {ev}.|forecast|other event|possible|future|might",
    ),
}
QUOTES = {
    "report": "Our figures on {ev} are documented",
    "condemn": "What happened in {ev} is a crime",
    "defend": "{ev} was carried out under the law",
    "deny": "Statement {prev} is a fabrication",
    "call": "There is still time to act on {ev}",
    "warn": "We fear what comes after {ev}",
}
ASSESSMENTS = (
    ("marks a hardening of policy", "certain", None),
    ("potentially signals more executions", "possible", "potentially"),
    ("shows how little the courts are trusted", "certain", None),
    ("likely reflects pressure on the judiciary", "probable", "likely"),
)
FORECAST_EFFECTS = {
    "pressure": "international pressure on the government",
    "reform": "reforms of the judicial process",
    "instability": "further instability in the region",
    "protest": "new protests in the capital",
}


Pools = dict[str, tuple[list[dict], list[float]]]


def pick(rng: random.Random, pools: Pools, pool: str) -> dict:
    """A Zipf-like draw: the first members of a pool are named far more often than the last."""
    members, cumulative = pools[pool]
    return rng.choices(members, cum_weights=cumulative)[0]


def make_register(n_actors: int, n_places: int) -> tuple[dict, Pools]:
    """The register's sections (actors, places) and the pools that articles draw from."""
    actors, places, latest = [], [], {}
    for i in range(1, n_actors + 1):
        kind = ACTOR_CYCLE[(i - 1) % len(ACTOR_CYCLE)]
        stem = ACTOR_NAMES[kind]
        actors.append(
            {
                "id": f"actor/synthetic-{stem.lower().replace(' ', '-')}-{i}",
                "type": kind,
                "name": f"Synthetic {stem} {i}",
                "description": f"A synthetic {kind}, made for benchmarks.",
                **({"hashtag": f"#SyntheticCampaign{i}"} if kind == "Campaign" else {}),
                **({"sub_organization_of": actors[0]["id"]} if kind == "GovernmentBody" and i > 1 else {}),
            }
        )
    for i in range(1, n_places + 1):
        kind = "Country" if i == 1 else PLACE_CYCLE[(i - 2) % len(PLACE_CYCLE)]
        node = {"id": f"place/synthetic-{kind.lower()}-{i}", "type": kind, "name": f"Synthetic {kind} {i}"}
        parent = {"Region": "Country", "City": "Region", "Prison": "City"}.get(kind)
        if parent:
            node["located_in"] = latest.get(parent, latest.get("Region", latest["Country"]))["id"]
        if kind == "Prison":
            node["operated_by"] = actors[0]["id"]
        latest[kind] = node
        places.append(node)
    pools = {}
    for pool, kinds in POOLS.items():
        members = [n for n in actors + places if n["type"] in kinds]
        pools[pool] = (members, list(itertools.accumulate(1.0 / rank**1.1 for rank in range(1, len(members) + 1))))
    return {"actors": actors, "places": places}, pools


PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9:-]*(/[a-z0-9-]+)?$")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_scalar(value: object) -> str:
    """Dates and integers bare; slugs and concept names plain, as a researcher writes them; other text as a
    JSON string (which is a YAML double-quoted scalar)."""
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value if PLAIN.match(value) and value.lower() not in YAML_WORDS else json.dumps(value, ensure_ascii=False)


def yaml_lines(node: dict, indent: int = 0, first: str = "") -> list[str]:
    """Block-style YAML of a mapping; lists of plain values in flow style."""
    out = []
    for n, (key, value) in enumerate(node.items()):
        pad = first if n == 0 and first else " " * indent
        if isinstance(value, dict):
            out += [f"{pad}{key}:", *yaml_lines(value, indent + 2)]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{pad}{key}:")
            for item in value:
                out += yaml_lines(item, indent + 4, " " * (indent + 2) + "- ")
        elif isinstance(value, list):
            out.append(f"{pad}{key}: [{', '.join(yaml_scalar(v) for v in value)}]")
        else:
            out.append(f"{pad}{key}: {yaml_scalar(value)}")
    return out


def count_values(node: object) -> int:
    """Triples a node gives before grounding and rules: one per value and per link to a nested node."""
    if isinstance(node, dict):
        return sum(count_values(v) + isinstance(v, dict) for k, v in node.items() if k != "id")
    if isinstance(node, list):
        return sum(count_values(v) + isinstance(v, dict) for v in node)
    return 1


def count_sections(sections: dict) -> int:
    """Triples of a file's sections (whose entries are nodes, not links)."""
    return sum(count_values(v) if isinstance(v, dict) else sum(map(count_values, v)) for v in sections.values())


def time_span(rng: random.Random, day: date, dated_by: str) -> dict:
    month, last = calendar.month_name[day.month], calendar.monthrange(day.year, day.month)[1]
    first, ym = day.replace(day=1), f"{day.year}-{day.month:02d}"
    span = [
        {"expression": f"last {month}", "edtf": ym, "earliest": first, "latest": day.replace(day=last)},
        {"expression": f"on {day.day} {month}", "edtf": day.isoformat(), "earliest": day, "latest": day},
        {"expression": f"in early {month}", "edtf": ym, "earliest": first, "latest": day.replace(day=10)},
        {"expression": f"since {month}", "edtf": f"{ym}/..", "earliest": first},
    ][rng.randrange(4)]
    return {**span, "dated_by": dated_by}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_count(rng: random.Random, qid: str, counted: str) -> dict:
    value, qualifier = rng.randint(5, 400), rng.choice(list(QUALIFIERS))
    bounds = {
        "at-least": {"min": value},
        "more-than": {"min_exclusive": value},
        "exactly": {"min": value, "max": value},
        "at-most": {"max": value},
        "fewer-than": {"max_exclusive": value},
    }.get(qualifier, {})
    return {
        "id": qid,
        "type": "Quantity",
        "expression": f"{QUALIFIERS[qualifier]} {value}",
        "value": value,
        **bounds,
        "qualifier": qualifier,
        "counted": counted,
    }


class Article:
    """One synthetic article: its text, written sentence by sentence, and its annotation."""

    def __init__(self, number: int, seed: int, pools: Pools) -> None:
        self.n, self.pools, self.rng = number, pools, random.Random(seed * 1_000_003 + number)
        self.slug, self.key = f"synthetic-article-{number:05d}", f"synthetic-a{number:05d}"
        self.paragraphs: list[list[str]] = []
        self.quotes: list[str] = []
        self.mentions: dict[str, str] = {}  # register id -> first sentence naming it
        self.s: dict[str, list] = {
            k: []
            for k in (
                "actors",
                "context_sources",
                "inferences",
                "memberships",
                "events",
                "outcomes",
                "statements",
                "assessments",
                "forecasts",
            )
        }
        self.events: list[dict] = []  # with the words and register nodes that statements refer to
        self.statements: list[dict] = []

    def pick(self, pool: str) -> dict:
        return pick(self.rng, self.pools, pool)

    def say(self, sentence: str, *named: dict) -> str:
        """Append a sentence to the text; it is the evidence quote of what it says."""
        sentence = cap(sentence)
        if sentence in self.quotes:
            raise AssertionError(f"{self.slug}: sentence written twice: {sentence}")
        self.paragraphs[-1].append(sentence)
        self.quotes.append(sentence)
        for node in named:
            self.mentions.setdefault(node["id"], sentence)
        return sentence

    def ref(self, kind: str, local: str) -> str:
        return f"{kind}/{self.key}-{local}"

    def build(self) -> tuple[str, dict]:
        rng = self.rng
        self.pub = START + timedelta(days=rng.randint(120, 700))
        self.sources_and_inferences()
        self.paragraphs.append([])
        for j in range(1, rng.randint(2, 5) + 1):
            self.event(j)
        if rng.random() < 0.35:
            self.paragraphs.append([])
            self.membership()
        n_statements = rng.randint(5, 15)
        for k in range(1, n_statements + 1):
            self.paragraphs.append([])
            self.statement(k, last=k == n_statements)
        self.paragraphs.append([])
        for m, (phrase, certainty, cue) in enumerate(rng.sample(ASSESSMENTS, rng.randint(1, 2)), start=1):
            self.assessment(m, phrase, certainty, cue)
        for m, effect_type in enumerate(rng.sample(list(FORECAST_EFFECTS), rng.randint(1, 2)), start=1):
            self.forecast(m, effect_type)
        headline = f"Synthetic report {self.n}: {self.events[0]['label']} and the reactions to it"
        text = headline + "\n\n" + "\n\n".join(" ".join(p) for p in self.paragraphs) + "\n"
        for quote in self.quotes:
            if text.count(quote) != 1:
                raise AssertionError(f"{self.slug}: quote occurs {text.count(quote)} times: {quote}")
        return text, self.annotation(text, headline)

    def sources_and_inferences(self) -> None:
        for i in (1, 2):
            self.s["context_sources"].append(
                {
                    "id": self.ref("source", f"wire-{i}"),
                    "type": "ContextSource",
                    "title": f"Synthetic wire report {self.n}-{i}",
                    "url": f"{SOURCE_URL}{self.n:05d}-{i}",
                    "date_published": self.pub - timedelta(days=i - 1),
                    "says": f"A synthetic wire report that dates what synthetic article {self.n} reports.",
                }
            )
        for local, reasoning, sources in (
            ("publication-date", "The wire report of the same day names the article.", ["wire-1"]),
            (
                "event-dates",
                "The wire reports date the events that the article dates by month or day only.",
                ["wire-1", "wire-2"],
            ),
            ("statement-dates", "The second wire report gives the day each statement was issued.", ["wire-2"]),
        ):
            self.s["inferences"].append(
                {
                    "id": self.ref("inference", local),
                    "type": "DatingInference",
                    "reasoning": reasoning,
                    "derived_from": [self.ref("source", s) for s in sources],
                }
            )

    def event(self, j: int) -> None:
        rng = self.rng
        kind = rng.choice(list(EVENTS))
        types, pool, (state_role, other_role), counted, template = EVENTS[kind]
        place, state = self.pick(pool), self.pick("state")
        other = self.pick({"campaigner": "civil", "organiser": "campaigns"}.get(other_role, "victims"))
        name = f"{kind} {self.n}-{j}"
        when = time_span(rng, self.pub - timedelta(days=rng.randint(20, 110)), self.ref("inference", "event-dates"))
        counts = [make_count(rng, self.ref("quantity", f"e{j}-q1"), counted)]
        evidence = [
            self.say(
                template.format(
                    name=name,
                    place=place["name"],
                    when=when["expression"],
                    state=state["name"],
                    count=counts[0]["expression"],
                    other=other["name"],
                ),
                place,
                state,
                *([other] if "{other}" in template else []),
            )
        ]
        if rng.random() < 0.5:
            counts.append(make_count(rng, self.ref("quantity", f"e{j}-q2"), f"members of {other['name']} among them"))
            evidence.append(
                self.say(
                    f"Members of {other['name']} numbered {counts[1]['expression']} in {name}, by one account.", other
                )
            )
        node = {
            "id": self.ref("event", f"e{j}"),
            "type": "Event",
            "event_type": types,
            "label": f"{kind} {self.n}-{j} in {place['name']}",
            "status": "reported",
            "place": [place["id"]],
            "time": when,
            "count": counts,
            "participants": [{"actor": state["id"], "role": state_role}, {"actor": other["id"], "role": other_role}],
            "evidence": evidence,
        }
        if rng.random() < 0.6:
            observer = self.pick("observers")
            evidence.append(self.say(f"Monitors of {observer['name']} followed {name} from the start.", observer))
            node["participants"].append({"actor": observer["id"], "role": "observer"})
        rounds = [e["id"] for e in self.s["events"] if e["event_type"][0] == "execution-round"]
        if kind == "execution wave" and rounds:
            node["sub_events"] = rounds
        self.s["events"].append(node)
        self.events.append(
            {"node": node, "name": name, "label": node["label"], "state": state, "other": other, "place": place}
        )

    def membership(self) -> None:
        person, org = self.pick("persons"), self.pick("organisations")
        role = "member-of-parliament" if org["type"] == "Legislature" else self.rng.choice(["spokesperson", "member"])
        quote = self.say(
            f"{person['name']} serves {org['name']} as {role.replace('-', ' ')}, according to profile {self.n}-1.",
            person,
            org,
        )
        self.s["memberships"].append(
            {
                "id": self.ref("membership", "m1"),
                "type": "org:Membership",
                "member": person["id"],
                "organization": org["id"],
                "post_role": role,
                "evidence": [quote],
            }
        )

    def claim(self, cid: str, prefix: str, template: str, words: dict, refs: dict) -> dict:
        """A claim from a CLAIMS template; its sentence is written into the text here."""
        fields = template.split("|")
        lead, clause, kind, about, certainty, temporality, cue = fields + ["non-future", ""][len(fields) - 5 :]
        return {
            "id": cid,
            "type": "Claim",
            "kind": kind,
            "text": cap(clause.format(**{**words, "ev": words["evl"]})),
            "about": [refs.get(a, a) for a in about.split()],
            "certainty": certainty,
            **({"modal_cue": [cue]} if cue else {}),
            "polarity": "negative" if kind == "denial" else "positive",
            "temporality": temporality,
            "evidence": [self.say(f"{prefix}{lead} {clause.format(**words)}")],
        }

    def statement(self, k: int, last: bool) -> None:
        rng, sid, num = self.rng, self.ref("statement", f"s{k}"), f"{self.n}-{k}"
        if k <= len(self.events):
            kind = "report"
        elif last and not any("responds_to" in s["node"] for s in self.statements):
            kind = "deny"
        else:
            kind = rng.choices(list(REACTIONS), weights=[r[0] for r in REACTIONS.values()])[0]
        prev = rng.choice(self.statements) if kind == "deny" else None
        event = self.events[k - 1] if kind == "report" else prev["event"] if prev else rng.choice(self.events)
        speaker = self.pick("state" if kind in ("defend", "deny") else "civil")
        node = {
            "id": sid,
            "type": "Statement",
            "label": f"statement {num} by {speaker['name']}",
            "speaker": speaker["id"],
        }
        issued = ","
        if rng.random() < 0.6:
            day = self.pub - timedelta(days=rng.randint(0, 15))
            expression = f"on {day.day} {calendar.month_name[day.month]}"
            issued = f", issued {expression},"
            node["time"] = {
                "expression": expression,
                "edtf": day.isoformat(),
                "earliest": day,
                "latest": day,
                "dated_by": self.ref("inference", "statement-dates"),
            }
        words = {
            "ev": event["name"],
            "evl": event["label"],
            "state": event["state"]["name"],
            "place": event["place"]["name"],
            "other": event["other"]["name"],
            "prev": prev["num"] if prev else "",
            "addr": "",
        }
        refs = {
            "event": event["node"]["id"],
            "state": event["state"]["id"],
            "other": event["other"]["id"],
            "place": event["place"]["id"],
            "prev": prev and prev["node"]["id"],
            "prevclaim": prev and prev["claims"][0],
        }
        named, head = [speaker], f"In statement {num}{issued} {speaker['name']}"
        if kind == "report":
            node.update(
                stance=["reports"] + (["criticises"] if rng.random() < 0.5 else []),
                medium="report",
                target=[event["node"]["id"]],
            )
            head += f" published a report on {event['name']}."
            templates = [
                f"{'reportedly counted' if rng.random() < 0.3 else 'counted'}|{q['expression']} {q['counted']} "
                f"in {{ev}}.|factual-claim|{q['id']} event|certain"
                for q in event["node"]["count"]
            ]
            templates += rng.sample(CLAIMS["report"], rng.randint(1, 3))
        else:
            _, stances, media = REACTIONS[kind]
            stance, verb = rng.choice(stances)
            node.update(stance=stance, medium=rng.choice(media))
            templates = rng.sample(CLAIMS[kind], rng.randint(2, len(CLAIMS[kind])))
            if kind == "deny":
                node.update(target=[prev["node"]["id"]], responds_to=[prev["node"]["id"]])
                head += f" {verb} what statement {prev['num']} had said about {{ev}}."
            elif kind == "call":
                addressee, outcome = self.pick("addressees"), rng.choice(list(OUTCOMES))
                words["addr"], refs["addr"] = addressee["name"], addressee["id"]
                head += f" {verb} {addressee['name']} to {OUTCOMES[outcome]} {{ev}}."
                node.update(target=[self.outcome(event, outcome, head.format(**words))], addressee=[addressee["id"]])
                named.append(addressee)
            else:
                node["target"] = [event["node"]["id"]] + ([event["state"]["id"]] if rng.random() < 0.3 else [])
                head += f" {verb} {{ev}}"
                answerable = [
                    s
                    for s in self.statements
                    if s["kind"] in (("condemn", "report", "warn") if kind == "defend" else ("defend",))
                ]
                if answerable and rng.random() < 0.7:
                    answered = rng.choice(answerable)
                    node["responds_to"] = [answered["node"]["id"]]
                    head += f", answering statement {answered['num']}"
                head += "."
        node["evidence"] = [self.say(head.format(**words), *named)]
        role = {
            "report": "reporter",
            "condemn": "opponent",
            "defend": "supporter",
            "call": "campaigner",
            "warn": "observer",
        }
        participation = {"actor": speaker["id"], "role": role.get(kind)}
        if kind in role and participation not in event["node"]["participants"]:  # a denial is no part of the event
            event["node"]["participants"].append(participation)
        if rng.random() < 0.8:
            node["evidence"].append(
                self.say(
                    f"“{QUOTES[kind]},” a spokesperson for {speaker['name']} told "
                    f"reporters after statement {num}.".format(**words)
                )
            )
        node["claims"] = [
            self.claim(f"claim/{self.key}-s{k}-c{c}", f"Statement {num} ", t, words, refs)
            for c, t in enumerate(templates, start=1)
        ]
        if any(c["kind"] == "denial" and event["node"]["id"] in c["about"] for c in node["claims"]):
            event["node"]["status"] = "contested"  # someone denies it: never reported as plain fact
        # one qualified stance per stance: the first towards every target, the others towards the first
        # target only (the event, the answered statement or the outcome), never a stance paired wholesale
        stances, targets = node.pop("stance"), node.pop("target")
        node["stances"] = [
            {"stance": stance, "target": targets if i == 0 else targets[:1]} for i, stance in enumerate(stances)
        ]
        self.s["statements"].append(node)
        self.statements.append(
            {"node": node, "num": num, "kind": kind, "event": event, "claims": [c["id"] for c in node["claims"]]}
        )

    def outcome(self, event: dict, outcome: str, head: str) -> str:
        oid = self.ref("outcome", f"{event['node']['id'].rsplit('-', 1)[1]}-{outcome}")
        if all(o["id"] != oid for o in self.s["outcomes"]):
            self.s["outcomes"].append(
                {
                    "id": oid,
                    "type": "CalledForOutcome",
                    "event_type": [outcome],
                    "label": f"{outcome.replace('-', ' ')} concerning {event['label']}",
                    "concerns": [event["node"]["id"]],
                    "evidence": [head],
                }
            )
        return oid

    def author(self) -> str:
        if not self.s["actors"]:
            self.s["actors"].append(
                {
                    "id": f"actor/synthetic-author-{self.n:05d}",
                    "type": "Actor",
                    "name": f"author of synthetic article {self.n}",
                    "description": "The unnamed author of a synthetic article.",
                }
            )
        return self.s["actors"][0]["id"]

    def assessment(self, m: int, phrase: str, certainty: str, cue: str | None) -> None:
        event, statement = self.rng.choice(self.events), self.rng.choice(self.statements)
        sentence = f"The author's assessment {self.n}-{m} is that {event['name']} {phrase}."
        self.s["assessments"].append(
            {
                "id": self.ref("claim", f"assessment-{m}"),
                "type": "Assessment",
                "kind": "assessment",
                "text": cap(f"{event['label']} {phrase}."),
                "about": [event["node"]["id"], statement["node"]["id"]],
                "attributed_to": [self.author()],
                "certainty": certainty,
                **({"modal_cue": [cue]} if cue else {}),
                "polarity": "positive",
                "temporality": "non-future",
                "evidence": [self.say(sentence)],
            }
        )

    def forecast(self, m: int, effect_type: str) -> None:
        event, cue, effect = (
            self.rng.choice(self.events),
            self.rng.choice(["may", "could"]),
            FORECAST_EFFECTS[effect_type],
        )
        condition = "if the executions continue" if self.rng.random() < 0.5 else ""
        sentence = (
            f"The author's forecast {self.n}-{m} is that{' ' + condition + ',' if condition else ''} "
            f"{event['name']} {cue} lead to {effect}."
        )
        self.s["forecasts"].append(
            {
                "id": self.ref("claim", f"forecast-{m}"),
                "type": "Forecast",
                "kind": "forecast",
                "text": cap(f"{event['label']} {cue} lead to {effect}."),
                "about": [event["node"]["id"]],
                "attributed_to": [self.author()],
                "cause": [event["node"]["id"]],
                "effect": effect,
                "effect_type": [effect_type],
                "modal_cue": [cue],
                **({"condition": condition} if condition else {}),
                "certainty": "possible",
                "polarity": "positive",
                "temporality": "future",
                "evidence": [self.say(sentence)],
            }
        )

    def annotation(self, text: str, headline: str) -> dict:
        exact = self.rng.random() < 0.5
        published = {
            "edtf": self.pub.isoformat() + ("" if exact else "/.."),
            "earliest": self.pub,
            **({"latest": self.pub} if exact else {}),
            "dated_by": self.ref("inference", "publication-date"),
        }
        article = {
            "id": f"article/{self.slug}",
            "type": "Article",
            "headline": headline,
            "language": "en",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "published": published,
            "rights": "Synthetic text made by scripts/gen_corpus.py for benchmarks; it reports nothing real.",
        }
        mentions = [{"id": node_id, "evidence": [quote]} for node_id, quote in self.mentions.items()]
        sections = {"article": article, "actors": self.s["actors"], "mentions": mentions, **self.s}
        sections = {k: v for k, v in sections.items() if v}
        # The rules add sem:hasActor and sem:Role per participation, a TimeSpan type per time, rg:claimedIn and
        # prov:wasAttributedTo per claim of a statement; grounding 5 triples per span; the article its text.
        events, statements = self.s["events"], self.s["statements"]
        self.claims = sum(len(s["claims"]) for s in statements)
        derived = 2 * sum(len(e["participants"]) for e in events) + 5 * len(self.quotes) + 2 * self.claims
        times = len(events) + sum("time" in s for s in statements) + 1
        self.triples = count_sections(sections) + derived + times + 1
        return sections


def copy_project(out: Path) -> None:
    """The repository's ontology, shapes, queries and metadata, with the id namespace made synthetic."""
    for part in ("ontology", "shapes", "queries", "metadata"):
        shutil.rmtree(out / part, ignore_errors=True)
        shutil.copytree(REPO / part, out / part)
    for path, needle in (
        (out / "ontology" / "context.jsonld", f'"@base": "{REAL_BASE}"'),
        (out / "metadata" / "dataset.ttl", f'void:uriSpace "{REAL_BASE}"'),
    ):
        text = path.read_text(encoding="utf-8")
        if text.count(needle) != 1:
            raise SystemExit(f"gen_corpus: expected {needle} once in {path}")
        path.write_text(text.replace(needle, needle.replace(REAL_BASE, SYNTHETIC_BASE)), encoding="utf-8")


def generate(n_articles: int, seed: int, out: Path, n_actors: int = 80, n_places: int = 24) -> dict[str, int]:
    """Write the corpus into `out`; return how many articles, statements, claims and triples it holds."""
    out = Path(out)
    copy_project(out)
    data = out / "data"
    for sub in ("sources", "annotations"):
        shutil.rmtree(data / sub, ignore_errors=True)
        (data / sub).mkdir(parents=True)
    sections, pools = make_register(n_actors, n_places)
    header = "# Synthetic register of actors and places (scripts/gen_corpus.py)."
    (data / "actors.yaml").write_text("\n".join([header, *yaml_lines(sections)]) + "\n", encoding="utf-8", newline="\n")
    stats = {"articles": n_articles, "statements": 0, "claims": 0, "triples": count_sections(sections)}
    for number in range(1, n_articles + 1):
        article = Article(number, seed, pools)
        text, sections = article.build()
        header = f"# Synthetic annotation of data/sources/{article.slug}.txt (scripts/gen_corpus.py, seed {seed})."
        (data / "sources" / f"{article.slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        (data / "annotations" / f"{article.slug}.yaml").write_text(
            "\n".join([header, *yaml_lines(sections)]) + "\n", encoding="utf-8", newline="\n"
        )
        stats["statements"] += len(sections["statements"])
        stats["claims"] += article.claims + len(sections["assessments"]) + len(sections["forecasts"])
        stats["triples"] += article.triples
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    parser.add_argument("--out", type=Path, required=True, help="project directory to write (outside the repository)")
    parser.add_argument("--actors", type=int, default=80, help=f"actors in the register (>= {len(ACTOR_CYCLE)})")
    parser.add_argument("--places", type=int, default=24, help=f"places in the register (>= {len(PLACE_CYCLE) + 1})")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.actors < len(ACTOR_CYCLE) or args.places < len(PLACE_CYCLE) + 1:
        parser.error(f"need --articles >= 1, --actors >= {len(ACTOR_CYCLE)} and --places >= {len(PLACE_CYCLE) + 1}")
    out = args.out.resolve()
    if out == REPO or REPO / "data" in (out, *out.parents):
        parser.error("--out must be a directory of its own, not the repository or its data/")
    started = time.perf_counter()
    stats = generate(args.articles, args.seed, out, args.actors, args.places)
    print(
        f"wrote {stats['articles']} articles, {stats['statements']} statements and {stats['claims']} claims to {out} "
        f"in {time.perf_counter() - started:.1f} s; expect about {stats['triples']:,} triples "
        f"(~{stats['triples'] // stats['articles']:,} per article) plus the ontology"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
