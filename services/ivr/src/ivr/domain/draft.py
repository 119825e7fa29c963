"""The events one command decides, and the state they lead to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ivr.domain.events import Event
from ivr.domain.state import SessionState
from ivr.flows import Flow, Node, QueueStatus, QueueStatusLookup


class Draft:
    """decide() works on a draft so that the session itself changes only through apply(): each
    event is evolved into the draft state as it is emitted, so later steps see earlier ones."""

    def __init__(
        self,
        state: SessionState,
        flow: Flow,
        queue_status: QueueStatusLookup,
        now: datetime,
        decided: Iterable[Event] = (),
    ) -> None:
        self.state = state
        self.flow = flow
        self.now = now
        self.events: list[Event] = list(decided)
        self._queue_status = queue_status
        self._consulted: dict[str, QueueStatus] = {}

    @property
    def node(self) -> Node:
        return self.flow.nodes[self.state.node_id]

    def emit(self, event: Event) -> None:
        self.state = self.state.evolve(event)
        self.events.append(event)

    def queue_status(self, queue_id: str) -> QueueStatus:
        # One question per queue and command: every step of a decision sees the same figures.
        if queue_id not in self._consulted:
            self._consulted[queue_id] = self._queue_status(queue_id)
        return self._consulted[queue_id]
