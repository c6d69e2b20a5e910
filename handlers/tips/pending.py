"""A tipster's plain answer to a question the station asked about their tip.

The station's question reaches the tipster with a 「回复民警」 button and the words
「回复 查询码 内容」; people answer by just typing. Found by the tipster's source index (their
account itself is sealed), the newest open tip whose last message is the station's recent
question is the one the typed text answers. Nothing is sent without the tap.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context
from handlers.tips.codes import source_index
from handlers.tips.relay import tip_code
from storage.models import Tip, TipMessage, TipSource

WINDOW = timedelta(days=3)


async def own_tips(ctx: Context, limit: int = 5) -> list[Tip]:
    """The sender's newest tips, found by their source index (the account is sealed)."""
    rows = await ctx.session.exec(
        select(Tip)
        .join(TipSource, col(TipSource.tip_id) == col(Tip.id))
        .where(TipSource.source_idx == source_index(ctx.services, ctx.person))
        .order_by(col(Tip.id).desc())
        .limit(limit)
    )
    return list(rows.all())


async def waiting_tip_code(ctx: Context) -> str | None:
    """The code of the sender's tip awaiting their answer, if there is one."""
    for tip in await own_tips(ctx):
        if not tip.status.is_open:
            continue
        last = (
            await ctx.session.exec(
                select(TipMessage)
                .where(TipMessage.tip_id == tip.id)
                .order_by(col(TipMessage.id).desc())
                .limit(1)
            )
        ).first()
        if last is not None and not last.from_tipster and ctx.now - last.created_at < WINDOW:
            return tip_code(ctx.services, tip)
    return None
