"""Faust on any Kafka-protocol broker: end offsets taken from Fetch responses.

Faust's table recovery asks for each changelog partition's end offset ("highwater")
and replays the changelog up to it. Its aiokafka driver gets it with ListOffsets
(latest), via `AIOKafkaConsumer.end_offsets()`. Tansu, the embedded broker, answers
that request with the base offset of the last record batch + 1, not the end of the
log, so recovery stops early and a restarted worker serves stale tables.

The high watermark that every Fetch response carries is right on Tansu and is the
very number ListOffsets(latest) returns on Apache Kafka (for read_uncommitted, both
are the partition leader's high watermark: the offset after the last fully
replicated record). So this module asks for it with a Fetch of at most one byte at
the partition's log start offset, sent to the partition leader, and installs that
into Faust with a transport subclass, registered as its own URL scheme:

    app = faust.App(..., broker=faust_broker_urls("host1:9092,host2:9092"))

`end_offsets()` gives the same number outside Faust (e.g. "has this consumer group
caught up?", see `group_lag()`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka import errors as kafka_errors
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.protocol.fetch import FetchRequest
from aiokafka.structs import TopicPartition
from faust.transport import drivers as faust_drivers
from faust.transport.drivers import aiokafka as faust_aiokafka

log = logging.getLogger(__name__)

#: URL scheme of the Faust transport defined here (`faust_broker_urls`).
SCHEME = "chassis-kafka"

READ_UNCOMMITTED = 0
READ_COMMITTED = 1

#: Errors after which a fresh look at the cluster (leaders, log start) may succeed.
_RETRIABLE = (
    kafka_errors.NotLeaderForPartitionError,
    kafka_errors.LeaderNotAvailableError,
    kafka_errors.UnknownTopicOrPartitionError,
    kafka_errors.OffsetOutOfRangeError,  # log start moved (retention) since we looked
    kafka_errors.KafkaStorageError,
    kafka_errors.NotEnoughReplicasError,
    kafka_errors.RequestTimedOutError,
    kafka_errors.KafkaConnectionError,
    kafka_errors.NodeNotReadyError,
)


class HighwaterError(kafka_errors.KafkaError):  # type: ignore[misc]
    """The end offset of some partitions could not be read."""


# -- pure parts ---------------------------------------------------------------------


def fetch_requests(
    start_offsets: Mapping[TopicPartition, int],
    leaders: Mapping[TopicPartition, int],
    isolation_level: int = READ_UNCOMMITTED,
    max_wait_ms: int = 10,
) -> dict[int, FetchRequest]:
    """One Fetch per leader node for all its partitions, at most 1 byte each.

    A broker still returns one whole record batch for the first non-empty partition
    (KIP-74), which is the only data read here; the rest of the answer is offsets.
    min_bytes=0 lets Kafka answer at once; Tansu waits max_wait_ms when there is no
    data and answers with no partition at all when it is 0, hence a short non-zero
    wait (raised on retries).
    """
    by_node: dict[int, dict[str, list[tuple[int, int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for tp, offset in sorted(start_offsets.items()):
        by_node[leaders[tp]][tp.topic].append((tp.partition, max(offset, 0), 1))
    return {
        node: FetchRequest(
            max_wait_time=max_wait_ms,
            min_bytes=0,
            max_bytes=1,
            isolation_level=isolation_level,
            topics=list(topics.items()),
        )
        for node, topics in by_node.items()
    }


def parse_fetch_response(
    response: Any, isolation_level: int = READ_UNCOMMITTED
) -> tuple[dict[TopicPartition, int], dict[TopicPartition, type[kafka_errors.KafkaError]]]:
    """End offsets by partition, and the partitions the broker answered with an error.

    The end offset is the high watermark, or for read_committed the last stable
    offset (Fetch v4 and later), which is what ListOffsets(latest) gives for each.
    """
    offsets: dict[TopicPartition, int] = {}
    failed: dict[TopicPartition, type[kafka_errors.KafkaError]] = {}
    for topic, partitions in response.topics:
        # v0-v3: (partition, error, highwater, records); v4+: (…, lso, …, records).
        for partition, error_code, highwater, *rest in partitions:
            tp = TopicPartition(topic, partition)
            error = kafka_errors.for_code(error_code)
            if error is not kafka_errors.NoError:
                failed[tp] = error
                continue
            end = highwater
            if isolation_level == READ_COMMITTED:
                if response.API_VERSION < 4:
                    raise kafka_errors.UnsupportedVersionError(
                        "read_committed end offsets need Fetch v4 or later"
                    )
                end = rest[0]
            if end is None or end < 0:
                failed[tp] = kafka_errors.UnknownError
            else:
                offsets[tp] = int(end)
    return offsets, failed


# -- I/O --------------------------------------------------------------------------


async def fetch_end_offsets(
    consumer: AIOKafkaConsumer,
    partitions: Iterable[TopicPartition],
    *,
    isolation_level: int = READ_UNCOMMITTED,
    attempts: int = 5,
    retry_backoff_s: float = 0.2,
) -> dict[TopicPartition, int]:
    """End offset of each partition (the offset the next record will get), from Fetch
    responses of the partition leaders. Drop-in for `consumer.end_offsets()`.

    `consumer` must be started; it needs no group and no assignment, and its position
    is not touched (the requests go through its client, not its fetcher).
    """
    client = consumer._client  # the fetcher's own client; aiokafka has no public one
    pending = {TopicPartition(tp.topic, tp.partition) for tp in partitions}
    result: dict[TopicPartition, int] = {}
    last_errors: dict[TopicPartition, object] = {}
    for attempt in range(attempts):
        if not pending:
            break
        if attempt:
            await asyncio.sleep(retry_backoff_s * attempt)
        for topic in {tp.topic for tp in pending}:
            await client._wait_on_metadata(topic)  # makes the topic's leaders known
        if attempt:
            await client.force_metadata_update()
        leaders = {tp: client.cluster.leader_for_partition(tp) for tp in pending}
        leaderless = {tp for tp, node in leaders.items() if node is None or node < 0}
        for tp in leaderless:
            last_errors[tp] = kafka_errors.LeaderNotAvailableError
        askable = sorted(pending - leaderless)
        if not askable:
            continue
        # Fetching at the log start is always in range (unless retention moves it
        # meanwhile: retried); offset 0 may not be, and an out-of-range fetch
        # carries no high watermark.
        starts = await consumer.beginning_offsets(askable)
        requests = fetch_requests(
            starts,
            {tp: leaders[tp] for tp in askable},
            isolation_level,
            max_wait_ms=min(10 * 4**attempt, 1000),
        )
        for node, request in requests.items():
            try:
                response = await client.send(node, request)
            except kafka_errors.KafkaError as exc:
                if not isinstance(exc, _RETRIABLE) and not exc.retriable:
                    raise
                for topic, parts in request.topics:
                    for partition, _offset, _max in parts:
                        last_errors[TopicPartition(topic, partition)] = exc
                continue
            offsets, failed = parse_fetch_response(response, isolation_level)
            for tp, error in failed.items():
                if not issubclass(error, _RETRIABLE) and not error.retriable:
                    raise error(f"fetching the end offset of {tp}")
                last_errors[tp] = error
            for topic, parts in request.topics:
                for partition, _offset, _max in parts:
                    tp = TopicPartition(topic, partition)
                    if tp not in offsets and tp not in failed:
                        last_errors[tp] = "absent from the Fetch response"
            result.update(offsets)
            pending -= offsets.keys()
    if pending:
        raise HighwaterError(
            f"no end offset for {sorted(pending)} after {attempts} attempts: "
            f"{ {str(tp): last_errors.get(tp) for tp in sorted(pending)} }"
        )
    return result


async def end_offsets(
    bootstrap_servers: str, partitions: Iterable[TopicPartition] | Iterable[str]
) -> dict[TopicPartition, int]:
    """End offsets of partitions, or of every partition of the named topics."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        tps: list[TopicPartition] = []
        for item in partitions:
            if isinstance(item, str):
                numbers = await consumer._client._wait_on_metadata(item)
                tps.extend(TopicPartition(item, p) for p in sorted(numbers))
            else:
                tps.append(item)
        return await fetch_end_offsets(consumer, tps)
    finally:
        await consumer.stop()


