"""Tips nobody on the beat picked up in time go to the station's duty officers, once."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Services
from handlers.tips.routing import escalate
from storage.models import Tip, TipStatus

BATCH = 200


async def escalate_tips(services: Services) -> int:
    """Escalate unacknowledged tips older than `[tips] escalate_minutes`; returns how many."""
    now = services.clock()
    cutoff = now - timedelta(minutes=services.settings.tips.escalate_minutes)
    async with services.sessions() as session:
        tips = (
            await session.exec(
                select(Tip)
                .where(
                    Tip.status == TipStatus.RECEIVED,
                    col(Tip.acked_at).is_(None),
                    col(Tip.escalated_at).is_(None),
                    col(Tip.muted).is_(False),
                    col(Tip.spam).is_(False),
                    col(Tip.created_at) <= cutoff,
                )
                .order_by(col(Tip.id))
                .limit(BATCH)
            )
        ).all()
        for tip in tips:
            await escalate(session, tip, now)
        await session.commit()
    return len(tips)
