"""What the other articles of data/ define: the ids their annotation files use, and the actors and places they
define with proper names, which `rightsgraph new` and `rightsgraph draft` mention where a new text names them,
as they do the register's entries."""

from __future__ import annotations

from typing import Any

from rightsgraph.authoring.mentions import anchors
from rightsgraph.authoring.yaml_lines import load_yaml
from rightsgraph.core.project import Project

# Capitalised words that name a kind of body, not one body: "The Interior Ministry" is no proper name.
INSTITUTIONAL_WORDS = {"Interior", "Foreign", "Justice", "Defence", "Defense", "Health", "Human", "Rights",
                       "Public", "Supreme", "Special", "Security", "Affairs", "Investigative", "Prosecution",
                       "Prosecutor"}  # fmt: skip


def plain(value: Any) -> Any:
    """yaml_lines' line-carrying containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


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
        data = plain(load_yaml(path))
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
            walk(plain(load_yaml(path)))
    return found


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
