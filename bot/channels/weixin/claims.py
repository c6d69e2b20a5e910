"""Claim a callback once, in one transaction: the signed request, its message, and the
official account's reply window.

The keys live in `seen_delivery`, as `storage.dedupe.first_time` keeps them, but claiming
them in a transaction each cost more than handling the message (three commits per callback),
so both keys go in one `INSERT … ON CONFLICT DO NOTHING RETURNING key`: the keys it returns
are the new ones. The statements are built once per database dialect and run on the session's
connection, which keeps SQLAlchemy's compile cache warm and the ORM out of the way.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import SessionFactory
from storage.models import SeenDelivery, SendAllowance

_SEEN: Table = SeenDelivery.__table__  # type: ignore[attr-defined]
_ALLOWANCE: Table = SendAllowance.__table__  # type: ignore[attr-defined]


class Claim(Enum):
    #: First time: handle it.
    NEW = "new"
    #: The same signed request again: a replay (refuse it).
    REPLAY = "replay"
    #: A new request for a message already taken: the platform retrying (answer, do not handle).
    RETRY = "retry"


@cache
def _statements(dialect: str) -> tuple[Any, Any]:
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    keys = insert(_SEEN).on_conflict_do_nothing(index_elements=["key"]).returning(_SEEN.c.key)
    window = insert(_ALLOWANCE).values(key=bindparam("window"), opened_at=bindparam("now"), used=0)
    window = window.on_conflict_do_update(
        index_elements=["key"], set_={"opened_at": window.excluded.opened_at, "used": 0}
    )
    return keys, window


async def claim(
    sessions: SessionFactory,
    *,
    request_key: str,
    message_key: str,
    now: datetime,
    window_key: str | None = None,
) -> Claim:
    """`window_key`: a user-initiated message opens a fresh reply window (see `allowance`)."""
    engine: AsyncEngine = sessions.kw["bind"]
    async with engine.connect() as conn:
        # One trip into SQLAlchemy's sync layer for the whole transaction, on a bare
        # connection (no ORM session): this runs on every callback.
        outcome: Claim = await conn.run_sync(
            _claim, request_key[:200], message_key[:200], now, window_key
        )
    return outcome


def _claim(
    conn: Connection, request_key: str, message_key: str, now: datetime, window_key: str | None
) -> Claim:
    keys, window = _statements(conn.dialect.name)
    rows = [{"key": request_key, "seen_at": now}, {"key": message_key, "seen_at": now}]
    new = set(conn.execute(keys, rows).scalars())
    if request_key not in new:
        conn.rollback()  # nothing of this request is kept
        return Claim.REPLAY
    if message_key not in new:
        conn.commit()  # keep the request key: replaying this one is refused too
        return Claim.RETRY
    if window_key is not None:
        conn.execute(window, {"window": window_key, "now": now})
    conn.commit()
    return Claim.NEW
