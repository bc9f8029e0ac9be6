"""rightsgraph: human-rights news as a grounded, validated, queryable knowledge graph.

`rightsgraph.open()` gives the Python API (see rightsgraph.api)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`__version__`, read from the installed metadata when asked (one version source: pyproject.toml); reading it
    costs an import of importlib.metadata (50 ms) that `rightsgraph query` does not need."""
    if name == "__version__":
        from importlib.metadata import version

        return version("rightsgraph")
    raise AttributeError(f"module 'rightsgraph' has no attribute {name!r}")


def open(root=None, endpoint=None, limits=None):
    """Open a rightsgraph dataset; see rightsgraph.api.open."""
    from rightsgraph.api import open as _open

    return _open(root, endpoint, limits)
