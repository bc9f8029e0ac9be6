"""The Python API: `rightsgraph.open()` and questions by name.

import rightsgraph
ds = rightsgraph.open()                      # the built dataset (dist/), embedded
ds.query("claims-about-event")               # rows as dicts, default parameters
ds.query("actor-profile", actor="https://w3id.org/rightsgraph/id/actor/afad-observatory")
ds.dataframe("counts")                       # a pandas DataFrame, where pandas is installed
remote = rightsgraph.open(endpoint="http://127.0.0.1:7878/query")   # any SPARQL 1.1 endpoint
ds = rightsgraph.api.open(limits=Limits(timeout=10, max_rows=5000))    # rightsgraph.sparql.limits.Limits

Questions read the dataset store that `rightsgraph build` keeps level with dist/ (rightsgraph.store.dataset,
opened read-only in milliseconds), or, where it does not hold dist/, the dump loaded into memory.
Every question runs within limits (by default 60 s, 1,000,000 rows, 256 MB; a UserError names the limit passed).
On a dump that open() loads into memory, a question runs in a child process that the limit or Ctrl-C kills
(about 20 ms more on the seed, up to a second at 1M triples); on the dataset store (on disk), with
`isolate=False`, or on a store given to Dataset(store=...), it runs in a thread, and an aggregate still
computing when the limit passes runs on in the background until its first row (see rightsgraph.sparql.isolated).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql.isolated import Answer, run_limited
from rightsgraph.sparql.library import Library, Result, bind, bound_text
from rightsgraph.sparql.limits import Limits
from rightsgraph.sparql.queries import QueryFile, check_syntax
from rightsgraph.store.dataset import open_dataset
from rightsgraph.store.embedded import load_dump


def load_store(project: Project) -> ox.Store:
    """The built dataset in memory (a store the caller may change, as the network analysis does): dist/rightsgraph.nq
    loaded, or, before any build, data/ built as `rightsgraph build` builds it (without validation, into
    .rightsgraph/build/) with the type closure added, as in the dump. Questions read the dataset store instead
    (Dataset.store)."""
    store = load_dump(project)
    if store is None:
        from rightsgraph.build.entailment import add_derived_graphs  # the build's modules, only where it is needed
        from rightsgraph.build.pipeline import build_incremental
        from rightsgraph.store.persistent import memory_copy

        result = build_incremental(project, validate=False)
        store = result.store if not result.on_disk else memory_copy(result.store)
        add_derived_graphs(project, store)  # as in the dump: `?x a rg:Actor` finds every actor
    return store


class Dataset:
    def __init__(
        self,
        project: Project,
        store: ox.Store | None = None,
        endpoint: str | None = None,
        limits: Limits | None = None,
        isolate: bool | None = None,
    ) -> None:
        self.project = project
        self.library = Library(project)
        self.endpoint = _checked(endpoint) if endpoint else None
        self.limits = limits or Limits()
        self._store = store
        self.from_dataset_store = False  # whether the store is the dataset store (store.dataset), not a dump loaded
        # A child process can be killed at a limit; only a store loaded here is known to be in memory (a forked
        # child must not share an on-disk store, whose own threads do not follow it).
        self.isolate = store is None if isolate is None else isolate

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = open_dataset(self.project)  # the dataset store, read-only, when it serves dist/
            if self._store is not None:
                self.isolate = False  # on disk: a forked child must not share it (see __init__)
                self.from_dataset_store = True
            else:
                self._store = load_store(self.project)
        return self._store

    def _text(self, name: str, params: dict[str, str]) -> tuple[QueryFile, str]:
        query = self.library.get(name)
        check_syntax(query)
        return query, bound_text(query, bind(query, {k: str(v) for k, v in params.items()}))

    def _embedded(self, query: QueryFile, text: str) -> Answer:
        return run_limited(self.store, text, self.limits, query.path, isolate=self.isolate)

    def result(self, name: str, /, **params: str) -> Result:
        query, text = self._text(name, params)
        if self.endpoint:
            from rightsgraph.sparql.remote import run_remote  # HTTP's modules, only for an endpoint

            return run_remote(self.endpoint, text, self.limits)
        return self._embedded(query, text).result()

    def serialized(self, name: str, format: str, /, **params: str) -> bytes:
        """The answer of a SELECT or ASK question in a W3C results format ("json", "csv" or "tsv"), written
        by pyoxigraph from the query's solutions (or from the endpoint's JSON)."""
        query, text = self._text(name, params)
        if self.endpoint:
            from rightsgraph.sparql.remote import convert_json_results, fetch

            is_graph, body = fetch(self.endpoint, text, self.limits)
            if not is_graph:
                return convert_json_results(body, self.endpoint, format, self.limits)
        else:
            answer = self._embedded(query, text)
            if not answer.is_graph:
                return answer.w3c(format)
        raise UserError(f"'{name}' makes a graph, not a table", fix="use --format ttl for CONSTRUCT and DESCRIBE")

    def query(self, name: str, /, **params: str) -> list[dict[str, object]]:
        return self.result(name, **params).records()

    def dataframe(self, name: str, /, **params: str):  # -> pandas.DataFrame
        try:
            import pandas
        except ImportError:
            raise UserError(
                "pandas is not installed",
                fix="pip install 'rightsgraph[pandas]' (in this repository: make install, or "
                ".venv/bin/pip install -e '.[pandas]'), or use .query() for rows",
            ) from None
        result = self.result(name, **params)
        return pandas.DataFrame(result.records(), columns=result.columns)


def _checked(endpoint: str) -> str:
    from rightsgraph.sparql.transport import check_url  # HTTP's modules, only for an endpoint

    return check_url(endpoint)


def open(root: str | Path | None = None, endpoint: str | None = None, limits: Limits | None = None) -> Dataset:
    """Open the dataset of a rightsgraph project (embedded), or a SPARQL endpoint that holds it; its questions
    run within `limits` (Limits(): 60 s, 1,000,000 rows, 256 MB)."""
    return Dataset(Project.locate(root), endpoint=endpoint, limits=limits)
