"""Where a rightsgraph project keeps its parts: ontology/, shapes/, queries/, data/, dist/.

The project root is the directory holding ontology/ and data/: $RIGHTSGRAPH_ROOT if set, else the
current directory or one of its parents, else the checkout this package was installed from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ONTOLOGY_NS = "https://w3id.org/rightsgraph/ontology#"
VOCAB_NS = "https://w3id.org/rightsgraph/vocab/"
ID_NS = "https://w3id.org/rightsgraph/id/"
GRAPH_NS = "https://w3id.org/rightsgraph/graph/"
SLUG = r"[A-Za-z0-9_][A-Za-z0-9._-]*"  # one segment of an id: what an article's file name must be too
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
REGISTER_GRAPH = GRAPH_NS + "actors"
TYPES_GRAPH = GRAPH_NS + "entailed-types"  # the rdfs:subClassOf closure of every typed node (derived)
NETWORK_GRAPH = GRAPH_NS + "network"  # the measures of the actor networks (derived)
IDENTITY_GRAPH = GRAPH_NS + "identity"  # the canonical node of every identity cluster (derived)
DERIVED_GRAPHS = (TYPES_GRAPH, IDENTITY_GRAPH, NETWORK_GRAPH)  # computed by the build, not annotated
READING_INDEX = "index"  # dist/articles/index.html lists the reading views: no article may be named so


def _is_root(path: Path) -> bool:
    return (path / "ontology").is_dir() and (path / "data").is_dir()


def find_root(start: Path | None = None) -> Path:
    env = os.environ.get("RIGHTSGRAPH_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _is_root(candidate):
            return candidate
    installed = Path(__file__).resolve().parents[3]
    if _is_root(installed):
        return installed
    return here


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def locate(cls, root: Path | str | None = None) -> Project:
        if root is None:
            return cls(find_root())
        path = Path(root).resolve()
        if not (path / "ontology").is_dir():
            from rightsgraph.core.errors import UserError

            raise UserError(
                "not a rightsgraph project (it has no ontology/ folder)",
                path,
                fix="give --root the folder that holds ontology/, shapes/, queries/ and data/",
            )
        return cls(path)

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "rightsgraph.ttl"

    @property
    def vocab_dir(self) -> Path:
        return self.ontology_dir / "vocab"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def checks_dir(self) -> Path:
        return self.queries_dir / "checks"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    def ontology_files(self) -> list[Path]:
        """The ontology and every concept scheme, in a stable order."""
        return [self.ontology_file, *sorted(self.vocab_dir.glob("*.ttl"))]

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))
