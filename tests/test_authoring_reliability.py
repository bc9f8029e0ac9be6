"""Reading data/ reliably: values are published as written or refused with the file and line (numbers, dates,
yes/no, explicit tags), anchors and aliases are refused on every node kind, control characters in text are
refused, and every file of data/ is read as what it is or refused (reserved and malformed names, .yml files,
files in folders, orphan sources, FIFOs, symbolic links leading outside the project).

Cases that are edits of the minimal project live in the bad-input catalogue (tests/bad_inputs/); these are
what the catalogue cannot express (FIFOs, symbolic links, properties over many values) and the rules'
accepted side (what must still be read, and read as written)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsgraph.authoring.annotations import load_article
from rightsgraph.authoring.context import load_context
from rightsgraph.authoring.datafiles import inputs, reserved_graphs
from rightsgraph.authoring.yaml_lines import load_yaml
from rightsgraph.core.errors import UserError
from rightsgraph.core.project import GRAPH_NS, NETWORK_GRAPH, REGISTER_GRAPH, Project

from .conftest import MINIMAL_SLUG, ROOT, edit, run_cli

XSD = "http://www.w3.org/2001/XMLSchema#"


def load(tmp_path: Path, text: str):
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def refused(tmp_path: Path, text: str) -> UserError:
    with pytest.raises(UserError) as caught:
        load(tmp_path, text)
    error = caught.value
    assert error.path is not None and error.line is not None and error.fix, error
    return error


def annotation(project: Project) -> Path:
    return project.data_dir / "annotations" / f"{MINIMAL_SLUG}.yaml"


def source(project: Project) -> Path:
    return project.data_dir / "sources" / f"{MINIMAL_SLUG}.txt"


def article_quads(project: Project) -> list[ox.Quad]:
    context = load_context(project.ontology_dir / "context.jsonld")
    return load_article(project, context, annotation(project))[1].quads


def literals(project: Project, predicate: str) -> list[str]:
    return [q.object.value for q in article_quads(project) if q.predicate.value == predicate]


def inputs_refused(project: Project) -> UserError:
    with pytest.raises(UserError) as caught:
        inputs(project)
    return caught.value


# --- item 4: numbers, dates and yes/no as written ---------------------------------------------------------

CHANGED_BY_YAML = ["014", "0o14", "0x0C", "0b1100", "1_2", "+12", "-0", "00", "1:30", "1.2e+1", "1e3", ".5", "1."]
CHANGED_BY_YAML += [".inf", "-.inf", ".nan", "10:00", "190:20:30.15", "2024-04-01 10:00:00", "2024-4-1T10:00:00Z"]


@pytest.mark.parametrize("written", CHANGED_BY_YAML)
def test_regression_yaml_read_a_plain_value_as_a_number_other_than_written(tmp_path: Path, written: str) -> None:
    """YAML 1.1 read 014 as 12, 1:30 as 90, 1_2 and 0x0C as 12, +12 as 12 (and YAML 1.2 reads 014 as 14):
    what YAML makes of these is not their text, so each is refused at its line, in every key."""
    error = refused(tmp_path, f"a: fine\nb:\n  c: {written}\n")
    assert error.line == 3 and repr(written) in error.message, error
    assert "quote" in (error.fix or ""), error


READ_AS_WRITTEN = [
    *[("12", 12), ("0", 0), ("-3", -3), ("2024-04-01", dt.date(2024, 4, 1)), ("12.5", "12.5"), ("1.50", "1.50")],
    *[("2024-4-1", "2024-4-1"), ("2024-03", "2024-03"), ("09:30", "09:30"), ("0o14x", "0o14x"), ("v1.2", "v1.2")],
    *[('"014"', "014"), ("'+12'", "+12"), ('"1:30"', "1:30"), ("!!str 014", "014"), ("!!int 12", 12)],
    *[("~", None), ("null", None), ("", None), ("!!null x", None)],
]


@pytest.mark.parametrize(("written", "read"), READ_AS_WRITTEN)
def test_values_are_read_as_written(tmp_path: Path, written: str, read: object) -> None:
    """Whole numbers and YYYY-MM-DD dates read as numbers and dates whose text is what was written; a
    decimal, a partial date and anything quoted read as their text."""
    value = load(tmp_path, f"k: {written}\n")["k"]
    assert value == read and type(value) is type(read), value
    if isinstance(value, (int, dt.date)) and not written.startswith("!!"):  # the text published is the text written
        assert (value.isoformat() if isinstance(value, dt.date) else str(value)) == written


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off", "True", "FALSE", "y", "n"])
def test_yes_no_words_are_read_alike_by_yaml_1_1_and_1_2_or_refused(tmp_path: Path, word: str) -> None:
    """YAML 1.1 reads yes/no/on/off as true/false, YAML 1.2 as text: they are refused at their line; true and
    false are a yes/no in both (only a key typed xsd:boolean takes one); y and n are text in both."""
    if word.lower() in ("yes", "no", "on", "off"):
        with pytest.raises(UserError, match=r"YAML 1\.1") as caught:
            load(tmp_path, f"k: {word}\n")
        assert caught.value.line == 1 and "true or false" in (caught.value.fix or "")
        return
    value = load(tmp_path, f"k: {word}\n")["k"]
    if word in ("y", "n"):
        assert value == word
    else:
        assert value is (word.lower() == "true")


def test_yes_no_where_text_is_expected_is_refused_at_its_line(minimal: Project) -> None:
    line = edit(annotation(minimal), "    label: synthetic executions\n", "    label: off\n")
    with pytest.raises(UserError) as caught:
        article_quads(minimal)
    assert caught.value.line == line and "yes/no" in caught.value.message and "quote" in (caught.value.fix or "")


@pytest.mark.parametrize("tag", ["!!bool y", "!!bool yes", "!!float 1.50", "!!timestamp 2024-04-01", "!!binary eA=="])
@pytest.mark.parametrize("where", ["k: {}\n", "k: [a, {}]\n", "{}: v\n"])
def test_regression_explicit_yaml_tags_were_published_as_python_values(tmp_path: Path, tag: str, where: str) -> None:
    """`!!bool y` was a KeyError (an internal error), `!!binary` bytes were published as "b'...'", `!!float
    1.50` as 1.5: every YAML tag but !!str, !!int and !!null is refused, at its line, for keys and values."""
    error = refused(tmp_path, "a: 1\n" + where.format(tag))
    assert error.line == 2 and tag.split()[0] in error.message, error


@pytest.mark.parametrize("text", ["!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1, a: 2]", "!!int 014", "!!int 0x0C"])
def test_regression_explicit_collection_and_number_tags_were_read(tmp_path: Path, text: str) -> None:
    assert refused(tmp_path, f"a: 1\nk: {text}\n").line == 2


@pytest.mark.parametrize("text", ["!!int [1]", "!!str [1]", "!!str {a: 1}", "!!int {a: 1}"])
def test_a_scalar_tag_on_a_collection_is_refused_at_its_line(tmp_path: Path, text: str) -> None:
    assert refused(tmp_path, f"a: 1\nk: {text}\n").line == 2


def test_regression_untyped_values_were_published_other_than_written(minimal: Project) -> None:
    """An untyped text key got YAML's number: `counted: 1.50` was published as "1.5", `expression: 012`
    as 10^^xsd:integer. A decimal is now text as written; 012 is refused at its line."""
    edit(annotation(minimal), "        counted: prisoners executed\n", "        counted: 1.50\n")
    assert literals(minimal, "https://w3id.org/rightsgraph/ontology#countedEntity") == ["1.50"]
    line = edit(annotation(minimal), "expression: last March", "expression: 012")
    with pytest.raises(UserError) as caught:
        article_quads(minimal)
    assert caught.value.line == line and "'012'" in caught.value.message


@pytest.mark.parametrize(
    ("written", "wanted"),
    [("expression: last March", "expression: last April"), ("expression: at least 12", "expression: at least 13")],
)
def test_regression_a_time_or_count_worded_otherwise_than_the_text_was_published(
    minimal: Project, written: str, wanted: str
) -> None:
    """A time `expression` the text does not have ("zzz not in text") validated and was published as the source's
    words (an annotator of a new article found it). A value of rg:sourceWording or its subproperties (times,
    counts, locations, ages) must occur in the text as written; the error names the line and the key."""
    line = edit(annotation(minimal), written, wanted)
    built = run_cli("build", "--no-docs", root=minimal.root)
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert f"{MINIMAL_SLUG}.yaml:{line}" in built.stderr, built.stderr
    assert "'expression' must be the words of" in built.stderr and repr(wanted.split(": ")[1]) in built.stderr
    edit(annotation(minimal), wanted, written.replace("last March", "March").replace("at least 12", "least 12"))
    assert run_cli("build", "--no-docs", "-q", root=minimal.root).returncode == 0  # a part of the words is theirs


@pytest.mark.parametrize(
    ("wanted", "said"),
    [
        ("expression: ast Mar", "is not in it"),  # not whole words
        ("expression: ' '", "is not in it"),
        ("expression: 12", "YAML read 12 as a number"),  # a number YAML reads: the text's words, but not as text
    ],
)
def test_a_time_worded_by_part_of_a_word_or_by_a_number_is_refused(minimal: Project, wanted: str, said: str) -> None:
    line = edit(annotation(minimal), "expression: last March", wanted)
    with pytest.raises(UserError) as caught:
        article_quads(minimal)
    assert caught.value.line == line and said in caught.value.message, caught.value


def date_refused(project: Project, written: str) -> None:
    line = edit(annotation(project), "    earliest: 2024-04-01", f"    earliest: {written}")
    with pytest.raises(UserError) as caught:
        article_quads(project)
    assert caught.value.line == line and "must be a date" in caught.value.message, caught.value
    assert "YYYY-MM-DD" in (caught.value.fix or "")


@pytest.mark.parametrize("written", ["20240401", '"20240401"', '"2024-W14-1"'])
def test_regression_dates_python_accepts_but_xsd_does_not_were_published(minimal: Project, written: str) -> None:
    """Python's date.fromisoformat accepts the ISO basic (20240401) and week (2024-W14-1) forms: they passed the
    date check and were published as xsd:date. A date key takes YYYY-MM-DD only, written or quoted."""
    date_refused(minimal, written)


@pytest.mark.parametrize("written", ['"2024-04-01T00:00"', '"+2024-04-01"', '"2024-092"', '"2024-4-1"'])
def test_dates_not_written_yyyy_mm_dd_are_refused(minimal: Project, written: str) -> None:
    date_refused(minimal, written)


@pytest.mark.parametrize("written", ['"014"', '"+12"', '"-0"'])
def test_regression_quoted_counts_not_written_as_plain_digits_were_published(minimal: Project, written: str) -> None:
    line = edit(annotation(minimal), "        value: 12\n", f"        value: {written}\n")
    with pytest.raises(UserError) as caught:
        article_quads(minimal)
    assert caught.value.line == line and "must be a whole number" in caught.value.message


def test_counts_and_dates_are_published_exactly_as_written(minimal: Project) -> None:
    edit(annotation(minimal), "        value: 12\n", "        value: 0\n")
    quads = article_quads(minimal)
    values = {
        (q.predicate.value, q.object.value, q.object.datatype.value) for q in quads if isinstance(q.object, ox.Literal)
    }
    assert ("https://schema.org/value", "0", XSD + "integer") in values
    assert ("https://schema.org/minValue", "12", XSD + "integer") in values
    assert ("http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp", "2024-04-01", XSD + "date") in values


def as_written(read: object, text: str) -> bool:
    """Whether `read` is what the scalar `text` says, as written."""
    if read is None:
        return text in ("", "~", "null", "Null", "NULL")
    if isinstance(read, bool):
        return text.lower() in ("true", "false", "yes", "no", "on", "off")
    return (read.isoformat() if isinstance(read, dt.date) else str(read)) == text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(), st.dates(), st.floats(allow_nan=True), st.booleans()))
def test_a_dumped_value_reads_back_as_written_or_is_refused(tmp_path_factory, value: object) -> None:
    """Whatever a YAML writer (PyYAML, YAML 1.1) makes of a value, this loader reads it as the text written in
    the file, or refuses it with a line: never a value other than the text, never another exception."""
    path = tmp_path_factory.mktemp("dump") / "doc.yaml"
    path.write_text(yaml.safe_dump({"k": value}, allow_unicode=True), encoding="utf-8")
    try:
        read = load_yaml(path)["k"]
    except UserError as error:
        assert error.line is not None and error.fix
        return
    node = yaml.compose(path.read_text(encoding="utf-8")).value[0][1]  # the scalar as written (unescaped)
    assert type(read) in (str, int, dt.date, bool, type(None)) and as_written(read, node.value), (value, read)


# --- item 7: anchors and aliases on every node kind ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &s text\nb: *s\n", 1),  # a scalar
        ("a: x\nb: &l [1, 2]\nc: *l\n", 2),  # a sequence
        ("a:\n  b: &m {c: 1}\n  d: *m\n", 2),  # a mapping
        ("base: &b {c: 1}\nd:\n  <<: *b\n", 1),  # a merge key
        ("a: x\nk: &unused text\n", 2),  # an anchor alone
        ("a: x\n&k key: v\n", 2),  # an anchored key
        ("a: x\nb: *nowhere\n", 2),  # an alias with no anchor
    ],
)
def test_anchors_and_aliases_are_refused_on_every_node_kind(tmp_path: Path, text: str, line: int) -> None:
    error = refused(tmp_path, text)
    assert error.line == line and ("anchor" in error.message or "alias" in error.message), error


def test_regression_a_mapping_alias_bomb_was_expanded(tmp_path: Path) -> None:
    """Nine levels of anchored mappings, each repeating the one below ten times: 10^9 nodes from 2 kB. The
    converter walked every copy (118 s and 9.75 GB for five levels); the loader now refuses the first anchor."""
    levels = ["  - &l0 {label: x, status: reported}"]
    levels += [f"  - &l{n} {{sub_events: [{', '.join([f'*l{n - 1}'] * 10)}]}}" for n in range(1, 10)]
    error = refused(tmp_path, "sub_events:\n" + "\n".join(levels) + "\n")
    assert error.line == 2 and "'&l0'" in error.message


def test_a_merge_key_without_an_alias_is_still_read(tmp_path: Path) -> None:
    data = load(tmp_path, "a:\n  <<: {b: 1}\n  c: 2\n")
    assert data["a"] == {"b": 1, "c": 2} and data["a"].key_lines == {"b": 2, "c": 3}


def test_an_ampersand_or_asterisk_in_text_is_no_anchor(tmp_path: Path) -> None:
    assert load(tmp_path, 'a: Smith & Sons\nb: "&x *y"\nc: 5 * 3\n') == {
        "a": "Smith & Sons",
        "b": "&x *y",
        "c": "5 * 3",
    }


# --- item 10: control characters in text --------------------------------------------------------------------


ESCAPES = ["\\0", "\\a", "\\b", "\\v", "\\f", "\\e", "\\x01", "\\x1f", "\\x7f", "\\x80", "\\x9b", "\\x9f", "\\N"]


@pytest.mark.parametrize("escape", [*ESCAPES, "\\uFFFE", "\\uFFFF"])
def test_control_characters_are_refused_in_values_and_keys(tmp_path: Path, escape: str) -> None:
    """Written as escapes, which YAML allows in double quotes: C0 but tab and line breaks, DEL, C1 (NEL too)
    and the non-characters U+FFFE and U+FFFF, as a value, a key or a list item."""
    for text in (f'a: x\nb: "one{escape}two"\n', f'a: x\n"k{escape}": v\n', f'a: x\nb: [y, "{escape}"]\n'):
        error = refused(tmp_path, text)
        assert error.line == 2 and "character U+" in error.message, error


@pytest.mark.parametrize("raw", ["\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x9f", "\ufffe"])
def test_regression_a_raw_control_character_had_no_line(tmp_path: Path, raw: str) -> None:
    """PyYAML's reader refuses a raw control character without a line (and the error named none)."""
    error = refused(tmp_path, f"a: x\nb: |\n  one\n  two{raw}three\n")
    assert error.line == 4 and f"U+{ord(raw):04X}" in error.message, error


