"""What the reference keeps while it reads one call: its observations so far (what is
counted, for which scope, when) and what the events read so far say of the call."""

from __future__ import annotations

from dataclasses import dataclass, field

from callcenter.v1.common_pb2 import CALL_STAGE_IVR, CALL_STAGE_OFFER, CALL_STAGE_QUEUE
from callcenter.v1.envelope_pb2 import Event
from metrics.domain.config import MetricsConfig
from metrics.domain.contributions import AbandonEntry
from metrics.domain.times import SECOND_MS, ms_of

# Same-millisecond events in the order one causes the next.
CAUSAL = [
    *("call_received", "ivr_started", "ivr_completed", "call_overflowed", "call_queued"),
    *("call_offered", "offer_rejected", "offer_timed_out", "call_connected", "call_held"),
    *("call_resumed", "call_transferred", "call_abandoned", "callback_scheduled", "call_ended"),
    "wrap_up_completed",
]
COUNTED_STAGES = {CALL_STAGE_IVR: "ivr", CALL_STAGE_QUEUE: "queue", CALL_STAGE_OFFER: "offer"}


def in_causal_order(events: list[Event]) -> list[Event]:
    """The events metrics reads, by event time, then cause before effect, then id."""

    def order(event: Event) -> tuple[int, int, str]:
        kind = event.WhichOneof("payload") or ""
        return ms_of(event.occurred_at), CAUSAL.index(kind), event.event_id

    def read(event: Event) -> bool:
        kind = event.WhichOneof("payload")
        if kind == "call_abandoned":
            return event.call_abandoned.stage in COUNTED_STAGES
        if kind == "offer_rejected":
            return not event.offer_rejected.agent_was_unavailable
        return kind in CAUSAL

    return sorted(filter(read, events), key=order)


@dataclass
class Observation:
    """Something counted for a scope at a time."""

    scope: str
    at: int
    counts: dict[str, int]
    wait: int | None = None
    abandon: AbandonEntry | None = None


@dataclass
class Talk:
    """An agent on the call."""

    queue_id: str
    since: int
    on_hold_since: int | None = None
    hold: int = 0
    until: int | None = None
    wrapped: bool = False

    def stop(self, at: int) -> None:
        if self.until is None:
            self.hold += at - self.on_hold_since if self.on_hold_since is not None else 0
            self.on_hold_since, self.until = None, at


@dataclass
class Reading:
    tenant_id: str
    call_id: str
    config: MetricsConfig
    observations: list[Observation] = field(default_factory=list)
    where: str = ""  # now: "", "ivr" or "queue" (waiting in `queue`)
    since: int = 0
    caller: str = ""
    queue: str = ""
    first_queued: int | None = None
    restarted: int | None = None  # the wait starts again when an agent transfers
    ever_queued: bool = False
    offer_queues: dict[str, str] = field(default_factory=dict)
    talks: dict[str, Talk] = field(default_factory=dict)

    def count(
        self,
        scopes: list[str],
        at: int,
        counts: dict[str, int],
        wait: int | None = None,
        abandon: AbandonEntry | None = None,
    ) -> None:
        for scope in scopes:
            self.observations.append(Observation(scope, at, counts, wait, abandon))

    def scopes(self, queue_id: str) -> list[str]:
        return [f"queue:{queue_id}", "tenant"] if queue_id else ["tenant"]

    def wait_began(self) -> int | None:
        starts = [s for s in (self.first_queued, self.restarted) if s is not None]
        return max(starts) if starts else None

    def waited(self, at: int) -> int | None:
        began = self.wait_began()
        return None if began is None else max(0, at - began)

    def first_entry(self, first: int) -> None:
        self.first_queued = first if self.first_queued is None else min(first, self.first_queued)

    def threshold(self, queue_id: str) -> int:
        return self.config.targets(self.tenant_id, queue_id).threshold_ms

    def short(self) -> int:
        return round(self.config.short_abandon_s * SECOND_MS)

    def ivr_limit(self) -> int:
        return round(self.config.ivr_guideline_s * SECOND_MS)
