"""dist/articles/: the reading view, one self-contained HTML page per article and an index of them.

Everything comes from the built store through the queries of queries/system/reading-*.rq: the article's
text as the graph holds it (nif:isString, the text the offsets refer to), its evidence spans and the nodes
each grounds (gaf:denotedBy), each node's kind, stated types, label, certainty, links and whether it is a
draft (rg:isDraft true), and the statements by speaker with their stances. The page itself is drawn by
export.reading_page; this module gathers the data, in a fixed order, so that builds are byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.project import GRAPH_NS, READING_INDEX, Project
from rightsgraph.core.text import plain
from rightsgraph.export.reading_model import Article, Node, Reading, Span, Statement
from rightsgraph.export.reading_page import render_article, render_index
from rightsgraph.sparql import queries
from rightsgraph.sparql.library import run_embedded


def _s(value: object, default: object = "") -> str:
    """A value of a row as the page shows it: control characters as escapes (core.text.plain), once here."""
    return plain(str(value if value is not None else default))


def _rows(project: Project, store: ox.Store, name: str) -> list[dict[str, object]]:
    query = queries.load_query(project.queries_dir / "system" / f"reading-{name}.rq")
    return run_embedded(store, query.text).records()


def _nodes(project: Project, store: ox.Store) -> dict[str, Node]:
    nodes = {
        str(r["node"]): Node(
            str(r["node"]),
            _s(r["label"], r["node"]),
            certainty=None if r["certainty"] is None else _s(r["certainty"]),
            draft=bool(r["draft"]),
        )
        for r in _rows(project, store, "nodes")
    }
    for r in _rows(project, store, "node-kinds"):
        node = nodes.get(str(r["node"]))
        if node is not None and int(str(r["rank"])) < node.rank:
            node.kind, node.rank = str(r["kind"]), int(str(r["rank"]))
    for r in _rows(project, store, "node-types"):
        if str(r["node"]) in nodes:
            nodes[str(r["node"])].types.append(_s(r["typeLabel"]))
    for r in _rows(project, store, "links"):
        if str(r["node"]) in nodes:
            nodes[str(r["node"])].links.append(
                {
                    "relation": _s(r["relation"]),
                    "property": _s(r["property"]),
                    "other": _s(r["other"]),
                    "label": _s(r["otherLabel"]),
                }
            )
    for node in nodes.values():
        node.types = sorted(set(node.types))
        node.links.sort(key=lambda link: (link["relation"], link["property"], link["label"], link["other"]))
    return nodes


def _statements(project: Project, store: ox.Store) -> dict[str, list[Statement]]:
    """Statements by article, each with its stances (target label, stance, sign) in a fixed order."""
    by_article: dict[str, dict[str, Statement]] = defaultdict(dict)
    for r in _rows(project, store, "statements"):
        statement = by_article[str(r["article"])].setdefault(
            str(r["statement"]),
            Statement(str(r["statement"]), str(r["speaker"]), _s(r["speakerLabel"], r["speaker"])),
        )
        if r["stance"] is not None:
            stance = {
                "stance": _s(r["stance"]),
                "sign": int(str(r["sign"])) if r["sign"] is not None else 0,
                "target": str(r["target"]),
                "label": _s(r["targetLabel"], r["target"]),
            }
            if stance not in statement.stances:
                statement.stances.append(stance)
    return {
        article: sorted(found.values(), key=lambda s: (s.speaker_label, s.speaker, s.iri))
        for article, found in by_article.items()
    }


def _spans(project: Project, store: ox.Store) -> dict[str, list[Span]]:
    grounded: dict[str, dict[tuple[str, int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in _rows(project, store, "spans"):
        key = (str(r["span"]), int(str(r["begin"])), int(str(r["end"])))
        grounded[str(r["article"])][key].append(str(r["node"]))
    return {
        article: sorted(
            (Span(iri, begin, end, tuple(sorted(set(nodes)))) for (iri, begin, end), nodes in spans.items()),
            key=lambda s: (s.begin, -s.end, s.iri),
        )
        for article, spans in grounded.items()
    }


def collect(project: Project, store: ox.Store) -> Reading:
    spans, statements = _spans(project, store), _statements(project, store)
    articles = []
    for r in _rows(project, store, "articles"):
        graph, iri, text = str(r["graph"]), str(r["article"]), str(r["text"])
        if not graph.startswith(GRAPH_NS):
            continue
        slug = graph[len(GRAPH_NS) :]
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
    return Reading(articles, _nodes(project, store))


def write_reading_view(project: Project, store: ox.Store, out: Path) -> list[Path]:
    """dist/articles/SLUG.html for every article, and dist/articles/index.html listing them with counts."""
    reading = collect(project, store)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    written, summaries = [], []
    for article in sorted(reading.articles, key=lambda a: a.slug):
        page, summary = render_article(article, reading.nodes)
        target = folder / f"{article.slug}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
        summaries.append(summary)
    index = folder / f"{READING_INDEX}.html"
    index.write_text(render_index(summaries), encoding="utf-8")
    return [index, *written]
