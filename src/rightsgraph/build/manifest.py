"""What an incremental build remembers between runs, beside the persistent store: the manifest (each data
graph's key, a hash of the files it is built from, and its validation results) and one sourcemap per
graph (node IRI -> "file:line").

The manifest never claims what the store does not hold: a build first saves a manifest without the graphs
it is about to change (and without the kept results that may depend on them), then changes the store, then
saves the new manifest. A build killed at any point leaves a manifest that the next build can trust."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from functools import cache
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path

from rightsgraph.build.file_hashes import FileHashes, file_hash
from rightsgraph.core.project import Project
from rightsgraph.store.persistent import state_dir


@cache
def _version() -> str:
    """The installed rightsgraph's version, read once: reading the package metadata takes 2 ms, and a build at a
    million triples digests a thousand graphs."""
    return version("rightsgraph")


def digest(root: Path, paths: list[Path], hashes: FileHashes | None = None) -> str:
    """A hash of the rightsgraph version and of the files' paths (relative to the project, so that a moved or
    copied project keeps its state) and bytes, through the SHA-256 of each file: read now, or taken from `hashes`
    (build.file_hashes: the build's cache, where an unchanged file costs a stat) if given. Both give the same key."""
    h = hashlib.sha256(_version().encode())
    inside = root.as_posix().rstrip("/") + "/"
    for path in paths:
        name = path.as_posix()  # relative_to, lexically (pathlib's costs more than the cached hash)
        name = name[len(inside) :] if name.startswith(inside) else name
        file = hashes.hash(path, name) if hashes is not None else file_hash(path)
        h.update(name.encode() + b"\0" + file.encode() + b"\n")
    return h.hexdigest()


def base_files(project: Project) -> list[Path]:
    """What every graph depends on: ontology, vocabularies, context, shapes, rules (and the system queries)."""
    return [
        *project.ontology_files(),
        project.ontology_dir / "context.jsonld",
        *project.shape_files(),
        *sorted((project.queries_dir / "rules").glob("*.rq")),
        *sorted((project.queries_dir / "system").glob("*.rq")),
    ]


def base_key(project: Project) -> str:
    """The key of base_files."""
    return digest(project.root, base_files(project))


@cache
def code_key() -> str:
    """What writes dist/: rightsgraph's own files (modules, templates, vendored scripts; an editable install changes
    them without a new version) and the versions of the distributions it requires."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for requirement in sorted(requires("rightsgraph") or []):
        name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
        try:
            h.update(f"{name}={version(name)}\n".encode())
        except PackageNotFoundError:  # an optional extra not installed
            h.update(f"{name}=-\n".encode())
    return h.hexdigest()


def dist_key(project: Project, docs: bool) -> str:
    """The key of what dist/ is written from besides the data graphs: the base, every query of queries/ (the network
    and the views ask library questions), metadata/, the code that writes it (code_key), and whether the ontology
    documentation is written."""
    files = [
        *base_files(project),
        *sorted(project.queries_dir.rglob("*.rq")),
        *sorted(p for p in (project.root / "metadata").glob("*") if p.is_file()),
    ]
    return digest(project.root, files) + "-" + code_key() + ("-docs" if docs else "-no-docs")


def inputs_held(project: Project) -> dict:
    """What the dataset store is made from, for its record (store.dataset): the key of the base (ontology, shapes,
    rules) and of each data graph, as the manifest has them now (a build or validate has just saved it)."""
    kept = Manifest(project).kept()
    keys = {graph: str(info.get("key")) for graph, info in kept[1].items()} if kept else {}
    return {"base": base_key(project), "keys": keys}


class Manifest:
    def __init__(self, project: Project) -> None:
        self.dir = state_dir(project)
        self.path = self.dir / "manifest.json"
        self.sourcemaps = self.dir / "sourcemaps"

    def load(self, key: str) -> dict:
        """The manifest of the last build, or an empty one (and no sourcemaps) if it was made under another key."""
        try:
            manifest = json.loads(self.path.read_text(encoding="utf-8"))
            if manifest.get("base") == key:
                return manifest
        except (OSError, ValueError):
            pass
        self.forget()
        shutil.rmtree(self.sourcemaps, ignore_errors=True)
        return {"base": key, "graphs": {}}

    def kept(self) -> tuple[str, dict] | None:
        """The key and the graphs the last build or validate recorded, or None when no readable manifest is kept
        (read only: unlike `load`, nothing is forgotten)."""
        try:
            manifest = json.loads(self.path.read_text(encoding="utf-8"))
            return str(manifest["base"]), dict(manifest["graphs"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, manifest: dict) -> None:
        """Replace the manifest in one rename of a file written and flushed to disk: a kill leaves the old
        manifest or the new one, never a part."""
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(manifest, indent=1, sort_keys=True))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def forget(self) -> None:
        """The next build starts afresh: nothing kept is trusted."""
        self.path.unlink(missing_ok=True)

    def sourcemap_file(self, graph: str) -> Path:
        return self.sourcemaps / (hashlib.sha256(graph.encode()).hexdigest()[:24] + ".json")