def test_tabs_and_line_breaks_in_text_are_kept(tmp_path: Path) -> None:
    data = load(tmp_path, 'a: "one\\ttwo\\r\\nthree"\nb: |\n  four\n  five\n')
    assert data == {"a": "one\ttwo\r\nthree", "b": "four\nfive\n"}


def test_regression_a_form_feed_in_an_actor_name_reached_the_writers(minimal: Project) -> None:
    register = minimal.data_dir / "actors.yaml"
    line = edit(register, "    name: Synthetic Ministry\n", '    name: "Synthetic\\fMinistry"\n')
    with pytest.raises(UserError) as caught:
        load_yaml(register)
    assert (caught.value.path, caught.value.line) == (register, line) and "U+000C" in caught.value.message


# --- item 3 and 12: which files of data/ are read ----------------------------------------------------------


def test_the_minimal_project_has_its_two_graphs(minimal: Project) -> None:
    assert list(inputs(minimal)) == [REGISTER_GRAPH, GRAPH_NS + MINIMAL_SLUG]


def add_article(project: Project, slug: str, folder: str = "annotations", suffix: str = ".yaml") -> Path:
    path = project.data_dir / folder / f"{slug}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = annotation(project).read_text(encoding="utf-8").replace(f"article/{MINIMAL_SLUG}", f"article/{slug}")
    path.write_text(text, encoding="utf-8")
    shutil.copy(source(project), project.data_dir / "sources" / f"{slug}.txt")
    return path


