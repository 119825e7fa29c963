"""The state's checkpoints: what changed, encoded by partition, and restored exactly."""

from __future__ import annotations

import random
from typing import Any

from metrics.core import MetricsCore, Produced
from metrics.domain import AlertSettings, MetricsConfig
from metrics.reference.histories import Shape, deliveries, history
from metrics.state.call_log import fact_json
from metrics.state.tables import StateTables

HOUR = 3_600_000


def core_on(tables: StateTables | None = None) -> MetricsCore:
    return MetricsCore(MetricsConfig(), AlertSettings(), 900, 12 * HOUR, tables)


def replayed(log: dict[bytes, tuple[int, bytes | None]]) -> StateTables:
    """The tables a restore reads back from a compacted changelog."""
    tables = StateTables()
    for key, (partition, value) in log.items():
        tables.restore(partition, key, value)
    return tables.restored()


def plain(tables: StateTables) -> dict[str, Any]:
    names = ("calls", "agents", "buckets", "tenants", "alerts", "history")
    return {name: dict(getattr(tables, name)) for name in names}


def test_checkpoints_restore_the_state_exactly_at_any_point() -> None:
    rng = random.Random(4)
    events = history(rng.randint, Shape(calls=40, agents=("a1", "a2")))
    log: dict[bytes, tuple[int, bytes | None]] = {}  # as compaction leaves it
    core = core_on()
    for n, event in enumerate(deliveries(events, rng.randint, 29_000, 5)):
        core.apply(event, 3, Produced())
        if n % 7 == 0 or n == len(events) - 1:
            for partition, changes in core.tables.changes().items():
                assert partition == 3
                log.update({key: (partition, value) for key, value in changes})
            restored = replayed(log)
            assert plain(restored) == plain(core.tables)
            assert restored.partitions == {"acme": 3}
    core.engine.advance("acme", events[-1].occurred_at.ToMilliseconds() + 20 * HOUR)  # all gone
    for changes in core.tables.changes().values():
        log.update({key: (3, value) for key, value in changes})
    assert replayed(log).calls == {} and core.tables.calls == {}


def test_a_call_is_written_fact_by_fact_and_nothing_twice() -> None:
    core = core_on()
    events = history(random.Random(1).randint, Shape(calls=1, agents=()))
    core.apply(events[0], 0, Produced())
    written = dict(core.tables.changes()[0])
    [fact] = [key for key in written if key.startswith(b"f")]
    assert b"ccall-0" in written and fact.startswith(b"fcall-0\x1f")
    assert written[fact] == fact_json(core.tables.calls["call-0"]["facts"][0])
    assert core.tables.changes() == {}  # nothing new
    core.apply(events[0], 0, Produced())  # a redelivery changes nothing
    assert [key for key, _ in core.tables.changes()[0]] == [b"tacme"]  # the clock only


def test_fact_json_is_the_json_text() -> None:
    import json

    row = [1, 2, 'id "é"', "queued", "sales", "", "\\", 7]
    assert json.loads(fact_json(row)) == row
