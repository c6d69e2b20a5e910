"""What a venue card says of the venue's self-inspections and of the incidents recorded
at it: the record had shown neither, and an officer opening it before a visit had to look
them up command by command."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from bot.forms.clock import said_on
from handlers.registration.timefmt import short
from handlers.services.inspections import INSPECTED_KINDS, next_due
from storage.models import Incident, Inspection, Venue

#: Incidents a card lists; the rest are in /警情列表.
INCIDENTS_SHOWN = 3


async def inspection_line(
    session: AsyncSession, settings: Settings, venue: Venue, today: date, now: datetime
) -> str:
    """The latest self-inspection's state and when the next is due; "" for a venue that
    does not inspect itself."""
    if venue.kind not in INSPECTED_KINDS:
        return ""
    latest = (
        await session.exec(
            select(Inspection)
            .where(Inspection.venue_id == venue.id)
            .order_by(col(Inspection.id).desc())
            .limit(1)
        )
    ).first()
    if latest is None:
        return "消防自查：尚未提交过"
    moment = latest.resubmitted_at or latest.submitted_at
    due = next_due(latest.submitted_at, settings.inspection.every_days, settings.zone)
    late = "（已逾期）" if due < today else ""
    return (
        f"消防自查：#{latest.id} {latest.status.label}（{short(moment, settings.zone, now)} 提交），"
        f"下次应于 {said_on(due, today)} 前{late}；详情发送「/自查 {latest.id}」"
    )


async def incident_lines(
    session: AsyncSession, settings: Settings, venue: Venue, now: datetime
) -> list[str]:
    """The latest incidents whose place names the venue (an incident has a place in words,
    not a venue), newest first, a few at most."""
    named = [col(Incident.place).contains(venue.name, autoescape=True)]
    if venue.address:
        named.append(col(Incident.place).contains(venue.address, autoescape=True))
    rows = (
        await session.exec(
            select(Incident)
            .where(
                Incident.beat_id == venue.beat_id,
                col(Incident.withdrawn_at).is_(None),
                or_(*named),
            )
            .order_by(col(Incident.occurred_at).desc())
            .limit(INCIDENTS_SHOWN + 1)
        )
    ).all()
    if not rows:
        return []
    lines = ["最近警情："]
    lines.extend(
        f"　· {short(i.occurred_at, settings.zone, now)} {i.kind}"
        + (f"：{i.description}" if i.description else "")
        for i in rows[:INCIDENTS_SHOWN]
    )
    more = "更多" if len(rows) > INCIDENTS_SHOWN else "全部"
    lines.append(f"　{more}警情发送「/警情列表」查看。")
    return lines
