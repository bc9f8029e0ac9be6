"""HTML documentation of the ontology and each concept scheme, made by pyLODE.

The ontology page is pyLODE's OntPub profile. A concept scheme's page is its VocPub profile, which in pyLODE
3.3.4 shows the scheme's metadata and no concept: `export.docs_vocpub` adds every concept of the file, read
by the SPARQL of queries/system/docs-concept*.rq (`export.docs_concepts`). pyLODE inlines its CSS and icons,
so the pages load nothing from the network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import Project
from rightsgraph.export.docs_concepts import ontology_quads, read_concepts


def write_docs(project: Project, out_dir: Path) -> list[Path]:
    logging.disable(logging.INFO)  # pyLODE logs at INFO and DEBUG on import and use
    try:
        from pylode import OntPub  # imported late: slow to import

        from rightsgraph.export.docs_vocpub import scheme_page
    finally:
        logging.getLogger().setLevel(logging.WARNING)
        logging.disable(logging.NOTSET)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    target = out_dir / "ontology.html"
    target.write_text(OntPub(ontology=str(project.ontology_file)).make_html(include_css=True), encoding="utf-8")
    written.append(target)
    prefixes = project_prefixes(project)
    ontology = ontology_quads(project)
    for scheme in sorted(project.vocab_dir.glob("*.ttl")):
        target = out_dir / f"vocab-{scheme.stem}.html"
        concepts = read_concepts(project, scheme, ontology)
        target.write_text(scheme_page(scheme, concepts, prefixes), encoding="utf-8")
        written.append(target)
    return written
