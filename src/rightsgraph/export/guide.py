"""The generated parts of the authoring guide, docs/authoring.md: every key with the values it accepts, the
classes a node can have, and every concept of ontology/vocab/ with its label and definition. The prose
around them is written by hand; `scripts/gen_docs.py` rewrites what lies between each pair of markers, and a
test fails when the guide is stale."""

from __future__ import annotations

import re
from collections.abc import Callable

from rightsgraph.core.project import Project
from rightsgraph.export.docgen import DocTerm, Model, key_table, read_model, sections

GUIDE = "docs/authoring.md"


def _start(name: str) -> str:
    return f"<!-- generated:{name}:start (by scripts/gen_docs.py from ontology/ and shapes/; do not edit) -->"


def _end(name: str) -> str:
    return f"<!-- generated:{name}:end -->"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _keys(project: Project, model: Model) -> list[str]:
    return [
        "Sections of a file: " + ", ".join(f"`{s}`" for s in sections(project)) + ".",
        "",
        *key_table(project, model),
    ]


def _bullets(terms: tuple[DocTerm, ...], show_label: bool) -> list[str]:
    lines = []
    for term in terms:
        label = (
            f" ({term.label})"
            if show_label and term.label.lower().replace("-", " ") != term.name.replace("-", " ")
            else ""
        )
        meaning = f": {_one_line(term.definition)}" if term.definition else ""
        also = f" Also called: {', '.join(term.also)}." if term.also else ""
        lines.append(f"{'  ' * term.depth}- `{term.name}`{label}{meaning}{also}")
    return lines


def _classes(project: Project, model: Model) -> list[str]:
    return [
        "The value of `type`: a class of `ontology/rightsgraph.ttl` (a narrower class is listed under its "
        "superclass, and a node of it is also of the superclass), or `org:Membership` for a post or membership.",
        "",
        *_bullets(model.classes, show_label=False),
    ]


def _vocabularies(project: Project, model: Model) -> list[str]:
    lines: list[str] = []
    for scheme in sorted(model.schemes.values(), key=lambda s: s.name):
        lines += [
            f"#### {scheme.title} (`{scheme.name}`)",
            "",
            _one_line(scheme.definition),
            "",
            *_bullets(scheme.concepts, show_label=True),
            "",
        ]
    return lines[:-1]


BLOCKS: dict[str, Callable[[Project, Model], list[str]]] = {
    "keys": _keys,
    "classes": _classes,
    "vocabularies": _vocabularies,
}


def render_block(project: Project, name: str, model: Model) -> str:
    return "\n".join([_start(name), "", *BLOCKS[name](project, model), "", _end(name)])


def update_guide(text: str, project: Project, model: Model | None = None) -> str:
    """The guide with every generated block rewritten; a block whose markers are missing is an error."""
    model = model or read_model(project)
    for name in BLOCKS:
        block = re.compile(rf"<!-- generated:{name}:start\b.*?-->.*?{re.escape(_end(name))}", re.DOTALL)
        if len(block.findall(text)) != 1:
            raise ValueError(f"{GUIDE} needs one pair of markers {_start(name)} ... {_end(name)}")
        start = block.search(text)
        assert start is not None  # findall found exactly one
        text = text[: start.start()] + render_block(project, name, model) + text[start.end() :]
    return text
