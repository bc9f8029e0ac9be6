"""Run the rightsgraph command and kill it with SIGKILL at one commit point of a build, as a crash would.

    python tests/kill_at.py POINT N WHEN -- build --no-docs -q --root DIR

POINT is where (see POINTS), N which call of it (1 for the first), WHEN "before" or "after" the call. The
process dies by SIGKILL: no exception handler, finally clause or atexit hook runs. Used by test_crash.py.
"""

from __future__ import annotations

import os
import pathlib
import signal
import sys
from collections.abc import Callable
from typing import Any


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def counting(original: Callable, n: int, when: str) -> Callable:
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == n and when == "before":
            die()
        result = original(*args, **kwargs)
        if calls == n and when == "after":
            die()
        return result

    return wrapper


class Store:
    """The persistent store, with one of its writing methods counted (pyoxigraph's Store, a Rust class,
    cannot be patched itself)."""

    def __init__(self, store: Any, method: str, n: int, when: str) -> None:
        self._store = store
        setattr(self, method, counting(getattr(store, method), n, when))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __iter__(self):
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)


def arm(point: str, n: int, when: str) -> None:
    from rightsgraph.build import incremental, manifest
    from rightsgraph.core import distdir

    if point == "manifest-save":
        manifest.Manifest.save = counting(manifest.Manifest.save, n, when)  # type: ignore[method-assign]
    elif point.startswith("store-"):
        method, open_store = point.removeprefix("store-"), incremental.open_store
        incremental.open_store = lambda project: Store(open_store(project), method, n, when)  # type: ignore[assignment]
    elif point == "dist-exchange":
        distdir.exchange = counting(distdir.exchange, n, when)
    elif point == "dist-rename":  # the swap by two renames, where the system has no atomic exchange
        distdir.exchange = lambda a, b: False
        pathlib.Path.rename = counting(pathlib.Path.rename, n, when)  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown point {point}")


if __name__ == "__main__":
    point, n, when, dashes, *command = sys.argv[1:]
    assert dashes == "--" and when in ("before", "after")
    arm(point, int(n), when)
    from rightsgraph.cli import main

    sys.argv = ["rightsgraph", *command]
    main()
