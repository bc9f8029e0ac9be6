"""YAML loading that remembers where every key and item stood, reads every value as written, and refuses
duplicate keys, anchors and aliases, and control characters.

Mappings load as `LDict` (with `.line` and `.key_lines`), sequences as `LList` (with `.line` and
`.item_lines`), so that every error can name the file and the line.

Values are read as written. YAML 1.1 (PyYAML's schema) and YAML 1.2 read many unquoted words differently
(`012` is 10 in one and 12 in the other, `1:30` is 90 in YAML 1.1, `yes` is true in YAML 1.1 and text in
YAML 1.2), so an unquoted (plain) value is read by these rules, the same under both versions, and what is
published is its text:

- nothing, `~` or `null` (`Null`, `NULL`): no value (a key left empty is an error in the converter);
- `true`, `false` (and their `Capitalised` and `UPPER` forms): a yes/no, which only a key typed xsd:boolean
  takes (`draft: true`); `yes`, `no`, `on`, `off`, a yes/no in YAML 1.1 only, are refused (write true or
  false, or quote the text);
- `0` or digits that do not start with 0, after an optional `-` (`12`, `-3`): a whole number;
- `YYYY-MM-DD`, a real calendar date: a date;
- a decimal `12.5`: its text, exact (a confidence is an xsd:decimal; a key that takes a whole number refuses it);
- refused, with the line: any other word that YAML 1.1 or 1.2 reads as a number (`012`, `0o14`, `0x0C`,
  `0b1100`, `1_2`, `+12`, `1:30`, `1e3`, `.5`, `.inf`, `.nan`) or as a date and time (`2024-04-01 10:00:00`):
  its text is not what YAML makes of it. A number is written as plain digits, a date as YYYY-MM-DD, and
  text that looks like either is quoted;
- anything else: text, as written. Quoted values are always text.

Explicit tags: `!!str` is text and `!!int` a whole number written as above; `!!null` is no value; every
other YAML tag (`!!bool`, `!!float`, `!!timestamp`, `!!binary`, `!!set`, `!!omap`, `!!pairs`, `!!python/...`,
`!custom`) is refused. Anchors (`&name`) and aliases (`*name`) are refused on every node kind (a few
bytes of aliases can stand for gigabytes of nodes); a merge key (`<<: {...}`) without an alias is read
as its keys. Text may hold tabs and line breaks; other control characters (C0, DEL, C1, NEL) and the
non-characters U+FFFE, U+FFFF and lone surrogates are refused, written raw or as escapes (`"\\f"`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from rightsgraph.core.errors import UserError, read_text
from rightsgraph.core.text import NOT_TEXT


class LDict(dict):
    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0
    item_lines: list[int]


# libyaml's parser (C) when PyYAML was built with it: several times faster on large corpora, and it
# keeps the marks that give line numbers. The resolver and the constructors below stay in Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_VALUE = 1 << 20  # 1 MiB: an annotation value is a short text; the article itself is in data/sources/

# What a plain scalar is read as (the module docstring); private tags, so that an explicit standard tag
# (`!!int 012`) never meets the constructor of a plain value.
_TAG = "tag:w3id.org/rightsgraph,2024:"
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
BOOL_WORDS = {f(w) for w in ("true", "false", "yes", "no", "on", "off") for f in (str.lower, str.capitalize, str.upper)}
WHOLE_NUMBER = re.compile(r"0|-?[1-9][0-9]*")  # the canonical form of an integer: its text is the number
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # a date without a time zone
DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def _yaml_1_1(*tags: str) -> list[re.Pattern[str]]:
    """The regular expressions by which PyYAML (YAML 1.1) reads a plain scalar as one of `tags`."""
    resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers.values()
    return list({regexp for found in resolvers for tag, regexp in found if tag in tags})


YAML_1_1_NUMBER = _yaml_1_1("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
YAML_1_1_TIMESTAMP = _yaml_1_1("tag:yaml.org,2002:timestamp")
YAML_1_2_NUMBER = re.compile(  # the core schema's int and float (YAML 1.2.2, 10.3.2)
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN"
)


def plain_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar, by the rules of the module docstring."""
    if value in NULL_WORDS:
        return "tag:yaml.org,2002:null"
    if value in BOOL_WORDS:
        return _TAG + "bool"
    if value == "<<":
        return "tag:yaml.org,2002:merge"
    if value[0] not in "0123456789+-.":
        return "tag:yaml.org,2002:str"
    if WHOLE_NUMBER.fullmatch(value):
        return _TAG + "int"
    if ISO_DATE.fullmatch(value):
        return _TAG + "date"
    if DECIMAL.fullmatch(value):
        return "tag:yaml.org,2002:str"
    if YAML_1_2_NUMBER.fullmatch(value) or any(regexp.match(value) for regexp in YAML_1_1_NUMBER):
        return _TAG + "number-like"
    if any(regexp.match(value) for regexp in YAML_1_1_TIMESTAMP):
        return _TAG + "timestamp-like"
    return "tag:yaml.org,2002:str"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    path: Path

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and value is not None:
            return plain_tag(value)
        return super().resolve(kind, value, implicit)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = _line(node)
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = _line(key_node)
        if not isinstance(key, str):
            written = key_node.value if isinstance(key_node, yaml.ScalarNode) else key
            raise UserError(f"key {written!r} is not text", loader.path, line, "write keys as plain words")
        if key in result:
            raise UserError(
                f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                loader.path,
                line,
                "keep one of the two",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = _line(node)
    result.item_lines = [_line(child) for child in node.value]
    return result


def not_text_error(text: str, path: Path, line: int | None, where: str) -> UserError | None:
    """The error for the first control or non-text character of `text`, or None."""
    found = NOT_TEXT.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "non-text character" if code >= 0xD800 else "control character"
    around = text[max(0, found.start() - 20) : found.end() + 20]
    return UserError(
        f"{kind} U+{code:04X} {where} ({around!r})",
        path,
        line,
        "remove it: text may hold letters, spaces, tabs and line breaks, not control characters",
    )


def _string(loader: _Loader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)  # a marked error for a list or mapping tagged !!str
    if len(text) > MAX_VALUE:
        raise UserError(
            f"a value of {len(text):,} characters",
            loader.path,
            _line(node),
            "an annotation value is a short text: quote the source in data/sources/ and refer to it",
        )
    error = not_text_error(text, loader.path, _line(node), "in a text value")
    if error:
        raise error
    return text


def _whole(loader: _Loader, node: yaml.ScalarNode) -> int:
    if not WHOLE_NUMBER.fullmatch(loader.construct_scalar(node)):
        raise _number_like(loader, node)
    return int(node.value)


def _date(loader: _Loader, node: yaml.ScalarNode) -> dt.date:
    try:
        return dt.date.fromisoformat(node.value)
    except ValueError as exc:
        raise UserError(
            f"{node.value!r} is not a date ({exc})", loader.path, _line(node), "write the date as YYYY-MM-DD"
        ) from None


def _yes_no(loader: _Loader, node: yaml.ScalarNode) -> bool:
    """`true` and `false` are a yes/no in YAML 1.1 and 1.2 alike; `yes`, `no`, `on`, `off` only in 1.1."""
    if node.value.lower() in ("true", "false"):
        return node.value.lower() == "true"
    raise UserError(
        f"{node.value!r} is a yes/no in YAML 1.1 and text in YAML 1.2",
        loader.path,
        _line(node),
        "write true or false for a yes/no, or quote the text",
    )


def _number_like(loader: _Loader, node: yaml.ScalarNode) -> UserError:
    return UserError(
        f"{node.value!r} is not a plain number: YAML would read it as another number, or as text",
        loader.path,
        _line(node),
        "write a number as plain digits (e.g. 12, no leading 0, '+' or '_'); quote it if it is text",
    )


def _refuse_number_like(loader: _Loader, node: yaml.ScalarNode) -> None:
    raise _number_like(loader, node)


def _refuse_timestamp_like(loader: _Loader, node: yaml.ScalarNode) -> None:
    raise UserError(
        f"{node.value!r} is read by YAML as a date and time, not written YYYY-MM-DD",
        loader.path,
        _line(node),
        "write a date as YYYY-MM-DD; quote it if it is text",
    )


def _refuse_tag(loader: _Loader, node: yaml.Node) -> None:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise UserError(
        f"the YAML tag {tag} is not used in these files",
        loader.path,
        _line(node),
        "remove the tag: write numbers as plain digits, dates as YYYY-MM-DD, and quote text",
    )


for _tag, _constructor in {
    "tag:yaml.org,2002:str": _string,
    "tag:yaml.org,2002:int": _whole,
    _TAG + "int": _whole,
    _TAG + "date": _date,
    _TAG + "bool": _yes_no,
    _TAG + "number-like": _refuse_number_like,
    _TAG + "timestamp-like": _refuse_timestamp_like,
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG: _mapping,
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG: _sequence,
    **{f"tag:yaml.org,2002:{name}": _refuse_tag for name in ("bool", "float", "timestamp", "binary")},
    **{f"tag:yaml.org,2002:{name}": _refuse_tag for name in ("set", "omap", "pairs")},
}.items():
    _Loader.add_constructor(_tag, _constructor)


def _refuse_anchors(text: str, path: Path) -> None:
    """Anchors and aliases, on every node kind, before anything is built from them. libyaml composes the
    document in C, where an alias is the anchored node again: the events still say where each stood."""
    if "&" not in text:  # no anchor, so no alias that could resolve
        return
    for event in yaml.parse(text, Loader=_Base):
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            sign, what = ("*", "alias") if isinstance(event, yaml.AliasEvent) else ("&", "anchor")
            raise UserError(
                f"YAML {what} '{sign}{anchor}': anchors and aliases are not allowed in these files",
                path,
                event.start_mark.line + 1,
                "write each value out where it is used; refer to a node elsewhere by its id",
            )


def _reader_error(text: str, path: Path) -> UserError:
    """A character YAML cannot hold, written raw: the reader names no line, so find it."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:
        return UserError("YAML error: a character YAML cannot read", path, None, "save the file as UTF-8 text")
    line = text.count("\n", 0, found.start()) + 1
    return not_text_error(found.group(), path, line, "in the file") or UserError(
        f"character U+{ord(found.group()):04X} in the file", path, line, "remove it"
    )


def _escaped_apostrophe(text: str, *at: int | None) -> int | None:
    """The first of these lines that escapes an apostrophe with a backslash (\\' inside single quotes, which YAML
    has no escape for: the usual cause of a syntax error there)."""
    lines = text.splitlines()
    return next((n for n in at if n and n <= len(lines) and "\\'" in lines[n - 1]), None)


def load_yaml(path: Path, text: str | None = None) -> Any:
    if text is None:
        text = read_text(path)
    loader = _Loader(text)
    loader.path = path
    try:
        _refuse_anchors(text, path)
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
        context_line = exc.context_mark.line + 1 if exc.context_mark else None
        problem = exc.problem or "invalid YAML"
        if context_line and problem_line and context_line != problem_line:
            problem += f" (found on line {problem_line}, {exc.context} that starts here)"
        fix = "correct the YAML at that line"
        line = context_line or problem_line
        if (escaped := _escaped_apostrophe(text, problem_line, context_line)) is not None:
            line = escaped
            fix = "inside 'single quotes' write an apostrophe as two ('') or use \"double quotes\"; \\' is no escape"
        raise UserError(f"YAML syntax error: {problem}", path, line, fix) from None
    except yaml.reader.ReaderError:
        raise _reader_error(text, path) from None
    except yaml.YAMLError as exc:
        raise UserError(f"YAML error: {exc}", path, None, "correct the YAML") from None
    finally:
        loader.dispose()
