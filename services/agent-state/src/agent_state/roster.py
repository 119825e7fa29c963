"""Every agent of this instance's routing domains, rebuilt from the log; commands and
timers decide on an agent, publish what it decided, then apply it.

One lock per agent: an agent's decisions, and the log's events about it, take turns, while
different agents' decisions are published concurrently (the producer batches them), so the
throughput is not one broker round trip per decision."""

from __future__ import annotations

import asyncio
import heapq
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiokafka.errors import KafkaError
from aiokafka.structs import TopicPartition

from agent_state.calls import CallDirectory
from agent_state.domain import Agent, Fact, FailedPrecondition
from agent_state.envelopes import envelopes
from agent_state.offer_streams import OfferStreams
from agent_state.offers import offer_notice
from agent_state.screen_pop import pop_update
from callcenter.v1.common_pb2 import AGENT_STATE_RESERVED, PARTY_AGENT
from callcenter.v1.envelope_pb2 import AGGREGATE_TYPE_AGENT, Event
from chassis.kafka import RejectEvent
from chassis.sequences import SequenceTracker
from chassis.tenants import Tenants
from chassis.times import from_timestamp

Key = tuple[str, str]  # tenant id, agent id
Publish = Callable[[list[Event], list[Event]], Awaitable[None]]  # agent events, call events
Command = Callable[[Agent], list[Fact]]