async def group_lag(
    bootstrap_servers: str, group_id: str, topics: Iterable[str]
) -> dict[TopicPartition, int]:
    """Records not yet committed by `group_id`, by partition of `topics` (0: caught up).

    Uses true end offsets, so `all(v == 0 ...)` means the group has committed
    everything written so far, on Tansu as on Kafka."""
    ends = await end_offsets(bootstrap_servers, list(topics))
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group_id, partitions=list(ends))
    finally:
        await admin.close()
    lag: dict[TopicPartition, int] = {}
    for tp, end in ends.items():
        meta = committed.get(tp)
        position = meta.offset if meta is not None and meta.offset >= 0 else 0
        lag[tp] = max(end - position, 0)
    return lag


async def ensure_changelog_topics(app: Any, bootstrap_servers: str) -> list[str]:
    """Create the changelog topics of every table of a Faust `app` that do not exist
    yet, compacted, with each table's partition count: before Faust or the broker's
    auto-creation picks other settings. Returns their names."""
    wanted = {}
    for table in app.tables.values():
        topic = table.changelog_topic
        name = topic.get_topic_name()
        partitions = topic.partitions or app.conf.topic_partitions
        wanted[name] = NewTopic(
            name,
            partitions,
            app.conf.topic_replication_factor,
            topic_configs={"cleanup.policy": "compact"},
        )
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for name, t in wanted.items() if name not in existing]
        if missing:
            # Created meanwhile by another worker: fine.
            with contextlib.suppress(kafka_errors.TopicAlreadyExistsError):
                await admin.create_topics(missing)
            log.info("created changelog topics", extra={"topics": [t.name for t in missing]})
    finally:
        await admin.close()
    return sorted(wanted)


