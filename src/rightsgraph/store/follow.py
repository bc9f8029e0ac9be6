"""`serve` follows the builds: when a build brings the dataset store (store.dataset) level with a new dist/, the
server answers from the new dataset within a second, without a restart.

`serve` runs `oxigraph serve-read-only` on the dataset store itself (no copy to load). A read-only opening is a
snapshot, and a sync writes a new generation of the store beside the one served (store.dataset), so a new build is
not seen by the running Oxigraph: every half second the front checks which dump the dataset store holds, and when
it is a new one, starts a second Oxigraph on the generation the record names, sends the next requests to it, and
stops the previous one once the requests it was answering have had their time (the query timeout and a minute).
A build in progress withdraws the store's record (store.dataset), so a server is never started on a store half-way
through a sync; if the new server cannot start, the previous one goes on answering.
"""

from __future__ import annotations

import threading

from rightsgraph.core.errors import UserError
from rightsgraph.core.project import Project
from rightsgraph.store.dataset import dataset_location, dataset_stamp, read_state
from rightsgraph.store.server import Oxigraph, start_server, stop_server

EVERY_S = 0.5  # how often the front looks for a new build


class Follower:
    """Called every EVERY_S by the front (run_front): the server to send requests to from now on, when a build
    made a new one necessary; None to keep the current one."""

    def __init__(self, project: Project, stamp: str, timeout: int, cors: bool, grace_s: float) -> None:
        """`stamp`: the record's stamp when the first server started, read with the generation it serves."""
        self.project, self.stamp, self.timeout, self.cors, self.grace_s = project, stamp, timeout, cors, grace_s
        self.started: list[Oxigraph] = []  # the servers this follower started (serve stops the first one)
        self.timers: list[threading.Timer] = []

    def __call__(self, current: Oxigraph) -> Oxigraph | None:
        state = read_state(self.project)  # once: the stamp and the generation it names
        stamp = dataset_stamp(self.project, state)
        if stamp is None or stamp == self.stamp:
            return None
        try:
            newer = start_server(dataset_location(self.project, state), self.timeout, self.cors)
        except UserError:
            return None  # the store may be mid-way through the next build: try again at the next look
        self.stamp = stamp
        self.started.append(newer)
        timer = threading.Timer(self.grace_s, stop_server, (current,))
        timer.daemon = True
        timer.start()
        self.timers.append(timer)
        return newer

    def close(self) -> None:
        """Stop every server this follower started, and those it was to stop later."""
        for timer in self.timers:
            timer.cancel()
        for server in self.started:
            stop_server(server)
