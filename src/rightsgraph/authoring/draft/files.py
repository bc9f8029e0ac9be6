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

import yaml

from rightsgraph.authoring.draft.document import draft_document
from rightsgraph.authoring.draft.writer import dump
from rightsgraph.authoring.mentions import anchors
from rightsgraph.authoring.yaml_lines import load_yaml
from rightsgraph.core.errors import UserError, read_text
from rightsgraph.core.project import Project

# Capitalised words that name a kind of body, not one body: "The Interior Ministry" is no proper name.
INSTITUTIONAL_WORDS = {"Interior", "Foreign", "Justice", "Defence", "Defense", "Health", "Human", "Rights",
                       "Public", "Supreme", "Special", "Security", "Affairs", "Investigative", "Prosecution",
                       "Prosecutor"}  # fmt: skip
KEPT = ("actors", "places", "laws", "mentions", "context_sources", "inferences")


def _plain(value: Any) -> Any:
    """yaml_lines' line-carrying containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


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
    data = _plain(load_yaml(yaml_path))
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
    register = _plain(load_yaml(project.root / "data" / "actors.yaml"))
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


def defined_elsewhere(project: Project, slug: str, register: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actors and places other articles define (id, type, jurisdiction, name, aliases), to be mentioned where
    the text names them, as register entries are. Only proper names are used (see `_proper`), never the short names the
    register's entries get ("the observatory", a surname: `short_names: False`); a name two of them share, or one
    the register has, is left out: it does not say which node is meant."""
    owners: dict[str, set[str]] = {}
    entries: dict[str, dict[str, Any]] = {}
    places: set[str] = set()
    known = {str(n).lower() for e in register for n in [e.get("name"), *(e.get("aliases") or [])] if n}
    for path in sorted((project.root / "data" / "annotations").glob("*.yaml")):
        if path.stem == slug:
            continue
        data = _plain(load_yaml(path))
        for section in ("actors", "places"):
            for node in (data.get(section) or []) if isinstance(data, dict) else []:
                if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node.get("name"):
                    continue
                names = [str(n) for n in [node["name"], *(node.get("aliases") or [])]]
                entries[node["id"]] = {k: node[k] for k in ("id", "type", "jurisdiction") if k in node} | {
                    "name": names[0],
                    "aliases": names[1:],
                }
                for name in names:
                    owners.setdefault(name.lower(), set()).add(node["id"])
                if section == "places":
                    places.add(node["id"])

    def owner(name: str) -> str | None:
        """The one node a name picks out; a place's name that a body also goes by ("Iran" for its government) is
        the place's."""
        ids = owners[name.lower()]
        if len(ids) > 1:
            ids = ids & places
        return next(iter(ids)) if len(ids) == 1 else None

    out = []
    for entry in entries.values():
        names = [
            n
            for n in [entry["name"], *entry["aliases"]]
            if owner(n) == entry["id"] and n.lower() not in known and _proper(n, entry["id"] in places)
        ]
        if names:
            out.append(entry | {"name": names[0], "aliases": names[1:], "short_names": False})
    return out


def ids_elsewhere(project: Project, slug: str) -> set[str]:
    """Every id the annotation files of the other articles define (a node is defined where it has its `type`), so
    that a draft mints none of them. An id another article only mentions may be this article's own node."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and "type" in value:
                found.add(value["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((project.root / "data" / "annotations").glob("*.yaml")):
        if path.stem != slug:
            walk(_plain(load_yaml(path)))
    return found


def load_plain(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _proper(name: str, place: bool = False) -> bool:
    """A name that picks out one node across articles: two words or more (or an acronym), at least one of them a
    capitalised word that is no common or institutional word ("Alexei Navalny", "ESOHR"; not "the group",
    "Critics", "Ali", "The Interior Ministry"). A place's one capitalised word is its proper name too ("Iran",
    "Kharp", "London"): a one-word name of a person ("Ali") or a body ("Reprieve") is not."""
    words = name.split()
    if place and len(words) == 1 and name[:1].isupper() and name.replace("-", "").isalpha():
        return bool(anchors([name]) - INSTITUTIONAL_WORDS)
    if len(words) < 2 and not (name.isupper() and len(name) >= 2):
        return False
    return bool(anchors([name]) - INSTITUTIONAL_WORDS)
