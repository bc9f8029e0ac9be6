"""Which files of data/ the build reads; any file it would read wrongly, or leave out unseen, is refused.

data/ holds the actor register (actors.yaml), the annotations (annotations/SLUG.yaml) and the source texts
(sources/SLUG.txt). The rules, each refused with the file and a fix:

- an article's file name is its slug, from which its id (article/SLUG) and its graph (<graph/SLUG>) are
  made: letters, digits, '-', '.' and '_', starting with a letter, a digit or '_' (no space);
- no slug names a graph the build keeps for itself (the register, the ontology, the derived graphs: the
  `*_GRAPH` names of core.project), nor differs from another only in case (the graphs' dumps in
  dist/graphs/ would overwrite each other on a case-insensitive disk);
- annotation files end in `.yaml`: a `.yml` or `.YAML` file is refused, not read and not ignored (rename
  it); so is a YAML file in a folder under data/annotations/, or in data/ other than actors.yaml;
- every source text data/sources/SLUG.txt has its annotation data/annotations/SLUG.yaml: a source that no
  annotation reads is refused, since a build that silently leaves a source out is wrong;
- every file read is a regular file inside the project: a named pipe (FIFO), socket, device or folder is
  refused without being opened, and so is a symbolic link that leads outside the project or nowhere.

Other files (a README, notes, the originals of sources in another format) are left alone.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path

from rightsgraph.core import project as project_names
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import GRAPH_NS, REGISTER_GRAPH, SLUG, Project

YAML_SUFFIXES = (".yaml", ".yml")  # compared without case
REGISTER = "actors.yaml"
NOT_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket"))


def reserved_graphs() -> dict[str, str]:
    """The graphs the build keeps for itself, by IRI: every `*_GRAPH` of core.project."""
    return {iri: name for name, iri in vars(project_names).items() if name.endswith("_GRAPH")}


def _refuse(message: str, path: Path, fix: str) -> UserError:
    return UserError(message, path, 1, fix)


def check_readable(project: Project, path: Path, what: str, folders: dict[Path, Path] | None = None) -> None:
    """`path` is a regular file inside the project (checked without opening it), or a UserError. `folders` keeps
    each folder resolved once for the files of one listing (resolving a path costs a system call per part)."""
    folders = {} if folders is None else folders
    if project.root not in folders:
        folders[project.root] = project.root.resolve()
    root = folders[project.root]
    try:
        if path.is_symlink():
            target = path.resolve()
        else:
            if path.parent not in folders:
                folders[path.parent] = path.parent.resolve()
            target = folders[path.parent] / path.name
    except RuntimeError:  # Python 3.11 raises it on a loop of links
        raise _refuse(f"{what} is a loop of symbolic links", path, "replace it with the file") from None
    if path.is_symlink() and not target.exists():
        raise _refuse(f"{what} is a symbolic link to {target}, which does not exist", path, "replace it with the file")
    if not target.is_relative_to(root):
        raise _refuse(
            f"{what} leads outside the project, to {target}",
            path,
            "copy the file into the project: the build reads only files inside it",
        )
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in NOT_FILES if test(mode)), "a device")
        raise _refuse(f"{what} is {kind}, not a file", path, "replace it with a regular UTF-8 text file")


def _plain_files(project: Project, folder: Path) -> set[str]:
    """The names in `folder` of regular files that are no symbolic link, when the folder itself resolves inside the
    project: each passes check_readable as it stands, read from the folder's listing (the kind of each entry comes
    with it, no system call per file; at a million triples data/ has 1,862 files). Every other entry is checked
    by check_readable."""
    try:
        if not folder.resolve().is_relative_to(project.root.resolve()):
            return set()
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_file(follow_symlinks=False)}
    except (OSError, RuntimeError):  # check_readable says what is wrong
        return set()


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def check_slug(path: Path, seen: dict[str, Path]) -> None:
    """The file name of an annotation can name its article and graph, apart from every other graph."""
    slug = path.stem
    if not re.fullmatch(SLUG, slug):
        better = re.sub(r"[^A-Za-z0-9._-]+", "-", slug).strip("-.") or "article"
        raise _refuse(
            f"the file name {slug!r} is not a slug: it names the article (article/{slug}) and its graph",
            path,
            f"rename it (and its source text) with letters, digits, '-', '.' or '_' only, e.g. {better}.yaml",
        )
    reserved = {iri.casefold(): (iri, name) for iri, name in reserved_graphs().items()}
    if (GRAPH_NS + slug).casefold() in reserved:
        iri, name = reserved[(GRAPH_NS + slug).casefold()]
        raise _refuse(
            f"'{slug}' is a reserved name: the build keeps the graph <{iri}> ({name}) for itself, "
            "and an article of this name would be dropped or merged into it",
            path,
            f"rename the file, its source text and its article id, e.g. to {slug}-article.yaml",
        )
    if slug.casefold() == project_names.READING_INDEX:
        raise _refuse(
            f"'{slug}' is a reserved name: dist/articles/{project_names.READING_INDEX}.html lists the articles, "
            "and an article of this name would overwrite it",
            path,
            f"rename the file, its source text and its article id, e.g. to {slug}-article.yaml",
        )
    other = seen.setdefault(slug.casefold(), path)
    if other != path:
        raise _refuse(
            f"{path.name} and {other.name} differ only in case: their graphs' dumps would overwrite each other",
            path,
            "rename one of them",
        )


def _entries(folder: Path) -> list[Path]:
    """What a folder of data/ holds, sorted; nothing if it is absent."""
    if not folder.is_dir():
        return []
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise _refuse(f"cannot list the folder: {exc.strerror}", folder, "make it readable") from None


def _stray_yaml(folder: Path) -> Path | None:
    """The first YAML file in `folder` or its folders (not following links to folders)."""
    for path in _entries(folder):
        if path.is_dir() and not path.is_symlink():
            found = _stray_yaml(path)
            if found is not None:
                return found
        elif _is_yaml(path):
            return path
    return None


def annotation_files(project: Project) -> list[Path]:
    """data/annotations/*.yaml, each checked: its name, its kind of file; and what would go unread."""
    folder = project.data_dir / "annotations"
    found: list[Path] = []
    seen: dict[str, Path] = {}
    folders: dict[Path, Path] = {}
    plain = _plain_files(project, folder)
    for path in _entries(folder):
        if path.is_dir():
            stray = _stray_yaml(path)
            if stray is not None:
                raise _refuse(
                    f"{stray.relative_to(folder)} is not read: annotations are read from data/annotations/ "
                    "itself, not from its folders",
                    stray,
                    "move it to data/annotations/",
                )
        elif path.suffix == ".yaml":
            check_slug(path, seen)
            if path.name not in plain:
                check_readable(project, path, "this annotation", folders)
            found.append(path)
        elif _is_yaml(path):
            raise _refuse(
                f"{path.name} is not read: annotation files end in .yaml, not {path.suffix}",
                path,
                f"rename it to {path.stem}.yaml",
            )
    return found


def check_data_folder(project: Project) -> Path | None:
    """data/ itself: the register, if there is one (checked), and no other YAML file that would go unread."""
    register = project.data_dir / REGISTER
    for path in _entries(project.data_dir):
        if path.name != REGISTER and _is_yaml(path) and not path.is_dir():
            raise _refuse(
                f"data/{path.name} is not read: data/ holds the register (actors.yaml), annotations/ and sources/",
                path,
                "put register entries in data/actors.yaml, and an article's annotation in data/annotations/",
            )
    if not register.is_symlink() and not register.exists():
        return None
    check_readable(project, register, "the actor register")
    return register


def check_sources(project: Project, annotations: list[Path]) -> None:
    """Every source text has its annotation; the source of each annotation, where it exists, is a file."""
    folder = project.data_dir / "sources"
    slugs = {p.stem for p in annotations}
    folders: dict[Path, Path] = {}
    listed = [path for path in _entries(folder) if fnmatch.fnmatchcase(path.name, "*.txt")]
    plain = _plain_files(project, folder) if listed else set()
    for path in listed:
        if path.stem not in slugs:
            raise _refuse(
                "no annotation reads this source text, so the build would leave it out",
                path,
                f"annotate it in data/annotations/{path.stem}.yaml, or move it out of data/sources/",
            )
    names = {path.name for path in listed}  # a source not listed is missing: reported with its annotation
    for slug in sorted(slugs):
        source = folder / f"{slug}.txt"
        if source.name in names and source.name not in plain:
            check_readable(project, source, "this source text", folders)


def inputs(project: Project) -> dict[str, list[Path]]:
    """Each data graph and the files it is built from: the register, then one graph per annotation. Every
    file is checked before anything reads it (datafiles): a name, a kind of file or a file left unread is
    refused here, before the build hashes the files."""
    found: dict[str, list[Path]] = {}
    register = check_data_folder(project)
    if register is not None:
        found[REGISTER_GRAPH] = [register]
    annotations = annotation_files(project)
    check_sources(project, annotations)
    for path in annotations:
        found[GRAPH_NS + path.stem] = [path, project.data_dir / "sources" / f"{path.stem}.txt"]
    return found
