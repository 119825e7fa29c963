"""IVR sessions in memory: bytes per call in a menu, and node transitions per second.

    python services/ivr/benchmarks/bench_sessions.py [--calls N] [--quick]

In process, no I/O: the IVR service's own aggregate (`IvrSession`) on the demo flow
`deploy/config/flows/acme-main.yaml`. N calls are started (welcome prompt), then walked with
the service's two steps per command, decide then apply: the welcome prompt ends (timer), the
caller presses 1 (support), then 2 (to the queue). Every call stays in memory, as in the
service, so the last step runs with N sessions alive.

* memory: tracemalloc's traced bytes after the N calls reached the main menu, divided by N:
  the sessions (state, flow reference, timer, attributes). A separate pass, so that tracing
  does not slow the timed one.
* transitions/s: commands decided and applied per second, each moving a call to another node,
  timed over all N calls per step; the events recorded per second alongside.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ivr.domain import FireTimer, IvrSession, ReceiveDigits, StartSession
from ivr.flows import Flow, QueueStatus, load_flow

FLOW = Path(__file__).resolve().parents[3] / "deploy" / "config" / "flows" / "acme-main.yaml"
START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def no_wait(queue_id: str) -> QueueStatus:
    return QueueStatus(queue_id, 0.0, None, 3)


def step(sessions: list[IvrSession], command_at: object) -> tuple[float, int]:
    """Decide and apply one command on every session; (seconds, events)."""
    events = 0
    started = time.perf_counter()
    for n, session in enumerate(sessions):
        for event in session.decide(command_at(n), no_wait):  # type: ignore[operator]
            session.apply(event)
            events += 1
    return time.perf_counter() - started, events


def walk(flow: Flow, calls: int) -> tuple[list[IvrSession], list[tuple[str, float, int]]]:
    """Start `calls` sessions and walk them to the queue; the timings of each step."""
    sessions = [IvrSession({flow.ref: flow}) for _ in range(calls)]
    welcome_over = START + timedelta(seconds=4)
    pressed = welcome_over + timedelta(seconds=2)
    steps: list[tuple[str, object]] = [
        ("call arrives -> welcome", lambda n: StartSession(f"c{n}", "acme", flow, "+3361", START)),
        ("welcome ends -> main menu", lambda n: FireTimer(welcome_over)),
        ("1 -> support menu", lambda n: ReceiveDigits("1", pressed)),
        ("2 -> support queue", lambda n: ReceiveDigits("2", pressed + timedelta(seconds=2))),
    ]
    return sessions, [(name, *step(sessions, command)) for name, command in steps]


def bytes_per_call_in_menu(flow: Flow, calls: int) -> float:
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    sessions = [IvrSession({flow.ref: flow}) for _ in range(calls)]
    step(sessions, lambda n: StartSession(f"c{n}", "acme", flow, "+33612345678", START))
    step(sessions, lambda n: FireTimer(START + timedelta(seconds=4)))
    used = tracemalloc.get_traced_memory()[0] - baseline
    tracemalloc.stop()
    return used / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 calls")
    args = parser.parse_args()
    calls = 1_000 if args.quick else args.calls
    flow = load_flow(FLOW)
    per_call = bytes_per_call_in_menu(flow, calls)
    sessions, timings = walk(flow, calls)
    queued = sum(1 for s in sessions if s.state and s.state.status.value == "queued")

    print(f"{calls:,} calls on {flow.flow_id} (version {flow.version}), all kept in memory")
    print(f"memory: {per_call:,.0f} bytes per session in the main menu (tracemalloc)")
    print(f"{'step (every call)':30s} {'transitions/s':>13s} {'events/s':>10s}")
    for name, seconds, events in timings:
        print(f"{name:30s} {calls / seconds:13,.0f} {events / seconds:10,.0f}")
    print(f"{queued:,} of {calls:,} calls queued at the end")


if __name__ == "__main__":
    main()
