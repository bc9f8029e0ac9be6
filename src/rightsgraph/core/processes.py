"""The processes of a command: Python's cyclic garbage collector run less often in each, and the pools of worker
processes (`pool`), started by forkserver.

Forkserver, not fork: the command's process holds RocksDB and rudof threads, and a forked child can inherit one of
their locks held (a hang seen in the tests).

A build makes and keeps millions of small objects (the rows of the queries that make dist/, the references of every
article, the network's nodes and edges). With Python's thresholds (700, 10, 10) the collector starts after every 700
new containers and walks the young generations, and the whole heap each time the older ones have grown by a quarter:
at 1,000,000 triples it walked a heap of several hundred thousand live objects again and again while the rows of
a single query were made. Almost none of these objects is garbage held in a cycle, so the walks found little.

`collect_less` raises the thresholds (mypy's build raises them too, to (200,000, 30, 30), for the same reason). A
build from empty at 1,000,000 triples on two cores (CLI, alternating, four pairs): 89 to 103 s of wall time and 146 to
170 s of CPU with Python's thresholds, 76 to 82 s and 129 to 139 s with these. Garbage in cycles is still collected,
later; what is not in a cycle is freed by reference counting as before. Called by the program's entry (`cli.run`) and
in each worker process (`pool`), not on import: tests and library users keep Python's own thresholds. `serve`, which
runs for hours, goes back to them (`collect_as_python`).
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

# A young collection after 100,000 new containers instead of 700; the middle one after 50 of those; the old one after
# 100 middle ones (and then only when the old generation has grown by a quarter, as Python does anyway).
THRESHOLDS = (100_000, 50, 100)
PYTHONS = gc.get_threshold()  # as the interpreter started (nothing here sets them on import)


def collect_less() -> None:
    gc.set_threshold(*THRESHOLDS)


def collect_as_python() -> None:
    """Python's own thresholds again: for a process that runs for hours (`serve`), garbage in cycles is not left for
    the rare collections of the old generation."""
    gc.set_threshold(*PYTHONS)


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes started by forkserver, each collecting garbage as `collect_less` sets."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("forkserver"), initializer=collect_less
    )
