"""YAML loading that remembers where every key and item stood, and refuses duplicate keys.

Mappings load as `LDict` (with `.line` and `.key_lines`), sequences as `LList` (with `.line` and
`.item_lines`), so that every error can name the file and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from rightsgraph.core.errors import UserError, read_text


class LDict(dict):
    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0
    item_lines: list[int]


# libyaml's parser (C) when PyYAML was built with it: several times faster on large corpora, and it
# keeps the marks that give line numbers. The constructors below stay in Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    path: Path


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise UserError(f"key {key!r} is not text", loader.path, line, "write keys as plain words")
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
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


MAX_VALUE = 1 << 20  # 1 MiB: an annotation value is a short text; the article itself is in data/sources/


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise UserError(
            f"{node.value!r} is not a date ({exc})",
            loader.path,
            node.start_mark.line + 1,
            "write the date as YYYY-MM-DD",
        ) from None


def _string(loader: _Loader, node: yaml.ScalarNode) -> str:
    if len(node.value) > MAX_VALUE:
        raise UserError(
            f"a value of {len(node.value):,} characters",
            loader.path,
            node.start_mark.line + 1,
            "an annotation value is a short text: quote the source in data/sources/ and refer to it",
        )
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:str", _string)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(path: Path, text: str | None = None) -> Any:
    if text is None:
        text = read_text(path)
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
        context_line = exc.context_mark.line + 1 if exc.context_mark else None
        problem = exc.problem or "invalid YAML"
        if context_line and problem_line and context_line != problem_line:
            problem += f" (found on line {problem_line}, {exc.context} that starts here)"
        raise UserError(
            f"YAML syntax error: {problem}", path, context_line or problem_line, "correct the YAML at that line"
        ) from None
    except yaml.YAMLError as exc:
        raise UserError(f"YAML error: {exc}", path, None, "correct the YAML") from None
    finally:
        loader.dispose()
