"""dist/void.ttl: the VoID + DCAT description of the built dataset.

Hand-written metadata (metadata/dataset.ttl) + statistics from the store
(queries/system/void-*.rq) + one dcat:Distribution per dump file, with its media type, size and
SHA-256 (spdx:checksum).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pyoxigraph as ox

from rightsgraph.core.namespaces import RDF_TYPE
from rightsgraph.core.project import Project
from rightsgraph.core.rdf_files import parse_turtle
from rightsgraph.export.dumps import Sums
from rightsgraph.sparql import queries

DATASET = ox.NamedNode("https://w3id.org/rightsgraph/dataset")
DUMP_BASE = "https://w3id.org/rightsgraph/dataset/dump/"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
MEDIA_TYPES = {
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".json": "application/json",
    ".csv": "text/csv",
    ".html": "text/html",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
VOID_PREFIXES = {
    "dcat": DCAT,
    "dct": DCT,
    "void": VOID,
    "spdx": SPDX,
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def distribution_triples(out: Path, dumps: list[Path], sums: Sums | None = None) -> list[ox.Triple]:
    sums = sums or Sums()
    triples: list[ox.Triple] = []
    for path in sorted(dumps):
        name = path.relative_to(out).as_posix()
        dist = _n(DUMP_BASE + name)
        checksum = _n(DUMP_BASE + name + "#sha256")
        triples += [
            ox.Triple(DATASET, _n(DCAT + "distribution"), dist),
            ox.Triple(DATASET, _n(VOID + "dataDump"), dist),
            ox.Triple(dist, RDF_TYPE, _n(DCAT + "Distribution")),
            ox.Triple(dist, _n(DCT + "title"), ox.Literal(name)),
            ox.Triple(dist, _n(DCAT + "downloadURL"), dist),
            ox.Triple(
                dist,
                _n(DCAT + "mediaType"),
                _n("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES.get(path.suffix, "text/plain")),
            ),
            ox.Triple(
                dist,
                _n(DCAT + "byteSize"),
                ox.Literal(str(path.stat().st_size), datatype=_n("http://www.w3.org/2001/XMLSchema#integer")),
            ),
            ox.Triple(dist, _n(SPDX + "checksum"), checksum),
            ox.Triple(checksum, RDF_TYPE, _n(SPDX + "Checksum")),
            ox.Triple(checksum, _n(SPDX + "algorithm"), _n(SPDX + "checksumAlgorithm_sha256")),
            ox.Triple(checksum, _n(SPDX + "checksumValue"), ox.Literal(sums.of(path))),
        ]
    return triples


def statistics(project: Project, store: ox.Store) -> list[ox.Triple]:
    """What the void-*.rq queries (CONSTRUCTs) say of the whole store: a build asks them beside its other work, as
    the store is all they read."""
    triples: list[ox.Triple] = []
    for query in queries.load_dir(project.queries_dir / "system", "void-*.rq"):
        triples += list(cast(ox.QueryTriples, store.query(query.text)))
    return triples


def write_void(
    project: Project,
    store: ox.Store,
    out: Path,
    dumps: list[Path],
    sums: Sums | None = None,
    stated: list[ox.Triple] | None = None,
) -> Path:
    """dist/void.ttl; `stated`: the store's `statistics`, if asked already."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object) for q in parse_turtle(project.root / "metadata" / "dataset.ttl")
    ]
    triples += statistics(project, store) if stated is None else stated
    triples += distribution_triples(out, dumps, sums)
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    target = out / "void.ttl"
    ox.serialize(ordered, str(target), ox.RdfFormat.TURTLE, prefixes=VOID_PREFIXES)
    return target
