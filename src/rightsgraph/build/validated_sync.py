"""What a clean `rightsgraph validate` makes queryable: the dataset store (store.dataset) brought level with the
graphs it validated, in a time that depends on the edit, not on the size of the dataset.

The edit loop of a researcher is: edit an article, `rightsgraph validate`, `rightsgraph query` (or a running
`serve`). `build` writes dist/, the publication (dumps, reading views, networks, docs), and takes time in proportion
to the dataset; `validate` converts and validates only what changed, and then replaces in the dataset store only
the data graphs whose inputs changed since the store was last synced (the build manifest's keys against the keys
the store's record holds), with the derived graphs that follow from them:

- <graph/entailed-types>: the type closure (queries/system/type-closure.rq) of every node typed in a replaced or
  removed graph, before or after, asked of those nodes only; a node's closure depends on nothing else;
- <graph/identity>: the identity closure (queries/system/identity-closure.rq), asked again of the whole store
  (it starts from the identity judgements, which are few);
- <graph/network>: the measures of the whole actor network are not recomputed here (seconds at a million
  triples); they stay the last build's, the record marks them stale, and `query` says so on a question that
  reads them, until the next `build`.

A sync needs a store that serves dist/ under the same ontology, shapes and rules (the same base key): otherwise
(no build yet, a dist/ from elsewhere, the ontology edited) nothing is synced and `build` is the way. It runs
under the dist/ lock, withdraws the store's record first and writes it again when the store is complete, as a
build's sync does.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from rightsgraph.build.entailment import add_identity_closure
from rightsgraph.build.manifest import inputs_held
from rightsgraph.core.distdir import build_lock
from rightsgraph.core.errors import UserError, disk_errors
from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import IDENTITY_GRAPH, TYPES_GRAPH, Project
from rightsgraph.export.dumps import sorted_lines
from rightsgraph.sparql import queries
from rightsgraph.sparql.library import bound_rows
from rightsgraph.store.dataset import (
    Synced,
    dataset_location,
    dump_checksum,
    generations,
    graph_digest,
    next_generation,
    prune,
    read_state,
    settle,
    withdraw,
    write_state,
)


class NotSynced(Exception):
    """Why a validate did not bring the dataset store level (the store stays as it was)."""


def sync_validated(project: Project, validated: ox.Store, read_at: int) -> Synced:
    """Bring the dataset store level with `validated` (the store of a build that found no violation, which began
    reading data/ at `read_at`, ns); raise NotSynced saying why not."""
    try:
        with build_lock(project.root), disk_errors(project.root / ".rightsgraph"):
            return _sync(project, validated, read_at)
    except UserError as exc:
        if exc.message.startswith("another rightsgraph build"):  # it writes dist/ and syncs the store itself
            raise NotSynced(exc.message) from None
        raise


def _sync(project: Project, validated: ox.Store, read_at: int) -> Synced:
    state = read_state(project)
    checksum = dump_checksum(project.dist_dir)
    if checksum is None or state.get("dump") != checksum or not dataset_location(project, state).is_dir():
        raise NotSynced("the dataset store does not hold dist/ (no build yet, or a build was cut short)")
    held = {**inputs_held(project), "read_at": read_at}
    if "base" not in state:
        raise NotSynced("the dataset store was made by an earlier rightsgraph")
    if state["base"] != held["base"]:
        raise NotSynced("the ontology, shapes or rules changed since the last build")
    before, now = state.get("keys", {}), held["keys"]
    removed = sorted(g for g in before if g not in now)
    lines = {g: sorted_lines(validated, g) for g in sorted(now) if before.get(g) != now[g]}
    digests = dict(state.get("graphs", {}))
    # inputs changed, content not (a comment, the layout of the YAML): the record takes the new keys, nothing else
    replaced = sorted(g for g, graph_lines in lines.items() if digests.get(g) != graph_digest(graph_lines))
    if not replaced and not removed:
        if lines:
            write_state(project, {**state, **held})
        return Synced([], [], False)
    lines = {g: lines[g] for g in replaced}
    withdraw(project, state)
    location = next_generation(project, dataset_location(project, state))
    store = ox.Store(str(location))
    typed = _typed(store, [*replaced, *removed])
    for graph in (*removed, *replaced):
        store.remove_graph(ox.NamedNode(graph))
        digests.pop(graph, None)
    for graph, graph_lines in lines.items():
        store.load(b"\n".join(graph_lines) + b"\n", format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        digests[graph] = graph_digest(graph_lines)
    typed |= _typed(store, replaced)
    closed = _close_types(project, store, typed)
    add_identity_closure(project, store)  # the rule asked again of the whole store
    # the type closure is digested again only when it changed (at 1M triples reading it back takes 0.11 s)
    for graph in (TYPES_GRAPH, IDENTITY_GRAPH) if closed or TYPES_GRAPH not in digests else (IDENTITY_GRAPH,):
        derived = sorted_lines(store, graph)
        if derived:
            digests[graph] = graph_digest(derived)
        else:
            digests.pop(graph, None)
    terms = state.get("network_terms", [])  # looked up by the build that measured the networks
    files = settle(store, location, state.get("files", 0))
    del store  # closes it: RocksDB allows one writer
    # a new stamp for every sync, whatever the content: a reader compares stamps before and after its opening
    stamp = hashlib.sha256(f"{state.get('stamp', checksum)}\n{sorted(digests.items())!r}".encode()).hexdigest()
    write_state(
        project,
        {
            "dump": checksum,
            "stamp": stamp,
            "graphs": digests,
            "files": files,
            "network": "stale",
            "network_terms": terms,
            **held,
            **generations(project, state, location),
        },
    )
    prune(project, state, location)
    return Synced(replaced, removed, False)


def _typed(store: ox.Store, graphs: list[str]) -> set[ox.NamedNode]:
    """The nodes typed in these graphs of the store."""
    return {
        q.subject
        for g in graphs
        for q in store.quads_for_pattern(None, RDF_TYPE, None, ox.NamedNode(g))
        if isinstance(q.subject, ox.NamedNode)
    }


def _close_types(project: Project, store: ox.Store, nodes: set[ox.NamedNode]) -> bool:
    """Replace the type closure of these nodes in <graph/entailed-types> (the rule asked of them only); whether that
    changed the graph (the quads added are not the quads removed)."""
    graph = ox.NamedNode(TYPES_GRAPH)
    removed = {quad for node in nodes for quad in store.quads_for_pattern(node, RDF_TYPE, None, graph)}
    for quad in removed:
        store.remove(quad)
    if not nodes:
        return bool(removed)
    rule = queries.load_query(project.queries_dir / "system" / "type-closure.rq")
    text = bound_rows(rule, ["node"], [[n] for n in sorted(nodes, key=lambda n: n.value)])
    added = {
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in store.query(text, use_default_graph_as_union=True)
    }
    store.extend(added)
    return added != removed
