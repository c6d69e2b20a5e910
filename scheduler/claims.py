"""The outbox rows a delivery worker takes, and what it writes back.

A row is claimed by setting `claimed_until` (a lease) just before it is sent, and released
when the outcome is written: sent, failed, or pending again with a later `next_attempt_at`.
A worker that dies in between leaves the lease to run out, and the row is claimed again.
The `claimed_until` a claim wrote is also its token: every later claim of the row writes a
later one, so an outcome is written only while the row still carries the writer's own, and
a worker that lost its claim never overwrites what the next holder wrote.
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

from prometheus_client import Counter
from sqlalchemy import ColumnElement, and_, bindparam, literal, or_, update
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.base import Cause, stored_error
from storage.db import SessionFactory
from storage.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

LOST = Counter(
    "jingmin_outbox_claims_lost_total",
    "Outbox outcomes this worker (jingmin_worker) did not write: the row's claim had "
    "passed to another worker",
    ["channel"],
)

#: Tries at writing an outcome: losing a "sent" mark would mean sending again later.
_FINISH_TRIES = 5

_TABLE = OutboxMessage.__table__  # type: ignore[attr-defined]
_POSTPONE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values(next_attempt_at=bindparam("when"))
)
_RELEASE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"), _TABLE.c.claimed_until == bindparam("token"))
    .values(claimed_until=None)
)
_PUT_OFF = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"), _TABLE.c.claimed_until == bindparam("token"))
    .values(claimed_until=None, next_attempt_at=bindparam("when"))
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
            until = now + self.lease
            if rows:
                claimed = await session.exec(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id).in_([r.id for r in rows]), claimable(now))
                    .values(claimed_until=until)
                    .returning(col(OutboxMessage.id))
                )
                mine = set(claimed.scalars().all())
            await session.commit()
        taken = [row for row in rows if row.id in mine]
        for row in taken:
            row.claimed_until = until  # the token `finish` writes under (the session is closed)
        return taken

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
                        last_error=literal(stored_error(Cause.NO_CHANNEL, "no channel here: "))
                        + col(OutboxMessage.channel),
                    )
                )
            await session.commit()
        return len(ids)

    async def release(self, rows: list[OutboxMessage]) -> None:
        """Give up the claims on `rows` unsent, all in one write: due again, and in their
        order, for whichever worker claims next (rows claimed since by another are left)."""
        async with self._sessions() as session:
            connection = await session.connection()
            await connection.execute(
                _RELEASE, [{"row_id": row.id, "token": row.claimed_until} for row in rows]
            )
            await session.commit()

    async def put_off(self, rows: list[OutboxMessage], until: datetime) -> None:
        """Give up the claims on `rows` unsent until `until`, all in one write (rows claimed
        since by another are left). A row whose write is lost is claimed again once its
        lease runs out, unsent as before."""
        async with self._sessions() as session:
            connection = await session.connection()
            await connection.execute(
                _PUT_OFF,
                [{"row_id": row.id, "token": row.claimed_until, "when": until} for row in rows],
            )
            await session.commit()

    async def finish(self, row: OutboxMessage, values: dict[str, object]) -> bool:
        """Write the outcome of a row `take` returned and release its lease, if the row is
        still ours. False when its lease had run out and another worker claimed it: what
        that worker writes stands (logged and counted, naming the row only)."""
        values = {**values, "claimed_until": None}
        statement = (
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == row.id,
                col(OutboxMessage.claimed_until) == row.claimed_until,
            )
            .values(**values)
        )
        status = values.get("status", OutboxStatus.PENDING)
        for attempt in range(1, _FINISH_TRIES + 1):
            try:
                async with self._sessions() as session:
                    written = (await session.exec(statement)).rowcount
                    await session.commit()
                    if not written and attempt > 1:
                        # The error may have come after an earlier attempt had committed
                        # (the acknowledgement was lost): the row then already carries
                        # this outcome and no claim, and nobody else wrote it.
                        written = await _already_written(session, row, status)
                break
            except OperationalError:
                if attempt == _FINISH_TRIES:
                    raise
                log.warning("outbox row %s: outcome not written yet, retrying", row.id)
                await asyncio.sleep(0.05 * attempt)
        if written:
            return True
        LOST.labels(row.channel).inc()
        log.warning(
            "outbox row %s on %s: its lease had passed to another worker; not marked %s",
            row.id,
            row.channel,
            status,
        )
        return False


async def _already_written(session: AsyncSession, row: OutboxMessage, status: object) -> bool:
    stored = (
        await session.exec(
            select(OutboxMessage.status, OutboxMessage.claimed_until).where(
                col(OutboxMessage.id) == row.id
            )
        )
    ).first()
    return stored is not None and stored[1] is None and stored[0] == status
