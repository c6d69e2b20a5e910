"""Queue rows for delivery as a job or a handler does, and read what the bot queued."""

from __future__ import annotations

from sqlmodel import col, select

from bot import codec
from bot.context import Services
from bot.messages import Reply
from storage.models import OutboxMessage
from storage.outbox import PAYLOAD, enqueue
from storage.sealed import unseal_with
from tests.support.chat import text_of
from tests.support.keys import TEST_CIPHER


async def queue(
    services: Services, channel: str, chat_id: str, replies: list[Reply], key: str = "row-1"
) -> None:
    """One outbox row of `replies` to `chat_id` on `channel`, queued now by the app's clock."""
    async with services.sessions() as session:
        enqueue(
            session,
            dedupe_key=key,
            channel=channel,
            chat_id=chat_id,
            replies=replies,
            now=services.clock(),
        )
        await session.commit()


async def queued(services: Services, chat_id: str | None = None) -> list[OutboxMessage]:
    async with services.sessions() as session:
        query = select(OutboxMessage).order_by(col(OutboxMessage.id))
        if chat_id is not None:
            query = query.where(OutboxMessage.chat_id == chat_id)
        return list((await session.exec(query)).all())


def opened(row: OutboxMessage) -> str:
    """The row's payload as JSON text: rows are sealed at rest (storage.sealed)."""
    return unseal_with(TEST_CIPHER, row.payload, PAYLOAD)


def text(row: OutboxMessage) -> str:
    return "\n".join(text_of(r) for r in codec.loads(opened(row)))


async def texts_to(services: Services, chat_id: str) -> list[str]:
    return [text(row) for row in await queued(services, chat_id)]
