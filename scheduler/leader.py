"""One process of several runs the scheduled jobs: the one holding a lease row.

The holder renews the lease every third of its length; when it dies the renewals stop and,
once the lease has expired, the next process to try takes it over (so within about one
lease length plus one renewal interval). A holder that cannot renew in time (its database
connection is gone) stops leading before its lease runs out, so two leaders never overlap
by the clock they share. A clean shutdown hands the lease back at once.

A scheduled run is claimed by the holder's scheduler moving its next run time on in the job
store, which it does only while `certainly_held` (`scheduler.scheduled`): a run is then fired
by exactly one process, whichever way the lease goes next.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import col

from storage.db import SessionFactory
from storage.models import Lease

log = logging.getLogger(__name__)

Hook = Callable[[], Awaitable[None]]


def process_name() -> str:
    """Who we are in the lease table: host, process and a random part, so that a restarted
    process with a recycled pid is someone new."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(3)}"


class Leadership:
    def __init__(
        self,
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        *,
        lease: timedelta,
        name: str = "scheduler",
        holder: str | None = None,
        on_gain: Hook | None = None,
        on_lose: Hook | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._lease = lease
        self.name = name
        self.holder = holder or process_name()
        self._on_gain = on_gain
        self._on_lose = on_lose
        self.leading = False
        self._held_until: datetime | None = None
        self._task: asyncio.Task[None] | None = None

    async def try_hold(self) -> bool:
        """Take the lease if free or expired, or renew it if ours; True while we hold it."""
        now = self._clock()
        until = now + self._lease
        async with self._sessions() as session:
            done = await session.exec(
                update(Lease)
                .where(
                    col(Lease.name) == self.name,
                    (col(Lease.holder) == self.holder) | (col(Lease.expires_at) <= now),
                )
                .values(holder=self.holder, expires_at=until)
            )
            if _count(done) == 0 and await session.get(Lease, self.name) is None:
                session.add(
                    Lease(name=self.name, holder=self.holder, expires_at=until, acquired_at=now)
                )
                try:
                    await session.commit()
                except IntegrityError:  # another process created it first
                    return False
                self._held_until = until
                return True
            await session.commit()
        if _count(done) == 1:
            self._held_until = until
            return True
        self._held_until = None
        return False

    def certainly_held(self) -> bool:
        """Whether the lease we last got is certainly still ours, from our own record of
        when it ends: no other process takes it before then (all compare with the same
        clock), and the margin leaves a write made now time to reach the database first."""
        margin = self._lease / 3
        return self._held_until is not None and self._clock() < self._held_until - margin

    async def release(self) -> None:
        """Hand the lease back (a clean shutdown): the next process need not wait for it."""
        self._held_until = None
        with contextlib.suppress(SQLAlchemyError):
            async with self._sessions() as session:
                await session.exec(
                    update(Lease)
                    .where(col(Lease.name) == self.name, col(Lease.holder) == self.holder)
                    .values(expires_at=self._clock())
                )
                await session.commit()

    async def step(self) -> None:
        """One round: try to hold the lease, and start or stop leading accordingly."""
        try:
            held = await self.try_hold()
        except (SQLAlchemyError, OSError) as exc:  # asyncpg: a bare ConnectionRefusedError
            log.warning("scheduler lease: database unreachable (%s)", type(exc).__name__)
            # Keep leading only while the lease we last got is certainly still ours.
            held = self.certainly_held()
        if held and not self.leading:
            log.info("scheduler lease taken by %s: running scheduled jobs here", self.holder)
            if self._on_gain is not None:
                # Leading only once started: a start that failed (the job store locked for a
                # moment) is tried again next round, instead of holding the lease with no
                # jobs running here or anywhere until a restart.
                await self._on_gain()
            self.leading = True
        elif not held and self.leading:
            self.leading = False
            log.warning("scheduler lease lost by %s: scheduled jobs stop here", self.holder)
            if self._on_lose is not None:
                await self._on_lose()

    async def run(self, interval: float) -> None:
        while True:
            try:
                await self.step()
            except Exception:
                log.exception("scheduler lease round failed")
            await asyncio.sleep(interval)

    def start(self, interval: float) -> None:
        self._task = asyncio.create_task(self.run(interval), name="scheduler-lease")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.leading:
            self.leading = False
            if self._on_lose is not None:
                await self._on_lose()
            await self.release()


def _count(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0
