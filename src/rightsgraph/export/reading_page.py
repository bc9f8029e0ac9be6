"""The HTML of the reading view: one self-contained page per article (inline CSS and script, no request
leaves it) and the index of the articles.

The text is cut at every offset where an evidence span or a sentence begins or ends; each piece covered by
spans becomes one element naming all of them (`data-spans`), coloured by the kind of node the innermost one
supports and deeper as spans nest, so a span inside a span, crossing spans and several nodes on one span all
render. A sentence that no span touches is marked as text that supports nothing. Text from data is never
markup: HTML-escaped in the page, JSON with "<", ">" and "&" escaped in the script, control characters shown
as escapes (core.text.plain), and the script sets it only as text.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

from rightsgraph.core.text import plain, script_json
from rightsgraph.export.reading_model import Article, Node, Span

# A sentence: from a non-space character to the first . ! ? or … (with any closing quotes or brackets) that
# is followed by a space or the end, or to the end of its line. Abbreviations split a sentence in two: each
# half is still marked by whether a span touches it, so no unannotated text goes unmarked.
SENTENCE = re.compile(r"\S(?:[^\n]*?(?:[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)|(?=\n)|$))")
MARKER = re.compile(r"/\*__([A-Z]+)__\*/|<!--__([A-Z]+)__-->")
SIGN_CLASS = {-1: "neg", 0: "neu", 1: "pos"}


def _sign_class(sign: object) -> str:
    """The class of a stance's sign; "choose" for a target whose stance a draft left to choose (no sign)."""
    return "choose" if sign is None else SIGN_CLASS.get(int(str(sign)), "neu")


MAX_DEPTH = 4


@dataclass(frozen=True)
class Summary:
    """An article's line in the index."""

    slug: str
    headline: str
    spans: int
    nodes: int
    statements: int
    drafts: int
    unsupported: int
    sentences: int


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text)]


def _asset(name: str) -> str:
    return resources.files("rightsgraph.export").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def _fill(template: str, values: dict[str, str]) -> str:
    """Every marker replaced in one pass: text put in is never searched for markers again."""
    return MARKER.sub(lambda m: values[m.group(1) or m.group(2)], template)


def _text(value: str) -> str:
    return html.escape(plain(value), quote=True)


def _render_text(article: Article, ids: dict[Span, str], nodes: dict[str, Node]) -> tuple[str, int, int]:
    """The article's text as HTML, with the number of its sentences and of those no span touches."""
    text, spans = article.text, article.spans
    found = sentences(text)
    bare = [(a, b) for a, b in found if not any(s.begin < b and s.end > a for s in spans)]
    cuts = sorted({0, len(text), *(s.begin for s in spans), *(s.end for s in spans), *(x for a_b in bare for x in a_b)})
    rank = {s: min((nodes[n].rank for n in s.nodes if n in nodes), default=99) for s in spans}
    kind = {
        s: min(((nodes[n].rank, nodes[n].kind) for n in s.nodes if n in nodes), default=(99, "other"))[1] for s in spans
    }
    draft = {s: any(nodes[n].draft for n in s.nodes if n in nodes) for s in spans}
    starts, ends = {a for a, _ in bare}, {b for _, b in bare}
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        if a in starts:
            parts.append('<span class="unsupported" title="no evidence: this sentence supports no node">')
        covering = [s for s in spans if s.begin <= a and s.end >= b]
        piece = _text(text[a:b])
        if covering:
            inner = min(covering, key=lambda s: (s.end - s.begin, rank[s], s.begin, s.iri))
            classes = ["seg", f"k-{kind[inner]}", f"d{min(len(covering), MAX_DEPTH)}"]
            classes += ["open"] if any(s.begin == a for s in covering) else []
            classes += ["close"] if any(s.end == b for s in covering) else []
            classes += ["draft"] if any(draft[s] for s in covering) else []
            names = " ".join(ids[s] for s in covering)
            piece = f'<span class="{" ".join(classes)}" data-spans="{names}">{piece}</span>'
        parts.append(piece)
        if b in ends:
            parts.append("</span>")
    return "".join(parts), len(found), len(bare)


