"""Which pages of the reading view an edit may have changed; export.reading takes the others from the dist/ in place.

A page shows what the queries of queries/system/reading-*.rq answer for one article: rows that start from the
article (its spans and the statements they ground) and from the nodes its spans ground (labels, certainty, kinds,
stated types, links), reaching at most one node further that a row does not name (a participation and its actor, a
time or a count as written, a qualified stance and its target). So a page can change only when a triple is added or
removed, in any graph (the derived ones included), that has for subject or object

- an IRI the page's rows name, or
- an IRI one triple of the dataset links to from such an IRI (found by a step back from each changed IRI),

or when the article's own graph changes. What is not a node of the dataset (classes, properties, the concepts of the
vocabularies: their labels, their hierarchy) comes from the ontology, under the key of dist/ (build.manifest.dist_key);
a changed triple whose subject is neither a node (under the project's @base) nor a graph makes every page be written
again.

The record keeps, for each page, short digests of the IRIs its rows name (two IRIs sharing a digest make a page be
written again, never kept stale) and the page's summary for the index. The test suite checks that after edits the
reading view is byte for byte a build from empty's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from rightsgraph.core.dist_reuse import Reuse
from rightsgraph.core.project import GRAPH_NS
from rightsgraph.export.delta import Delta, edit_delta
from rightsgraph.export.reading_model import Article, Node

PAGE_KEY = "reading-view"  # a page's file key: whether it may be taken is decided by its dependencies


def iri_digest(iri: str) -> str:
    return hashlib.blake2b(iri.encode(), digest_size=6).hexdigest()


def page_names(article: Article, nodes: dict[str, Node]) -> list[str]:
    """The digests of the IRIs a page's rows name: the article, its spans and the nodes they ground, its statements'
    speakers and targets, and what those nodes link to."""
    names = {article.iri}
    for span in article.spans:
        names.add(span.iri)
        names.update(span.nodes)
        for iri in span.nodes:
            names.update(link["other"] for link in (nodes[iri].links if iri in nodes else []) if link["other"])
    for statement in article.statements:
        names.update((statement.iri, statement.speaker))
        names.update(str(stance["target"]) for stance in statement.stances)
    return sorted({iri_digest(iri) for iri in names})


@dataclass
class Changes:
    """What an edit changed since the dist/ in place: the graphs whose content changed (added or removed too), and
    the IRIs it touched (None: cannot be told, write every page)."""

    graphs: set[str]
    touched: set[str] | None


def changes(
    reuse: Reuse,
    graphs: dict[str, list[bytes]],
    digests: dict[str, str],
    store: ox.Store,
    nodes: str,
    delta: Delta | None = None,
) -> Changes:
    """The IRIs of every triple added or removed in a graph whose digest changed (export.delta, or `delta` when the
    caller has it), and one step back from each; none to tell when there is no record, the old dump changed, or a
    changed triple is about something other than a node (an IRI under `nodes`, the project's @base) or a graph."""
    delta = delta or edit_delta(reuse, graphs, digests)
    if delta is None:
        return Changes(set(graphs), None)
    touched: set[str] = set()
    for quad in delta.quads:
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith((nodes, GRAPH_NS)):
            return Changes(delta.graphs, None)
        touched.add(subject.value)
        if isinstance(quad.object, ox.NamedNode):
            touched.add(quad.object.value)
    back = {
        q.subject.value
        for iri in touched
        for q in store.quads_for_pattern(None, None, ox.NamedNode(iri))
        if isinstance(q.subject, ox.NamedNode)
    }
    return Changes(delta.graphs, touched | back)


def stale_pages(reuse: Reuse, pages: dict[str, str], found: Changes) -> set[str]:
    """The pages (slug -> its article's graph) to write again: every page when the edit cannot be told; else those
    whose article's graph changed, whose rows name a touched IRI, or that cannot be taken (no record of them, or
    changed by hand)."""
    if found.touched is None:
        return set(pages)
    digests = {iri_digest(iri) for iri in found.touched}
    stale = set()
    for slug, graph in pages.items():
        note = reuse.recorded_note(page_name(slug))
        if (
            graph in found.graphs
            or not isinstance(note, dict)
            or not reuse.can(page_name(slug), PAGE_KEY)
            or digests.intersection(note.get("names", []))
        ):
            stale.add(slug)
    return stale


def page_name(slug: str) -> str:
    return f"articles/{slug}.html"
