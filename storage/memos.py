"""Small per-user memories (the last buttons, the last legal question, a check-in said
before its place was chosen): one row per (user, name), sealed at rest, read while fresh."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    #: name: value, unsealed once (a message asks for the last buttons several times)
    plain: dict[str, str] = field(default_factory=dict)


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


def _standing(session: AsyncSession, user_key: str) -> _Read | None:
    """The last read, if it stands and nothing waits to be flushed: then `_memos` would
    hand it back, and the trip into SQLAlchemy's sync layer to ask is spared (the fallback
    handlers ask on most messages, each for itself)."""
    last: _Read | None = session.info.get(_LAST_READ)
    if last is None or last.user_key != user_key or not last.mark.unwritten():
        return None
    sync = session.sync_session
    if sync.new or sync.deleted or sync.dirty:
        return None
    return last


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
    found = await recall_written(session, user_key, name, now, fresh_for)
    return None if found is None else found[0]


async def recall_written(
    session: AsyncSession, user_key: str, name: str, now: datetime, fresh_for: timedelta
) -> tuple[str, datetime] | None:
    """`recall`, with when the text was written."""
    read = _standing(session, user_key)
    if read is None:
        read = await session.run_sync(_memos, user_key)
    row = read.rows.get(name)
    if row is None:
        return None
    value, updated_at = row
    if now - updated_at > fresh_for:
        return None
    plain = read.plain.get(name)
    if plain is None:
        plain = read.plain[name] = unseal(session, value, VALUE_COLUMN)
    return plain, updated_at


async def written_at(session: AsyncSession, user_key: str, name: str) -> datetime | None:
    """When the memo was last written, if there is one (which of two memos is newer)."""
    memo = await session.get(UserMemo, (user_key, name))
    return memo.updated_at if memo is not None else None


async def forget(session: AsyncSession, user_key: str, name: str) -> None:
    memo = await session.get(UserMemo, (user_key, name))
    if memo is not None:
        await session.delete(memo)


# Written out once, for memos whose being kept is known from `kept` (a message's own
# record of what it asked): no `session.get` first, which costs a statement of its own.
_UPDATE = (
    _TABLE.update()
    .where(_TABLE.c.user_key == bindparam("for_user"), _TABLE.c.name == bindparam("memo"))
    .values(value=bindparam("sealed"), updated_at=bindparam("at"))
)
_INSERT = _TABLE.insert().values(
    user_key=bindparam("for_user"),
    name=bindparam("memo"),
    value=bindparam("sealed"),
    updated_at=bindparam("at"),
)
_DROP = _TABLE.delete().where(
    _TABLE.c.user_key == bindparam("for_user"), _TABLE.c.name == bindparam("memo")
)


async def kept(session: AsyncSession, user_key: str) -> frozenset[str]:
    """The names of the user's memos, fresh or not, as this transaction sees them now: from
    the read `recall` makes and shares, when it stands."""
    read = _standing(session, user_key)
    if read is None:
        read = await session.run_sync(_memos, user_key)
    return frozenset(read.rows)


async def put(
    session: AsyncSession, user_key: str, name: str, text: str, now: datetime, *, kept: bool
) -> None:
    """`remember`, told whether the memo is `kept` already. Only for a memo that is never
    loaded as an object (`remember`, `written_at`): the session would not see the change."""
    params = {
        "for_user": user_key,
        "memo": name,
        "sealed": seal(session, text, VALUE_COLUMN),
        "at": now,
    }
    # On the connection: the statements are not the ORM's (and the session's `execute`
    # warns, as SQLModel would have `exec` used).
    await (await session.connection()).execute(_UPDATE if kept else _INSERT, params)


async def drop(session: AsyncSession, user_key: str, name: str) -> None:
    """`forget` a memo known to be kept, on the same terms as `put`."""
    await (await session.connection()).execute(_DROP, {"for_user": user_key, "memo": name})
