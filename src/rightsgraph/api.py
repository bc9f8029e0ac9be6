"""The Python API: `rightsgraph.open()` and questions by name.

import rightsgraph
ds = rightsgraph.open()                      # the built dataset (dist/), embedded
ds.query("claims-about-event")               # rows as dicts, default parameters
ds.query("actor-profile", actor="https://w3id.org/rightsgraph/id/actor/afad-observatory")
ds.dataframe("counts")                       # a pandas DataFrame, where pandas is installed
remote = rightsgraph.open(endpoint="http://127.0.0.1:7878/query")   # any SPARQL 1.1 endpoint
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rightsgraph.build.entailment import add_type_closure
from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.sparql.library import Library, Result, bind, bound_text, run_embedded
from rightsgraph.sparql.queries import check_syntax
from rightsgraph.sparql.remote import convert_json_results, fetch, run_remote
from rightsgraph.sparql.results import w3c_results
from rightsgraph.store.embedded import load_dump
from rightsgraph.store.persistent import memory_copy


def load_store(project: Project) -> ox.Store:
    """The built dataset from dist/rightsgraph.nq, or, before any build, data/ built as `rightsgraph build`
    builds it (without validation, into .rightsgraph/build/) with the type closure added, as in the dump."""
    store = load_dump(project)
    if store is None:
        result = build_incremental(project, validate=False)
        store = result.store if not result.on_disk else memory_copy(result.store)
        add_type_closure(project, store)  # as in the dump: `?x a rg:Actor` finds every actor
    return store


class Dataset:
    def __init__(self, project: Project, store: ox.Store | None = None, endpoint: str | None = None) -> None:
        self.project = project
        self.library = Library(project)
        self.endpoint = endpoint
        self._store = store

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = load_store(self.project)
        return self._store

    def _text(self, name: str, params: dict[str, str]) -> str:
        query = self.library.get(name)
        check_syntax(query)
        return bound_text(query, bind(query, {k: str(v) for k, v in params.items()}))

    def result(self, name: str, **params: str) -> Result:
        text = self._text(name, params)
        if self.endpoint:
            return run_remote(self.endpoint, text)
        return run_embedded(self.store, text)

    def serialized(self, name: str, format: str, **params: str) -> bytes:
        """The answer of a SELECT or ASK question in a W3C results format ("json", "csv" or "tsv"), written
        by pyoxigraph straight from the query's solutions (or from the endpoint's JSON)."""
        text = self._text(name, params)
        if self.endpoint:
            is_graph, body = fetch(self.endpoint, text)
            if not is_graph:
                return convert_json_results(body, self.endpoint, format)
        else:
            answer = self.store.query(text, use_default_graph_as_union=True)
            if not isinstance(answer, ox.QueryTriples):
                return w3c_results(answer, format)
        raise UserError(f"'{name}' makes a graph, not a table", fix="use --format ttl for CONSTRUCT and DESCRIBE")

    def query(self, name: str, **params: str) -> list[dict[str, object]]:
        return self.result(name, **params).records()

    def dataframe(self, name: str, **params: str):  # -> pandas.DataFrame
        try:
            import pandas
        except ImportError:
            raise UserError("pandas is not installed", fix="pip install pandas, or use .query() for rows") from None
        result = self.result(name, **params)
        return pandas.DataFrame(result.records(), columns=result.columns)


def open(root: str | Path | None = None, endpoint: str | None = None) -> Dataset:
    """Open the dataset of a rightsgraph project (embedded), or a SPARQL endpoint that holds it."""
    return Dataset(Project.locate(root), endpoint=endpoint)
