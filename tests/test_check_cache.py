"""The ontology check that opens every build keeps each file's terms and each query's parse by the file's hash
(build.check_cache): an unchanged file is not scanned again, and what the cache keeps never hides a finding."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rightsgraph.build import check_cache, file_hashes
from rightsgraph.build.check_cache import CHECKED_NAME, CheckCache
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.validate import checks
from rightsgraph.validate.checks import check_ontology, require_sound_ontology
from rightsgraph.validate.terms import scan_text

HOUR = 3600 * 10**9


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the check scans (and, as the build's clock is an hour ahead, every file is older than the margin
    of build.file_hashes: a kept hash is trusted as it would be a few seconds after the files were written)."""
    monkeypatch.setattr(file_hashes, "_now", lambda directory: time.time_ns() + HOUR)
    found: list[Path] = []

    def counted(text: str, path: Path):
        found.append(path)
        return scan_text(text, path)

    monkeypatch.setattr(check_cache, "scan_text", counted)
    return found


def kept_dir(project: Project) -> Path:
    return project.root / ".rightsgraph" / "build" / "checked"


def kept(project: Project) -> CheckCache:
    """What `rightsgraph build` gives the check (a new one each time, as each build makes its own)."""
    return CheckCache(kept_dir(project), project.root)


def test_an_unchanged_file_is_not_scanned_again_and_an_edited_one_is(minimal: Project, scanned: list[Path]) -> None:
    require_sound_ontology(minimal, kept(minimal))
    first = len(scanned)
    assert first > 10 and minimal.data_dir / "actors.yaml" in scanned
    scanned.clear()
    require_sound_ontology(minimal, kept(minimal))
    assert scanned == []
    actors = minimal.data_dir / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    require_sound_ontology(minimal, kept(minimal))
    assert scanned == [actors]


