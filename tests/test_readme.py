"""The README says what the code does: its command table lists exactly the commands `rightsgraph --help`
lists, every option it names exists on that command, and its Python example runs."""

from __future__ import annotations

import ast
import importlib.util
import os
import re

import pytest
import typer

from rightsgraph.cli import app
from rightsgraph.core.errors import UserError

from .conftest import ROOT, Built

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, typer.core.TyperCommand]:
    """Every command the CLI has, by its full name ("network summary"), as its --help is made from."""
    found: dict[str, typer.core.TyperCommand] = {}
    top = typer.main.get_command(app)
    assert isinstance(top, typer.core.TyperGroup)
    for name, command in top.commands.items():
        if isinstance(command, typer.core.TyperGroup):
            found.update({f"{name} {sub}": c for sub, c in command.commands.items()})
        else:
            found[name] = command
    return found


def table_rows() -> dict[str, str]:
    """The command table of "## The command line": command -> what the README says of it."""
    section = README.split("## The command line", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `rightsgraph ([a-z ]+?)(?: [A-Z-]+| --\S+ URL)*` \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2) + line.split("|")[1]
    return rows


def test_the_command_table_lists_exactly_the_commands_of_the_cli() -> None:
    assert sorted(table_rows()) == sorted(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_the_table_names_exists_on_its_command(name: str) -> None:
    named = set(re.findall(r"(--[a-z][a-z-]*)", table_rows()[name]))
    options = {opt for param in commands()[name].params for opt in [*param.opts, *param.secondary_opts]}
    assert named <= options, f"the README names {sorted(named - options)} for `rightsgraph {name}`"
    assert commands()[name].help, f"`rightsgraph {name} --help` says nothing"


def test_the_python_example_runs_on_the_built_dataset(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    block = README.split("### From Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(built.project.root)  # rightsgraph.open() finds the project from here
    monkeypatch.delenv("RIGHTSGRAPH_ROOT", raising=False)
    namespace: dict[str, object] = {}
    for statement in ast.parse(block).body:
        code = compile(ast.Module([statement], type_ignores=[]), "README.md", "exec")
        if "dataframe" in ast.unparse(statement) and importlib.util.find_spec("pandas") is None:
            with pytest.raises(UserError, match="pandas is not installed"):
                exec(code, namespace)
        else:
            exec(code, namespace)
    rows = namespace["rows"]
    assert isinstance(rows, list) and rows and all(isinstance(row, dict) for row in rows)
    assert os.fspath(namespace["ds"].project.root) == os.fspath(built.project.root)  # type: ignore[attr-defined]