def _page_nodes(article: Article, ids: dict[Span, str], nodes: dict[str, Node]) -> dict[str, dict[str, object]]:
    """The nodes this article grounds, as the script shows them; links between them both ways."""
    stances = {s.iri: s.stances for s in article.statements}
    page: dict[str, dict[str, object]] = {}
    for span in article.spans:
        for iri in span.nodes:
            node = nodes.get(iri) or Node(iri, iri)
            entry = page.setdefault(
                iri,
                {
                    "label": node.label,
                    "kind": node.kind,
                    "types": node.types,
                    "certainty": node.certainty,
                    "draft": node.draft,
                    "links": list(node.links),
                    "stances": stances.get(iri, []),
                    "spans": [],
                },
            )
            entry["spans"].append(ids[span])  # type: ignore[attr-defined]
    for iri, entry in sorted(page.items()):
        for link in nodes[iri].links if iri in nodes else []:
            if link["relation"] == "node" and link["other"] in page and link["other"] != iri:
                back = {"relation": "incoming", "property": link["property"], "other": iri, "label": entry["label"]}
                page[link["other"]]["links"].append(back)  # type: ignore[attr-defined]
    for entry in page.values():
        entry["links"].sort(key=lambda k: (k["relation"], k["property"], k["label"], k["other"]))  # type: ignore[attr-defined]
    return page


def _statements_html(article: Article, nodes: dict[str, Node]) -> str:
    if not article.statements:
        return "<p>This article has no statements.</p>"
    groups: list[str] = []
    by_speaker: dict[tuple[str, str], list[str]] = {}
    for statement in article.statements:
        node = nodes.get(statement.iri)
        draft = bool(node and node.draft)
        stances = "; ".join(
            f'<span class="{_sign_class(s["sign"])}">{_text(str(s["stance"]))}</span> \u2192 {_text(str(s["label"]))}'
            for s in statement.stances
        )
        item = (
            f'<li class="statement{" is-draft" if draft else ""}" data-node="{_text(statement.iri)}">'
            f'<button class="link" type="button" data-node="{_text(statement.iri)}">'
            f"{_text(node.label if node else statement.iri)}</button>"
            + (' <span class="badge draft">draft</span>' if draft else "")
            + (f'<div class="stances">{stances}</div>' if stances else "")
            + "</li>"
        )
        by_speaker.setdefault((statement.speaker_label, statement.speaker), []).append(item)
    for (label, iri), items in sorted(by_speaker.items()):
        groups.append(
            f'<div class="speaker" data-speaker="{_text(iri)}"><h3>{_text(label)}</h3><ul>{"".join(items)}</ul></div>'
        )
    return "".join(groups)


def render_article(article: Article, nodes: dict[str, Node]) -> tuple[str, Summary]:
    ids = {span: f"s{i}" for i, span in enumerate(article.spans)}
    body, total, unsupported = _render_text(article, ids, nodes)
    page_nodes = _page_nodes(article, ids, nodes)
    data = {
        "spans": {
            ids[s]: {
                "begin": s.begin,
                "end": s.end,
                "quote": plain(article.text[s.begin : s.end]),
                "nodes": list(s.nodes),
            }
            for s in article.spans
        },
        "nodes": page_nodes,
    }
    summary = Summary(
        article.slug,
        article.headline,
        len(article.spans),
        len(page_nodes),
        len(article.statements),
        sum(1 for n in page_nodes.values() if n["draft"]),
        unsupported,
        total,
    )
    counts = (
        f"{summary.spans} evidence spans ground {summary.nodes} nodes; {summary.statements} statements; "
        f"{summary.drafts} draft nodes; {unsupported} of {total} sentences have no evidence."
    )
    page = _fill(
        _asset("article.html"),
        {
            "TITLE": _text(article.headline),
            "LANG": _text(article.language),
            "SUMMARY": _text(counts),
            "CSS": _asset("reading.css"),
            "TEXT": body,
            "STATEMENTS": _statements_html(article, nodes),
            "DATA": script_json(data),
            "SCRIPT": _asset("reading.js"),
        },
    )
    return page, summary


def render_index(summaries: list[Summary]) -> str:
    rows = "".join(
        f'<tr data-slug="{_text(s.slug)}"><td><a href="{_text(quote(s.slug))}.html">{_text(s.headline)}</a></td>'
        f"<td>{s.spans}</td><td>{s.nodes}</td><td>{s.statements}</td><td>{s.drafts}</td>"
        f"<td>{s.unsupported} of {s.sentences}</td></tr>\n"
        for s in summaries
    )
    return _fill(_asset("index.html"), {"ROWS": rows})