def test_a_misspelt_term_in_an_edited_file_is_found_though_the_rest_is_kept(
    minimal: Project, scanned: list[Path]
) -> None:
    require_sound_ontology(minimal, kept(minimal))
    query = minimal.queries_dir / "misspelt.rq"
    query.write_text(
        "# title: t\n# description: d\nPREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
        "SELECT ?s WHERE {\n  ?s rg:speakr ?o .\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        require_sound_ontology(minimal, kept(minimal))
    assert caught.value.path == Path("queries/misspelt.rq") and caught.value.line == 5
    assert "ontology#speakr" in str(caught.value)


def test_a_term_the_ontology_no_longer_defines_is_found_in_a_file_scanned_before(
    minimal: Project, scanned: list[Path]
) -> None:
    """What a file uses is kept; what is defined is kept only for the ontology's bytes as they were: a property the
    queries use, renamed in the ontology, is found in the queries at once."""
    require_sound_ontology(minimal, kept(minimal))
    ontology = minimal.ontology_file
    text = ontology.read_text(encoding="utf-8")
    assert "\nrg:claimText a owl:DatatypeProperty" in text
    renamed = text.replace("\nrg:claimText a owl:DatatypeProperty", "\nrg:claimWords a owl:DatatypeProperty")
    ontology.write_text(renamed, encoding="utf-8")
    scanned.clear()
    with pytest.raises(UserError, match="ontology#claimText is used but not defined") as caught:
        require_sound_ontology(minimal, kept(minimal))
    fresh = check_ontology(minimal)  # no cache: every file scanned
    assert f"({len(fresh)} ontology problem(s)" in str(caught.value) and len(fresh) > 5
    assert ontology in scanned and minimal.queries_dir / "claims-by-actor.rq" not in scanned


def test_a_query_that_no_longer_parses_is_found(minimal: Project, scanned: list[Path]) -> None:
    require_sound_ontology(minimal, kept(minimal))
    query = minimal.queries_dir / "articles.rq"
    query.write_text(query.read_text(encoding="utf-8").replace("WHERE {", "WHERE {{", 1), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        require_sound_ontology(minimal, kept(minimal))
    assert caught.value.path == Path("queries/articles.rq")


def test_what_other_code_kept_is_not_used(minimal: Project, scanned: list[Path]) -> None:
    require_sound_ontology(minimal, kept(minimal))
    record_file = kept_dir(minimal) / CHECKED_NAME
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["code"] = "another version of rightsgraph"
    record_file.write_text(json.dumps(record), encoding="utf-8")
    scanned.clear()
    require_sound_ontology(minimal, kept(minimal))
    assert minimal.data_dir / "actors.yaml" in scanned


@pytest.mark.parametrize("corrupt", ["", "not json", "[]", '{"code": 1}'])
def test_a_corrupt_record_costs_a_scan(minimal: Project, scanned: list[Path], corrupt: str) -> None:
    require_sound_ontology(minimal, kept(minimal))
    (kept_dir(minimal) / CHECKED_NAME).write_text(corrupt, encoding="utf-8")
    scanned.clear()
    require_sound_ontology(minimal, kept(minimal))
    assert minimal.data_dir / "actors.yaml" in scanned


def test_a_file_saved_while_it_is_checked_keeps_its_terms_under_the_bytes_scanned(
    minimal: Project, scanned: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug (review): the hash came from one read and the scan from another. A query saved between the two kept the
    terms of its new bytes under the hash of the old; when the old bytes came back (an undo), their misspelt term went
    unreported."""
    query = minimal.queries_dir / "misspelt.rq"
    head = "# title: t\n# description: d\nPREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
    wrong, right = head + "SELECT ?s WHERE { ?s rg:speakr ?o }\n", head + "SELECT ?s WHERE { ?s rg:speaker ?o }\n"
    query.write_text(wrong, encoding="utf-8")
    real_hash, calls = file_hashes.FileHashes.hash, []

    def saved_meanwhile(self: file_hashes.FileHashes, path: Path, name: str) -> str:
        digest = real_hash(self, path, name)
        calls.append(path)
        if path == query and calls.count(query) == 2:  # the scan's hash: the file is saved before it is scanned
            query.write_text(right, encoding="utf-8")
        return digest

    monkeypatch.setattr(file_hashes.FileHashes, "hash", saved_meanwhile)
    require_sound_ontology(minimal, kept(minimal))  # it scanned the right bytes: nothing to report
    monkeypatch.setattr(file_hashes.FileHashes, "hash", real_hash)
    query.write_text(wrong, encoding="utf-8")  # the edit undone
    with pytest.raises(UserError, match="ontology#speakr is used but not defined"):
        require_sound_ontology(minimal, kept(minimal))


def test_a_query_that_does_not_parse_keeps_what_the_last_scan_kept(minimal: Project, scanned: list[Path]) -> None:
    require_sound_ontology(minimal, kept(minimal))
    query = minimal.queries_dir / "articles.rq"
    good = query.read_text(encoding="utf-8")
    query.write_text(good.replace("WHERE {", "WHERE {{", 1), encoding="utf-8")
    with pytest.raises(UserError):
        require_sound_ontology(minimal, kept(minimal))
    query.write_text(good, encoding="utf-8")
    scanned.clear()
    require_sound_ontology(minimal, kept(minimal))
    assert scanned == []  # every file's terms kept: the check the bad query stopped did not forget them


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[Project]:
    """Each time the check loads the ontology into a store to ask its violation queries and its defined terms."""
    found: list[Project] = []
    original = checks.ontology_store

    def counted(project: Project):
        found.append(project)
        return original(project)

    monkeypatch.setattr(checks, "ontology_store", counted)
    return found


def test_a_sound_ontology_is_not_loaded_again_until_a_file_it_is_checked_from_changes(
    minimal: Project, scanned: list[Path], loaded: list[Project]
) -> None:
    require_sound_ontology(minimal, kept(minimal))
    require_sound_ontology(minimal, kept(minimal))
    assert len(loaded) == 1
    inputs = checks.ontology_check_inputs(minimal)
    defined_terms = minimal.queries_dir / "system" / "defined-terms.rq"
    assert minimal.ontology_file in inputs and minimal.vocab_dir / "stance.ttl" in inputs and defined_terms in inputs
    assert all(p in inputs for p in (minimal.checks_dir / "ontology").glob("*-violation.rq"))
    for changed in inputs:
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
        loaded.clear()
        require_sound_ontology(minimal, kept(minimal))
        assert len(loaded) == 1, changed
        require_sound_ontology(minimal, kept(minimal))
        assert len(loaded) == 1, changed


def test_a_new_concept_scheme_file_is_loaded_and_what_it_defines_is_defined(
    minimal: Project, scanned: list[Path], loaded: list[Project]
) -> None:
    """A vocabulary file added to ontology/ is an input too: the term it defines, used by a file, is no finding."""
    require_sound_ontology(minimal, kept(minimal))
    used = "https://w3id.org/rightsgraph/vocab/synthetic-added/term"
    (minimal.root / "metadata" / "synthetic-use.ttl").write_text(f"<urn:x:a> <urn:x:b> <{used}> .\n", "utf-8")
    with pytest.raises(UserError, match="synthetic-added/term is used but not defined"):
        require_sound_ontology(minimal, kept(minimal))
    (minimal.vocab_dir / "synthetic-added.ttl").write_text(ADDED_SCHEME, encoding="utf-8")
    loaded.clear()
    require_sound_ontology(minimal, kept(minimal))  # the new file is read: its concept is defined
    assert len(loaded) == 1


ADDED_SCHEME = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/rightsgraph/vocab/synthetic-added> a skos:ConceptScheme ;
    dct:title "Synthetic scheme"@en ; skos:definition "A scheme the test adds."@en .
<https://w3id.org/rightsgraph/vocab/synthetic-added/term> a skos:Concept ;
    skos:prefLabel "term"@en ; skos:definition "A concept the test adds."@en ; skos:notation "term" ;
    skos:inScheme <https://w3id.org/rightsgraph/vocab/synthetic-added> .
"""


def test_an_ontology_file_saved_while_it_is_loaded_keeps_nothing(
    minimal: Project, scanned: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is defined is kept only when the files, hashed again after the load, are those hashed before it: a file
    saved meanwhile (the load read its new bytes) keeps nothing under the old bytes' hash, which would hide a finding
    once the file is as it was."""
    used = "https://w3id.org/rightsgraph/vocab/synthetic-added/term"
    (minimal.root / "metadata" / "synthetic-use.ttl").write_text(f"<urn:x:a> <urn:x:b> <{used}> .\n", "utf-8")
    stance = minimal.vocab_dir / "stance.ttl"
    before = stance.read_text(encoding="utf-8")
    original, calls = checks.ontology_store, []

    def saved_meanwhile(project: Project):
        calls.append(project)
        if len(calls) == 1:  # saved after the check hashed it, before the load reads it: the term is defined
            stance.write_text(before + ADDED_SCHEME, encoding="utf-8")
        return original(project)

    monkeypatch.setattr(checks, "ontology_store", saved_meanwhile)
    require_sound_ontology(minimal, kept(minimal))
    stance.write_text(before, encoding="utf-8")  # as it was when it was hashed: the term is not defined
    with pytest.raises(UserError, match="synthetic-added/term is used but not defined"):
        require_sound_ontology(minimal, kept(minimal))
    assert len(calls) == 2


def test_an_ontology_finding_after_a_sound_check_was_kept_is_found_every_time(
    minimal: Project, scanned: list[Path], loaded: list[Project]
) -> None:
    """Only a sound ontology's terms are kept: one with a finding is loaded and reported again at each build."""
    require_sound_ontology(minimal, kept(minimal))
    ontology = minimal.ontology_file
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\nrg:bareProperty a owl:ObjectProperty .\n", "utf-8")
    for _ in range(2):
        with pytest.raises(UserError, match="bareProperty"):
            require_sound_ontology(minimal, kept(minimal))
    assert len(loaded) == 3


def test_a_build_from_empty_takes_nothing_kept_and_keeps_what_it_checked_for_the_next(
    minimal: Project, scanned: list[Path], loaded: list[Project]
) -> None:
    """`build --full` checks every file and loads the ontology, whatever was kept; what it found is kept through its
    reset of the state directory (build.pipeline.build_incremental), so the build after it loads and scans nothing
    (the first edit build after a build from empty did both again: 0.25 s at 100,000 triples)."""
    from rightsgraph.cli.build_cmd import build

    require_sound_ontology(minimal, kept(minimal))
    loaded.clear()
    scanned.clear()
    build(root=minimal.root, full=True, docs=False, quiet=True)
    assert len(loaded) == 1 and minimal.ontology_file in scanned
    loaded.clear()
    scanned.clear()
    build(root=minimal.root, docs=False, quiet=True)
    assert loaded == [] and scanned == []


def test_a_file_where_the_checks_folder_belongs_costs_the_cache_and_a_build_from_empty_mends_it(
    minimal: Project, scanned: list[Path]
) -> None:
    """A crash's leftover (a file named as the folder): the check runs without keeping anything, `build --full` (which
    spares the folder, not a file) removes it, and the next build keeps what it checks again."""
    from rightsgraph.cli.build_cmd import build

    kept_dir(minimal).parent.mkdir(parents=True, exist_ok=True)
    kept_dir(minimal).write_text("not a folder", encoding="utf-8")
    build(root=minimal.root, docs=False, quiet=True)
    assert kept_dir(minimal).is_file()
    build(root=minimal.root, full=True, docs=False, quiet=True)
    assert not kept_dir(minimal).is_file()
    build(root=minimal.root, docs=False, quiet=True)
    assert (kept_dir(minimal) / CHECKED_NAME).is_file()
