"""Accuracy of the router's expected wait time (EWT) on simulated load.

    python services/router/benchmarks/bench_ewt_accuracy.py [--calls N] [--seed S] [--json F]
        [--quick]

A discrete-event simulation drives the router's own RoutingDomain (the code the service
runs) in simulated time: one queue, Poisson arrivals, exponential handle times, agents who
take every offer at once; optionally callers who hang up after an exponential patience.
For each arriving call the estimate a caller joining now would be told
(`estimate_wait(queue, position=None)`, what the IVR announces) is compared with the wait
the call then had until an agent answered. Calls that abandon have no actual answer wait
and are left out of the error (their share is reported).

Reported per scenario: mean actual wait, mean absolute error (MAE) of the router's EWT and,
for comparison in the same run, of the usual simple announcement: the mean wait of the last
50 answered calls. The first 10 % of calls are a warm-up and are not scored.
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import fmean

from chassis.tenants import QueueConfig
from router.domain import Offer, RoutingDomain

AHT_S = 180.0
RECENT = 50  # the comparison: mean of the last RECENT answered waits


@dataclass(frozen=True)
class Scenario:
    name: str
    agents: int
    occupancy: float  # offered load / agents
    patience_s: float | None = None  # mean patience; None: nobody hangs up


SCENARIOS = [
    Scenario("light, 20 agents", 20, 0.70),
    Scenario("heavy, 20 agents", 20, 0.90),
    Scenario("heavy, 100 agents", 100, 0.95),
    Scenario("overloaded, 20 agents, patience 120 s", 20, 1.10, patience_s=120.0),
]


@dataclass
class Result:
    scenario: str
    calls_scored: int
    abandoned_share: float
    mean_wait_s: float
    ewt_mae_s: float
    recent_mean_mae_s: float


class Simulation:
    def __init__(self, scenario: Scenario, calls: int, rng: random.Random) -> None:
        self.scenario, self.calls, self.rng = scenario, calls, rng
        self.domain = RoutingDomain({"q": QueueConfig(queue_id="q", wrap_up_max_s=1.0)})
        self.events: list[tuple[float, int, str, str]] = []  # (at, order, kind, id)
        self.order = 0
        self.arrived: dict[str, tuple[float, float, float]] = {}  # call -> (at, ewt, recent)
        self.answered: dict[str, float] = {}  # call -> actual wait
        self.recent: deque[float] = deque(maxlen=RECENT)
        for n in range(scenario.agents):
            self.domain.agent_logged_in(f"a{n}", {}, ["q"])
            self.domain.agent_presence(f"a{n}", True, 0.0)

    def at(self, when: float, kind: str, ident: str) -> None:
        self.order += 1
        heapq.heappush(self.events, (when, self.order, kind, ident))

    def run(self) -> Result:
        rate = self.scenario.agents * self.scenario.occupancy / AHT_S
        when = 0.0
        for n in range(self.calls):
            when += self.rng.expovariate(rate)
            self.at(when, "arrive", f"c{n}")
        while self.events:
            now, _, kind, ident = heapq.heappop(self.events)
            getattr(self, kind)(ident, now)
            for decision in self.domain.decide(now):
                if isinstance(decision, Offer):
                    self.answer(decision, now)
        return self.score()

    def arrive(self, call_id: str, now: float) -> None:
        ewt = self.domain.estimate_wait("q", None, now).seconds
        recent = fmean(self.recent) if self.recent else 0.0
        self.arrived[call_id] = (now, ewt, recent)
        self.domain.call_queued(call_id, "q", 0, now, now)
        if self.scenario.patience_s:
            self.at(now + self.rng.expovariate(1 / self.scenario.patience_s), "give_up", call_id)

    def give_up(self, call_id: str, now: float) -> None:
        if call_id not in self.answered:
            self.domain.call_abandoned(call_id, now)

    def answer(self, offer: Offer, now: float) -> None:
        self.domain.offer_made(offer.call_id, offer.agent_id, offer.offer_id, now)
        self.domain.agent_presence(offer.agent_id, False, now, offer.offer_id)
        self.domain.offer_accepted(offer.call_id, offer.offer_id, now)
        waited = now - self.arrived[offer.call_id][0]
        self.answered[offer.call_id] = waited
        self.recent.append(waited)
        self.at(now + self.rng.expovariate(1 / AHT_S), "free", offer.agent_id)
        self.at(now, "hang_up", offer.call_id)

    def hang_up(self, call_id: str, now: float) -> None:
        self.domain.call_ended(call_id)

    def free(self, agent_id: str, now: float) -> None:
        self.domain.agent_presence(agent_id, True, now)

    def score(self) -> Result:
        scored = [c for c in list(self.arrived)[self.calls // 10 :]]
        answered = [c for c in scored if c in self.answered]
        actual = [self.answered[c] for c in answered]
        return Result(
            scenario=self.scenario.name,
            calls_scored=len(answered),
            abandoned_share=round(1 - len(answered) / len(scored), 3),
            mean_wait_s=round(fmean(actual), 1),
            ewt_mae_s=round(fmean(abs(self.arrived[c][1] - self.answered[c]) for c in answered), 1),
            recent_mean_mae_s=round(
                fmean(abs(self.arrived[c][2] - self.answered[c]) for c in answered), 1
            ),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true", help="2,000 calls per scenario")
    args = parser.parse_args()
    calls = 2_000 if args.quick else args.calls
    results = [
        Simulation(scenario, calls, random.Random(args.seed)).run() for scenario in SCENARIOS
    ]
    print(f"{calls} calls per scenario, AHT {AHT_S:g} s (exponential), seed {args.seed}")
    print(
        f"{'scenario':40s} {'abandoned':>9s} {'mean wait':>9s} {'EWT MAE':>8s} {'recent MAE':>10s}"
    )
    for r in results:
        print(
            f"{r.scenario:40s} {r.abandoned_share:9.1%} {r.mean_wait_s:8.1f}s "
            f"{r.ewt_mae_s:7.1f}s {r.recent_mean_mae_s:9.1f}s"
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
