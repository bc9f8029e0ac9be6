"""HTML documentation of the ontology and each concept scheme, made by pyLODE.

pyLODE inlines its CSS and icons, so the pages load nothing from the network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rightsgraph.core.project import Project


def write_docs(project: Project, out_dir: Path) -> list[Path]:
    logging.disable(logging.INFO)  # pyLODE logs at INFO and DEBUG on import and use
    try:
        from pylode import OntPub, VocPub  # imported late: slow to import
    finally:
        logging.getLogger().setLevel(logging.WARNING)
        logging.disable(logging.NOTSET)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    target = out_dir / "ontology.html"
    target.write_text(OntPub(ontology=str(project.ontology_file)).make_html(include_css=True), encoding="utf-8")
    written.append(target)
    for scheme in sorted(project.vocab_dir.glob("*.ttl")):
        target = out_dir / f"vocab-{scheme.stem}.html"
        target.write_text(VocPub(ontology=str(scheme)).make_html(include_css=True), encoding="utf-8")
        written.append(target)
    return written
