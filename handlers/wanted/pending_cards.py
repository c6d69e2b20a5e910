"""An edited card in messages not sent yet: they go out with the card as it reads now.

An edit deletes the card's old renders once committed (`card_files`); a push, hit alert or
rotation still waiting in the outbox named one, and would have gone out as
（图片已不可用）. Those messages get the new render (and caption) instead.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.messages import Image
from handlers.wanted.sending import caption
from scheduler.claims import unclaimed
from storage.models import CardDelivery, OutboxMessage, OutboxStatus, WantedPerson
from storage.outbox import repack, replies_of


async def retarget_pending(
    session: AsyncSession, wanted: WantedPerson, old_caption: str, sha256: str, now: datetime
) -> frozenset[str]:
    """Point the waiting messages carrying the card (shown as `old_caption`) at its new
    render `sha256`. Returns the old renders still named by a message being sent right now,
    which cannot be changed: they must be kept."""
    rows = await session.exec(
        select(OutboxMessage)
        .join(CardDelivery, col(CardDelivery.outbox_id) == col(OutboxMessage.id))
        .where(
            CardDelivery.wanted_id == wanted.id,
            col(OutboxMessage.status) == OutboxStatus.PENDING,
        )
        .distinct()
    )
    busy: set[str] = set()
    for outbox in rows.all():
        replies = replies_of(session, outbox)
        old = {r.sha256 for r in replies if isinstance(r, Image) and r.caption == old_caption}
        if not old:
            continue
        shown = caption(wanted)
        renewed = [
            dataclasses.replace(r, sha256=sha256, caption=shown)
            if isinstance(r, Image) and r.caption == old_caption
            else r
            for r in replies
        ]
        changed = await session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == outbox.id, unclaimed(now))
            .values(payload=repack(session, renewed))
        )
        if not changed.rowcount:
            busy |= old
    return frozenset(busy)
