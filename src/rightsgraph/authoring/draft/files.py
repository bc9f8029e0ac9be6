"""Where a draft comes from and goes: data/sources/SLUG.txt and the article's annotation file.

The draft is written to data/annotations/SLUG.yaml when that file is missing or holds no confirmed analysis
(only the article, mentions, actors, places, laws, context sources and inferences, which are kept, and earlier
draft nodes, which are replaced). A file with confirmed events, statements, claims, memberships, relationships or
outcomes is refused unless `force` (which replaces them) or `out` names another file (e.g. data/drafts/SLUG.yaml,
which the build does not read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rightsgraph.authoring.draft.document import draft_document
from rightsgraph.authoring.draft.writer import dump
from rightsgraph.authoring.elsewhere import defined_elsewhere, ids_elsewhere, plain
from rightsgraph.authoring.yaml_lines import load_yaml
from rightsgraph.core.errors import UserError, read_text
from rightsgraph.core.project import Project

KEPT = ("actors", "places", "laws", "mentions", "context_sources", "inferences")


def split_existing(data: dict[str, Any]) -> tuple[dict[str, list[Any]], list[str]]:
    """The confirmed nodes to keep, and the sections holding confirmed analysis a draft would overwrite."""
    keep: dict[str, list[Any]] = {}
    confirmed: list[str] = []
    for section, nodes in data.items():
        if section == "article":
            continue
        items = nodes if isinstance(nodes, list) else [nodes] if nodes else []
        mine = [n for n in items if not (isinstance(n, dict) and n.get("draft") is True)]
        if section in KEPT:
            if mine:
                keep[section] = mine
        elif mine:
            confirmed.append(section)
    return keep, confirmed


def draft_article(project: Project, slug: str, out: Path | None = None, force: bool = False) -> Path:
    text_path = project.root / "data" / "sources" / f"{slug}.txt"
    yaml_path = project.root / "data" / "annotations" / f"{slug}.yaml"
    if not text_path.is_file():
        raise UserError(
            f"no source text for '{slug}'", text_path, fix=f"run `rightsgraph new {slug} --text FILE` first"
        )
    if not yaml_path.is_file():
        raise UserError(
            f"no annotation skeleton for '{slug}'",
            yaml_path,
            fix=f"run `rightsgraph new {slug} --text FILE` first (it writes the article's metadata)",
        )
    text = read_text(text_path, "source text")
    data = plain(load_yaml(yaml_path))
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise UserError(
            "the annotation has no `article:` section",
            yaml_path,
            1,
            fix=f"run `rightsgraph new {slug} --text FILE` to write the skeleton",
        )
    keep, confirmed = split_existing(data)
    target = out if out is not None else yaml_path
    if out is None and confirmed and not force:
        raise UserError(
            f"the annotation already holds confirmed work ({', '.join(confirmed)}); a draft would overwrite it",
            yaml_path,
            fix=f"write the draft elsewhere with --out data/drafts/{slug}.yaml, or replace it with --force",
        )
    register = plain(load_yaml(project.root / "data" / "actors.yaml"))
    entries = [*(register.get("actors") or []), *(register.get("places") or [])]
    taken = ids_elsewhere(project, slug)
    entries += defined_elsewhere(project, slug, entries)
    document = draft_document(text, data["article"], entries, project.vocab_dir, keep, taken)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump(document, slug), encoding="utf-8")
    return target


def draft_text(project: Project, text: str, article: dict[str, Any], register: list[dict[str, Any]]) -> str:
    """A draft of `text` as YAML (the scorer's entry point: no file is written)."""
    slug = str(article.get("id", "")).removeprefix("article/")
    taken = ids_elsewhere(project, slug)
    register = [*register, *defined_elsewhere(project, slug, register)]
    return dump(draft_document(text, article, register, project.vocab_dir, {}, taken), slug)
