"""dist/articles/: the reading view, one self-contained HTML page per article and an index of them.

Everything comes from the built store through the queries of queries/system/reading-*.rq: the article's
text as the graph holds it (nif:isString, the text the offsets refer to), its evidence spans and the nodes
each grounds (gaf:denotedBy), each node's kind, stated types, label, certainty, links and whether it is a
draft (rg:isDraft true), and the statements by speaker with their stances. The page itself is drawn by
export.reading_page; this module gathers the data, in a fixed order, so that builds are byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from rightsgraph.core.dist_reuse import Reuse
from rightsgraph.core.project import GRAPH_NS, READING_INDEX, Project
from rightsgraph.core.text import plain
from rightsgraph.export.reading_model import Article, Node, Reading, Span, Statement
from rightsgraph.export.reading_page import Summary, render_article, render_index
from rightsgraph.export.reading_reuse import PAGE_KEY, Changes, page_name, page_names, stale_pages
from rightsgraph.sparql import queries
from rightsgraph.sparql.answers import answer_records
from rightsgraph.sparql.library import bound_rows, embedded_records


def _s(value: object, default: object = "") -> str:
    """A value of a row as the page shows it: control characters as escapes (core.text.plain), once here."""
    return plain(str(value if value is not None else default))


def _rows(
    project: Project, store: ox.Store, name: str, bound: tuple[str, list[str]] | None = None
) -> list[dict[str, object]]:
    """A reading query's rows; with `bound` (a variable and IRIs), those of these values only (a VALUES block)."""
    query = queries.load_query(project.queries_dir / "system" / f"reading-{name}.rq")
    if bound is None:
        return answer_records(store, query.text)
    return embedded_records(store, bound_rows(query, [bound[0]], [[ox.NamedNode(i)] for i in bound[1]]))


def _shown() -> Callable[..., str]:
    """`_s`, keeping what it gave for each text: the links of the nodes repeat the same relations, properties and
    labels (at a million triples, 1.3 million values of 323,724 links), which then share one string each."""
    made: dict[str, str] = {}

    def shown(value: object, default: object = "") -> str:
        value = value if value is not None else default
        if type(value) is not str:
            return plain(str(value))
        found = made.get(value)
        if found is None:
            found = made[value] = _s(value)
        return found

    return shown


def _nodes(project: Project, store: ox.Store, only: list[str] | None = None) -> dict[str, Node]:
    """The grounded nodes (only those IRIs, if given) with what the view shows of each."""
    bound = None if only is None else ("node", only)
    shown = _shown()
    nodes = {
        str(r["node"]): Node(
            str(r["node"]),
            shown(r["label"], r["node"]),
            certainty=None if r["certainty"] is None else shown(r["certainty"]),
            draft=bool(r["draft"]),
        )
        for r in _rows(project, store, "nodes", bound)
    }
    for r in _rows(project, store, "node-kinds", bound):
        node = nodes.get(str(r["node"]))
        if node is not None and int(str(r["rank"])) < node.rank:
            node.kind, node.rank = str(r["kind"]), int(str(r["rank"]))
    for r in _rows(project, store, "node-types", bound):
        if str(r["node"]) in nodes:
            nodes[str(r["node"])].types.append(shown(r["typeLabel"]))
    for r in _rows(project, store, "links", bound):
        if str(r["node"]) in nodes:
            nodes[str(r["node"])].links.append(
                {
                    "relation": shown(r["relation"]),
                    "property": shown(r["property"]),
                    "other": shown(r["other"]),
                    "label": shown(r["otherLabel"]),
                }
            )
    for node in nodes.values():
        node.types = sorted(set(node.types))
        node.links.sort(key=lambda link: (link["relation"], link["property"], link["label"], link["other"]))
    return nodes


TO_CHOOSE = "stance to choose"  # a target a draft gave without its stance


