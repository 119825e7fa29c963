"""Random calls through the sample flow: replaying a session's events rebuilds the same state,
decide never changes the session, nothing happens after the end, and the waits told while
queued only go up when the caller's position got worse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivr.domain import (
    CallerHungUp,
    Command,
    Event,
    FireTimer,
    IvrSession,
    LearnAttributes,
    ReceiveDigits,
    SessionFinished,
    StartSession,
    Status,
    WaitAnnounced,
)
from ivr.domain.announcements import position_got_worse
from ivr.flows import CollectDigitsNode, Flow, MenuNode, QueueStatus

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
ACCOUNTS = ["12345678", "1234567890#", "12345678#", "123", "12a45678"]
STEPS = 40  # commands at most; most calls end sooner
NextCommand = Callable[[IvrSession, datetime], Command]

statuses = st.builds(
    QueueStatus,
    st.just("support"),
    st.floats(0, 900, allow_nan=False),
    st.none() | st.integers(1, 30),
    st.integers(0, 3),
)


def keys_for(session: IvrSession) -> list[str]:
    """Keys that mean something at the call's node, and some that do not."""
    assert session.state is not None and session.flow is not None
    node = session.flow.nodes[session.state.node_id]
    if isinstance(node, MenuNode):
        return [*node.options, *node.options, "5", "12"]
    if isinstance(node, CollectDigitsNode):
        return ACCOUNTS
    return ["1", "7"]


def random_command(data: st.DataObject) -> NextCommand:
    def draw(session: IvrSession, now: datetime) -> Command:
        kind = data.draw(st.sampled_from(["keys"] * 8 + ["timer"] * 8 + ["learn", "hang_up"]))
        if kind == "keys":
            return ReceiveDigits(data.draw(st.sampled_from(keys_for(session))), now)
        if kind == "timer":
            return FireTimer(now)
        if kind == "learn":
            learnt = st.sampled_from([{"language": "fr"}, {"vip_tier": "gold"}, {"vip": "no"}])
            return LearnAttributes(data.draw(learnt), now)
        return CallerHungUp(now)

    return draw


def walk(
    flow: Flow, data: st.DataObject, now: datetime, script: list[Command], then: NextCommand
) -> None:
    """Runs the script, then random commands until the call ends, checking each decision;
    then replays every prefix of the events."""
    flows = {flow.ref: flow}
    session = IvrSession(flows)
    router = {"support": QueueStatus("support", 60.0, None, 1)}
    events: list[Event] = []
    history = []
    commands = iter(script)
    next_command = next(commands)
    for _ in range(STEPS):
        before = session.state
        decided = session.decide(next_command, router.__getitem__)
        assert session.state is before  # deciding changes nothing
        for event in decided:
            session.apply(event)
        events += decided
        history.append((len(events), session.state))
        now = max(now, next_command.now) + timedelta(seconds=data.draw(st.floats(0, 90)))
        scripted = next(commands, None)
        if scripted is None:  # the router's figures change from here on
            router["support"] = data.draw(statuses)
        next_command = scripted or then(session, now)
        if session.state is not None and session.state.status is Status.FINISHED:
            with pytest.raises(SessionFinished):
                session.decide(next_command, router.__getitem__)
            break
    for count, state in history:
        assert IvrSession.replay(flows, events[:count]).state == state
    told = [event for event in events if isinstance(event, WaitAnnounced)]
    for previous, current in pairwise(told):
        if current.wait_seconds > previous.wait_seconds:
            assert position_got_worse(previous.position, current.position)


@settings(max_examples=300, deadline=None)
@given(
    # Mostly Monday office hours in Paris, so that calls get past the business hours.
    start=st.integers(7 * 3600, 16 * 3600) | st.integers(0, 7 * 24 * 3600),
    data=st.data(),
)
def test_random_calls(sample_flow: Flow, start: int, data: st.DataObject) -> None:
    now = MONDAY + timedelta(seconds=start)
    call = StartSession("c", "acme", sample_flow, "+33600000001", now)
    walk(sample_flow, data, now, [call], random_command(data))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_waits_in_queue(sample_flow: Flow, data: st.DataObject) -> None:
    now = MONDAY + timedelta(hours=8)  # 09:00 in Paris
    to_support = [
        StartSession("c", "acme", sample_flow, "+33600000001", now),
        FireTimer(now + timedelta(seconds=4)),
        ReceiveDigits("2", now + timedelta(seconds=5)),
        ReceiveDigits("12345678", now + timedelta(seconds=6)),
    ]

    def mostly_timers(session: IvrSession, at: datetime) -> Command:
        return data.draw(st.sampled_from([FireTimer(at)] * 8 + [ReceiveDigits("1", at)]))

    walk(sample_flow, data, now, to_support, mostly_timers)
