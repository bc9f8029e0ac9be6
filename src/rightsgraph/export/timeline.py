"""dist/timeline.html: the corpus's events and statements on a time axis, one self-contained page.

Everything comes from the built store through the queries of queries/system/timeline-*.rq: each event and
statement with its label, draft flag, canonical node and time span (wording, EDTF, bounds), its event types,
its actors (participants and speakers, clustered by identity judgements), its evidence spans with their
quotes, and the articles. The nodes one rg:canonicalNode joins are one item (timeline_model). Every item links
to its evidence in the reading view (dist/articles/SLUG.html#ID), whose span ids come from the reading view's
own query (reading-spans.rq), numbered as export.reading_page numbers them. Text from data is never markup:
HTML-escaped in the page, JSON-escaped in the script (as the reading view does), set only as text by the script.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from rightsgraph.core.project import GRAPH_NS, READING_INDEX, Project
from rightsgraph.core.text import plain, script_json
from rightsgraph.export.reading_page import _asset, _fill, _text
from rightsgraph.export.timeline_model import (
    STATEMENT,
    Article,
    Evidence,
    Item,
    Member,
    Timeline,
    as_date,
    axis,
    colours,
    day,
    interval,
)
from rightsgraph.sparql import queries
from rightsgraph.sparql.answers import answer_records

PAGE = "timeline.html"
OPEN = "\u2026"  # an open end of an interval


def _s(value: object, default: object = "") -> str:
    return plain(str(value if value is not None else default))


def _rows(project: Project, store: ox.Store, name: str) -> list[dict[str, object]]:
    query = queries.load_query(project.queries_dir / "system" / f"{name}.rq")
    return answer_records(store, query.text)


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _anchors(project: Project, store: ox.Store) -> dict[str, str]:
    """span IRI -> its id in the reading view of its article: the spans of each article in the order
    export.reading orders them (begin, longest first, IRI), numbered s0, s1... as reading_page does."""
    spans: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    for r in _rows(project, store, "reading-spans"):
        spans[str(r["article"])].add((int(str(r["begin"])), -int(str(r["end"])), str(r["span"])))
    return {iri: f"s{i}" for found in spans.values() for i, (_, _, iri) in enumerate(sorted(found))}


def _articles(project: Project, store: ox.Store) -> dict[str, Article]:
    found = {}
    for r in _rows(project, store, "timeline-articles"):
        graph, iri = str(r["graph"]), str(r["article"])
        if graph.startswith(GRAPH_NS):
            slug = graph[len(GRAPH_NS) :]
            found[iri] = Article(iri, slug, _s(r["headline"], slug), as_date(r["published"]))
    return found


Actors = dict[str, list[tuple[str, str, str]]]  # node -> (actor IRI, label, role)


def _members(
    project: Project, store: ox.Store, articles: dict[str, Article]
) -> tuple[dict[str, Member], dict[str, str], Actors]:
    """Every event and statement (node IRI -> Member), the canonical node of each, and the actors of each."""
    members: dict[str, Member] = {}
    canonical: dict[str, str] = {}
    for r in _rows(project, store, "timeline-items"):
        iri = str(r["node"])
        if iri in members:  # a second time span (the shapes allow one): the first, in the query's order
            continue
        members[iri] = Member(
            iri,
            _s(r["label"]),
            statement=bool(r["statement"]),
            draft=bool(r["draft"]),
            expression=None if r["expression"] is None else _s(r["expression"]),
            edtf=None if r["edtf"] is None else _s(r["edtf"]),
            earliest=as_date(r["earliest"]),
            latest=as_date(r["latest"]),
        )
        canonical[iri] = str(r["canonical"] if r["canonical"] is not None else iri)
    for r in _rows(project, store, "timeline-types"):
        if str(r["node"]) in members:
            members[str(r["node"])].types.append(_s(r["typeLabel"]))
    anchors = _anchors(project, store)
    for r in _rows(project, store, "timeline-evidence"):
        member, article = members.get(str(r["node"])), articles.get(str(r["article"]))
        if member is None:
            continue
        member.evidence.append(
            Evidence(
                article.slug if article else None,
                anchors.get(str(r["span"])),
                _s(r["quote"]),
                article.headline if article else _s(r["article"]),
            )
        )
    actors: Actors = defaultdict(list)
    for r in _rows(project, store, "timeline-actors"):
        actor = (str(r["actor"]), _s(r["actorLabel"], _local(str(r["actor"]))), _s(r["role"]))
        if actor not in actors[str(r["node"])]:
            actors[str(r["node"])].append(actor)
    for iri, member in members.items():
        if not member.label:
            speakers = [label for _, label, role in actors[iri] if role == "speaker"]
            member.label = f"statement by {', '.join(speakers)}" if speakers else _local(iri)
    return members, canonical, actors


def collect(project: Project, store: ox.Store) -> Timeline:
    articles = _articles(project, store)
    members, canonical, actors = _members(project, store, articles)
    clusters: dict[str, list[Member]] = defaultdict(list)
    for iri in sorted(members):
        clusters[canonical[iri]].append(members[iri])
    order = {a.slug: (a.published or date.max, a.slug) for a in articles.values()}
    items = []
    for key, cluster in clusters.items():
        item = Item(key, cluster)
        item.earliest, item.latest, item.disputed = interval(cluster)
        item.actors = sorted({a for m in cluster for a in actors[m.iri]}, key=lambda a: (a[1].casefold(), a[0], a[2]))
        slugs = {e.slug for m in cluster for e in m.evidence if e.slug}
        item.articles = sorted(slugs, key=lambda s: order.get(s, (date.max, s)))
        items.append(item)
    items.sort(key=Item.sort_key)
    ordered = sorted(articles.values(), key=lambda a: (a.published or date.max, a.slug))
    return Timeline(items, ordered, axis(items))


# --- the page ------------------------------------------------------------------------------------------------


def dates(earliest: date | None, latest: date | None) -> str:
    """An interval as the page writes it: ISO dates, an open end as an ellipsis, one day as one date."""
    if earliest is None and latest is None:
        return "undated"
    if earliest == latest:
        return str(earliest)
    return f"{earliest or OPEN} \u2013 {latest or OPEN}"


def _wording(member: Member) -> str:
    parts = [f"\u201c{member.expression}\u201d"] if member.expression is not None else []
    parts += [f"EDTF {member.edtf}"] if member.edtf is not None else []
    return " ".join(parts)


def _when(item: Item) -> list[str]:
    """The item's interval, then each member's wording and EDTF (named by the member when there are several)."""
    timed = [m for m in item.members if m.timed]
    several = len(item.members) > 1
    return [dates(item.earliest, item.latest), *(_wording(m) + (f" ({m.label})" if several else "") for m in timed)]


def _href(evidence: Evidence) -> str | None:
    if evidence.slug is None:
        return None
    return f"articles/{quote(evidence.slug)}.html" + (f"#{evidence.anchor}" if evidence.anchor else "")


def _evidence_html(item: Item) -> str:
    """A link to the reading view per evidence span, named by its article (the next spans of the same article
    by their number), the quote as its title."""
    links: list[str] = []
    seen: dict[tuple[str | None, str], int] = defaultdict(int)
    for member in item.members:
        for e in member.evidence:
            seen[e.slug, e.headline] += 1
            text = e.headline if seen[e.slug, e.headline] == 1 else str(seen[e.slug, e.headline])
            href, title = _href(e), f"\u201c{e.quote}\u201d \u2014 {e.headline}"
            tag = f'a href="{_text(href)}"' if href else "span"
            links.append(f'<{tag} class="evidence" title="{_text(title)}">{_text(text)}</{tag.split()[0]}>')
    return "".join(links)


def _badges(item: Item) -> str:
    badges = ""
    if item.drafts:
        text = "draft" if item.drafts == len(item.members) else f"{item.drafts} of {len(item.members)} drafts"
        badges += f'<span class="badge draft" title="proposed by rightsgraph draft, not yet confirmed">{text}</span>'
    if len(item.members) > 1:
        badges += f'<span class="badge joined" title="nodes identity judgements join">{len(item.members)} nodes</span>'
    if item.disputed:
        badges += '<span class="badge disputed" title="the bounds its nodes give cannot all hold">dates disagree</span>'
    return badges


def _row(key: str, item: Item, ids: dict[str, dict[str, str]]) -> str:
    """One item: its name, kinds, time and evidence; a track for its bar if it has a bound (placed by the script
    from data-begin, the first day, and data-end, the day after the last; empty for an open end)."""
    kinds = item.kinds
    classes = ["item", ids["kind"][kinds[0]], *(["draft"] if item.drafts else []), *(["disputed"] * item.disputed)]
    attributes = {
        "id": key,
        "class": " ".join(classes),
        "data-kinds": " ".join(ids["kind"][k] for k in kinds),
        "data-actors": " ".join(ids["actor"][a[0]] for a in item.actors),
        "data-articles": " ".join(ids["article"][s] for s in item.articles if s in ids["article"]),
        "data-begin": "" if item.earliest is None else str(day(item.earliest)),
        "data-end": "" if item.latest is None else str(day(item.latest + timedelta(days=1))),
    }
    when = _when(item)
    title = item.label + " \u2014 " + " \u00b7 ".join(when)
    track = f'<div class="track"><span class="bar" title="{_text(title)}"></span></div>' if item.dated else ""
    words = "".join(f' \u00b7 <span class="words">{_text(w)}</span>' for w in when[1:])
    return (
        "<li " + " ".join(f'{k}="{_text(v)}"' for k, v in attributes.items()) + '><div class="meta">'
        f'<div class="title"><span class="swatch"></span><button type="button" class="label" data-item="{key}" '
        f'title="{_text(item.label)}">{_text(item.label)}</button>{_badges(item)}</div>'
        f'<div class="when"><span class="kinds">{_text(", ".join(kinds))}</span> \u00b7 '
        f'<span class="dates">{_text(when[0])}</span>{words}</div>'
        f'<div class="sources">{_evidence_html(item)}</div></div>{track}</li>\n'
    )


def _details(item: Item) -> dict[str, object]:
    """What the script shows of an item when it is clicked (set only as text)."""
    return {
        "label": item.label,
        "kinds": item.kinds,
        "dates": dates(item.earliest, item.latest),
        "disputed": item.disputed,
        "actors": [[label, role] for _, label, role in item.actors],
        "members": [
            {
                "iri": m.iri,
                "label": m.label,
                "draft": m.draft,
                "expression": m.expression,
                "edtf": m.edtf,
                "dates": dates(m.earliest, m.latest) if m.dated else None,
                "evidence": [{"href": _href(e), "quote": e.quote, "headline": e.headline} for e in m.evidence],
            }
            for m in item.members
        ],
    }


def _options(pairs: list[tuple[str, str, int]]) -> str:
    return "".join(f'<option value="{_text(v)}">{_text(label)} ({count})</option>' for v, label, count in pairs)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render(timeline: Timeline) -> str:
    items = timeline.items
    kinds = sorted({k for i in items for k in i.kinds}, key=lambda k: (k != STATEMENT, k.casefold()))
    palette = colours(kinds)
    actors = sorted({a[:2] for i in items for a in i.actors}, key=lambda a: (a[1].casefold(), a[0]))
    ids = {
        "kind": {k: f"k{n}" for n, k in enumerate(kinds)},
        "actor": {iri: f"a{n}" for n, (iri, _) in enumerate(actors)},
        "article": {a.slug: f"r{n}" for n, a in enumerate(timeline.articles)},
    }
    count = lambda test: sum(1 for i in items if test(i))
    # the items of each kind, actor and article, counted in one pass (not one pass per actor: 13 s at 1M triples)
    of_kind = Counter(k for i in items for k in set(i.kinds))
    of_actor = Counter(a for i in items for a in {x[0] for x in i.actors})
    of_article = Counter(s for i in items for s in set(i.articles))
    legend = "".join(
        f'<label class="kind {ids["kind"][k]}"><input type="checkbox" checked value="{ids["kind"][k]}">'
        f'<span class="swatch"></span>{_text(k)} ({of_kind[k]})</label>'
        for k in kinds
    )
    by_actor = [(ids["actor"][iri], label, of_actor[iri]) for iri, label in actors]
    by_article = [(ids["article"][a.slug], a.headline, of_article[a.slug]) for a in timeline.articles]
    keys = {id(i): f"i{n}" for n, i in enumerate(items)}
    statements, dated = count(lambda i: STATEMENT in i.kinds), count(lambda i: i.dated)
    summary = (
        f"{_plural(len(items) - statements, 'event')} and {_plural(statements, 'statement')} from "
        f"{_plural(len(timeline.articles), 'article')}: {dated} placed on the axis, {len(items) - dated} undated; "
        f"{_plural(count(lambda i: len(i.members) > 1), 'item')} joining nodes that identity judgements take to be "
        f"the same; {_plural(count(lambda i: bool(i.drafts)), 'item')} with draft nodes."
    )
    ax = timeline.axis
    data = {
        "axis": {
            "first": ax.first,
            "last": ax.last,
            "start": ax.start,
            "end": ax.end,
            "years": ax.years,
            "months": ax.months,
        },
        "items": {keys[id(i)]: _details(i) for i in items},
    }
    return _fill(
        _asset("timeline.html"),
        {
            "SUMMARY": _text(summary),
            "INDEX": _text(f"articles/{READING_INDEX}.html"),
            "CSS": _asset("timeline.css") + "".join(f".{ids['kind'][k]} {{ --kind: {palette[k]}; }}\n" for k in kinds),
            "LEGEND": legend,
            "ACTORS": _options(by_actor),
            "ARTICLES": _options(by_article),
            "DATED": "".join(_row(keys[id(i)], i, ids) for i in items if i.dated),
            "UNDATED": "".join(_row(keys[id(i)], i, ids) for i in items if not i.dated),
            "DATA": script_json(data),
            "SCRIPT": _asset("timeline.js"),
        },
    )


def write_timeline(project: Project, store: ox.Store, out: Path) -> Path:
    """dist/timeline.html, from the built store."""
    target = out / PAGE
    target.write_text(render(collect(project, store)), encoding="utf-8")
    return target
