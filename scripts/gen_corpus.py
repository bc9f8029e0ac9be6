"""Generate a deterministic synthetic rightsgraph corpus for benchmarks (issue "Scale").

    python scripts/gen_corpus.py --articles 700 --seed 1 --out /tmp/corpus-700 [--actors 80] [--places 24]

writes a complete project into --out (keep it outside the repository's data/, which holds real
material only): copies of ontology/, shapes/, queries/ and metadata/, with the context's "@base" (and
the VoID uriSpace) moved to https://w3id.org/rightsgraph/synthetic/id/ so that every minted IRI says it
is synthetic; data/actors.yaml, a register of synthetic actors and places; and for each article
data/sources/synthetic-article-NNNNN.txt and data/annotations/synthetic-article-NNNNN.yaml in the
authoring format (docs/authoring-keys.md). Every slug starts with "synthetic-".

Each article has 2-5 events (place, uncertain time dated by an inference, qualified counts), 5-15
statements by register actors drawn with a Zipf-like skew (so actors recur across articles), claims
nested in statements, responses, denials, calls for outcomes, assessments, forecasts, mentions and
now and then a membership. The text is written first, one templated sentence at a time; every
sentence carries a number of its own (statement 12-7, execution round 12-3), and every evidence quote
is one whole sentence, checked to occur exactly once. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL_BASE = "https://w3id.org/rightsgraph/id/"
SYNTHETIC_BASE = "https://w3id.org/rightsgraph/synthetic/id/"
SOURCE_URL = "https://example.org/synthetic-wire/"  # context sources: an external link, never minted
START = date(2024, 1, 1)

# Actor types in register order (index 1 is always a government body), with the stem of their names.
ACTOR_CYCLE = ("GovernmentBody", "HumanRightsOrganization", "CollectiveActor", "Person",
               "ReligiousOrganization", "HumanRightsOrganization", "GovernmentBody", "CollectiveActor",
               "Campaign", "Legislature", "Community", "InternationalOrganization", "Person")
ACTOR_NAMES = {"GovernmentBody": "Ministry", "HumanRightsOrganization": "Rights Observatory",
               "CollectiveActor": "Collective", "Person": "Person", "ReligiousOrganization": "Council of Clerics",
               "Campaign": "Campaign", "Legislature": "Parliament", "Community": "Community",
               "InternationalOrganization": "Union"}
POOLS = {"state": ("GovernmentBody", "Legislature"),
         "civil": ("HumanRightsOrganization", "ReligiousOrganization", "CollectiveActor", "Campaign",
                   "Community", "Person", "InternationalOrganization"),
         "victims": ("CollectiveActor", "Community"),
         "addressees": ("GovernmentBody", "Legislature", "InternationalOrganization"),
         "organisations": ("GovernmentBody", "Legislature", "HumanRightsOrganization", "ReligiousOrganization"),
         "persons": ("Person",), "campaigns": ("Campaign", "CollectiveActor"),
         "prisons": ("Prison",), "cities": ("City", "Region"), "countries": ("Country",)}
PLACE_CYCLE = ("Region", "City", "Prison", "City", "Prison", "Region", "City", "Prison", "Country")

# Event kinds: event types, where, the roles of (state, victims or civil actor), what is counted, and
# the sentence ({name}, {place}, {when}, {count}, {actor}).
EVENTS = {
    "execution round": (["execution-round", "hanging"], "prisons", ("perpetrator", "victim"), "prisoners hanged",
                        "{name} took place at {place} {when}, when {count} prisoners were hanged by order of {actor}."),
    "detention sweep": (["detention"], "cities", ("perpetrator", "detainee"), "people detained",
                        "During {name} in {place} {when}, forces of {actor} detained {count} people."),
    "mass trial": (["trial", "death-sentence"], "cities", ("authority", "detainee"), "defendants sentenced to death",
                   "{name} before a court of {actor} in {place} ended {when} with death sentences for {count} defendants."),
    "protest": (["protest"], "cities", ("target", "campaigner"), "demonstrators",
                "{name} in {place} {when} drew {count} demonstrators who marched against {actor}."),
    "campaign drive": (["campaign"], "countries", ("target", "organiser"), "signatures gathered",
                       "{name} across {place} gathered {count} signatures {when} on a petition to {actor}."),
    "abuse case": (["torture", "coerced-confession"], "prisons", ("authority", "victim"),
                   "detainees who confessed under torture",
                   "In {name} at {place} {when}, {count} detainees in the custody of {actor} said they had confessed under torture."),
    "execution wave": (["execution"], "countries", ("perpetrator", "victim"), "executions in total",
                       "{name} swept the prisons of {place} {when}, with {count} executions carried out by {actor}."),
}
QUALIFIERS = ("at-least", "approximately", "exactly", "more-than", "at-most", "fewer-than")
OUTCOMES = {"moratorium": "halt the executions that followed", "fair-trial": "grant fair retrials to those condemned in",
            "reform": "reform the courts responsible for", "intervention": "send observers to investigate"}
# Statement kinds after the reports: (weight, stances, medium, verb of the opening sentence).
REACTIONS = {
    "condemn": (4, [["condemns"], ["criticises"], ["condemns", "accuses-of-human-rights-abuses"], ["opposes"], ["accuses"]],
                ["press-statement", "social-media", "public-remarks"], "condemned"),
    "defend": (2, [["defends"], ["justifies"], ["defends", "justifies"], ["supports"]],
               ["press-statement", "public-remarks"], "defended"),
    "deny": (2, [["denies"], ["rejects"], ["denies", "rejects"]], ["press-statement"], "rejected"),
    "call": (3, [["calls-for"], ["appeals"]], ["petition-or-appeal", "social-media", "press-statement"], "called on"),
    "warn": (2, [["warns"], ["expresses-concern"]], ["public-remarks", "news-article"], "warned about"),
}


@dataclass
class Register:
    actors: list[dict]
    places: list[dict]
    pools: dict[str, tuple[list[dict], list[float]]] = field(default_factory=dict)

    def pick(self, rng: random.Random, pool: str) -> dict:
        """A Zipf-like draw: the first actors of a pool are named far more often than the last."""
        members, cumulative = self.pools[pool]
        return rng.choices(members, cum_weights=cumulative)[0]


def make_register(n_actors: int, n_places: int) -> Register:
    actors, places = [], []
    for i in range(1, n_actors + 1):
        kind = ACTOR_CYCLE[(i - 1) % len(ACTOR_CYCLE)]
        name = f"Synthetic {ACTOR_NAMES[kind]} {i}"
        node = {"id": f"actor/synthetic-{ACTOR_NAMES[kind].lower().replace(' ', '-')}-{i}", "type": kind,
                "name": name, "description": f"A synthetic {kind} generated for benchmarks; it does not exist."}
        if kind == "Campaign":
            node["hashtag"] = f"#SyntheticCampaign{i}"
        if kind == "GovernmentBody" and i > 1:
            node["sub_organization_of"] = actors[0]["id"]
        actors.append(node)
    latest: dict[str, dict] = {}
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
    register = Register(actors, places)
    for pool, kinds in POOLS.items():
        members = [n for n in actors + places if n["type"] in kinds]
        total, cumulative = 0.0, []
        for rank in range(1, len(members) + 1):
            total += 1.0 / rank ** 1.1
            cumulative.append(total)
        register.pools[pool] = (members, cumulative)
    return register


def yaml_scalar(value: object) -> str:
    if isinstance(value, (int, date)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, date) else str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def yaml_lines(node: dict, indent: int, first: str = "") -> list[str]:
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


def to_yaml(sections: dict, header: str) -> str:
    lines = [header]
    for section, value in sections.items():
        if isinstance(value, dict):
            lines += [f"{section}:", *yaml_lines(value, 2)]
        elif value:
            lines.append(f"{section}:")
            for item in value:
                lines += yaml_lines(item, 4, "  - ")
    return "\n".join(lines) + "\n"


def count_values(node: object) -> int:
    """Triples a YAML node gives before grounding and rules: one per value, one per link to a nested node."""
    if isinstance(node, dict):
        return sum(count_values(v) + (1 if isinstance(v, dict) else 0) for k, v in node.items() if k != "id")
    if isinstance(node, list):
        return sum(count_values(v) + (1 if isinstance(v, dict) else 0) for v in node)
    return 1


def time_span(rng: random.Random, day: date, dated_by: str) -> dict:
    month, last = calendar.month_name[day.month], calendar.monthrange(day.year, day.month)[1]
    first, ym = day.replace(day=1), f"{day.year}-{day.month:02d}"
    style = rng.randrange(4)
    if style == 0:
        span = {"expression": f"last {month}", "edtf": ym, "earliest": first, "latest": day.replace(day=last)}
    elif style == 1:
        span = {"expression": f"on {day.day} {month}", "edtf": day.isoformat(), "earliest": day, "latest": day}
    elif style == 2:
        span = {"expression": f"in early {month}", "edtf": ym, "earliest": first, "latest": day.replace(day=10)}
    else:
        span = {"expression": f"since {month}", "edtf": f"{ym}/..", "earliest": first}
    return {**span, "dated_by": dated_by}


def make_count(rng: random.Random, qid: str, counted: str) -> dict:
    value, qualifier = rng.randint(5, 400), rng.choice(QUALIFIERS)
    words = {"at-least": "at least", "approximately": "approximately", "exactly": "exactly",
             "more-than": "more than", "at-most": "at most", "fewer-than": "fewer than"}[qualifier]
    count = {"id": qid, "type": "Quantity", "expression": f"{words} {value}", "value": value}
    bounds = {"at-least": {"min": value}, "more-than": {"min": value + 1}, "exactly": {"min": value, "max": value},
              "at-most": {"max": value}, "fewer-than": {"max": value - 1}}.get(qualifier, {})
    return {**count, **bounds, "qualifier": qualifier, "counted": counted}


class Article:
    """One synthetic article: its text, written sentence by sentence, and the annotation of it."""

    def __init__(self, number: int, seed: int, register: Register) -> None:
        self.n, self.reg = number, register
        self.rng = random.Random(seed * 1_000_003 + number)
        self.slug = f"synthetic-article-{number:05d}"
        self.key = f"synthetic-a{number:05d}"  # prefix of every article-local slug
        self.paragraphs: list[list[str]] = []
        self.quotes: list[str] = []
        self.mentions: dict[str, str] = {}  # register id -> first sentence naming it
        self.s: dict[str, list] = {k: [] for k in ("actors", "context_sources", "inferences", "memberships",
                                                   "events", "outcomes", "statements", "assessments", "forecasts")}
        self.extra = 0  # triples added by grounding and the build's rules
        self.claims = 0

    def say(self, sentence: str, *named: dict) -> str:
        """Append a sentence to the current paragraph; it is the evidence quote of what it says."""
        if sentence in self.quotes:
            raise AssertionError(f"sentence written twice: {sentence}")
        self.paragraphs[-1].append(sentence)
        self.quotes.append(sentence)
        for node in named:
            self.mentions.setdefault(node["id"], sentence)
        return sentence

    def ref(self, kind: str, local: str) -> str:
        return f"{kind}/{self.key}-{local}"

    def build(self) -> tuple[str, str, dict]:
        rng = self.rng
        self.pub = START + timedelta(days=rng.randint(120, 700))
        self.sources_and_inferences()
        self.paragraphs.append([])
        self.events = [self.event(j) for j in range(1, rng.randint(2, 5) + 1)]
        self.paragraphs.append([])
        if rng.random() < 0.35:
            self.membership()
        self.statements, self.outcome_of = [], {}
        n_statements = rng.randint(5, 15)
        for k in range(1, n_statements + 1):
            self.paragraphs.append([])
            self.statement(k, last=k == n_statements)
        self.paragraphs.append([])
        for n in range(1, rng.randint(1, 2) + 1):
            self.assessment(n)
        for n in range(1, rng.randint(1, 2) + 1):
            self.forecast(n)
        headline = f"Synthetic report {self.n}: {self.events[0]['label']} and the reactions to it"
        text = headline + "\n\n" + "\n\n".join(" ".join(p) for p in self.paragraphs if p) + "\n"
        for quote in self.quotes:
            if text.count(quote) != 1:
                raise AssertionError(f"{self.slug}: quote occurs {text.count(quote)} times: {quote}")
        return text, headline, self.annotation(text, headline)

    def sources_and_inferences(self) -> None:
        n, pub = self.n, self.pub
        for i in (1, 2):
            self.s["context_sources"].append({
                "id": self.ref("source", f"wire-{i}"), "type": "ContextSource", "title": f"Synthetic wire report {n}-{i}",
                "url": f"{SOURCE_URL}{n:05d}-{i}", "date_published": pub - timedelta(days=i - 1),
                "says": f"A synthetic wire report that dates the events of synthetic article {n}."})
        for local, reasoning, sources in (
                ("publication-date", "The wire report of the same day names the article.", ["wire-1"]),
                ("event-dates", "The wire reports date the events that the article dates only by month or day.",
                 ["wire-1", "wire-2"]),
                ("statement-dates", "The second wire report gives the day each statement was issued.", ["wire-2"])):
            self.s["inferences"].append({"id": self.ref("inference", local), "type": "DatingInference",
                                         "reasoning": reasoning,
                                         "derived_from": [self.ref("source", s) for s in sources]})

    def event(self, j: int) -> dict:
        rng, n = self.rng, self.n
        kind = rng.choice(list(EVENTS))
        types, pool, (state_role, other_role), counted, template = EVENTS[kind]
        place, state = self.reg.pick(rng, pool), self.reg.pick(rng, "state")
        other = self.reg.pick(rng, {"campaigner": "civil", "organiser": "campaigns"}.get(other_role, "victims"))
        eid, name = self.ref("event", f"e{j}"), f"{kind} {n}-{j}"
        when = time_span(rng, self.pub - timedelta(days=rng.randint(20, 110)), self.ref("inference", "event-dates"))
        counts = [make_count(rng, self.ref("quantity", f"e{j}-q1"), counted)]
        sentence = template.format(name=name, place=place["name"], when=when["expression"],
                                   count=counts[0]["expression"], actor=state["name"])
        sentence = sentence[0].upper() + sentence[1:]
        evidence = [self.say(sentence, place, state)]
        if rng.random() < 0.4:
            counts.append(make_count(rng, self.ref("quantity", f"e{j}-q2"), f"{other['name']} members among them"))
            evidence.append(self.say(f"Members of {other['name']} numbered {counts[1]['expression']} in "
                                     f"{name}, by one account.", other))
        participants = [{"actor": state["id"], "role": state_role}, {"actor": other["id"], "role": other_role}]
        node = {"id": eid, "type": "Event", "event_type": types, "label": f"{kind} {n}-{j} in {place['name']}",
                "place": [place["id"]], "time": when, "count": counts, "participants": participants,
                "evidence": evidence}
        rounds = [e["id"] for e in self.s["events"] if e["event_type"][0] == "execution-round"]
        if kind == "execution wave" and rounds:
            node["sub_events"] = rounds
        self.extra += 2 * len(participants) + 1  # sem:hasActor and sem:Role per participant; TimeSpan
        self.s["events"].append(node)
        return {"id": eid, "name": name, "label": node["label"], "state": state, "other": other,
                "counts": counts, "kind": kind}

    def membership(self) -> None:
        person, org = self.reg.pick(self.rng, "persons"), self.reg.pick(self.rng, "organisations")
        role = "member-of-parliament" if org["type"] == "Legislature" else self.rng.choice(["spokesperson", "member"])
        quote = self.say(f"{person['name']} serves {org['name']} as {role.replace('-', ' ')}, "
                         f"according to profile {self.n}-1.", person, org)
        self.s["memberships"].append({"id": self.ref("membership", "m1"), "type": "org:Membership",
                                      "member": person["id"], "organization": org["id"], "post_role": role,
                                      "evidence": [quote]})

    def claim(self, sid: str, c: int, sentence: str, kind: str, text: str, about: list[str],
              certainty: str = "certain", polarity: str = "positive", future: bool = False,
              cue: str | None = None, *named: dict) -> dict:
        node = {"id": f"{sid.replace('statement/', 'claim/')}-c{c}", "type": "Claim", "kind": kind, "text": text,
                "about": about, "certainty": certainty}
        if cue:
            node["modal_cue"] = [cue]
        node.update({"polarity": polarity, "temporality": "future" if future else "non-future",
                     "evidence": [self.say(sentence, *named)]})
        self.extra += 2
        self.claims += 1
        return node

    def statement(self, k: int, last: bool) -> None:
        rng, n = self.rng, self.n
        sid, sm = self.ref("statement", f"s{k}"), f"statement {n}-{k}"
        earlier = [s for s in self.statements if s["claims"]]
        if k <= len(self.events):
            kind = "report"
        elif last and not any(s["responds"] for s in self.statements):
            kind = "deny"
        else:
            kind = rng.choices(list(REACTIONS), weights=[r[0] for r in REACTIONS.values()])[0]
        event = self.events[k - 1] if kind == "report" else rng.choice(self.events)
        speaker = self.reg.pick(rng, "state" if kind in ("defend", "deny") else "civil")
        node = {"id": sid, "type": "Statement", "label": f"{sm} by {speaker['name']}", "speaker": speaker["id"]}
        issued = ","
        if rng.random() < 0.5:
            day = self.pub - timedelta(days=rng.randint(0, 15))
            issued = f", issued on {day.day} {calendar.month_name[day.month]},"
            node["time"] = {"expression": f"on {day.day} {calendar.month_name[day.month]}", "edtf": day.isoformat(),
                            "earliest": day, "latest": day, "dated_by": self.ref("inference", "statement-dates")}
            self.extra += 1
        named = [speaker]
        claims = []
        if kind == "report":
            node.update(stance=["reports"] + (["criticises"] if rng.random() < 0.5 else []), medium="report",
                        target=[event["id"]])
            head = f"In {sm}{issued} {speaker['name']} published a report on {event['name']}."
            for c, count in enumerate(event["counts"], start=1):
                probable = rng.random() < 0.3
                claims.append((f"Statement {n}-{k} {'reportedly counted' if probable else 'counted'} "
                               f"{count['expression']} {count['counted']} in {event['name']}.",
                               "factual-claim", f"{count['expression'].capitalize()} {count['counted']} in "
                               f"{event['label']}.", [count["id"], event["id"]], "probable" if probable else "certain"))
            claims.append((f"Statement {n}-{k} also alleged that lawyers were kept away from {event['name']}.",
                           "allegation", f"Lawyers were denied access during {event['label']}.",
                           [event["id"], event["state"]["id"]], "certain"))
        else:
            _, stance_sets, media, verb = REACTIONS[kind]
            node.update(stance=rng.choice(stance_sets), medium=rng.choice(media))
            if kind == "deny":
                prev = rng.choice(earlier)
                node.update(target=[prev["id"]], responds_to=[prev["id"]])
                head = f"In {sm}{issued} {speaker['name']} {verb} what statement {prev['num']} had said."
                claims.append((f"Statement {n}-{k} called the account of statement {prev['num']} false.",
                               "denial", "What the earlier statement claimed did not happen.", [prev["claims"][0]],
                               "certain", "negative"))
            elif kind == "call":
                addressee = self.reg.pick(rng, "addressees")
                outcome_type = rng.choice(list(OUTCOMES))
                head = f"In {sm}{issued} {speaker['name']} {verb} {addressee['name']} to {OUTCOMES[outcome_type]} {event['name']}."
                oid = self.outcome_of.get((event["id"], outcome_type))
                if oid is None:
                    oid = self.outcome_of[(event["id"], outcome_type)] = self.ref("outcome", f"o{len(self.outcome_of) + 1}")
                    self.s["outcomes"].append({"id": oid, "type": "CalledForOutcome",
                                               "label": f"{outcome_type.replace('-', ' ')} concerning {event['label']}",
                                               "event_type": [outcome_type], "concerns": [event["id"]],
                                               "evidence": [head]})
                node.update(target=[oid], addressee=[addressee["id"]])
                named.append(addressee)
                claims.append((f"Statement {n}-{k} insisted that {addressee['name']} must act on {event['name']}.",
                               "call-to-action", f"{addressee['name']} should act on {event['label']}.",
                               [addressee["id"], event["id"]], "certain", "positive", True))
            else:
                target = [event["id"]] + ([event["state"]["id"]] if kind == "condemn" and rng.random() < 0.5 else [])
                node["target"] = target
                head = f"In {sm}{issued} {speaker['name']} {verb} {event['name']}"
                responders = [s for s in earlier if s["kind"] in ({"condemn", "report"} if kind == "defend" else {"defend"})]
                if responders and rng.random() < 0.6:
                    prev = rng.choice(responders)
                    node["responds_to"] = [prev["id"]]
                    head += f", answering statement {prev['num']}"
                head += "."
                claims.append({
                    "condemn": (f"Statement {n}-{k} alleged that {event['name']} broke the right to a fair trial.",
                                rng.choice(["allegation", "accusation"]),
                                f"{event['label'].capitalize()} violated the right to a fair trial.",
                                [event["id"], event["state"]["id"]], rng.choice(["certain", "probable"])),
                    "defend": (f"Statement {n}-{k} argued that {event['name']} was lawful and served security.",
                               "justification", f"{event['label'].capitalize()} was lawful and necessary for security.",
                               [event["id"]], "certain"),
                    "warn": (f"Statement {n}-{k} warned that more executions may follow {event['name']}.",
                             "forecast", f"More executions may follow {event['label']}.", [event["id"]],
                             "possible", "positive", True, "may"),
                }[kind])
        node["evidence"] = [self.say(head, *named)]
        node["claims"] = [self.claim(sid, c, *claim) for c, claim in enumerate(claims, start=1)]
        self.s["statements"].append(node)
        self.statements.append({"id": sid, "num": f"{n}-{k}", "kind": kind, "responds": "responds_to" in node,
                                "claims": [c["id"] for c in node["claims"]]})

    def author(self) -> str:
        aid = f"actor/synthetic-author-{self.n:05d}"
        if not self.s["actors"]:
            self.s["actors"].append({"id": aid, "type": "Actor", "name": f"author of synthetic article {self.n}",
                                     "description": "The unnamed author of a synthetic article."})
        return aid

    def assessment(self, m: int) -> None:
        event, stmt = self.rng.choice(self.events), self.rng.choice(self.statements)
        possible = self.rng.random() < 0.4
        sentence = (f"The author's assessment {self.n}-{m} is that {event['name']} "
                    f"{'potentially marks' if possible else 'marks'} a hardening of policy.")
        node = {"id": self.ref("claim", f"assessment-{m}"), "type": "Assessment", "kind": "assessment",
                "text": f"{event['label'].capitalize()} marks a hardening of policy.", "about": [event["id"], stmt["id"]],
                "attributed_to": [self.author()], "certainty": "possible" if possible else "certain"}
        if possible:
            node["modal_cue"] = ["potentially"]
        node.update({"polarity": "positive", "temporality": "non-future", "evidence": [self.say(sentence)]})
        self.s["assessments"].append(node)

    def forecast(self, m: int) -> None:
        event = self.rng.choice(self.events)
        cue, effect_type = self.rng.choice(["may", "could"]), self.rng.choice(["pressure", "reform", "instability"])
        effect = {"pressure": "international pressure on the government", "reform": "reforms of the judicial process",
                  "instability": "further instability in the region"}[effect_type]
        condition = "if the executions continue" if self.rng.random() < 0.5 else ""
        sentence = (f"The author's forecast {self.n}-{m} is that{' ' + condition + ',' if condition else ''} "
                    f"{event['name']} {cue} lead to {effect}.")
        node = {"id": self.ref("claim", f"forecast-{m}"), "type": "Forecast", "kind": "forecast",
                "text": f"{event['label'].capitalize()} {cue} lead to {effect}.", "about": [event["id"]],
                "attributed_to": [self.author()], "cause": [event["id"]], "effect": effect,
                "effect_type": [effect_type], "modal_cue": [cue], "certainty": "possible"}
        if condition:
            node["condition"] = condition
        node.update({"polarity": "positive", "temporality": "future", "evidence": [self.say(sentence)]})
        self.s["forecasts"].append(node)

    def annotation(self, text: str, headline: str) -> dict:
        exact = self.rng.random() < 0.5
        published = {"edtf": self.pub.isoformat() if exact else f"{self.pub.isoformat()}/..", "earliest": self.pub,
                     **({"latest": self.pub} if exact else {}), "dated_by": self.ref("inference", "publication-date")}
        article = {"id": f"article/{self.slug}", "type": "Article", "headline": headline, "language": "en",
                   "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   "rights": "Synthetic text generated by scripts/gen_corpus.py for benchmarks; it reports nothing real.",
                   "published": published}
        mentions = [{"id": node_id, "evidence": [quote]} for node_id, quote in self.mentions.items()]
        sections = {"article": article, "actors": self.s["actors"], "mentions": mentions,
                    **{k: v for k, v in self.s.items() if k != "actors"}}
        self.extra += 2 + 5 * len(self.quotes)  # publication TimeSpan type, nif:isString, 5 per text span
        self.triples = count_values(sections) + self.extra
        return sections


def copy_project(out: Path) -> None:
    for part in ("ontology", "shapes", "queries", "metadata"):
        shutil.rmtree(out / part, ignore_errors=True)
        shutil.copytree(REPO / part, out / part)
    for path in (out / "ontology" / "context.jsonld", out / "metadata" / "dataset.ttl"):
        text = path.read_text(encoding="utf-8")
        needle = {"context.jsonld": f'"@base": "{REAL_BASE}"', "dataset.ttl": f'void:uriSpace "{REAL_BASE}"'}[path.name]
        if text.count(needle) != 1:
            sys.exit(f"gen_corpus: expected {needle} once in {path}")
        path.write_text(text.replace(needle, needle.replace(REAL_BASE, SYNTHETIC_BASE)), encoding="utf-8")


def generate(n_articles: int, seed: int, out: Path, n_actors: int = 80, n_places: int = 24) -> dict[str, int]:
    """Write the corpus into `out`; return what it holds."""
    out = Path(out)
    copy_project(out)
    data = out / "data"
    for sub in ("sources", "annotations"):
        shutil.rmtree(data / sub, ignore_errors=True)
        (data / sub).mkdir(parents=True)
    register = make_register(n_actors, n_places)
    reg_sections = {"actors": register.actors, "places": register.places}
    (data / "actors.yaml").write_text(to_yaml(reg_sections, "# Synthetic register (scripts/gen_corpus.py)."),
                                      encoding="utf-8", newline="\n")
    stats = {"articles": n_articles, "statements": 0, "claims": 0, "triples": count_values(reg_sections)}
    for number in range(1, n_articles + 1):
        article = Article(number, seed, register)
        text, _, sections = article.build()
        (data / "sources" / f"{article.slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        header = f"# Synthetic annotation of data/sources/{article.slug}.txt (scripts/gen_corpus.py, seed {seed})."
        (data / "annotations" / f"{article.slug}.yaml").write_text(to_yaml(sections, header), encoding="utf-8",
                                                                   newline="\n")
        stats["statements"] += len(sections["statements"])
        stats["claims"] += article.claims + len(sections["assessments"]) + len(sections["forecasts"])
        stats["triples"] += article.triples
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    parser.add_argument("--out", type=Path, required=True, help="project directory to write (outside data/)")
    parser.add_argument("--actors", type=int, default=80, help="actors in the register (>= 13)")
    parser.add_argument("--places", type=int, default=24, help="places in the register (>= 10)")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.actors < len(ACTOR_CYCLE) or args.places < len(PLACE_CYCLE) + 1:
        parser.error(f"need --articles >= 1, --actors >= {len(ACTOR_CYCLE)}, --places >= {len(PLACE_CYCLE) + 1}")
    if args.out.resolve() == REPO or REPO / "data" in (args.out.resolve(), *args.out.resolve().parents):
        parser.error("--out must be a directory of its own, not the repository or its data/")
    started = time.perf_counter()
    stats = generate(args.articles, args.seed, args.out, args.actors, args.places)
    print(f"wrote {stats['articles']} articles, {stats['statements']} statements, {stats['claims']} claims "
          f"(about {stats['triples']:,} triples before the ontology, "
          f"~{stats['triples'] // stats['articles']:,} per article) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