# -- Faust transport ---------------------------------------------------------------


class FetchHighwaterConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Faust's aiokafka consumer thread, with end offsets read from Fetch responses."""

    async def _highwaters(self, partitions: list[TopicPartition]) -> Mapping[TopicPartition, int]:
        if self.consumer.in_transaction:
            # Exactly-once mode keeps Faust's own answer (last stable offsets seen by
            # the fetcher); Tansu cannot run it anyway (no InitProducerId).
            return await super()._highwaters(partitions)
        return await fetch_end_offsets(self._ensure_consumer(), partitions)


class Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return FetchHighwaterConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(faust_aiokafka.Transport):
    """Faust's aiokafka transport whose table recovery reads correct end offsets."""

    Consumer = Consumer


def register_transport() -> None:
    """Make `chassis-kafka://` broker URLs select `Transport` (idempotent).

    Faust resolves a broker URL's scheme in its transport registry, which is meant
    to be extended (its own setuptools entry-point group "faust.transports" feeds the
    same mapping)."""
    faust_drivers.TRANSPORTS.aliases.setdefault(SCHEME, f"{__name__}:Transport")


def faust_broker_urls(bootstrap_servers: str) -> list[str]:
    """Faust `broker=` value for "host:port[,host:port]" using `Transport`."""
    register_transport()
    hosts = [h.strip() for h in bootstrap_servers.split(",") if h.strip()]
    if not hosts:
        raise ValueError("no bootstrap server given")
    return [f"{SCHEME}://{host}" for host in hosts]


register_transport()
