"""A request body as it arrives, read as a text file by a worker thread: an import parses a
chunk of the file while the event loop receives the next bytes and the store loads the chunk
before, so no more than a few chunks of a file are ever held in memory."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterable, AsyncIterator
from concurrent.futures import Future

PIECE_BYTES = 64 * 1024


async def _next_piece(pieces: AsyncIterator[bytes]) -> bytes | None:
    return await anext(pieces, None)


class BodyBytes(io.RawIOBase):
    """The body's bytes for a thread: a read waits for the event loop to receive the next piece
    (an empty piece is skipped; the end of the body reads as b""). Created on the loop."""

    def __init__(self, body: AsyncIterable[bytes]) -> None:
        self._pieces = aiter(body)
        self._loop = asyncio.get_running_loop()
        self._rest = memoryview(b"")
        self._waiting: Future[bytes | None] | None = None
        self._stopped = False
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._rest and not self._ended:
            self._waiting = asyncio.run_coroutine_threadsafe(_next_piece(self._pieces), self._loop)
            if self._stopped:
                self._waiting.cancel()
            piece = self._waiting.result()  # raises CancelledError once stopped
            self._ended = piece is None
            self._rest = memoryview(piece or b"")
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size

    def stop(self) -> None:
        """End a read waiting for the body, and any later one (on the loop: the import
        failed, so nobody waits for the thread)."""
        self._stopped = True
        if self._waiting is not None:
            self._waiting.cancel()


def text_lines(body: BodyBytes) -> io.TextIOWrapper:
    """The body as UTF-8 text, its lines as a file opened with newline="" gives them (what the
    csv module reads). Bytes that are not UTF-8 raise UnicodeDecodeError when read."""
    buffered = io.BufferedReader(body, buffer_size=PIECE_BYTES)
    return io.TextIOWrapper(buffered, encoding="utf-8", newline="")
