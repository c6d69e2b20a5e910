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
from handlers.fallback.footprint import footprint
from handlers.tips.codes import source_index
from handlers.tips.relay import tip_code
from storage.models import Tip, TipMessage, TipSource, TipStatus

#: A question older than this is no longer what a plain message answers (tips and reports).
#: Past `FRESH`, a message gets its own answer first and the offer to send it as the answer
#: only as a button under it (`handlers.reports.pending`).
WINDOW = timedelta(days=3)
#: How long after the station's question a plain statement is taken as most likely its
#: answer, and offered as that before anything else.
FRESH = timedelta(hours=1)
#: The memo of a tip whose addition was asked for (补充 alone): the next message is it
#: (`handlers.tips.additions`), unless the tip is taken back first (`handlers.tips.withdraw`).
ADDITION_ASKED = "tip_addition"


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
    """The code of the sender's open tip whose newest message is the station's recent
    question, if there is one. One query: this runs for every message no route claims."""
    tip = await waiting_tip(ctx)
    return tip_code(ctx.services, tip) if tip is not None else None


async def waiting_tip(
    ctx: Context, grace: timedelta | None = None, window: timedelta = WINDOW
) -> Tip | None:
    """The sender's open tip whose newest message is the station's question, asked within
    `window`; with `grace`, also one the tipster answered that recently (the rest of an
    album)."""
    if not (await footprint(ctx)).tips:
        return None
    rows = await ctx.session.exec(
        select(Tip, TipMessage)
        .join(TipSource, col(TipSource.tip_id) == col(Tip.id))
        .join(TipMessage, col(TipMessage.tip_id) == col(Tip.id))
        .where(
            TipSource.source_idx == source_index(ctx.services, ctx.person),
            col(Tip.status).in_([s for s in TipStatus if s.is_open]),
            col(TipMessage.created_at) > ctx.now - window,
        )
        .order_by(col(TipMessage.id).desc())
    )
    seen: set[int | None] = set()
    for tip, message in rows.all():  # newest first: a tip's first row is its newest message
        if tip.id in seen:
            continue
        seen.add(tip.id)
        if not message.from_tipster or (grace and message.created_at > ctx.now - grace):
            return tip
    return None
