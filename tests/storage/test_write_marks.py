"""A read made early in a transaction stands until anything is written, and not past commit."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Services
from storage import memos
from storage.write_marks import WriteMark
from tests.support.clock import FakeClock

KEY = "web|r|r"
FRESH = timedelta(minutes=15)


async def test_a_mark_stands_until_a_write_and_not_past_commit(
    services: Services, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        mark = WriteMark.now((await session.connection()).sync_connection)
        assert mark.unwritten()
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) is None  # a read
        assert mark.unwritten()
        await memos.remember(session, KEY, "asked", "T1", clock.now)
        await session.flush()  # a write, whichever table
        assert not mark.unwritten()
        mark = WriteMark.now((await session.connection()).sync_connection)
        await session.commit()
        assert not mark.unwritten()  # what follows is another transaction's


async def test_a_memo_written_elsewhere_is_seen_by_the_next_transaction(
    services: Services, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) is None
        await session.commit()
        async with services.sessions() as other:  # another worker, say
            await memos.remember(other, KEY, "asked", "T1", clock.now)
            await other.commit()
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) == "T1"
