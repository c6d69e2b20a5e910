"""Claim a callback once: the signed request, its message, and the official account's
reply window.

The keys live in `seen_delivery`, as `storage.dedupe.first_time` keeps them. A message the
handlers will see is claimed in the message's transaction (`Claiming.within`, the
dispatcher's `admit` step) and commits with what the message changed: a transaction of its
own, a second wait for a pooled connection (SQLite has one) and a second commit per
callback, took about 40 % of the server's time per callback. Callbacks the handlers never
see (events that need no answer, types we do not take) and photos (claimed before the
download, so that a replay costs no download) are claimed alone (`Claiming.alone`).

Both keys are claimed by one `INSERT … ON CONFLICT DO NOTHING` (one statement instead of one
per key saves a round through SQLAlchemy and the database per callback). It adds nothing
when the request's key is there already, and otherwise each key that is not: 0 rows added
is a replayed request, 1 the platform retrying a message already taken, 2 a new message.
Across processes it decides as one statement per key did: a process that meets a key
another has added but not yet committed waits for that commit (PostgreSQL) or for the one
writer (SQLite), then finds it taken. The statements are written out once, the same text
on both engines, and run on the transaction's connection, which keeps SQLAlchemy's compile
cache warm and the ORM out of the way.

On PostgreSQL, where every statement is a round trip to the server, a new message's reply
window is opened by the same statement (a data-modifying `WITH`, which SQLite does not
have): the window's upsert runs only when both keys were added, as the second statement
does on SQLite, and waits for the same row locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import CursorResult, Table, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

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


#: Both keys: nothing when the request's key is there already, else each key that is not.
_CLAIM = (
    'INSERT INTO seen_delivery ("key", seen_at)'
    " SELECT v.column1, :now FROM (VALUES (:request), (:message)) AS v"
    ' WHERE NOT EXISTS (SELECT 1 FROM seen_delivery WHERE "key" = :request)'
    ' ON CONFLICT ("key") DO NOTHING'
)
#: The reply window, opened anew: a new one starts with the model's empty send log
#: (`recent`); a reopened one keeps its own. `{rows}` is where the new row comes from.
_OPEN = (
    'INSERT INTO send_allowance ("key", opened_at, used, recent) {rows}'
    ' ON CONFLICT ("key") DO UPDATE SET opened_at = excluded.opened_at, used = 0'
)


def _binds(*names: str) -> list[Any]:
    # Typed as the columns, as an `insert()` types them.
    types = {
        "now": _SEEN.c.seen_at.type,
        "request": _SEEN.c.key.type,
        "message": _SEEN.c.key.type,
        "window": _ALLOWANCE.c.key.type,
    }
    recent = bindparam(
        "recent", SendAllowance.model_fields["recent"].default, type_=_ALLOWANCE.c.recent.type
    )
    return [recent if name == "recent" else bindparam(name, type_=types[name]) for name in names]


@cache
def _statements() -> tuple[Any, Any, Any]:
    """(claim, open the window, both in one: PostgreSQL)."""
    # Written out: SQLAlchemy would compile a multi-row `insert()` anew for every callback,
    # and an `insert()` with `on_conflict_do_update` has its cache key worked out again on
    # every run, which cost a quarter of the statement's time on SQLite.
    claim = text(_CLAIM).bindparams(*_binds("now", "request", "message"))
    window = text(_OPEN.format(rows="VALUES (:window, :now, 0, :recent)")).bindparams(
        *_binds("window", "now", "recent")
    )
    # The window's row only when both keys were added (a new message), as on SQLite.
    rows = "SELECT :window, :now, 0, :recent WHERE (SELECT count(*) FROM claimed) = 2"
    claim_and_open = text(
        f"WITH claimed AS ({_CLAIM} RETURNING 1), opened AS ({_OPEN.format(rows=rows)})"
        " SELECT count(*) FROM claimed"
    ).bindparams(*_binds("now", "request", "message", "window", "recent"))
    return claim, window, claim_and_open


@dataclass
class Claiming:
    """One callback's keys. `window_key`: a user-initiated message opens a fresh reply
    window (see `allowance`)."""

    request_key: str
    message_key: str
    now: datetime
    window_key: str | None = None
    #: What the claim found, once it has run.
    outcome: Claim | None = None

    async def alone(self, sessions: SessionFactory) -> Claim:
        """Claim in a transaction of its own, committed before the callback goes on."""
        engine: AsyncEngine = sessions.kw["bind"]
        async with engine.connect() as conn:
            # One trip into SQLAlchemy's sync layer for the whole transaction, on a bare
            # connection (no ORM session).
            outcome: Claim = await conn.run_sync(self._alone)
        return outcome

    async def within(self, session: AsyncSession) -> bool:
        """Claim in the message's transaction (the dispatcher's `admit`): True to handle it.

        On a replay nothing has been written; on a platform retry the request key has, and
        the dispatcher commits it, so replaying that request is refused too."""
        outcome: Claim = await session.run_sync(self._within)
        return outcome is Claim.NEW

    def _alone(self, conn: Connection) -> Claim:
        outcome = self._run(conn)
        if outcome is Claim.REPLAY:
            conn.rollback()
        else:
            conn.commit()
        return outcome

    def _within(self, session: Session) -> Claim:
        return self._run(session.connection())

    def _run(self, conn: Connection) -> Claim:
        claim, window, claim_and_open = _statements()
        keys = {"request": self.request_key[:200], "message": self.message_key[:200]}
        opened = False
        if self.window_key is not None and conn.dialect.name == "postgresql":
            values = {**keys, "now": self.now, "window": self.window_key}
            added = int(conn.execute(claim_and_open, values).scalar_one())
            opened = True
        else:
            result = conn.execute(claim, {**keys, "now": self.now})
            added = result.rowcount if isinstance(result, CursorResult) else 0
        if added == 0:
            self.outcome = Claim.REPLAY
        elif added == 1:
            self.outcome = Claim.RETRY  # keep the request key: replaying this one is refused
        else:
            if self.window_key is not None and not opened:
                conn.execute(window, {"window": self.window_key, "now": self.now})
            self.outcome = Claim.NEW
        return self.outcome