@pytest.mark.parametrize("graph", sorted(reserved_graphs()))
@pytest.mark.parametrize("case", [str, str.capitalize])
def test_regression_articles_named_like_reserved_graphs_were_dropped_or_merged(minimal: Project, graph, case) -> None:
    """data/annotations/actors.yaml was dropped (the register took its graph), ontology.yaml merged into the
    ontology graph, network.yaml into the derived network graph, all with exit 0: every graph name the
    build keeps is refused as a file name, in any case (dist/graphs/Actors.ttl is actors.ttl on macOS)."""
    path = add_article(minimal, case(graph.removeprefix(GRAPH_NS)))
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (path, 1) and "reserved" in error.message and "rename" in (error.fix or "")


def test_the_reserved_names_are_read_from_core_project() -> None:
    from rightsgraph.core import project as names

    assert {names.REGISTER_GRAPH, names.ONTOLOGY_GRAPH, names.TYPES_GRAPH} <= set(reserved_graphs())
    assert NETWORK_GRAPH in reserved_graphs()


def test_regression_article_slugs_differing_only_in_case_overwrote_each_others_dumps(minimal: Project) -> None:
    path = add_article(minimal, MINIMAL_SLUG.capitalize())
    error = inputs_refused(minimal)
    assert error.path in (path, annotation(minimal)) and "only in case" in error.message


