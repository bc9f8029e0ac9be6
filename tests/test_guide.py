"""The authoring guide (docs/authoring.md) shows only what the build does: its worked example, taken from the
guide itself, builds without violations by the real build path; what it says the build prints after a step
is what the build prints; each common error it shows, applied to the example, gives the message it shows;
what it says about other articles holds; and `rightsgraph new` on its text writes the same SHA-256."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.validate.shacl import format_violation

from .conftest import ROOT, run_cli

GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
SLUG = "examplia-executions-denied"
ANNOTATION = f"data/annotations/{SLUG}.yaml"
EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```\w+\n(.*?)```", re.DOTALL)
OUTPUT = re.compile(r"<!-- example-output -->\n```text\n(.*?)```", re.DOTALL)
ERROR_CASE = re.compile(r"<!-- error-case -->\n```yaml\n(.*?)```\n\n```text\n(.*?)\n```", re.DOTALL)


def example_blocks(path: str, upto: int | None = None) -> list[str]:
    """The guide's blocks for one file of the example, in order (only those before offset `upto`)."""
    return [m.group(2) for m in EXAMPLE.finditer(GUIDE) if m.group(1) == path and (upto is None or m.start() < upto)]


def example_file(path: str) -> str:
    return "\n".join(example_blocks(path))


