"""The rest of a reply a channel could not show at once, kept until the user asks for it.

The official account may send only a few messages after the user's last one (its reply
window). A reply longer than what is left goes out shortened, its last message saying how
much is still to come; the rest is kept here (sealed, as every memo), and 「更多」 shows it:
the user's 「更多」 opens a fresh window for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot import codec
from bot.messages import Reply
from storage import memos

MEMO = "unshown"
#: The word that shows the rest (`handlers.more` routes it).
MORE = "更多"
#: Memos are purged after a day (`scheduler.jobs.retention`): a rest is not kept longer.
TTL = timedelta(days=1)


def note(count: int) -> str:
    """The last line of a shortened reply: `count` messages are still to come."""
    return f"还有 {count} 条内容未显示，请回复「{MORE}」查看。"


async def keep(session: AsyncSession, user_key: str, replies: list[Reply], now: datetime) -> None:
    """What a shortened reply left out, replacing what an earlier one left out."""
    await memos.remember(session, user_key, MEMO, codec.dumps(replies), now)


async def take(
    session: AsyncSession, user_key: str, now: datetime, *, after: datetime | None = None
) -> list[Reply]:
    """The rest kept for the user, once, if it was kept after `after` (a later question
    has its own 更多); else nothing."""
    kept_at = await memos.written_at(session, user_key, MEMO)
    if kept_at is None or (after is not None and kept_at <= after):
        return []
    kept = await memos.recall(session, user_key, MEMO, now, TTL)
    await memos.forget(session, user_key, MEMO)
    return codec.loads(kept) if kept else []
