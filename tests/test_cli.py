"""The command line as a user meets it: help, exit codes, one-line errors, dist/ left intact."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from rightsgraph.core.project import Project

from .conftest import edit, run_cli


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("build", "validate", "check", "docs"):
        assert command in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_check_json_reports_success(project: Project) -> None:
    result = run_cli("check", "--json", root=project.root)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "findings": []}


def test_check_json_reports_a_misspelt_term(project_copy: Project) -> None:
    shape = project_copy.shapes_dir / "actors.ttl"
    shape.write_text(
        shape.read_text(encoding="utf-8").replace("rg:operatedBy ;", "rg:operatedBj ;", 1), encoding="utf-8"
    )
    result = run_cli("check", "--json", root=project_copy.root)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["term"], f["file"]) for f in findings] == [
        ("https://w3id.org/rightsgraph/ontology#operatedBj", "shapes/actors.ttl")
    ]


def test_turtle_error_fails_the_build_in_one_line_and_keeps_dist(project_copy: Project) -> None:
    dist = project_copy.dist_dir
    dist.mkdir()
    (dist / "previous.txt").write_text("from the last good build", encoding="utf-8")
    bad = project_copy.ontology_file
    bad.write_text(bad.read_text(encoding="utf-8") + "\nrg:Broken a owl:Class\n", encoding="utf-8")
    result = run_cli("build", "--no-docs", root=project_copy.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "rightsgraph.ttl:" in lines[0] and "Turtle syntax error" in lines[0]
    assert sorted(p.name for p in dist.iterdir()) == ["previous.txt"]


def test_failed_validation_keeps_dist(project_copy: Project) -> None:
    dist = project_copy.dist_dir
    dist.mkdir()
    (dist / "previous.txt").write_text("from the last good build", encoding="utf-8")
    register = project_copy.data_dir / "actors.yaml"
    register.write_text(
        register.read_text(encoding="utf-8") + "\n  - id: actor/nameless-synthetic\n    type: CollectiveActor\n",
        encoding="utf-8",
    )
    result = run_cli("build", "--no-docs", root=project_copy.root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "actor/nameless-synthetic" in result.stderr and "name" in result.stderr
    assert sorted(p.name for p in dist.iterdir()) == ["previous.txt"]


def test_regression_property_names_were_printed_as_emoji(project_copy: Project) -> None:
    """Bug (newcomer run): rich turned ':speaker:' in 'rg:speaker:' into an emoji."""
    path = project_copy.data_dir / "annotations" / "campaign-against-mass-executions-in-iraq.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    speaker: actor/presidency-of-iraq\n"
    path.write_text(text.replace(old, "", 1), encoding="utf-8")
    result = run_cli("validate", root=project_copy.root, env={"COLUMNS": "200"})
    assert result.returncode == 1
    assert "rg:speaker:" in result.stdout and "\U0001f508" not in result.stdout


def test_json_reports_bad_input_on_stdout(project_copy: Project) -> None:
    register = project_copy.data_dir / "actors.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("    name:", "    nmae:", 1), encoding="utf-8")
    result = run_cli("build", "--json", root=project_copy.root)
    assert result.returncode == 1
    error = json.loads(result.stdout)["error"]
    assert error["file"].endswith("actors.yaml") and "nmae" in error["message"] and "name" in error["fix"]


@pytest.mark.slow
def test_build_shows_a_progress_bar_per_step_and_nothing_when_quiet(project_copy: Project) -> None:
    shown = run_cli("build", "--no-docs", "--jobs", "2", root=project_copy.root)
    assert shown.returncode == 0, shown.stderr
    for step in ("converting articles", "collecting validation data", "validating graphs", "writing dist/"):
        assert step in shown.stderr, shown.stderr
    quiet = run_cli("build", "--no-docs", "--full", "--quiet", root=project_copy.root)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_regression_the_build_printed_a_table_of_every_graph(minimal: Project) -> None:
    """At scale the build printed one table row per graph (933 at 1M triples, issue 18): it now prints a summary
    naming the graphs it rebuilt, and every graph only with --verbose."""
    built = run_cli("build", "--no-docs", root=minimal.root, env={"COLUMNS": "80"})
    assert built.returncode == 0, built.stderr
    summary = next(line for line in built.stdout.splitlines() if line.startswith("built "))
    assert re.fullmatch(
        r"built \d+ triples in \d+ graphs, 0 violations \(\d+ rebuilt\): .*synthetic-article.*", summary
    ), summary
    assert "https://w3id.org/rightsgraph/graph/" not in built.stdout  # no graph listed by its IRI
    (minimal.root / "data" / "annotations" / "synthetic-article.yaml").open("a").write("# edited\n")
    again = run_cli("build", "--no-docs", "--verbose", root=minimal.root, env={"COLUMNS": "80"})
    assert again.returncode == 0, again.stderr
    assert "https://w3id.org/rightsgraph/graph/synthetic-article" in again.stdout.replace("\n", "")
    assert [line for line in again.stdout.splitlines() if len(line) > 80 and not line.startswith("wrote ")] == []


def test_regression_the_build_summary_did_not_say_it_found_no_violation(minimal: Project) -> None:
    """Annotators read "until it reports 0 violations" in the guide and found no count in the build's summary
    (only `validate` printed one): the summary and --json say 0 violations, or that nothing was validated."""
    built = run_cli("build", "--no-docs", "--json", root=minimal.root)
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["violations"] == 0
    (minimal.root / "data" / "annotations" / "synthetic-article.yaml").open("a").write("# edited\n")
    unchecked = run_cli("build", "--no-docs", "--no-validate", root=minimal.root)
    assert unchecked.returncode == 0, unchecked.stderr
    assert ", not validated (--no-validate) (1 rebuilt)" in unchecked.stdout, unchecked.stdout
    current = run_cli("build", "--no-docs", "--no-validate", "--json", root=minimal.root)
    assert json.loads(current.stdout)["dist"] == "current" and json.loads(current.stdout)["violations"] is None


def test_regression_a_build_of_unconfirmed_draft_nodes_said_nothing_of_them(minimal: Project) -> None:
    """An annotator noticed that `new`'s proposals, still marked `draft: true`, built with 0 violations and no word
    (drafts validate like confirmed work, to be read in the reading view): the build names them in a note, in its
    summary, in --json and when dist/ is current, and says nothing once they are confirmed."""
    annotation = minimal.root / "data" / "annotations" / "synthetic-article.yaml"
    edit(annotation, "  - id: event/synthetic-executions\n", "  - id: event/synthetic-executions\n    draft: true\n")
    built = run_cli("build", "--no-docs", root=minimal.root)
    assert built.returncode == 0, built.stderr
    said = "1 draft node(s) not yet confirmed (draft: true) in 1 file(s) of data/: synthetic-article (1)"
    assert said in " ".join(built.stdout.split() + built.stderr.split()), built.stdout + built.stderr
    current = run_cli("build", "--no-docs", "--json", root=minimal.root)
    assert any(said in note for note in json.loads(current.stdout)["notes"]), current.stdout
    edit(annotation, "    draft: true\n", "")
    confirmed = run_cli("build", "--no-docs", "--json", root=minimal.root)
    assert not any("draft" in note for note in json.loads(confirmed.stdout)["notes"]), confirmed.stdout


def test_regression_validate_said_nothing_of_unconfirmed_draft_nodes(minimal: Project) -> None:
    """A newcomer ran `validate` after each step, as the guide says, and heard of the draft nodes still to confirm
    only from `build`: validate notes those of the files it rebuilt (in --json too), and none once confirmed."""
    annotation = minimal.root / "data" / "annotations" / "synthetic-article.yaml"
    edit(annotation, "  - id: event/synthetic-executions\n", "  - id: event/synthetic-executions\n    draft: true\n")
    checked = run_cli("validate", root=minimal.root)
    assert checked.returncode == 0, checked.stderr
    said = "1 draft node(s) not yet confirmed (draft: true) in 1 file(s) of data/: synthetic-article (1)"
    assert said in " ".join(checked.stdout.split() + checked.stderr.split()), checked.stdout + checked.stderr
    edit(annotation, "    draft: true\n", "")
    confirmed = run_cli("validate", "--json", root=minimal.root)
    assert confirmed.returncode == 0, confirmed.stderr
    assert json.loads(confirmed.stdout)["notes"] == [], confirmed.stdout


def test_regression_a_project_without_the_draft_query_had_dist_replaced_before_the_build_failed(
    minimal: Project,
) -> None:
    """The draft note's query was read after the new dist/ had been swapped in, so a project made before it existed
    (without queries/system/draft-nodes.rq) got a new dist/ and a failed build, the dataset store not following.
    The notes are made before dist/ moves: the build fails and dist/ stays as it was."""
    assert run_cli("build", "--no-docs", "-q", root=minimal.root).returncode == 0
    before = {p: p.read_bytes() for p in sorted(minimal.dist_dir.rglob("*")) if p.is_file()}
    (minimal.root / "queries" / "system" / "draft-nodes.rq").unlink()
    edit(minimal.root / "data" / "annotations" / "synthetic-article.yaml", "label: synthetic executions", "label: x")
    failed = run_cli("build", "--no-docs", root=minimal.root)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr, failed.stderr
    assert "draft-nodes.rq" in failed.stderr
    assert {p: p.read_bytes() for p in sorted(minimal.dist_dir.rglob("*")) if p.is_file()} == before


# Modules a question on the local dataset store does not need: HTTP and SPARQLWrapper (an endpoint or a running
# serve), YAML and the annotation reader (a build), the build's RDF libraries and the draft's NLP, and pydantic
# (typer 0.29 coerces every option through it: about 150 ms of every command). (The email package is loaded: the
# version the freshness keys hold is read with importlib.metadata, which parses the package's metadata with it.)
NOT_FOR_A_QUESTION = ("SPARQLWrapper", "http", "ssl", "yaml", "rdflib", "pyshacl", "networkx", "spacy", "pydantic")


def test_regression_a_question_imported_http_yaml_and_pydantic_before_answering(tmp_path) -> None:
    from .conftest import minimal_with_dist

    project = minimal_with_dist(tmp_path)
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr))\n"
        "sys.argv = ['rightsgraph', *sys.argv[1:]]\n"
        "from rightsgraph.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "query", "articles", "--format", "csv", "--root", str(project.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("article,"), done.stdout  # the answer, with its header
    loaded = set(json.loads(done.stderr.splitlines()[-1]))
    assert "pyoxigraph" in loaded
    assert sorted(loaded & set(NOT_FOR_A_QUESTION)) == []
