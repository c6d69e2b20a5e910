"""The officer's work record (工作台账): written by each officer action, exported monthly."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Beat, Person, WorkLog

ACTION_LABELS = {
    "venue.view": "查看场所",
    "venue.update": "更新场所信息",
    "venue.contact": "登记场所联系人",
    "venue.invite": "发放负责人邀请码",
    "plate.lookup": "门牌查询",
    "risk.rate": "风险评定",
    "risk.view": "查看风险",
    "incident.add": "录入警情",
    "task.add": "新增任务",
    "task.done": "完成任务",
    "task.move": "任务改期",
    "task.cancel": "取消任务",
    "note.share": "经验交流",
}
HEADER = ("时间", "民警", "警务区", "事项", "对象", "内容")


def log_work(
    session: AsyncSession,
    person: Person,
    action: str,
    summary: str,
    *,
    now: datetime,
    subject_kind: str = "",
    subject_id: object = "",
) -> None:
    """Record one officer action; `summary` is for the officer's ledger, never personal data."""
    assert person.id is not None
    session.add(
        WorkLog(
            person_id=person.id,
            at=now,
            action=action,
            subject_kind=subject_kind,
            subject_id=str(subject_id),
            summary=summary[:500],
        )
    )


def month_bounds(month: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's, in the station's zone."""
    first = month.replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (
        datetime.combine(first, time(), zone),
        datetime.combine(following, time(), zone),
    )


async def month_csv(session: AsyncSession, person: Person, month: date, zone: ZoneInfo) -> str:
    start, end = month_bounds(month, zone)
    rows = await session.exec(
        select(WorkLog)
        .where(WorkLog.person_id == person.id, col(WorkLog.at) >= start, col(WorkLog.at) < end)
        .order_by(col(WorkLog.at), col(WorkLog.id))
    )
    beat = await session.get(Beat, person.beat_id) if person.beat_id else None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for entry in rows.all():
        local = entry.at.astimezone(zone)
        subject = f"{entry.subject_kind}#{entry.subject_id}" if entry.subject_id else ""
        writer.writerow(
            (
                f"{local:%Y-%m-%d %H:%M}",
                person.display_name,
                beat.name if beat else "",
                ACTION_LABELS.get(entry.action, entry.action),
                subject,
                entry.summary,
            )
        )
    return out.getvalue()