class Roster:
    def __init__(self, tenants: Tenants, publish: Publish) -> None:
        self._tenants = tenants
        self._publish = publish
        self._locks: defaultdict[Key, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.agents: dict[Key, Agent] = {}
        self.calls = CallDirectory()
        self.streams = OfferStreams()
        self._call_sequences = SequenceTracker()
        self._offer_holders: dict[tuple[str, str], str] = {}  # (tenant, call) -> agent
        self._to_react: set[Key] = set()  # agents with an offer to take in
        self._hangups: set[tuple[str, str]] = set()  # (tenant, call) the caller left
        self._timers: list[tuple[float, str, str]] = []  # heap of (deadline, tenant, agent)
        self.nudge: Callable[[], None] = lambda: None  # a deadline moved: re-plan timers

    def reset(self, _partitions: frozenset[TopicPartition]) -> None:
        for collection in (self.agents, self._offer_holders, self._to_react, self._hangups):
            collection.clear()
        self._timers.clear()
        self.calls.clear()
        self._call_sequences.clear()

    def agent(self, tenant_id: str, agent_id: str) -> Agent:
        key = (tenant_id, agent_id)
        agent = self.agents.get(key)
        if agent is None:
            tenant = self._tenants.tenant(tenant_id)
            if tenant is None:
                raise FailedPrecondition(f"tenant_id: unknown tenant {tenant_id!r}")
            agent = self.agents[key] = Agent(agent_id, tenant)
        return agent

    # -- the log ---------------------------------------------------------------------------

    async def apply(self, event: Event) -> None:
        tenant_id = event.tenant_id
        if self._tenants.tenant(tenant_id) is None:
            raise RejectEvent(f"tenant_id: unknown tenant {tenant_id!r}")
        at = from_timestamp(event.occurred_at)
        if event.aggregate_type == AGGREGATE_TYPE_AGENT:
            async with self._locks[tenant_id, event.aggregate_id]:  # not while it decides
                agent = self.agent(tenant_id, event.aggregate_id)
                if event.sequence > agent.version:  # our own events come back: applied already
                    payload = getattr(event, event.WhichOneof("payload") or "")
                    agent.apply(Fact("agent", agent.agent_id, payload, event.correlation_id, at))
                    self._watch(tenant_id, agent)
            return
        pop_changed = self.calls.observe(event)
        self._call_sequences.observe(event)
        kind, call_id = event.WhichOneof("payload"), event.aggregate_id
        if pop_changed:
            self._send_pop(tenant_id, call_id)
        if kind in ("call_offered", "offer_rejected"):
            message = getattr(event, kind)
            async with self._locks[tenant_id, message.agent_id]:
                agent = self.agent(tenant_id, message.agent_id)
                agent.apply(Fact("call", call_id, message, call_id, at))
            if kind == "call_offered":
                self._offer_holders[tenant_id, call_id] = message.agent_id
                self._to_react.add((tenant_id, message.agent_id))
        elif kind == "call_ended" and event.call_ended.ended_by == PARTY_AGENT:
            self._offer_holders.pop((tenant_id, call_id), None)  # the agent hung up itself
        elif kind in ("call_abandoned", "call_ended"):
            self._hangups.add((tenant_id, call_id))

    def _send_pop(self, tenant_id: str, call_id: str) -> None:
        """The customer became known after the offer went out: the desktop that has the
        call, offered or connected, gets the pop as an update of that offer."""
        holder = self._offer_holders.get((tenant_id, call_id))
        agent = self.agents.get((tenant_id, holder)) if holder else None
        pop = self.calls.get(call_id).screen_pop
        if agent is None or pop is None:
            return
        held = agent.offer if agent.offer and agent.offer.call_id == call_id else agent.call
        if held is not None and held.call_id == call_id:
            self.streams.push((tenant_id, agent.agent_id), pop_update(held.offer_id, call_id, pop))

    # -- deciding ----------------------------------------------------------------------------

    async def execute(self, tenant_id: str, agent_id: str, command: Command) -> Agent:
        """Decide on the agent, publish, apply. A refused command (DomainError) or a
        publish failure leaves the agent as it was."""
        async with self._locks[tenant_id, agent_id]:
            agent = self.agent(tenant_id, agent_id)
            await self._record(tenant_id, agent, command(agent))
            return agent

    async def act(self, now: float) -> float | None:
        """Take in offers, react to callers hanging up, fire due timers: each agent's
        reaction under its lock, all agents' at once. A reaction that fails (the log is
        unreachable) is kept for the next round."""
        reactions: list[Coroutine[Any, Any, None]] = []
        for key in sorted(self._to_react):
            reactions.append(self._react(key, self._take_in_offer(now), self._to_react.add))
        self._to_react.clear()
        for tenant_id, call_id in sorted(self._hangups):
            holder = self._offer_holders.pop((tenant_id, call_id), None)
            if holder and (tenant_id, holder) in self.agents:
                reactions.append(self._free_from_call(tenant_id, holder, call_id, now))
        self._hangups.clear()
        while self._timers and self._timers[0][0] <= now:
            _, tenant_id, agent_id = heapq.heappop(self._timers)
            reactions.append(
                self._react((tenant_id, agent_id), self._deadline_passed(now), self._rearm)
            )
        failures = [e for e in await asyncio.gather(*reactions, return_exceptions=True) if e]
        if failures:
            raise failures[0]
        return self._timers[0][0] if self._timers else None

    async def _react(self, key: Key, command: Command, keep: Callable[[Key], None]) -> None:
        async with self._locks[key]:
            agent = self.agents[key]
            try:
                await self._record(key[0], agent, command(agent))
            except KafkaError:
                keep(key)
                raise

    async def _free_from_call(self, tenant_id: str, holder: str, call_id: str, now: float) -> None:
        """The caller left during the offer: free the agent who holds it."""

        def again(_: Key) -> None:
            self._offer_holders[tenant_id, call_id] = holder
            self._hangups.add((tenant_id, call_id))

        hang_up: Command = lambda agent: agent.caller_hung_up(call_id, now)  # noqa: E731
        await self._react((tenant_id, holder), hang_up, again)

    def _rearm(self, key: Key) -> None:
        self._watch(key[0], self.agents[key])

    @staticmethod
    def _take_in_offer(now: float) -> Command:
        def take_in(agent: Agent) -> list[Fact]:
            if (o := agent.announced) is None:
                return []
            return agent.receive_offer(o.offer_id, o.call_id, o.queue_id, o.expires_at, now)

        return take_in

    @staticmethod
    def _deadline_passed(now: float) -> Command:
        def expire(agent: Agent) -> list[Fact]:
            if (due := agent.next_deadline()) is None or due > now:
                return []
            if agent.offer is not None and agent.state == AGENT_STATE_RESERVED:
                return agent.offer_expired(agent.offer.offer_id, now)
            return agent.wrap_up_expired(now)

        return expire

    async def _record(self, tenant_id: str, agent: Agent, facts: list[Fact]) -> None:
        if not facts:
            return
        agent_events, call_events = envelopes(tenant_id, agent.version, facts, self._call_sequences)
        await self._publish(agent_events, call_events)
        was_reserved = agent.state == AGENT_STATE_RESERVED
        for fact in facts:
            agent.apply(fact)
        self._watch(tenant_id, agent)
        if agent.state == AGENT_STATE_RESERVED and not was_reserved and agent.offer:
            notice = offer_notice(agent.offer, self.calls.get(agent.offer.call_id), time.time())
            self.streams.push((tenant_id, agent.agent_id), notice)

    def _watch(self, tenant_id: str, agent: Agent) -> None:
        if (deadline := agent.next_deadline()) is not None:
            heapq.heappush(self._timers, (deadline, tenant_id, agent.agent_id))
            self.nudge()
