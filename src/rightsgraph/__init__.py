"""rightsgraph: human-rights news as a grounded, validated, queryable knowledge graph.

`rightsgraph.open()` gives the Python API (see rightsgraph.api)."""

from __future__ import annotations

from importlib.metadata import version

__version__ = version("rightsgraph")  # one version source: pyproject.toml


def open(root=None, endpoint=None, limits=None):
    """Open a rightsgraph dataset; see rightsgraph.api.open."""
    from rightsgraph.api import open as _open

    return _open(root, endpoint, limits)
