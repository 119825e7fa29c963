"""Offers pushed to connected agent desktops (SubscribeOffers streams)."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from callcenter.v1.agent_desktop_pb2 import SubscribeOffersResponse

Key = tuple[str, str]  # tenant id, agent id


class OfferStreams:
    def __init__(self) -> None:
        self._subscribers: dict[Key, set[asyncio.Queue[SubscribeOffersResponse]]] = defaultdict(set)

    def subscribe(self, key: Key) -> asyncio.Queue[SubscribeOffersResponse]:
        queue: asyncio.Queue[SubscribeOffersResponse] = asyncio.Queue()
        self._subscribers[key].add(queue)
        return queue

    def unsubscribe(self, key: Key, queue: asyncio.Queue[SubscribeOffersResponse]) -> None:
        self._subscribers[key].discard(queue)
        if not self._subscribers[key]:
            del self._subscribers[key]

    def push(self, key: Key, offer: SubscribeOffersResponse) -> None:
        for queue in self._subscribers.get(key, ()):
            queue.put_nowait(offer)
