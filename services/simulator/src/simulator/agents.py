"""Agents: log in with skills, take offers from their desktop stream, talk, wrap up, take
breaks, and sign off cleanly when the run ends."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import grpc

from callcenter.v1 import agent_desktop_pb2 as desk
from callcenter.v1.common_pb2 import AGENT_STATE_AVAILABLE, AGENT_STATE_BREAK
from simulator.behaviour import AgentPlan
from simulator.caller import Caller
from simulator.platform_api import Desktop
from simulator.run_context import Run
from simulator.scenario import AgentGroup

log = logging.getLogger(__name__)
RESUBSCRIBE_S = 1.0  # a broken offer stream is opened again after this (real seconds)
EXPIRY_MARGIN_S = 0.5  # after an unanswered offer's deadline, agent-state has timed it out


class SimulatedAgent:
    def __init__(
        self, run: Run, tenant_id: str, group: AgentGroup, number: int, rng: random.Random
    ) -> None:
        self.run, self.tenant_id, self.group = run, tenant_id, group
        self.agent_id = f"{group.name}-{number}"
        self.desktop = Desktop(run.channel, tenant_id, self.agent_id)
        self.plan = AgentPlan(group, run.time_scale, rng)
        self.counts = run.summary.agents_of(tenant_id)
        self.offers: asyncio.Queue[desk.SubscribeOffersResponse] = asyncio.Queue()
        self.offer_id = ""  # the offer being handled, until accepted

    async def log_in(self) -> None:
        try:
            await self.desktop.log_in(self.group.skills, self.group.queues)
        except grpc.RpcError as exc:
            if exc.code() is not grpc.StatusCode.FAILED_PRECONDITION:
                raise
            await self.sign_off()  # left logged in by an earlier run that did not end cleanly
            await self.desktop.log_in(self.group.skills, self.group.queues)
        self.counts.logged_in += 1

    async def work(self) -> None:
        """Until cancelled: offers as they come, breaks when due and idle."""
        reader = asyncio.create_task(self._read_offers())
        next_break = self.plan.next_break_at(self.run.now())
        try:
            while True:
                wait = None if next_break is None else max(0.0, next_break - self.run.now())
                try:
                    offer = await asyncio.wait_for(self.offers.get(), wait)
                except TimeoutError:
                    if await self._take_break():
                        next_break = self.plan.next_break_at(self.run.now())
                    continue
                await self._handle(offer)
        finally:
            reader.cancel()

    async def sign_off(self) -> None:
        """Whatever the agent was doing: end it, then log out. Commands that do not fit the
        agent's state fail, harmlessly."""
        steps = [self.desktop.hang_up, self.desktop.complete_wrap_up]
        if self.offer_id:
            offer_id = self.offer_id
            steps.append(lambda: self.desktop.reject(offer_id))
        for step in [*steps, self.desktop.log_out]:
            with contextlib.suppress(grpc.RpcError):
                await step()

    async def _read_offers(self) -> None:
        seen: set[str] = set()
        while True:
            try:
                async for offer in self.desktop.offers():
                    if not offer.updates_offer and offer.offer_id not in seen:
                        seen.add(offer.offer_id)
                        self.offers.put_nowait(offer)
            except grpc.RpcError as exc:
                log.warning("%s: offer stream broke: %s", self.agent_id, exc)
            await asyncio.sleep(RESUBSCRIBE_S)

    async def _handle(self, offer: desk.SubscribeOffersResponse) -> None:
        self.counts.offers += 1
        self.offer_id = offer.offer_id
        caller = self.run.callers.get(offer.call_id)
        if caller is None:
            self.run.summary.foreign_offers += 1
        if not self.plan.answers_offer():
            await self._let_it_ring(offer)
            return
        await asyncio.sleep(self.plan.ring_s())
        if caller is not None and not caller.claim(self.run.now()):
            return  # the caller hung up meanwhile: agent-state frees the agent by itself
        try:
            await self.desktop.accept(offer.offer_id)
        except grpc.RpcError:
            self.counts.failed_commands += 1
            if caller is not None:
                caller.accepted(False, self.run.now())
            await self._back_after_missed_offer()  # it expired: agent-state made us NOT_READY
            return
        if caller is not None:
            caller.accepted(True, self.run.now())
        self.offer_id = ""
        await asyncio.sleep(self._talk_s(caller, offer.queue_id))
        await self._command(self.desktop.hang_up)
        await asyncio.sleep(self.plan.wrap_up_s())
        await self._command(self.desktop.complete_wrap_up)
        self.counts.handled += 1

    async def _let_it_ring(self, offer: desk.SubscribeOffersResponse) -> None:
        """No answer: agent-state times the offer out and makes the agent NOT_READY
        (missed_offer); after a pause the agent makes itself available again."""
        self.counts.missed_offers += 1
        expires_in = (offer.expires_at.ToDatetime(tzinfo=UTC) - datetime.now(UTC)).total_seconds()
        await asyncio.sleep(max(0.0, expires_in) + EXPIRY_MARGIN_S)
        await self._back_after_missed_offer()

    async def _back_after_missed_offer(self) -> None:
        """A missed offer leaves the agent NOT_READY (missed_offer); after a pause the agent
        makes itself available again. Refused when it already is: nothing to do then."""
        self.offer_id = ""
        await asyncio.sleep(self.plan.missed_offer_pause_s())
        with contextlib.suppress(grpc.RpcError):
            await self.desktop.set_state(AGENT_STATE_AVAILABLE)

    async def _take_break(self) -> bool:
        reason, length_s = self.plan.break_()
        try:
            await self.desktop.set_state(AGENT_STATE_BREAK, reason)
        except grpc.RpcError:
            return False  # an offer is being made: the break waits for the next idle moment
        self.counts.breaks += 1
        await asyncio.sleep(length_s)
        await self._command(self.desktop.set_state, AGENT_STATE_AVAILABLE)
        return True

    def _talk_s(self, caller: Caller | None, queue_id: str) -> float:
        if caller is not None:
            return caller.plan.talk_s
        queues = self.run.scenario.tenants[self.tenant_id].queues  # a call the run did not place
        queue = queues.get(queue_id) or next(iter(queues.values()))
        return queue.talk_time.sample(self.plan.rng) / self.run.time_scale

    async def _command(self, command: Callable[..., Awaitable[None]], *args: object) -> None:
        try:
            await command(*args)
        except grpc.RpcError as exc:
            self.counts.failed_commands += 1
            log.info("%s: %s", self.agent_id, exc)
