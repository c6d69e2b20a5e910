"""Messages to tipsters leave the outbox as soon as they are delivered (or given up).

An outbox row holds its recipient's chat in plain text beside the minute it was written,
and the officer's message to the tip (and the tip's change of status) carries the same
minute: kept the usual 14 days, the pair tied an anonymous tip to its tipster for anyone
reading the database. The row's key is already opaque (`handlers.tips.relay`); once the
row has done its work nothing needs it, and the conversation itself stays with the tip.
Which rows these are is said once, in `storage.outbox.forgets_chat_when_sent`.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col

from bot.context import Services
from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import forgetting_chat


async def forget_tip_relays(services: Services) -> int:
    """Delete the messages to tipsters no longer waiting to be sent; returns how many."""
    async with services.sessions() as session:
        done = await session.exec(
            delete(OutboxMessage).where(
                forgetting_chat(), col(OutboxMessage.status) != OutboxStatus.PENDING
            )
        )
        await session.commit()
    return int(done.rowcount or 0)
