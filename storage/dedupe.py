"""Claim an inbound delivery key once, across processes (the primary key decides)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from storage.db import SessionFactory
from storage.models.dedupe import SeenDelivery


async def first_time(sessions: SessionFactory, key: str, now: datetime) -> bool:
    """True for the first caller with this key; False for every retry after it."""
    async with sessions() as session:
        session.add(SeenDelivery(key=key[:200], seen_at=now))
        try:
            await session.commit()
        except IntegrityError:
            return False
    return True
