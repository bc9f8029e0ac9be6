"""Answers that are empty for a reason other than the facts: a parameter naming a node the dataset does not have
(a typo in an IRI), or an endpoint whose default graph is not the union of its named graphs (the library's
questions read the default graph). Each check is a system query of queries/system/, run where the question ran
(`run`: the embedded store or the endpoint), and gives a warning to print, never an error.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from rightsgraph.core.errors import did_you_mean
from rightsgraph.core.prefixes import compact
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.sparql.library import Result, Term, bind, bound_text
from rightsgraph.sparql.queries import QueryFile, load_query

Run = Callable[[str], Result]
UNION_FIX = (
    "serve or publish the dataset with the default graph as the union of the named graphs "
    "(Oxigraph: oxigraph serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)"
)


def system_query(project: Project, name: str) -> QueryFile:
    return load_query(project.queries_dir / "system" / f"{name}.rq")


def _ask(run: Run, query: QueryFile, **params: str) -> bool:
    return bool(run(bound_text(query, bind(query, params))).boolean)


def kind_namespace(iri: str) -> str:
    """The namespace of the nodes of the same kind: id:actor/ for id:actor/x, else the IRI up to its last / or #."""
    if iri.startswith(ID_NS) and "/" in iri[len(ID_NS) :]:
        return ID_NS + iri[len(ID_NS) :].split("/", 1)[0] + "/"
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1] if cut >= 0 else iri


def missing_nodes(
    project: Project, bindings: dict[str, Term], given: dict[str, str], run: Run, prefixes: dict[str, str]
) -> list[str]:
    """A warning for each parameter the user gave whose IRI no triple has as its subject or object, with the
    closest existing node of the same kind, written as a parameter can take it (id:actor/x)."""
    warnings = []
    in_use = system_query(project, "node-in-use")
    for name, value in given.items():
        term = bindings.get(name)
        if not isinstance(term, ox.NamedNode) or _ask(run, in_use, node=term.value):
            continue
        namespace = kind_namespace(term.value)
        of_kind = system_query(project, "nodes-in-namespace")
        rows = run(bound_text(of_kind, bind(of_kind, {"namespace": namespace}))).rows
        by_local = {
            row[0].value[len(namespace) :]: compact(row[0].value, prefixes)
            for row in rows
            if isinstance(row[0], ox.NamedNode)
        }
        closest = _closest(term.value[len(namespace) :], by_local, compact(namespace, prefixes))
        warnings.append(
            f"--param {name}={value}: the dataset has no such node (no triple has it as its subject or object), "
            f"so nothing can match it; {closest}"
        )
    return warnings


def _closest(local: str, by_local: dict[str, str], namespace: str) -> str:
    """The existing node whose name (after the namespace of its kind) is closest, as a parameter takes it."""
    if not by_local:
        return f"the dataset has no node that starts with {namespace}"
    hint = did_you_mean(local, sorted(by_local))
    if hint.startswith("did you mean '"):
        return f"did you mean '{by_local[hint[len('did you mean ') + 1 : -2]]}'?"
    some = sorted(by_local.values())
    return f"no {namespace} node has a close name; there are {len(some)}, such as {', '.join(some[:3])}"


def default_graph_problem(project: Project, run: Run) -> str | None:
    """A warning when the named graphs hold triples and the default graph none: the library then finds nothing."""
    if not _ask(run, system_query(project, "default-graph-empty")):
        return None
    return (
        "the endpoint's default graph is empty while its named graphs hold triples, and the library's questions "
        f"read the default graph, so they answer nothing there: {UNION_FIX}"
    )
