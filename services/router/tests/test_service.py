"""The router's facts and decisions as events, without a broker: what it publishes for a
call's needs and what the CRM learns, and that a replay of the log decides nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.message import Message

from callcenter.v1 import call_events_pb2 as calls
from callcenter.v1.agent_events_pb2 import AgentLoggedIn, AgentStateChanged
from callcenter.v1.common_pb2 import AGENT_STATE_AVAILABLE, Skill, SkillRequirement
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, AGGREGATE_TYPE_CALL, Event
from chassis.events import new_event
from chassis.tenants import parse_tenants
from router.service import Router

TENANTS = parse_tenants(
    {
        "tenants": {
            "acme": {
                "queues": {
                    "support": {
                        "required_skills": [{"name": "support", "min_level": 5}],
                        "max_wait_s": 300,
                        "overflow_queue_id": "general",
                        "vip_priorities": {"gold": 50},
                        "language_skills": {"fr": {"name": "french", "min_level": 3}},
                    },
                    "general": {},
                }
            }
        }
    }
)
OUTAGE = [SkillRequirement(name="support", min_level=7)]
GOLD = {"vip_tier": "Gold", "language": "en", "customer_id": "cust-1"}


class Log:
    """The calls and agents topics of one tenant, as the router reads and writes them."""

    def __init__(self) -> None:
        self.router = Router(TENANTS)
        self.events: list[Event] = []

    async def feed(self, payload: Message, at: float, subject: str = "c1") -> None:
        agent = type(payload).__name__.startswith("Agent")
        event = new_event(
            payload,
            tenant_id="acme",
            aggregate_type=AGGREGATE_TYPE_AGENT if agent else AGGREGATE_TYPE_CALL,
            aggregate_id=subject,
            sequence=len(self.events) + 1,
            producer="test",
            correlation_id=subject,
            occurred_at=datetime.fromtimestamp(at, UTC),
        )
        await self.read(event)

    async def read(self, event: Event) -> None:
        self.events.append(event)
        await self.router.apply(event)

    async def decide(self, now: float) -> list[Event]:
        """The router's decisions, published and read back like any event."""
        decided, _ = self.router.decide(now)
        for event in decided:
            await self.read(event)
        return decided

    async def replayed(self, now: float) -> list[Event]:
        """What a router rebuilding its state from this log decides once live."""
        fresh = Router(TENANTS)
        for event in self.events:
            await fresh.apply(event)
        return fresh.decide(now)[0]

    async def agent(self, agent_id: str, at: float, queues: list[str], **skills: int) -> None:
        levels = [Skill(name=name, level=level) for name, level in skills.items()]
        await self.feed(AgentLoggedIn(skills=levels, queue_ids=queues), at, agent_id)
        await self.feed(AgentStateChanged(to_state=AGENT_STATE_AVAILABLE), at, agent_id)

    async def identified(self, at: float, attributes: dict[str, str]) -> None:
        result = calls.IDENTIFICATION_RESULT_IDENTIFIED
        await self.feed(calls.CustomerIdentified(result=result, attributes=attributes), at)


def kinds(events: list[Event]) -> list[str]:
    return [event.event_type for event in events]


async def test_a_vip_identified_before_queueing_is_raised_once_even_after_a_replay() -> None:
    log = Log()
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    await log.identified(1, GOLD)
    await log.feed(calls.CallQueued(queue_id="support", priority=20), 2)

    [raised] = await log.decide(2)

    change = raised.call_priority_changed
    assert (change.priority, change.reason, change.changed_by) == (50, "vip_tier gold", "router")
    assert await log.decide(3) == []
    assert await log.replayed(3) == []


async def test_a_vip_identified_while_waiting_is_raised_and_a_supervisor_has_the_last_word() -> (
    None
):
    log = Log()
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    await log.feed(calls.CallQueued(queue_id="support"), 1)
    assert await log.decide(1) == []
    await log.identified(5, GOLD)
    assert kinds(await log.decide(5)) == ["CallPriorityChanged"]
    await log.feed(calls.CallPriorityChanged(priority=1, changed_by="supervisor-1"), 6)

    assert await log.decide(7) == []
    assert await log.replayed(7) == []
    assert log.router.states["acme"].domain.call_priority("c1") == 1


async def test_what_the_crm_could_not_pin_down_or_learned_too_late_is_not_kept() -> None:
    log = Log()
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    ambiguous = calls.IDENTIFICATION_RESULT_AMBIGUOUS
    await log.feed(calls.CustomerIdentified(result=ambiguous, attributes=GOLD), 1)
    await log.feed(calls.CallQueued(queue_id="support"), 2)
    assert await log.decide(2) == []
    await log.feed(calls.CallEnded(), 3)
    await log.identified(4, GOLD)

    assert log.router.states["acme"].customers == {}


async def test_a_french_speaker_waits_for_an_agent_speaking_french() -> None:
    log = Log()
    await log.agent("english", 0, ["support"], support=9)
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    await log.identified(1, {"language": "FR"})
    await log.feed(calls.CallQueued(queue_id="support"), 2)
    assert await log.decide(2) == []
    await log.agent("french", 3, ["support"], support=5, french=3)

    [offer] = await log.decide(3)

    assert offer.call_offered.agent_id == "french"


async def test_a_transfer_requeues_the_call_with_its_needs() -> None:
    log = Log()
    await log.agent("expert", 0, ["support"], support=8)
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    await log.feed(calls.CallQueued(queue_id="support", required_skills=OUTAGE), 1)
    [offered] = await log.decide(1)
    offer_id = offered.call_offered.offer_id
    await log.feed(calls.OfferAccepted(offer_id=offer_id, agent_id="expert"), 2)
    await log.feed(calls.CallTransferred(from_agent_id="expert", queue_id="general"), 3)
    await log.agent("generalist", 4, ["general"])

    [requeued] = await log.decide(4)

    assert requeued.call_queued.queue_id == "general"
    assert [(s.name, s.min_level) for s in requeued.call_queued.required_skills] == [("support", 7)]
    assert await log.decide(5) == []  # the generalist lacks support 7
    assert await log.replayed(5) == []


async def test_an_overflow_requeues_the_call_with_its_own_needs_not_its_languages() -> None:
    log = Log()
    await log.feed(calls.CallReceived(caller_number="+33612345678"), 0)
    await log.identified(0.5, {"language": "fr"})
    await log.feed(calls.CallQueued(queue_id="support", required_skills=OUTAGE), 1)
    assert await log.decide(1) == []

    overflowed, queued = await log.decide(301)

    assert overflowed.call_overflowed.to_queue_id == "general"
    assert queued.call_queued.queue_id == "general"
    assert [(s.name, s.min_level) for s in queued.call_queued.required_skills] == [("support", 7)]
    assert await log.replayed(302) == []
