"""The processes of a command collect garbage less often (core.processes): the program's own, through cli.run, and
each worker of a pool; a test or a library user importing rightsgraph keeps Python's thresholds."""

from __future__ import annotations

import gc
import subprocess
import sys

from rightsgraph.build.workers import pool_map
from rightsgraph.core.processes import THRESHOLDS, pool


def _thresholds(_: object = None) -> tuple[int, int, int]:
    return gc.get_threshold()


def test_the_program_collects_less_and_importing_it_does_not() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import atexit, gc, sys\n"
            "print(gc.get_threshold())\n"
            "from rightsgraph.cli import run\n"
            "print(gc.get_threshold())\n"
            "atexit.register(lambda: print(gc.get_threshold()))\n"
            "sys.argv = ['rightsgraph', '--version']\n"
            "run()\n",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    pythons, imported, *_, ran = done.stdout.splitlines()
    assert imported == pythons != str(THRESHOLDS) and ran == str(THRESHOLDS)


def test_each_worker_collects_less() -> None:
    with pool(2) as workers:
        assert {workers.submit(_thresholds).result() for _ in range(4)} == {THRESHOLDS}
    # the build's pool (build.workers.pool_map) is one of them; with one job it runs here, as Python set it
    assert set(pool_map(_thresholds, list(range(6)), jobs=2)) == {THRESHOLDS}
    assert set(pool_map(_thresholds, list(range(2)), jobs=1)) == {gc.get_threshold()}


def test_a_server_goes_back_to_pythons_thresholds() -> None:
    """`serve` runs for hours (cli.server_cmd): garbage in cycles is not left for the old generation's rare walks."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc\n"
            "before = gc.get_threshold()\n"
            "from rightsgraph.core.processes import collect_as_python, collect_less\n"
            "collect_less(); collect_as_python()\n"
            "print(before == gc.get_threshold())\n",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout == "True\n", done.stderr
