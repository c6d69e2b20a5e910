"""Per-user memos: what a message remembers or forgets is what the same message recalls."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Services
from storage import memos
from tests.support.clock import FakeClock

KEY = "web|r|r"
FRESH = timedelta(minutes=15)


async def test_a_memo_is_recalled_while_fresh_and_not_after(
    services: Services, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        await memos.remember(session, KEY, "asked", "T1", clock.now)
        await session.commit()
    async with services.sessions() as session:
        assert await memos.recall(session, KEY, "asked", clock.now + FRESH, FRESH) == "T1"
        later = clock.now + FRESH + timedelta(seconds=1)
        assert await memos.recall(session, KEY, "asked", later, FRESH) is None
        assert await memos.recall(session, KEY, "other", clock.now, FRESH) is None


async def test_the_same_transaction_recalls_what_it_remembered_last(
    services: Services, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        await memos.remember(session, KEY, "asked", "T1", clock.now)
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) == "T1"
        await memos.remember(session, KEY, "asked", "T2", clock.now)
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) == "T2"


async def test_a_memo_forgotten_is_not_recalled_by_the_same_transaction(
    services: Services, clock: FakeClock
) -> None:
    # A handler that forgot a memo, followed in the same message by one that reads it (a
    # retold message runs the handlers again), had read it back as if it were still there.
    async with services.sessions() as session:
        await memos.remember(session, KEY, "asked", "T1", clock.now)
        await session.commit()
    async with services.sessions() as session:
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) == "T1"
        await memos.forget(session, KEY, "asked")
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) is None
        await session.commit()
    async with services.sessions() as session:
        assert await memos.recall(session, KEY, "asked", clock.now, FRESH) is None
