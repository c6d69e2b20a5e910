"""Which stored photos some row still shows: a file is deleted only once none does."""

from __future__ import annotations

from sqlalchemy import literal
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Broadcast, InspectionItem, Question, Report, Tip, WantedPerson


async def photos_in_use(session: AsyncSession, photos: set[str]) -> set[str]:
    """Those of `photos` some row still shows (the same picture sent twice, a wanted card's
    photo, an alert's image, an inspection's)."""
    used: set[str] = set()
    for sha256 in photos:
        named = (
            col(Tip.photos).contains(sha256),
            col(Report.photos).contains(sha256),
            col(Question.photos).contains(sha256),
            col(WantedPerson.photos).contains(sha256),
            col(InspectionItem.fix_photos).contains(sha256),
        )
        for condition in named:
            if (await session.exec(select(literal(1)).where(condition).limit(1))).first():
                used.add(sha256)
                break
        else:
            for column in (Broadcast.image_sha256, InspectionItem.photo):
                if (
                    await session.exec(select(literal(1)).where(column == sha256).limit(1))
                ).first():
                    used.add(sha256)
                    break
    return used
