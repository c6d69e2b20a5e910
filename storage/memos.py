"""Small per-user memories (the last buttons, the last legal question, a check-in said
before its place was chosen): one row per (user, name), sealed at rest, read while fresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, bindparam
from sqlalchemy.orm import Session
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import UserMemo
from storage.models.memo import VALUE_COLUMN
from storage.sealed import seal, unseal
from storage.write_marks import WriteMark

#: The memo of a chat's last legal question (written by `handlers.law`); read too by the
#: forms, whose 更多 pages a legal answer given just before the form began.
LAW_QUESTION = "law"

_TABLE: Table = UserMemo.__table__  # type: ignore[attr-defined]
# Built once, and read as columns: a memo is looked up on most messages, usually to find
# none, and `session.get` cost twice as much as this statement (building the ORM lookup and
# the object, which is read once and dropped).
# A user's memos are read together, once per transaction while nothing is written (see
# `recall`): a message that passes the fallback's checks asks for two or three of them.
_READ = select(_TABLE.c.name, _TABLE.c.value, _TABLE.c.updated_at).where(
    _TABLE.c.user_key == bindparam("user_key")
)
#: The last read, in `Session.info`.
_LAST_READ = "jingmin_memos_read"


@dataclass(frozen=True)
class _Read:
    user_key: str
    #: name: (sealed value, updated_at)
    rows: dict[str, tuple[str, datetime]]
    mark: WriteMark


def _memos(session: Session, user_key: str) -> _Read:
    """The user's memos, as this transaction sees them now: what it has remembered or
    forgotten is written first (a column statement does not flush by itself, and
    `session.get` had handed back a memo forgotten just before); the last read stands
    while nothing has been written since (`storage.write_marks`)."""
    session.flush()
    last: _Read | None = session.info.get(_LAST_READ)
    if last is not None and last.user_key == user_key and last.mark.unwritten():
        return last
    conn = session.connection()
    rows = {name: (value, at) for name, value, at in conn.execute(_READ, {"user_key": user_key})}
    read = _Read(user_key, rows, WriteMark.now(conn))
    session.info[_LAST_READ] = read
    return read


async def remember(
    session: AsyncSession, user_key: str, name: str, text: str, now: datetime
) -> None:
    sealed = seal(session, text, VALUE_COLUMN)
    memo = await session.get(UserMemo, (user_key, name))
    if memo is None:
        session.add(UserMemo(user_key=user_key, name=name, value=sealed, updated_at=now))
    else:
        memo.value, memo.updated_at = sealed, now
        session.add(memo)


async def recall(
    session: AsyncSession, user_key: str, name: str, now: datetime, fresh_for: timedelta
) -> str | None:
    """The text remembered under `name`, unless it is older than `fresh_for`."""
    read: _Read = await session.run_sync(_memos, user_key)
    row = read.rows.get(name)
    if row is None:
        return None
    value, updated_at = row
    if now - updated_at > fresh_for:
        return None
    return unseal(session, value, VALUE_COLUMN)


async def written_at(session: AsyncSession, user_key: str, name: str) -> datetime | None:
    """When the memo was last written, if there is one (which of two memos is newer)."""
    memo = await session.get(UserMemo, (user_key, name))
    return memo.updated_at if memo is not None else None


async def forget(session: AsyncSession, user_key: str, name: str) -> None:
    memo = await session.get(UserMemo, (user_key, name))
    if memo is not None:
        await session.delete(memo)
