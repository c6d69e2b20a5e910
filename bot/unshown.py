"""The rest of a reply a channel could not show at once, kept until the user asks for it.

The official account may send only a few messages after the user's last one (its reply
window). A reply longer than what is left goes out shortened, its last message saying how
much is still to come; the rest is kept here (sealed, as every memo), and 「更多」 shows it:
the user's 「更多」 opens a fresh window for it.

Each shortened reply keeps its own rest, and 「更多」 shows the oldest not yet shown: a
second shortened reply must not take away what the first one's note promised. Replicas may
answer two 「更多」 at once; a rest is deleted only if it is still the one read, so only
one of them shows it.
"""

from __future__ import annotations

import re
import secrets
import time
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from bot import codec
from bot.messages import Reply, Text
from storage.models import UserMemo
from storage.models.memo import VALUE_COLUMN
from storage.sealed import seal, unseal

MEMO = "unshown"
#: The word that shows the rest (`handlers.more` routes it).
MORE = "更多"
#: Memos are purged after a day (`scheduler.jobs.retention`): a rest is not kept longer.
TTL = timedelta(days=1)
_NOTE = re.compile(r"还有 \d+ 条内容未显示，请回复「" + MORE + "」查看。")


def note(count: int) -> str:
    """The last line of a shortened reply: `count` messages are still to come."""
    return f"还有 {count} 条内容未显示，请回复「{MORE}」查看。"


def promises_more(replies: list[Reply]) -> bool:
    """Whether `replies` end a shortened reply (they carry its note): the unsent part of
    one, retried, whose rest is kept already."""
    return any(isinstance(r, Text) and _NOTE.search(r.text) for r in replies)


#: Said after a rest when another shortened reply's rest is still kept.
STILL_MORE = f"还有内容未显示，请再回复「{MORE}」查看。"


async def keep(session: AsyncSession, user_key: str, replies: list[Reply], now: datetime) -> str:
    """Keep what a shortened reply left out, after any rest kept before; its memo's name
    (`withdraw` takes it back if the note promising it was never sent).

    A 「更多」 answer that had to be shortened in turn (it ends with `STILL_MORE`) keeps
    its rest before the others: it goes on from what was just read."""
    # Names sort in the order shown, even for two rests kept at the same clock reading.
    front = any(isinstance(r, Text) and r.text == STILL_MORE for r in replies)
    name = f"{MEMO}:{0 if front else 1}{time.time_ns():020d}{secrets.token_hex(4)}"
    sealed = seal(session, codec.dumps(replies), VALUE_COLUMN)
    session.add(UserMemo(user_key=user_key, name=name, value=sealed, updated_at=now))
    return name


async def withdraw(session: AsyncSession, user_key: str, name: str) -> None:
    """Take back the rest kept under `name`: its reply was not sent after all."""
    await session.exec(
        delete(UserMemo).where(col(UserMemo.user_key) == user_key, col(UserMemo.name) == name)
    )


def _rests(user_key: str) -> SelectOfScalar[UserMemo]:
    return select(UserMemo).where(
        col(UserMemo.user_key) == user_key,
        or_(col(UserMemo.name) == MEMO, col(UserMemo.name).like(f"{MEMO}:%")),
    )


async def take(
    session: AsyncSession, user_key: str, now: datetime, *, after: datetime | None = None
) -> list[Reply]:
    """The oldest rest kept for the user, once, among those kept after `after` (a later
    question has its own 更多), followed by word if more are kept; else nothing."""
    query = _rests(user_key).where(col(UserMemo.updated_at) > now - TTL)
    if after is not None:
        query = query.where(col(UserMemo.updated_at) > after)
    for memo in (await session.exec(query.order_by(col(UserMemo.name)))).all():
        # Only one 「更多」 deletes the row it read: another replica's finds it gone.
        gone = await session.exec(
            delete(UserMemo).where(
                col(UserMemo.user_key) == user_key,
                col(UserMemo.name) == memo.name,
                col(UserMemo.updated_at) == memo.updated_at,
            )
        )
        if gone.rowcount != 1:
            continue
        rest = codec.loads(unseal(session, memo.value, VALUE_COLUMN))
        left = (await session.exec(query.where(col(UserMemo.name) != memo.name))).first()
        return [*rest, Text(STILL_MORE)] if left is not None else rest
    return []
