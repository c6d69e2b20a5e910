"""A reply to a public wanted notice is a sighting: "我在菜市场见过他" quoted under the
notice opens the tip form for that person, with the words as the description.

Found through the notice's outbox row, which keeps the platform's ids of what it sent
(Telegram gives replies the id of the message they answer). In a group the tip is not
taken there, where everyone reads it: the reader is asked to write privately.
"""

from __future__ import annotations

import json

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import ChatType, Reply, Text
from handlers.broadcast.compose import sighting_command
from handlers.broadcast.release import KEY_ROOT, broadcast_of
from handlers.tips.form import start_tip
from handlers.wanted.access import publishable
from storage.models import Broadcast, OutboxMessage
from storage.outbox import key_range


async def notice_answered(
    session: AsyncSession, channel: str, chat_id: str, message_ref: str
) -> int | None:
    """The wanted person of the public notice that message `message_ref` of this chat was."""
    rows = await session.exec(
        select(OutboxMessage.dedupe_key, OutboxMessage.sent_refs).where(
            OutboxMessage.channel == channel,
            OutboxMessage.chat_id == chat_id,
            key_range(KEY_ROOT),
            col(OutboxMessage.sent_refs).contains(json.dumps(message_ref)),
        )
    )
    for key, refs in rows.all():
        if message_ref not in json.loads(refs or "[]"):
            continue
        broadcast = await session.get(Broadcast, broadcast_of(key))
        wanted_id = broadcast.wanted_id if broadcast is not None else None
        if wanted_id is not None and await publishable(session, wanted_id) is not None:
            return wanted_id
    return None


def with_sighting_replies(forms: FormEngine, fallback: Handler) -> Handler:
    async def handler(ctx: Context) -> list[Reply]:
        inbound = ctx.inbound
        if inbound.reply_to:
            wanted_id = await notice_answered(
                ctx.session, inbound.channel, inbound.chat_id, inbound.reply_to
            )
            if wanted_id is not None:
                if inbound.chat_type is not ChatType.PRIVATE:
                    return [
                        Text(
                            "感谢提供线索！为保护您的安全，请私聊本号发送"
                            f"「{sighting_command(wanted_id)}」，或直接拨打110。"
                        )
                    ]
                return await start_tip(ctx, forms, text=inbound.text, wanted_id=wanted_id)
        return await fallback(ctx)

    return handler
