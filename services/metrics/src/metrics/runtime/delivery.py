"""Faust's consumer, handing the event topics' records over in batches, as fetched.

Faust delivers every record on its own through its streams: two tasks per record in
`Consumer._drain_messages`, then the conductor and the stream machinery. That costs
about 200 µs of CPU per event on the benchmark machine (a trivial agent reads 5,000
events/s per core, docs/benchmarks.md), a quarter of the metrics' budget. Here the
fetched records go to a `BatchSink` in one call per fetch (about 4 µs per event), and
their offsets are acknowledged to Faust's commit bookkeeping once the sink says their
effects are safe. Faust still runs the worker: the consumer group, the rebalances,
the offset commits (every `broker_commit_interval`, acknowledged offsets only) and
the shutdown. This relies on Faust internals (pinned by the lock file), all here.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.structs import ConsumerRecord, TopicPartition
from faust.transport import drivers as faust_drivers

from chassis import faust_support

SCHEME = "metrics-kafka"
Batches = dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]]
FETCH_TIMEOUT_S = 0.2  # a fetch with nothing new returns after this: the sink's idle turn


class BatchSink(Protocol):
    fetch_max_wait_ms: int

    async def handle(self, batches: Batches, generation: int) -> None: ...

    async def idle(self) -> None: ...


class BatchingConsumerThread(faust_support.FetchHighwaterConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        sink: BatchSink = self.app.batch_sink  # type: ignore[attr-defined]
        # Faust fixes the fetch wait at 1.5 s; the embedded broker answers a waiting
        # fetch only when the wait is over, so the wait bounds how fresh metrics are.
        consumer._fetch_max_wait_ms = sink.fetch_max_wait_ms
        # Without tables Faust assigns round robin; range keeps partition p of the calls
        # and agents topics on one worker, where a tenant's events meet.
        consumer._partition_assignment_strategy = (RangePartitionAssignor,)
        return consumer


class BatchingConsumer(faust_support.Consumer):
    def _new_consumer_thread(self) -> Any:
        return BatchingConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _drain_messages(self, fetcher: Any) -> None:  # replaces Faust's loop
        sink: BatchSink = self.app.batch_sink  # type: ignore[attr-defined]
        while not (self._stopped.is_set() or fetcher._stopped.is_set()):
            generation = self.app.consumer_generation_id
            records, active = await self._wait_next_records(FETCH_TIMEOUT_S)
            if self.should_stop:
                break
            # A rebalance while fetching: these records are read again from the commit.
            if records and generation == self.app.consumer_generation_id:
                batches = {
                    tp: list(batch)
                    for tp, batch in records.items()
                    if batch and (active is None or tp in active)
                }
                if batches:
                    await sink.handle(batches, generation)
            await sink.idle()

    def acknowledge(self, tp: TopicPartition, first: int, last: int, generation: int) -> None:
        """Offsets first..last of `tp` may be committed (what Faust's `ack` does for
        one message). Ignored after a rebalance: those records will be read again."""
        if generation != self.app.consumer_generation_id or tp not in self.assignment():
            return
        committed = self._committed_offset[tp]
        index = self._acked_index[tp]
        start = first if committed is None else max(first, committed)
        new = [offset for offset in range(start, last + 1) if offset not in index]
        self._acked[tp].extend(new)
        index.update(new)
        self._n_acked += len(new)


class BatchingTransport(faust_support.Transport):
    Consumer = BatchingConsumer


def broker_urls(bootstrap_servers: str) -> list[str]:
    """Faust `broker=` value selecting `BatchingTransport` (registered on first use)."""
    faust_drivers.TRANSPORTS.aliases.setdefault(SCHEME, f"{__name__}:BatchingTransport")
    return [f"{SCHEME}://{host.strip()}" for host in bootstrap_servers.split(",") if host.strip()]
