"""An officer asking who has not acknowledged, naming no alert (哪些场所还没回复收到, 谁还没
确认): their latest alert sent, as /通报状态 N shows it with its list of who has not. The
list of recent alerts had left them to look the number up and ask again."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlmodel import col, select

from bot.context import Context
from bot.router import Suggestion
from storage.models import Broadcast, BroadcastStatus

#: Asking who or which (谁, 哪些, 哪几家) has not (没, 未, 还没).
_WHO_HAS_NOT = re.compile(r"(?:谁|哪)[^，,。？?]*?(?:没|未)")


async def latest_unacked(ctx: Context, offer: Suggestion) -> Suggestion:
    """`offer` of /通报状态 as the officer's latest alert sent when `ctx`'s message asks
    who has not acknowledged and names no alert; else `offer` as it is."""
    if offer.typed.split()[1:] or not _WHO_HAS_NOT.search(ctx.inbound.text):
        return offer
    latest = (
        await ctx.session.exec(
            select(Broadcast.id)
            .where(
                Broadcast.author_person_id == ctx.person.id,
                col(Broadcast.status).in_((BroadcastStatus.SENDING, BroadcastStatus.DONE)),
            )
            .order_by(col(Broadcast.id).desc())
            .limit(1)
        )
    ).first()
    return offer if latest is None else replace(offer, typed=f"{offer.typed} {latest}")