@pytest.mark.parametrize("name", ["synthetic two", ".hidden", "café", "a(b)", "-dash"])
def test_regression_a_file_name_that_is_no_slug_was_an_internal_error(minimal: Project, name: str) -> None:
    """`synthetic two.yaml` made the graph IRI <graph/synthetic two>: 'Invalid IRI code point' (internal)."""
    path = add_article(minimal, name)
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (path, 1) and "not a slug" in error.message and ".yaml" in (error.fix or "")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("annotations/other.yml", "end in .yaml"),
        ("annotations/other.YAML", "end in .yaml"),
        ("annotations/2024/other.yaml", "not read"),
        ("annotations/a/b/other.yml", "not read"),
        ("places.yaml", "not read"),
        ("actors.yml", "not read"),
    ],
)
def test_regression_yaml_files_the_build_did_not_read_were_ignored_silently(minimal: Project, where, message) -> None:
    path = minimal.data_dir / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("article: {}\n", encoding="utf-8")
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (path, 1) and message in error.message and error.fix


def test_other_files_in_data_are_left_alone(minimal: Project) -> None:
    for name in ("README.md", "annotations/notes.txt", "annotations/.gitkeep", "sources/original.pdf"):
        (minimal.data_dir / name).write_text("notes\n", encoding="utf-8")
    (minimal.data_dir / "annotations" / "drafts").mkdir()
    (minimal.data_dir / "annotations" / "drafts" / "todo.md").write_text("later\n", encoding="utf-8")
    assert list(inputs(minimal)) == [REGISTER_GRAPH, GRAPH_NS + MINIMAL_SLUG]


