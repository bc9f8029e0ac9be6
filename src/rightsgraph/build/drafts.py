"""What a build (and a `validate`, of the files it rebuilt) tells a researcher of unconfirmed work: the draft nodes
(rg:isDraft true) each article still holds.

Drafts build and validate like confirmed work (so that a draft can be read in the reading view), so nothing else
would say that a graph still holds proposals no one has checked (queries/system/draft-nodes.rq)."""

from __future__ import annotations

import pyoxigraph as ox

from rightsgraph.core.project import GRAPH_NS, REGISTER_GRAPH, Project
from rightsgraph.sparql import queries
from rightsgraph.sparql.library import bound_rows, embedded_records

SHOWN = 5  # articles named in the note; the count covers them all


def draft_notes(project: Project, store: ox.Store, graphs: list[str] | None = None) -> list[str]:
    """The note on the draft nodes of every graph, or of `graphs` only (what a `validate` rebuilt)."""
    query = queries.load_query(project.queries_dir / "system" / "draft-nodes.rq")
    text = query.text if graphs is None else bound_rows(query, ["graph"], [[ox.NamedNode(g)] for g in graphs])
    found = [(_file(str(r["graph"])), int(str(r["drafts"]))) for r in embedded_records(store, text)]
    if not found:
        return []
    named = ", ".join(f"{slug} ({n})" for slug, n in found[:SHOWN]) + (", ..." if len(found) > SHOWN else "")
    total = sum(n for _, n in found)
    return [
        f"{total} draft node(s) not yet confirmed (draft: true) in {len(found)} file(s) of data/: {named}; check each "
        "against the text and delete its draft: true line, or delete the node (dist/articles/ shows them)"
    ]


def _file(graph: str) -> str:
    """The file of data/ a graph is read from: the article's slug, or the register."""
    return "actors.yaml" if graph == REGISTER_GRAPH else graph.removeprefix(GRAPH_NS)
