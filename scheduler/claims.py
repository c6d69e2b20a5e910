"""The outbox rows a delivery worker takes, and what it writes back.

A row is claimed by setting `claimed_until` (a lease) just before it is sent, and released
when the outcome is written: sent, failed, or pending again with a later `next_attempt_at`.
A worker that dies in between leaves the lease to run out, and the row is claimed again.
Claiming re-checks the conditions in the UPDATE itself and keeps only the rows it changed,
so two workers can never both hold a row; on PostgreSQL the candidates are also read
`FOR UPDATE SKIP LOCKED`, so concurrent workers pass over each other's rows instead of
queueing on them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, bindparam, literal, or_, update
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select

from storage.db import SessionFactory
from storage.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

#: Tries at writing an outcome: losing a "sent" mark would mean sending again later.
_FINISH_TRIES = 5

_TABLE = OutboxMessage.__table__  # type: ignore[attr-defined]
_POSTPONE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values(next_attempt_at=bindparam("when"))
)

#: Splits candidates into rows to claim now and {row id: when to look again}.
Pick = Callable[[list[OutboxMessage]], tuple[list[OutboxMessage], dict[int, datetime]]]


def unclaimed(now: datetime) -> ColumnElement[bool]:
    """Waiting, and no worker is sending it (it may still be withdrawn)."""
    return and_(
        col(OutboxMessage.status) == OutboxStatus.PENDING,
        or_(col(OutboxMessage.claimed_until).is_(None), col(OutboxMessage.claimed_until) <= now),
    )


def claimable(now: datetime) -> ColumnElement[bool]:
    """Waiting, due, and no worker is sending it."""
    return and_(unclaimed(now), col(OutboxMessage.next_attempt_at) <= now)


class Claims:
    def __init__(self, sessions: SessionFactory, *, skip_locked: bool, lease: timedelta) -> None:
        self._sessions = sessions
        self._skip_locked = skip_locked
        self.lease = lease

    async def take(
        self,
        channel: str,
        now: datetime,
        limit: int,
        pick: Pick | None = None,
    ) -> list[OutboxMessage]:
        """Claim up to `limit` due rows of `channel`, highest priority first.

        `pick(rows)` may set some candidates aside: it returns (rows to claim, {row id: when
        to look again}) and those rows are pushed back without being claimed.
        """
        async with self._sessions() as session:
            query = (
                select(OutboxMessage)
                .where(col(OutboxMessage.channel) == channel, claimable(now))
                .order_by(col(OutboxMessage.priority).desc(), col(OutboxMessage.id))
                .limit(limit)
            )
            if self._skip_locked:
                query = query.with_for_update(skip_locked=True)
            rows = list((await session.exec(query)).all())
            later: dict[int, datetime] = {}
            if pick is not None and rows:
                rows, later = pick(rows)
            if later:
                # One statement run for many rows (executemany), outside the ORM.
                connection = await session.connection()
                await connection.execute(
                    _POSTPONE,
                    [{"row_id": row_id, "when": when} for row_id, when in later.items()],
                )
            mine: set[int] = set()
            if rows:
                claimed = await session.exec(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id).in_([r.id for r in rows]), claimable(now))
                    .values(claimed_until=now + self.lease)
                    .returning(col(OutboxMessage.id))
                )
                mine = set(claimed.scalars().all())
            await session.commit()
        return [row for row in rows if row.id in mine]

    async def strays(self, known: Collection[str], now: datetime, limit: int) -> int:
        """Fail due rows for channels this process does not have (a typo, a removed channel)."""
        async with self._sessions() as session:
            query = (
                select(OutboxMessage.id)
                .where(col(OutboxMessage.channel).not_in(list(known)), claimable(now))
                .limit(limit)
            )
            if self._skip_locked:
                query = query.with_for_update(skip_locked=True)
            ids = list((await session.exec(query)).all())
            if ids:
                await session.exec(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id).in_(ids), claimable(now))
                    .values(
                        status=OutboxStatus.FAILED,
                        last_error=literal("no channel here: ") + col(OutboxMessage.channel),
                    )
                )
            await session.commit()
        return len(ids)

    async def finish(self, row_id: int, values: dict[str, object]) -> None:
        """Write a row's outcome and release its lease."""
        values = {**values, "claimed_until": None}
        for attempt in range(1, _FINISH_TRIES + 1):
            try:
                async with self._sessions() as session:
                    await session.exec(
                        update(OutboxMessage)
                        .where(col(OutboxMessage.id) == row_id)
                        .values(**values)
                    )
                    await session.commit()
                return
            except OperationalError:
                if attempt == _FINISH_TRIES:
                    raise
                log.warning("outbox row %s: outcome not written yet, retrying", row_id)
                await asyncio.sleep(0.05 * attempt)