def make_project(root: Path, annotation: str, extra: dict[str, str] | None = None) -> Project:
    """A project with the real ontology, shapes, queries and metadata, and the guide's text and register."""
    import shutil

    for part in ("ontology", "shapes", "queries", "metadata"):
        shutil.copytree(ROOT / part, root / part)
    files = {
        f"data/sources/{SLUG}.txt": example_file(f"data/sources/{SLUG}.txt"),
        "data/actors.yaml": example_file("data/actors.yaml"),
        ANNOTATION: annotation,
        **(extra or {}),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return Project.locate(root)


def build_lines(project: Project) -> list[str]:
    """What the build reports: its violations as `rightsgraph validate` prints them, or its one error line."""
    try:
        result = build_incremental(project, full=True)
    except UserError as error:
        return ["error: " + str(error).replace(f"{project.root}/", "")]
    prefixes = {"id": ID_NS, **project_prefixes(project)}
    return [format_violation(v, prefixes) for v in result.violations]


def test_the_guide_has_a_worked_example_in_steps() -> None:
    assert len(example_blocks(ANNOTATION)) >= 5
    assert example_file(f"data/sources/{SLUG}.txt").startswith("This is a synthetic article")


def test_the_worked_example_builds_without_violations(tmp_path: Path) -> None:
    project = make_project(tmp_path, example_file(ANNOTATION))
    result = build_incremental(project, full=True)
    assert result.violations == []
    assert (project.root / ".rightsgraph").exists()


def test_what_the_guide_says_validate_prints_midway_is_what_it_prints(tmp_path: Path) -> None:
    outputs = list(OUTPUT.finditer(GUIDE))
    assert outputs, "the guide shows the build's output after a step"
    for n, shown in enumerate(outputs):
        partial = "\n".join(example_blocks(ANNOTATION, upto=shown.start()))
        root = tmp_path / str(n)
        root.mkdir()
        assert build_lines(make_project(root, partial)) == shown.group(1).splitlines()


def apply_snippet(text: str, snippet: str) -> str:
    """Put the snippet's lines in place of as many lines of the example, from its first line (which is the
    example's, unchanged, and occurs once)."""
    lines, new = text.split("\n"), snippet.rstrip("\n").split("\n")
    at = [i for i, line in enumerate(lines) if line == new[0]]
    assert len(at) == 1, f"the first line of an error case must occur once in the example: {new[0]!r}"
    return "\n".join(lines[: at[0]] + new + lines[at[0] + len(new) :])


CASES = ERROR_CASE.findall(GUIDE)


def test_the_guide_shows_common_errors() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize(("snippet", "message"), CASES, ids=[m.split(": ", 2)[-1][:40] for _, m in CASES])
def test_each_common_error_gives_the_message_the_guide_shows(tmp_path: Path, snippet: str, message: str) -> None:
    project = make_project(tmp_path, apply_snippet(example_file(ANNOTATION), snippet))
    assert build_lines(project) == [message]


OTHER = "examplia-ministry-confirms"
OTHER_TEXT = (
    "This is a synthetic article, written for the rightsgraph authoring guide; every name in it is invented.\n"
    "Sampleton, 20 May 2025\n"
    "The Ministry of Justice confirmed on Monday that 12 prisoners were executed at Sampleton Central Prison.\n"
)


def other_article(body: str) -> dict[str, str]:
    import hashlib

    digest = hashlib.sha256(OTHER_TEXT.encode("utf-8")).hexdigest()
    head = (
        f"article:\n  id: article/{OTHER}\n  type: Article\n  headline: Ministry confirms executions\n"
        f"  language: en\n  sha256: {digest}\n  rights: Synthetic.\n  published:\n    expression: 20 May 2025\n"
        "    edtf: 2025-05-20\n    earliest: 2025-05-20\n    latest: 2025-05-20\n    basis: dateline\n"
    )
    return {f"data/sources/{OTHER}.txt": OTHER_TEXT, f"data/annotations/{OTHER}.yaml": head + body}


CONFIRMATION = """
statements:
  - id: statement/ministry-confirmation
    type: Statement
    speaker: actor/examplia-ministry-of-justice
    stances:
      - {stance: confirms, target: [event/sampleton-executions]}
    evidence: ["The Ministry of Justice confirmed on Monday"]
    claims:
      - id: claim/ministry-12-executed
        type: Claim
        kind: confirmation
        text: Twelve prisoners were executed at Sampleton Central Prison.
        about: [event/sampleton-executions]
        certainty: certain
        polarity: positive
        temporality: non-future
        evidence: ["12 prisoners were executed at Sampleton Central Prison"]
"""


def test_another_article_refers_to_the_examples_event_and_mentions_it(tmp_path: Path) -> None:
    mention = '\nmentions:\n  - id: event/sampleton-executions\n    evidence: ["12 prisoners were executed"]\n'
    project = make_project(tmp_path, example_file(ANNOTATION), other_article(CONFIRMATION + mention))
    assert build_lines(project) == []


def test_defining_the_examples_event_again_is_refused_as_the_guide_says(tmp_path: Path) -> None:
    again = (
        "\nevents:\n  - id: event/sampleton-executions\n    type: Event\n    event_type: [execution]\n"
        '    status: confirmed\n    evidence: ["12 prisoners were executed at Sampleton Central Prison"]\n'
    )
    project = make_project(tmp_path, example_file(ANNOTATION), other_article(again))
    (line,) = build_lines(project)
    assert "event/sampleton-executions is defined twice: also at data/annotations/" in line
    assert "event/sampleton-executions is defined twice: also at" in GUIDE


def test_extending_the_examples_event_with_a_plain_key_works_as_the_guide_says(tmp_path: Path) -> None:
    extend = "\nevents:\n  - id: event/sampleton-executions\n    place: [place/sampleton]\n"
    project = make_project(tmp_path, example_file(ANNOTATION), other_article(CONFIRMATION + extend))
    assert build_lines(project) == []


def test_adding_a_participant_to_the_examples_event_fails_as_the_guide_says(tmp_path: Path) -> None:
    """The guide says plainly that a participant cannot be added from another article (its participation gets
    the id of the defining file's first one). When that is fixed, this test fails: update the guide."""
    extend = (
        "\nevents:\n  - id: event/sampleton-executions\n    participants:\n"
        "      - {actor: actor/examplia-ministry-of-justice, role: perpetrator}\n"
    )
    project = make_project(tmp_path, example_file(ANNOTATION), other_article(CONFIRMATION + extend))
    (line,) = build_lines(project)
    assert "event/sampleton-executions/participants/1 is defined twice" in line
    assert "`participants` cannot be added" in GUIDE


def test_rightsgraph_new_on_the_examples_text_records_the_sha256_the_guide_shows(tmp_path: Path) -> None:
    project = make_project(tmp_path, example_file(ANNOTATION))
    (project.root / ANNOTATION).unlink()
    text_file = tmp_path / "article.txt"
    source = project.root / "data" / "sources" / f"{SLUG}.txt"
    text_file.write_bytes(source.read_bytes())
    source.unlink()
    result = run_cli("new", SLUG, "--text", str(text_file), root=project.root, timeout=120)
    assert result.returncode == 0, result.stderr
    written = (project.root / ANNOTATION).read_text(encoding="utf-8")
    (sha,) = re.findall(r"^  sha256: .*$", example_file(ANNOTATION), re.MULTILINE)
    assert sha in written.splitlines()
    assert f"  id: article/{SLUG}" in written.splitlines()


def test_the_guide_lists_each_concepts_other_names() -> None:
    """Four new annotators looked for a post role "chair", which the guide's list gave only inside the
    definition of `head`: each concept's other names (skos:altLabel) now follow its definition."""
    from rightsgraph.export.docgen import read_model
    from rightsgraph.export.guide import render_block

    block = render_block(Project.locate(ROOT), "vocabularies", read_model(Project.locate(ROOT)))
    head = next(line for line in block.splitlines() if line.startswith("- `head`:"))
    assert head.endswith("Also called: chair, chief, leader.")
