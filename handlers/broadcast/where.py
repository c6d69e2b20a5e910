"""Where an alert's scope is, for the check screen before 确认: 旅馆 alone did not say whose
beat, and 悦来旅馆 500米 did not say which venues the circle takes in."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.broadcast.audience import Audience
from handlers.broadcast.naming import first_named
from handlers.broadcast.targets import venues_in
from storage.models import Beat

#: Venues named one by one; past it, 等N个.
VENUES_NAMED = 5


async def where_lines(session: AsyncSession, audience: Audience, station_id: int) -> list[str]:
    """The beats the scope lies in and, for a drawn area or a few venues, which venues
    (under the summary's 范围 line, which repeats the officer's words)."""
    venues = await venues_in(session, audience, station_id)
    beat_ids = set(audience.beats) | {v.beat_id for v in venues if v.beat_id is not None}
    rows = await session.exec(
        select(Beat.name).where(col(Beat.id).in_(sorted(beat_ids))).order_by(col(Beat.id))
    )
    beats = list(rows.all())
    # 全所 says it already; a drawn area may cross beats, each named.
    lines = (
        [] if audience.label.startswith("全所") or not beats else [f"警务区：{'、'.join(beats)}"]
    )
    if venues and (audience.fences or len(venues) <= VENUES_NAMED):
        names = "、".join(first_named([v.name for v in venues], VENUES_NAMED))
        lines.append(f"涉及场所：{names}")
    return lines
