"""Bad input, faults and attacks: a catalogue of broken inputs, each run through the CLI as a user would,
and each case of the default command (`build`) also run in this process, on the same build path, so that
`make test-fast` covers the catalogue too. The catalogue is the one home of bad-input cases.

One file of tests/bad_inputs/ per case, applied to a copy of the minimal project (tests/fixtures/minimal).
Keys: `description`; `command` (after `rightsgraph`; default `build --no-docs`; `--root` added unless
given); `edits`: [{file, and replace+with (once) | write | write_bytes_hex | prepend | append | delete}]
(`SHA256` in new text is the source text's digest); `exit` (1 bad input, 2 usage); `message`: in the one
`error: <file>:<line>: <message> (fix: <fix>)` line on stderr, whose `file`, `line` and `fix` are checked
when given; `report`: in stdout or stderr (a SHACL violation's `file:line: node`, a `check` finding);
`store: true`: a good build before, and another once the edits are undone; `xfail`: a tool bug, with
when to remove it. Always: the exit code, no Traceback or internal error, dist/ as it was (a marker file).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from rightsgraph.build.pipeline import build_incremental
from rightsgraph.core.errors import UserError
from rightsgraph.core.prefixes import project_prefixes
from rightsgraph.core.project import ID_NS, Project
from rightsgraph.validate.checks import require_sound_ontology
from rightsgraph.validate.shacl import format_violation

from .conftest import project_from_fixture, run_cli

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))
FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
SLUG = "synthetic-article"
BUILD = ("build", "--no-docs", "--quiet")
DIGEST = hashlib.sha256((FIXTURE / "source.txt").read_bytes()).hexdigest()


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def param(path: Path):
    reason = load(path).get("xfail")
    return pytest.param(path, id=path.stem, marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project, made once; each case works on its own copy."""
    return project_from_fixture(tmp_path_factory.mktemp("template"), FIXTURE, SLUG)


def apply(root: Path, edit: dict) -> None:
    path = root / edit["file"]
    text = lambda key: edit[key].replace("SHA256", DIGEST)
    if edit.get("delete"):
        path.unlink()
    elif "write_bytes_hex" in edit:
        path.write_bytes(bytes.fromhex(edit["write_bytes_hex"]))
    elif "write" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text("write"), encoding="utf-8")
    else:
        old = path.read_text(encoding="utf-8")
        if "replace" in edit:
            assert old.count(edit["replace"]) == 1, f"{edit['replace']!r} must occur once in {edit['file']}"
            new = old.replace(edit["replace"], text("with"))
        else:
            new = text("prepend") + old if "prepend" in edit else old + text("append")
        path.write_text(new, encoding="utf-8")


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def run(root: Path, command: list[str]):
    return run_cli(*command, *([] if "--root" in command else ["--root", str(root)]), timeout=120)


def check_outcome(case: dict, result) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.returncode == case["exit"], output
    assert "message" in case or "report" in case, "a case names its message or its report"
    assert case.get("report", "") in output, output
    if "message" in case and case["exit"] == 2:  # the option parser's usage message
        assert case["message"] in result.stderr, result.stderr
    elif "message" in case:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1 and case["message"] in errors[0] and "(fix: " in errors[0], result.stderr
        where, fix = errors[0].split(": ", 2)[1], errors[0].split("(fix: ", 1)[1]
        assert case.get("file", "") in where, errors[0]
        assert "line" not in case or where.endswith(f":{case['line']}"), errors[0]
        assert case.get("fix", "") in fix, errors[0]


def execute(case: dict, template: Path, root: Path) -> dict:
    """Copy the template, apply the edits, run the command; with `store`, a good build before and after."""
    shutil.copytree(template, root)
    good = [run(root, list(BUILD)).returncode] if case.get("store") else []
    (root / "dist").mkdir(exist_ok=True)
    (root / "dist" / "marker.txt").write_text("left by the test\n")
    before = snapshot(root / "dist")
    for edit in case.get("edits", []):
        apply(root, edit)
    result = run(root, case.get("command", ["build", "--no-docs"]))
    outcome = {
        "result": result,
        "dist changed": snapshot(root / "dist") != before,
        "staging left": list(root.glob(".dist.staging*")),
    }
    if case.get("store"):  # undo the edits: the persistent store must still give a good build
        for edit in case.get("edits", []):
            source, target = template / edit["file"], root / edit["file"]
            shutil.copy(source, target) if source.exists() else target.unlink(missing_ok=True)
        good.append(run(root, list(BUILD)).returncode)
    return {**outcome, "good builds": good}


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest, template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The selected cases, run concurrently (each is a subprocess), as futures: a case's failure is its own."""
    selected = [
        item.callspec.params["path"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_bad_input"
    ]
    work = tmp_path_factory.mktemp("cases")
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as pool:
        return {p: pool.submit(execute, load(p), template, work / p.stem) for p in selected}


@pytest.mark.slow
@pytest.mark.parametrize("path", [param(p) for p in CASES])
def test_bad_input(path: Path, outcomes: dict) -> None:
    outcome = outcomes[path].result()
    assert not outcome["dist changed"] and not outcome["staging left"], "dist/ was changed"
    check_outcome(load(path), outcome["result"])
    assert outcome["good builds"] in ([], [0, 0]), f"good builds before and after: {outcome['good builds']}"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["comment", "value"])
def test_50_mb_annotation(kind: str, template: Path, tmp_path: Path) -> None:
    """A 50 MB annotation, made here: a 50 MB comment builds; a 50 MB text value is refused cleanly."""
    root = tmp_path / "project"
    shutil.copytree(template, root)
    path = root / "data" / "annotations" / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    if kind == "comment":
        text += ("# " + "x" * 98 + "\n") * (50 * 1024 * 1024 // 100)
    else:
        text = text.replace("  rights: ", "  description: " + "x" * (50 * 1024 * 1024) + "\n  rights: ")
    path.write_text(text, encoding="utf-8")
    result = run(root, list(BUILD))  # a hang fails on run's timeout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if kind == "comment":
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and f"{SLUG}.yaml:" in result.stderr and "(fix: " in result.stderr
        assert not (root / "dist").exists()


BUILD_CASES = [p for p in CASES if "command" not in load(p) and not load(p).get("xfail")]


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in BUILD_CASES])
def test_bad_input_in_process(path: Path, template: Path, tmp_path: Path) -> None:
    """The case through what `rightsgraph build` runs, in this process: the ontology checks, then the build
    from empty. Its error names the case's message, file, line and fix; or its violations, the report."""
    case = load(path)
    shutil.copytree(template, tmp_path / "project")
    project = Project.locate(tmp_path / "project")
    for change in case.get("edits", []):
        apply(project.root, change)
    try:
        require_sound_ontology(project)
        violations = build_incremental(project, full=True).violations
    except UserError as error:
        assert case.get("message") != "SHACL violation", f"an error where violations were expected: {error}"
        assert case["message"] in error.message, error
        assert case.get("file", "") in str(error.path or ""), error
        assert "line" not in case or error.line == case["line"], error
        assert case.get("fix", "") in (error.fix or ""), error
        return
    prefixes = {"id": ID_NS, **project_prefixes(project)}
    reported = "\n".join(format_violation(v, prefixes) for v in violations)
    assert case.get("message") == "SHACL violation" and case["report"] in reported, reported or "no violation"
