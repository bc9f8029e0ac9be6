"""core.rdf_files parses the same bytes of a Turtle file once per process: a file changed since (whatever its times
say) is parsed again, a syntax error is reported at each parse, and what a caller changes of the triples or prefixes
it gets is not what the next caller gets."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.core import rdf_files
from rightsgraph.core.errors import UserError
from rightsgraph.core.rdf_files import parse_turtle, turtle_prefixes

ONE = '@prefix ex: <https://example.org/synthetic/rdf-files/> .\nex:a ex:b "one" .\n'
TWO = '@prefix ex: <https://example.org/synthetic/rdf-files/> .\nex:a ex:b "two" .\n'


def objects(path: Path) -> list[str]:
    return [str(q.object.value) for q in parse_turtle(path)]


def test_a_file_changed_since_it_was_parsed_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.ttl"
    path.write_text(ONE, encoding="utf-8")
    parses: list[bytes] = []
    original = rdf_files.ox.parse

    def counted(data: bytes, *args, **kwargs):
        parses.append(data)
        return original(data, *args, **kwargs)

    monkeypatch.setattr(rdf_files.ox, "parse", counted)
    assert objects(path) == ["one"] and objects(path) == ["one"] and len(parses) == 1
    stat = path.stat()
    path.write_text(TWO, encoding="utf-8")  # the same size: the bytes tell, not the times
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert objects(path) == ["two"] and len(parses) == 2
    path.write_text(ONE, encoding="utf-8")
    assert objects(path) == ["one"] and len(parses) == 2  # those bytes were parsed before


def test_a_syntax_error_is_reported_at_every_parse(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(ONE + "ex:a ex:b .\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(UserError) as caught:
            parse_turtle(path)
        assert caught.value.line == 3 and caught.value.path == path


def test_what_a_caller_changes_is_not_what_the_next_gets(tmp_path: Path) -> None:
    path = tmp_path / "file.ttl"
    path.write_text(ONE, encoding="utf-8")
    turtle_prefixes(path)["ex"] = "https://example.org/changed/"
    parse_turtle(path).append(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("added")))
    assert turtle_prefixes(path) == {"ex": "https://example.org/synthetic/rdf-files/"} and objects(path) == ["one"]


def test_the_same_bytes_at_two_places_resolve_their_relative_iris_each_against_its_own(tmp_path: Path) -> None:
    relative = "<node> <https://example.org/synthetic/rdf-files/b> <other> .\n"
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    for folder in ("one", "two"):
        (tmp_path / folder / "file.ttl").write_text(relative, encoding="utf-8")
    subjects = {folder: parse_turtle(tmp_path / folder / "file.ttl")[0].subject.value for folder in ("one", "two")}
    assert subjects == {folder: (tmp_path / folder / "node").as_uri() for folder in ("one", "two")}
