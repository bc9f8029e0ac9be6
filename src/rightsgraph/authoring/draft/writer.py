"""The draft as YAML in the authoring format, read back exactly by rightsgraph.authoring.yaml_lines: plain
slugs unquoted, every other text double-quoted (so that no text reads as a number, a date or a yes/no)."""

from __future__ import annotations

import re
from typing import Any

import yaml

_PLAIN = re.compile(r"[a-z][a-z0-9_]*(?:[/-][a-z0-9_.-]+)*")
HEADER = """\
# DRAFT written by `rightsgraph draft {slug}`: every node marked `draft: true` is a proposal, grounded to a
# quote of data/sources/{slug}.txt, that a researcher has not confirmed. Confirm a node by checking it against
# the text (speaker, stance, certainty, counts, dates) and deleting its `draft: true` line; delete what is wrong.
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # anchors and aliases are refused by the reader
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = (
        None if _PLAIN.fullmatch(value) and value not in ("true", "false", "null", "yes", "no", "on", "off") else '"'
    )
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(document: dict[str, Any], slug: str) -> str:
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    return HEADER.format(slug=slug) + body