def test_regression_an_orphan_source_text_was_ignored_silently(minimal: Project) -> None:
    orphan = minimal.data_dir / "sources" / "synthetic-two.txt"
    shutil.copy(source(minimal), orphan)
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (orphan, 1) and "data/annotations/synthetic-two.yaml" in (error.fix or "")


def fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("which", ["source", "annotation", "register"])
def test_regression_a_fifo_in_data_hung_the_build(minimal: Project, which: str) -> None:
    """The build hashed every input before reading it: a FIFO blocked it forever. Files are now checked
    with stat() before anything opens them."""
    path = {"source": source(minimal), "annotation": annotation(minimal)}.get(which, minimal.data_dir / "actors.yaml")
    fifo(path)
    error = inputs_refused(minimal)  # returns: nothing opened the FIFO
    assert (error.path, error.line) == (path, 1) and "FIFO" in error.message and error.fix


@pytest.mark.slow
def test_regression_a_fifo_source_text_hung_the_build_command(minimal: Project) -> None:
    fifo(source(minimal))
    result = run_cli("build", "--no-docs", root=minimal.root, timeout=120)  # the old build hung here
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{MINIMAL_SLUG}.txt:1: this source text is a named pipe (FIFO)" in result.stderr, result.stderr


@pytest.mark.parametrize("which", ["source", "annotation", "register"])
def test_regression_a_symlink_leading_outside_the_project_was_followed(
    minimal: Project, tmp_path_factory: pytest.TempPathFactory, which: str
) -> None:
    path = {"source": source(minimal), "annotation": annotation(minimal)}.get(which, minimal.data_dir / "actors.yaml")
    outside = tmp_path_factory.mktemp("outside") / path.name
    shutil.move(path, outside)
    path.symlink_to(outside)
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (path, 1) and "outside the project" in error.message, error


