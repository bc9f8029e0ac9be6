"""Scoring a draft against a finished annotation of the same text: precision and recall per kind.

Matching rules (one-to-one, greedy in text order):
- mentions: the same register actor or place (IRI);
- counts: the same value and qualifier, or the same magnitude, or the same proportion;
- dates: overlapping wording (one expression contains the other, ignoring case) and the same EDTF value; only
  times with the text's own wording count (a time with no `expression` was dated from outside the text, and the
  article's `published` comes from `rightsgraph new`, not the draft);
- statements: the same speaker (the same IRI, or two article-local actors whose names match, rapidfuzz token-set
  ratio >= 80, or one's name is the other's alias, but for "the") and an evidence quote of the draft statement or
  of its claims overlapping one of the finished statement's or its claims' quotes;
- stances: the same (speaker, stance) pair, a draft statement's speaker read as the speaker of the finished
  statement it matched; a target drafted without a stance (left to the researcher) proposes none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

KINDS = ("mentions", "counts", "dates", "statements", "stances")
TIME_KEYS = ("time", "horizon", "valid_time")


@dataclass
class Score:
    matched: int
    drafted: int
    finished: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.finished if self.finished else None


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _counts(doc: dict[str, Any]) -> Counter[tuple[Any, ...]]:
    keys: Counter[tuple[Any, ...]] = Counter()
    for key, value in _walk({k: v for k, v in doc.items() if k != "article"}):
        if key == "count" and isinstance(value, list):
            for q in value:
                if "magnitude" in q:
                    keys[("magnitude", q["magnitude"])] += 1
                elif "proportion" in q:
                    keys[("proportion", q["proportion"])] += 1
                elif "percent" in q:
                    keys[("percent", q["percent"], q.get("qualifier"))] += 1
                else:
                    keys[("value", q.get("value"), q.get("qualifier"))] += 1
    return keys


def _times(doc: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (str(v["expression"]).lower(), v.get("edtf"))
        for k, v in _walk({k: v for k, v in doc.items() if k != "article"})
        if k in TIME_KEYS and isinstance(v, dict) and v.get("expression")
    ]


def _spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        start = text.find(str(q))
        if start >= 0:
            out.append((start, start + len(str(q))))
    return out


def _statements(doc: dict[str, Any], text: str) -> list[dict[str, Any]]:
    out = []
    for s in doc.get("statements") or []:
        quotes = list(s.get("evidence") or [])
        for c in s.get("claims") or []:
            quotes += list(c.get("evidence") or [])
        out.append(
            {
                "speaker": s.get("speaker"),
                "spans": _spans(text, quotes),
                "stances": [st["stance"] for st in s.get("stances") or [] if st.get("stance")],
            }
        )
    return out


def _names(doc: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Each actor the document defines: its name, and its aliases ("Ministry of Internal Affairs of Georgia", ["the
    Interior Ministry"])."""
    return {
        a["id"]: (str(a.get("name", "")), [str(n) for n in a.get("aliases") or [] if n])
        for a in doc.get("actors") or []
        if isinstance(a, dict) and "id" in a
    }


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().casefold())


def _same_speaker(
    draft: str, gold: str, draft_names: dict[str, tuple[str, list[str]]], gold_names: dict[str, tuple[str, list[str]]]
) -> bool:
    """The same IRI; or names that match (token-set ratio >= 80); or a name that is the other's alias, as written
    but for "the" (an alias is often one word or "the X": only equal counts)."""
    if draft == gold:
        return True
    if draft not in draft_names or gold not in gold_names:
        return False
    (name, aliases), (gold_name, gold_aliases) = draft_names[draft], gold_names[gold]
    if fuzz.token_set_ratio(name.lower(), gold_name.lower()) >= 80:
        return True
    return _bare(name) in {_bare(a) for a in gold_aliases} or _bare(gold_name) in {_bare(a) for a in aliases}


def score(draft: dict[str, Any], finished: dict[str, Any], text: str) -> dict[str, Score]:
    result: dict[str, Score] = {}
    dm = {m["id"] for m in draft.get("mentions") or []}
    gm = {m["id"] for m in finished.get("mentions") or []}
    result["mentions"] = Score(len(dm & gm), len(dm), len(gm))
    dc, gc = _counts(draft), _counts(finished)
    result["counts"] = Score(sum((dc & gc).values()), sum(dc.values()), sum(gc.values()))
    dt_, gt = _times(draft), _times(finished)
    free = list(gt)
    hit = 0
    for expression, edtf in dt_:
        for g in list(free):
            if (expression in g[0] or g[0] in expression) and edtf == g[1]:
                free.remove(g)
                hit += 1
                break
    result["dates"] = Score(hit, len(dt_), len(gt))
    ds, gs = _statements(draft, text), _statements(finished, text)
    dn, gn = _names(draft), _names(finished)
    free_s = list(range(len(gs)))
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for d in ds:
        for i in free_s:
            gold = gs[i]
            overlap = any(a < y and x < b for a, b in d["spans"] for x, y in gold["spans"])
            if overlap and _same_speaker(d["speaker"], gold["speaker"], dn, gn):
                free_s.remove(i)
                pairs.append((d, gold))
                d["speaker"] = gold["speaker"]
                break
    result["statements"] = Score(len(pairs), len(ds), len(gs))
    dst = Counter((d["speaker"], st) for d in ds for st in d["stances"])
    gst = Counter((g["speaker"], st) for g in gs for st in g["stances"])
    result["stances"] = Score(sum((dst & gst).values()), sum(dst.values()), sum(gst.values()))
    return result
