"""A delivered message to a tipster does not stay in the outbox, where its chat and its
minute tied the anonymous tip to its author."""

from __future__ import annotations

from sqlalchemy import update

from bot.context import Services
from bot.dispatch import Dispatcher
from scheduler.jobs.tip_relays import forget_tip_relays
from storage.models import OutboxMessage, OutboxStatus
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.outbox import queued, texts_to
from tests.support.seed import Seeded


async def _deliver_all(services: Services) -> None:
    async with services.sessions() as session:
        await session.exec(update(OutboxMessage).values(status=OutboxStatus.SENT))
        await session.commit()


async def test_a_delivered_reply_to_a_tipster_leaves_no_row_naming_their_chat(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await submit_tip(Chat(dispatcher, "resident-1"), "菜市场东门每天下午有人设赌局")
    await Chat(dispatcher, "officer").say("/回复 1 能拍到他们的车牌吗")
    [told] = await texts_to(services, "resident-1")
    assert "民警回复：能拍到他们的车牌吗" in told
    # Not yet sent: it stays, to be delivered.
    assert await forget_tip_relays(services) == 0
    assert len(await queued(services, "resident-1")) == 1
    await _deliver_all(services)
    assert await forget_tip_relays(services) == 1
    assert await queued(services, "resident-1") == []
    # The officers' own notices are kept as every delivered message is.
    assert await texts_to(services, "officer")
