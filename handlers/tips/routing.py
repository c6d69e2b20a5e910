"""Who hears of a tip: its beat's officers, the station's duty officers when nobody picks it
up in time, and the issuing officer when it is a sighting of a wanted person.

Pushes carry no content (category, area, counts): the outbox is stored in plain text, and
opening the tip (`/线索 #N`) is what acknowledges it.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.messages import Button, Choices
from handlers.services.numbers import wanted_number
from handlers.services.photos import load as load_photos
from handlers.services.recipients import (
    area_accounts,
    distinct,
    duty_officer_accounts,
    officer_accounts,
)
from storage.models import Account, Beat, Tip, Venue, WantedPerson
from storage.outbox import enqueue_to_accounts


async def wanted_issuer_accounts(session: AsyncSession, wanted_id: int) -> list[Account]:
    """The accounts of the officer who put wanted person `wanted_id` on the list (none for
    an imported one: callers then tell the duty officers)."""
    wanted = await session.get(WantedPerson, wanted_id)
    if wanted is None or wanted.issued_by is None:
        return []
    return await officer_accounts(session, wanted.issued_by, wanted.station_id)


async def _where(session: AsyncSession, tip: Tip) -> str:
    parts = []
    if tip.beat_id is not None:
        beat = await session.get(Beat, tip.beat_id)
        parts.append(beat.name if beat else "")
    if tip.venue_id is not None:
        venue = await session.get(Venue, tip.venue_id)
        parts.append(venue.name if venue else "")
    return "，".join(p for p in parts if p) or "未能定位到警务区"


async def _summary(session: AsyncSession, tip: Tip, lead: str) -> Choices:
    photos = len(load_photos(tip.photos))
    lines = [
        f"{lead} #{tip.id}（{tip.category.label}）",
        f"来自：{tip.alias}（匿名）" if tip.contact_enc is None else f"来自：{tip.alias}",
        f"区域：{await _where(session, tip)}",
    ]
    if photos:
        lines.append(f"照片：{photos}张")
    if tip.wanted_id is not None:
        lines.append(f"⚠️ 涉及在逃人员 {wanted_number(tip.wanted_id)} 的目击线索，请尽快核实。")
    lines.append(f"发送「/线索 #{tip.id}」查看详情并处理。")
    return Choices("\n".join(lines), (Button("查看详情", f"/线索 #{tip.id}"),))


async def announce(session: AsyncSession, tip: Tip, now: datetime) -> int:
    """Tell the tip's officers about a new tip; returns how many accounts were told."""
    assert tip.id is not None
    accounts = await area_accounts(session, tip.station_id, tip.beat_id)
    lead = "📮 新线索"
    if tip.wanted_id is not None:
        lead = "🚨 在逃人员目击线索"
        issuers = await wanted_issuer_accounts(session, tip.wanted_id)
        accounts += issuers or await duty_officer_accounts(session, tip.station_id)
    message = await _summary(session, tip, lead)
    targets = distinct(accounts)
    enqueue_to_accounts(session, targets, message_key=f"tip:{tip.id}", replies=[message], now=now)
    return len(targets)


async def escalate(session: AsyncSession, tip: Tip, now: datetime) -> int:
    """Tell the station's duty officers about a tip nobody has picked up."""
    assert tip.id is not None
    told = {a.id for a in await area_accounts(session, tip.station_id, tip.beat_id)}
    message = await _summary(session, tip, "⏰ 无人处理的线索")
    targets = [a for a in await duty_officer_accounts(session, tip.station_id) if a.id not in told]
    enqueue_to_accounts(
        session, targets, message_key=f"tip-escalate:{tip.id}", replies=[message], now=now
    )
    tip.escalated_at = now
    session.add(tip)
    return len(targets)
