"""The build: ontology, actor register and annotated articles -> one dataset -> dist/.

Graphs: the ontology and vocabularies in <graph/ontology>; each article in <graph/SLUG>. The whole
of dist/ is written in a staging directory and swapped in only when complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import queries
from .annotations import load_data
from .checks import defined_terms
from .describe import write_void
from .distdir import build_lock, staged
from .docs import write_docs
from .entailment import add_type_closure
from .export import write_checksums, write_dumps
from .incremental import Build, memory_copy, reset_state, state_lock
from .network import Networks
from .network_measures import NETWORK_GRAPH, Measures
from .network_pipeline import add_measures_graph, analyse, write_network_files
from .prefixes import project_prefixes
from .project import ONTOLOGY_GRAPH, TYPES_GRAPH, Project
from .rdf_files import load_files


@dataclass
class BuildResult:
    store: ox.Store
    graphs: dict[str, int] = field(default_factory=dict)
    sourcemap: dict[str, str] = field(default_factory=dict)  # node IRI -> "file:line"
    networks: Networks | None = None
    violations: list = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    validated: list[str] = field(default_factory=list)  # the graphs this build validated (others: kept results)
    on_disk: bool = False
    measures: Measures | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def load_ontology(project: Project, store: ox.Store) -> int:
    return load_files(store, project.root, project.ontology_files(), graph=ox.NamedNode(ONTOLOGY_GRAPH))


def apply_rules(project: Project, store: ox.Store, graph: str) -> int:
    """Run every CONSTRUCT of queries/rules/ on one graph and add what it derives to that graph."""
    target = ox.NamedNode(graph)
    derived: list[ox.Quad] = []
    for rule in queries.load_dir(project.queries_dir / "rules"):
        for t in store.query(rule.text, default_graph=target):
            derived.append(ox.Quad(t.subject, t.predicate, t.object, target))
    store.extend(derived)
    return len(derived)


def build_dataset(project: Project) -> BuildResult:
    store = ox.Store()
    result = BuildResult(store)
    result.graphs[ONTOLOGY_GRAPH] = load_ontology(project, store)
    loaded = load_data(project, defined_terms(project, store))
    for graph, quads in loaded.graphs.items():
        store.extend(quads)
        apply_rules(project, store, graph)
        result.graphs[graph] = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    result.sourcemap = loaded.sourcemap
    return result


def build_incremental(project: Project, jobs: int = 1, validate: bool = True, reference: bool = False,
                      progress=None, full: bool = False) -> BuildResult:
    """Build into the persistent store of .rightsgraph/build/, redoing only what changed (see incremental).

    Validation results are kept per graph; switching between rudof and the pySHACL reference
    (`reference`) revalidates everything, as does `full`. `progress(step, done, total)` hears how far each
    step is."""
    with state_lock(project):
        if full:  # under the lock: a build running beside this one keeps its store
            reset_state(project)
        build = Build(project, jobs, reference, progress)
        store = build.run(validate=validate)
    # the in-memory copy the build made (a full build, or validation of many graphs) serves what follows
    result = BuildResult(build.memory or store, violations=build.violations, changed=build.changed,
                         validated=build.validated, on_disk=build.memory is None)
    sizes = queries.load_query(project.queries_dir / "system" / "graph-sizes.rq")
    result.graphs = {row["graph"].value: int(row["triples"].value) for row in result.store.query(sizes.text)}
    return result


def add_network(project: Project, result: BuildResult) -> None:
    """Add the type closure as <graph/entailed-types>; project and measure the actor networks, whose
    measures join the dataset as <graph/network>."""
    if result.on_disk:  # the analysis and the dumps read the whole dataset many times
        result.store, result.on_disk = memory_copy(result.store), False
    result.graphs[TYPES_GRAPH] = add_type_closure(project, result.store)
    result.networks, result.measures = analyse(project, result.store)
    result.graphs[NETWORK_GRAPH] = add_measures_graph(result.store, result.networks, result.measures)


def write_dist(project: Project, result: BuildResult, docs: bool = True, jobs: int = 1, progress=None) -> list[Path]:
    tell = progress or (lambda step, done, total: None)
    steps = 5 + docs
    if result.networks is None:
        tell("writing dist/: network analysis", 0, steps)
        add_network(project, result)
    with build_lock(project.root), staged(project.dist_dir) as out:
        tell("writing dist/: network files and figure", 1, steps)
        files = write_network_files(project, result.store, result.networks, result.measures, out)
        tell("writing dist/: N-Quads, TriG, JSON-LD, Turtle", 2, steps)
        files += write_dumps(result.store, out, project_prefixes(project), project.ontology_dir / "context.jsonld",
                             jobs=jobs)
        tell("writing dist/: VoID description", 3, steps)
        files.append(write_void(project, result.store, out, files))
        if docs:
            tell("writing dist/: ontology documentation", 4, steps)
            files += write_docs(project, out / "docs")
        tell("writing dist/: checksums", steps - 1, steps)
        write_checksums(out)
        tell("writing dist/", steps, steps)
    return [project.dist_dir / f.relative_to(out) for f in files]
