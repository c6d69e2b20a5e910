"""Reading HTTP bodies without trusting the sender about their size."""

from __future__ import annotations

from aiohttp import StreamReader


class TooLarge(Exception):
    pass


async def read_limited(stream: StreamReader, limit: int) -> bytes:
    """The whole body, or `TooLarge` as soon as more than `limit` bytes have arrived
    (Content-Length may be absent or wrong, so count what actually comes)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await stream.read(limit + 1 - size):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge()
    return b"".join(chunks)
