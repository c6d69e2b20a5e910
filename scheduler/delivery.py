"""Deliver outbox rows through their channels, with retry and backoff.

Rows are claimed by moving `next_attempt_at` forward (a lease) before sending, so a crashed
worker's rows come back after the lease; on PostgreSQL the claim uses `FOR UPDATE SKIP
LOCKED` so several replicas never claim the same row. A row is marked sent only after the
channel accepted it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from prometheus_client import Counter
from sqlalchemy import update
from sqlmodel import col, select

from bot import codec
from bot.channels.base import Channel, DeliveryError
from storage.db import SessionFactory
from storage.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

DELIVERED = Counter("jingmin_outbox_total", "Outbox delivery attempts", ["channel", "outcome"])

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
BATCH = 50


def backoff(attempts: int) -> timedelta:
    """2 s, 4 s, 8 s … capped at 10 minutes."""
    return timedelta(seconds=min(2**attempts, 600))


class DeliveryWorker:
    def __init__(
        self,
        sessions: SessionFactory,
        channels: Mapping[str, Channel],
        clock: Callable[[], datetime],
        *,
        skip_locked: bool,
        poll_seconds: float = 0.5,
    ) -> None:
        self._sessions = sessions
        self._channels = channels
        self._clock = clock
        self._skip_locked = skip_locked
        self._poll = poll_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """Something was queued: look now instead of at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="outbox-delivery")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            try:
                busy = await self.run_once()
            except Exception:
                log.exception("outbox delivery pass failed")
                busy = 0
            if busy < BATCH:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll)

    async def _claim(self) -> list[OutboxMessage]:
        now = self._clock()
        async with self._sessions() as session:
            query = (
                select(OutboxMessage)
                .where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    col(OutboxMessage.next_attempt_at) <= now,
                )
                .order_by(col(OutboxMessage.id))
                .limit(BATCH)
            )
            if self._skip_locked:
                query = query.with_for_update(skip_locked=True)
            rows = list((await session.exec(query)).all())
            if rows:
                await session.exec(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id).in_([r.id for r in rows]))
                    .values(next_attempt_at=now + LEASE)
                )
            await session.commit()
        return rows

    async def run_once(self) -> int:
        """Deliver what is due; returns how many rows were claimed."""
        rows = await self._claim()
        for row in rows:
            await self._deliver(row)
        return len(rows)

    async def _deliver(self, row: OutboxMessage) -> None:
        channel = self._channels.get(row.channel)
        values: dict[str, object]
        if channel is None:
            values = {"status": OutboxStatus.FAILED, "last_error": f"no channel {row.channel!r}"}
            DELIVERED.labels(row.channel, "no_channel").inc()
        else:
            try:
                await channel.send(row.chat_id, codec.loads(row.payload))
                values = {"status": OutboxStatus.SENT, "sent_at": self._clock()}
                DELIVERED.labels(row.channel, "sent").inc()
            except DeliveryError as exc:
                values = self._after_failure(row, exc)
                DELIVERED.labels(
                    row.channel,
                    "failed" if values.get("status") is OutboxStatus.FAILED else "retry",
                ).inc()
            except Exception as exc:
                log.exception("channel %s raised while sending outbox row %s", row.channel, row.id)
                values = self._after_failure(row, DeliveryError(type(exc).__name__))
                DELIVERED.labels(row.channel, "error").inc()
        async with self._sessions() as session:
            await session.exec(
                update(OutboxMessage).where(col(OutboxMessage.id) == row.id).values(**values)
            )
            await session.commit()

    def _after_failure(self, row: OutboxMessage, exc: DeliveryError) -> dict[str, object]:
        attempts = row.attempts + 1
        if exc.permanent or attempts >= MAX_ATTEMPTS:
            return {
                "status": OutboxStatus.FAILED,
                "attempts": attempts,
                "last_error": str(exc)[:500],
            }
        delay = timedelta(seconds=exc.retry_after) if exc.retry_after else backoff(attempts)
        return {
            "attempts": attempts,
            "next_attempt_at": self._clock() + delay,
            "last_error": str(exc)[:500],
        }
