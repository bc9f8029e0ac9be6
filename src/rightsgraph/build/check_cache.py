"""What the ontology check that opens every build keeps between builds: the terms each file uses, and which query
files parse, by the SHA-256 of the file's bytes.

`rightsgraph build` first checks that the ontology and its uses are sound (checks.require_sound_ontology). Finding
the terms used scanned every file of ontology/, shapes/, queries/, data/ and metadata/ again, whatever changed: at a
million triples (1,862 files of data/) about a second of every build. A file's terms and whether a query parses
depend only on its bytes and on rightsgraph's code, so they are kept by the file's hash (build.file_hashes: an
unchanged file costs a stat) under the code's key (build.manifest.code_key), and only a file whose bytes are new is
scanned or parsed again. The terms the ontology defines are kept once its violation queries found nothing, under the
hash of the places and bytes of the ontology's files, those queries and the query of defined terms (the checks'
inputs: checks.ontology_check_inputs): an ontology as it was is not loaded again (at 100,000 triples, 0.15 s of
every build). What is undefined is found afresh every time from the terms each file uses.

Kept in .rightsgraph/build/checked/ (its own file-hashes.json and checked.json), written under the build lock (the
caller holds it); like the hashes, the cache saves time only: a missing or malformed file costs a scan, never a
wrong answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from rightsgraph.build.file_hashes import FileHashes, write_cache
from rightsgraph.build.manifest import code_key
from rightsgraph.core.errors import read_text
from rightsgraph.validate.terms import Usage, scan_text

CHECKED_NAME = "checked.json"
DIRECTORY = "checked"  # in the build's state directory, which a build from empty keeps (build.pipeline)


class CheckCache:
    def __init__(self, directory: Path, root: Path, read: bool = True) -> None:
        """`read`: False to take nothing kept (a build from empty), while still keeping what this check finds."""
        directory.mkdir(parents=True, exist_ok=True)
        self.root, self.path, self.key = root, directory / CHECKED_NAME, code_key()
        self.hashes = FileHashes(directory, read)
        kept = self._load() if read else {}
        self.kept_usages: dict[str, list] = kept.get("usages", {})
        self.kept_parsed: set[str] = set(kept.get("parsed", []))
        self.usages: dict[str, list] = {}  # what the next build keeps: the files of this one
        self.parsed: set[str] = set()
        self.kept_ontology: dict[str, object] = kept["ontology"] if isinstance(kept.get("ontology"), dict) else {}
        self.ontology: dict[str, object] = self.kept_ontology

    def _load(self) -> dict:
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        valid = isinstance(kept, dict) and kept.get("code") == self.key
        valid = valid and isinstance(kept.get("usages"), dict) and isinstance(kept.get("parsed"), list)
        return kept if valid else {}

    def _digest(self, path: Path) -> str:
        return self.hashes.hash(path, path.relative_to(self.root).as_posix())

    @staticmethod
    def _read(path: Path, what: str) -> tuple[str, str]:
        """The file's text and the SHA-256 of the bytes it was read from: what is scanned or parsed is kept under the
        hash of those very bytes, whatever the file holds a moment later (saved again while the build ran)."""
        text = read_text(path, what)
        return text, hashlib.sha256(text.encode("utf-8")).hexdigest()  # UTF-8 read back is the bytes read

    def scan(self, path: Path) -> list[Usage]:
        """The terms `path` uses (terms.scan_text), scanned only when its bytes are not those of a file scanned
        before."""
        digest = self._digest(path)
        entry = _usages(self.kept_usages.get(digest))
        if entry is None:
            text, digest = self._read(path, "file")
            entry = [[usage.term, usage.line] for usage in scan_text(text, path)]
        self.usages[digest] = entry
        return [Usage(term, path, line) for term, line in entry]

    def parses(self, path: Path, check: Callable[[Path, str], None]) -> None:
        """`check(path, text)` (it raises on a query that does not parse), skipped for the bytes of a file that
        passed."""
        digest = self._digest(path)
        if digest not in self.kept_parsed:
            text, digest = self._read(path, "query")
            check(path, text)
        self.parsed.add(digest)

    def inputs_key(self, inputs: list[Path]) -> str:
        """The files' places and bytes (hashed now): what the ontology's checks found from them cannot be otherwise."""
        return hashlib.sha256(
            "".join(f"{path.relative_to(self.root).as_posix()}\t{self._digest(path)}\n" for path in inputs).encode()
        ).hexdigest()

    def defined(self, key: str) -> set[str] | None:
        """The terms a sound ontology defined, kept when it was checked from the files of this key; else None."""
        terms = self.kept_ontology.get("defined")
        if self.kept_ontology.get("inputs") != key or not isinstance(terms, list):
            return None
        return set(terms)

    def keep_defined(self, key: str, defined: set[str]) -> None:
        """Keep what an ontology checked sound from the files of this key defines (checks.check_ontology, which
        hashes them before and after it loads them)."""
        self.ontology = {"inputs": key, "defined": sorted(defined)}

    def save(self) -> None:
        self.hashes.save()
        usages = self.usages or self.kept_usages  # a check a query that does not parse stopped scanned nothing
        if usages == self.kept_usages and self.parsed == self.kept_parsed and self.ontology == self.kept_ontology:
            return
        kept = {"code": self.key, "usages": usages, "parsed": sorted(self.parsed), "ontology": self.ontology}
        write_cache(self.path, kept)


def _usages(entry: object) -> list | None:
    """A kept file's terms ([term, line] pairs), or None when the entry is not one."""
    if isinstance(entry, list) and all(
        isinstance(e, list) and len(e) == 2 and isinstance(e[0], str) and isinstance(e[1], int) for e in entry
    ):
        return entry
    return None
