"""What the text asserts in its own voice, drafted as claims of its narrator (or of its unnamed author): forecasts
in sentences no one is reported to say ("may", "could"), counts no statement claims, and dated sentences whose
time no event or statement takes (the claim holds at that time: its `valid_time`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rightsgraph.authoring.draft.base import Found, Parsed
from rightsgraph.authoring.draft.lexicon import Lexicon
from rightsgraph.authoring.draft.stance import RANK, hedging

FORECAST_WORDS = {"may", "could", "might"}
Host = tuple[Found, dict[str, Any]]


@dataclass
class Voice:
    """What the narrator's claims are drafted with."""

    parsed: Parsed
    lex: Lexicon
    narrator: str
    ids: Callable[[str], str]
    quote: Callable[[int, int], str | None]

    def claim(self, base: str, kind: str, sent: Any, about: list[str], evidence: str, future: bool) -> dict[str, Any]:
        certainty, cues = hedging(self.parsed, sent.start_char, sent.end_char, self.lex)
        if kind == "forecast":
            certainty, cues = (certainty if RANK[certainty] else "possible"), (cues or ["may"])
        return {
            "id": self.ids(base),
            "type": "Claim",
            "draft": True,
            "kind": kind,
            "text": sent.text.strip() if kind != "forecast" else evidence,
            "about": about,
            "attributed_to": [self.narrator],
            "certainty": certainty,
            **({"modal_cue": cues} if cues else {}),
            "polarity": "positive",
            "temporality": "future" if future else "non-future",
            "evidence": [evidence],
        }


def forecasts(voice: Voice, spoken: set[int], events: list[Host], mentions: list[Found]) -> list[dict[str, Any]]:
    """A sentence with a modal word that no one is reported to say: the narrator's forecast."""
    out = []
    for index, sent in enumerate(voice.parsed.sents):
        if index in spoken or not {t.lower_ for t in sent} & FORECAST_WORDS:
            continue
        about = [n["id"] for x, n in events if x.sent == index] or [m.data["id"] for m in mentions if m.sent == index]
        q = voice.quote(sent.start_char, sent.end_char)
        if about and q:
            out.append(voice.claim(f"claim/narrator-forecast-{index + 1}", "forecast", sent, about[:3], q, True))
    return out


def unclaimed_counts(
    voice: Voice, events: list[Host], claimed: set[str], found: dict[str, tuple[Found, str]]
) -> list[dict[str, Any]]:
    """A count no statement claims is what the text asserts in its own voice."""
    out = []
    for _, event in events:
        for qnode in event.get("count", []):
            if qnode["id"] in claimed:
                continue
            count, q = found[qnode["id"]]
            sent = voice.parsed.sents[count.sent]
            base = f"claim/{qnode['id'].split('/', 1)[1]}"
            out.append(voice.claim(base, "factual-claim", sent, [event["id"], qnode["id"]], q, False))
    return out


def dated_sentences(
    voice: Voice, times: list[Found], claims: list[dict[str, Any]], events: list[Host], mentions: list[Found]
) -> list[dict[str, Any]]:
    """Times no event or statement took: the `valid_time` of a claim of the narrator in their sentence, or of a
    new one (the sentence, about the events or else the actors and places it names)."""
    out: list[dict[str, Any]] = []
    sentence_of = {c["id"]: voice.parsed.sent_of(voice.parsed.text.find(c["evidence"][0])) for c in claims}
    for t in times:
        time = {
            k: v for k, v in t.data.items() if k in ("expression", "edtf", "earliest", "latest", "basis", "relative_to")
        }
        if "edtf" not in time:
            continue
        host = next((c for c in [*claims, *out] if sentence_of.get(c["id"]) == t.sent and "valid_time" not in c), None)
        if host is None:
            sent = voice.parsed.sents[t.sent]
            about = [n["id"] for x, n in events if x.sent == t.sent] or list(
                dict.fromkeys(m.data["id"] for m in mentions if m.sent == t.sent)
            )
            q = voice.quote(sent.start_char, sent.end_char)
            if not about or not q:
                continue
            host = voice.claim(f"claim/narrator-dated-{t.sent + 1}", "factual-claim", sent, about[:3], q, False)
            sentence_of[host["id"]] = t.sent
            out.append(host)
        host["valid_time"] = time
    return out
