"""What keeps the tip line usable: a per-person hourly limit, duplicate detection, and the
quiet throttle on sources officers marked as spam.

Everything is looked up through keyed hashes in `tip_source`; nothing here needs to know
who the source is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Tip, TipSource

DUPLICATE_WINDOW = timedelta(days=1)


async def over_limit(session: AsyncSession, source: str, now: datetime, per_hour: int) -> bool:
    count = (
        await session.exec(
            select(func.count()).where(
                TipSource.source_idx == source,
                col(TipSource.created_at) > now - timedelta(hours=1),
            )
        )
    ).one()
    return count >= per_hour


async def duplicate_of(
    session: AsyncSession, source: str, text_idx: str, now: datetime
) -> Tip | None:
    """The same text from the same source within a day."""
    return (
        await session.exec(
            select(Tip)
            .join(TipSource, col(TipSource.tip_id) == col(Tip.id))
            .where(
                TipSource.source_idx == source,
                TipSource.text_idx == text_idx,
                col(TipSource.created_at) > now - DUPLICATE_WINDOW,
            )
            .order_by(col(Tip.id).desc())
        )
    ).first()


async def throttled(session: AsyncSession, source: str, now: datetime, spam_days: int) -> bool:
    """Whether officers marked one of this source's recent tips as spam."""
    found = (
        await session.exec(
            select(Tip.id)
            .join(TipSource, col(TipSource.tip_id) == col(Tip.id))
            .where(
                TipSource.source_idx == source,
                col(Tip.spam),
                col(Tip.created_at) > now - timedelta(days=spam_days),
            )
            .limit(1)
        )
    ).first()
    return found is not None
