"""A request body read as text lines by a worker thread while the event loop receives it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from crm_lookup.service.body_stream import BodyBytes, text_lines

TEXT = 'name,notes\r\nÉlodie,"deux\r\nlignes"\r\n李,€\r\n'


async def pieces(data: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield b""  # a server may hand over empty pieces too
        yield data[start : start + size]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64 * 1024])
async def test_any_pieces_read_as_the_same_lines(size: int) -> None:
    lines = text_lines(BodyBytes(pieces(TEXT.encode(), size)))
    read = await asyncio.to_thread(list, lines)
    assert read == ["name,notes\r\n", 'Élodie,"deux\r\n', 'lignes"\r\n', "李,€\r\n"]


async def test_bytes_that_are_not_utf8_fail_when_read() -> None:
    lines = text_lines(BodyBytes(pieces(b"name\nAda\n\xff\xfe\n", 4)))
    with pytest.raises(UnicodeDecodeError):
        await asyncio.to_thread(list, lines)


async def test_stop_ends_a_read_waiting_for_the_body() -> None:
    asked = asyncio.Event()

    async def stalled() -> AsyncIterator[bytes]:
        yield b"name\nAda\n"
        asked.set()
        await asyncio.Event().wait()  # a client that sends nothing more
        yield b""

    body = BodyBytes(stalled())
    lines = text_lines(body)
    reading = asyncio.create_task(asyncio.to_thread(list, lines))
    await asyncio.wait_for(asked.wait(), timeout=10)
    body.stop()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(reading, timeout=10)