def test_regression_a_dangling_register_symlink_was_ignored_silently(minimal: Project) -> None:
    register = minimal.data_dir / "actors.yaml"
    register.unlink()
    register.symlink_to(minimal.root / "nowhere.yaml")
    error = inputs_refused(minimal)
    assert (error.path, error.line) == (register, 1) and "does not exist" in error.message


def test_a_symlink_inside_the_project_is_read(minimal: Project) -> None:
    kept = minimal.root / "texts" / "kept.txt"
    kept.parent.mkdir()
    shutil.move(source(minimal), kept)
    source(minimal).symlink_to(kept)
    assert list(inputs(minimal)) == [REGISTER_GRAPH, GRAPH_NS + MINIMAL_SLUG]
    assert article_quads(minimal)


def test_a_loop_of_symbolic_links_is_refused(minimal: Project) -> None:
    source(minimal).unlink()
    loop = minimal.data_dir / "sources" / "loop"
    loop.symlink_to(source(minimal))
    source(minimal).symlink_to(loop)
    error = inputs_refused(minimal)
    assert error.path == source(minimal) and "loop" in error.message


def test_a_folder_where_a_source_text_should_be_is_refused(minimal: Project) -> None:
    source(minimal).unlink()
    source(minimal).mkdir()
    error = inputs_refused(minimal)
    assert error.path == source(minimal) and "a folder" in error.message


def test_the_seed_data_reads_as_plain_yaml_reads_it() -> None:
    """The rules change no value of the seed: the register and every annotation read as PyYAML reads them, but for
    decimals (a confidence of 0.9), which the rules keep as their exact text for xsd:decimal."""

    def floats(value: object) -> object:
        if isinstance(value, dict):
            return {k: floats(v) for k, v in value.items()}
        if isinstance(value, list):
            return [floats(v) for v in value]
        return float(value) if isinstance(value, str) and re.fullmatch(r"-?[0-9]+\.[0-9]+", value) else value

    project = Project.locate(ROOT)
    for path in [project.data_dir / "actors.yaml", *sorted((project.data_dir / "annotations").glob("*.yaml"))]:
        assert floats(load_yaml(path)) == yaml.safe_load(path.read_text(encoding="utf-8")), path
    assert len(inputs(project)) == 1 + len(list((project.data_dir / "annotations").glob("*.yaml")))