def _statements(project: Project, store: ox.Store, bound: tuple[str, list[str]] | None) -> dict[str, list[Statement]]:
    """Statements by article, each with its stances (target label, stance, sign) in a fixed order."""
    by_article: dict[str, dict[str, Statement]] = defaultdict(dict)
    for r in _rows(project, store, "statements", bound):
        statement = by_article[str(r["article"])].setdefault(
            str(r["statement"]),
            Statement(str(r["statement"]), str(r["speaker"]), _s(r["speakerLabel"], r["speaker"])),
        )
        if r["target"] is not None:
            sign = int(str(r["sign"])) if r["sign"] is not None else 0
            stance: dict[str, object] = {
                "stance": _s(r["stance"]) if r["stance"] is not None else TO_CHOOSE,
                "sign": sign if r["stance"] is not None else None,  # no sign: a stance to choose
                "target": str(r["target"]),
                "label": _s(r["targetLabel"], r["target"]),
            }
            if stance not in statement.stances:
                statement.stances.append(stance)
    return {
        article: sorted(found.values(), key=lambda s: (s.speaker_label, s.speaker, s.iri))
        for article, found in by_article.items()
    }


def _spans(project: Project, store: ox.Store, bound: tuple[str, list[str]] | None) -> dict[str, list[Span]]:
    grounded: dict[str, dict[tuple[str, int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in _rows(project, store, "spans", bound):
        key = (str(r["span"]), int(str(r["begin"])), int(str(r["end"])))
        grounded[str(r["article"])][key].append(str(r["node"]))
    return {
        article: sorted(
            (Span(iri, begin, end, tuple(sorted(set(nodes)))) for (iri, begin, end), nodes in spans.items()),
            key=lambda s: (s.begin, -s.end, s.iri),
        )
        for article, spans in grounded.items()
    }


def article_rows(project: Project, store: ox.Store) -> dict[str, dict[str, object]]:
    """slug -> the row of reading-articles.rq, for every article of the dataset."""
    found = {}
    for r in _rows(project, store, "articles"):
        graph = str(r["graph"])
        if graph.startswith(GRAPH_NS):
            found[graph[len(GRAPH_NS) :]] = r
    return found


def collect(
    project: Project, store: ox.Store, rows: dict[str, dict[str, object]] | None = None, restrict: bool = False
) -> Reading:
    """What the pages of these articles show (slug -> row of article_rows; all articles if None): with `restrict`,
    the reading queries are asked of these articles and their nodes only."""
    rows = article_rows(project, store) if rows is None else rows
    bound = ("article", sorted(str(r["article"]) for r in rows.values())) if restrict else None
    spans, statements = _spans(project, store, bound), _statements(project, store, bound)
    articles = []
    for slug, r in sorted(rows.items()):
        iri, text = str(r["article"]), str(r["text"])
        inside = [s for s in spans.get(iri, []) if 0 <= s.begin < s.end <= len(text)]
        articles.append(
            Article(
                slug,
                iri,
                _s(r["headline"], slug),
                _s(r["language"]),
                text,
                inside,
                statements.get(iri, []),
            )
        )
    grounded = None if bound is None else sorted({n for a in articles for s in spans.get(a.iri, []) for n in s.nodes})
    return Reading(articles, _nodes(project, store, grounded))


def write_reading_view(
    project: Project, store: ox.Store, out: Path, reuse: Reuse | None = None, found: Changes | None = None
) -> list[Path]:
    """dist/articles/SLUG.html for every article, and dist/articles/index.html listing them with counts; the pages an
    edit (`found`) cannot have changed are taken from the dist/ in place (export.reading_reuse)."""
    rows = article_rows(project, store)
    pages = {slug: GRAPH_NS + slug for slug in rows}
    stale = set(pages) if reuse is None or found is None else stale_pages(reuse, pages, found)
    reading = collect(project, store, {s: rows[s] for s in stale}, restrict=stale != set(pages))
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    summaries = {}
    for article in reading.articles:
        page, summary = render_article(article, reading.nodes)
        (folder / f"{article.slug}.html").write_text(page, encoding="utf-8")
        summaries[article.slug] = summary
        if reuse is not None:
            note = {"names": page_names(article, reading.nodes), "summary": asdict(summary)}
            reuse.made(page_name(article.slug), PAGE_KEY, note)
    for slug in sorted(set(pages) - stale):
        assert reuse is not None  # pages are taken only with a record
        kept = cast(dict, reuse.recorded_note(page_name(slug)))
        reuse.file(page_name(slug), PAGE_KEY, folder / f"{slug}.html", kept)
        summaries[slug] = Summary(**kept["summary"])
    index = folder / f"{READING_INDEX}.html"
    index.write_text(render_index([summaries[s] for s in sorted(summaries)]), encoding="utf-8")
    return [index, *(folder / f"{slug}.html" for slug in sorted(summaries))]
