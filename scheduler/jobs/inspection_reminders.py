"""Remind venue owners of overdue self-inspections and rectifications.

A reminder goes out when something falls due and again every `[inspection]
remind_every_days` while it stays overdue. Each reminder's outbox key names its period, so
running the job again (or on another replica) never sends one twice.
"""

from __future__ import annotations

from datetime import date

from bot.context import Services
from bot.forms.clock import dated
from bot.messages import Button, Choices
from handlers.inspection.notify import owner_accounts
from handlers.registration.timefmt import to_local
from handlers.services.inspections import DUE, Overdue, overdue_inspections
from storage.outbox import enqueue_once


def _message(overdue: Overdue, today: date) -> Choices:
    # A push may be read days later: the day by its date (11月26日), never 明天 nor ISO.
    since = dated(overdue.since, today)
    venue = overdue.venue
    if overdue.kind == DUE:
        return Choices(
            f"⏰ 「{venue.name}」的消防安全自查已到期（应于{since}前完成），"
            "请发送「/自查」完成自查，只需几分钟。",
            (Button("开始自查", "/自查 新"),),
        )
    items = "、".join(overdue.items)
    return Choices(
        f"⏰ 「{venue.name}」自查 #{overdue.inspection_id} 的整改已过期限"
        f"（{since}）：{items}。请尽快整改，并发送"
        f"「/自查 整改 {overdue.inspection_id}」重新提交。",
        (Button("开始整改", f"/自查 整改 {overdue.inspection_id}"),),
    )


async def remind_inspections(services: Services) -> int:
    """Queue due reminders; returns how many messages were queued."""
    now = services.clock()
    settings = services.settings
    today = to_local(now, settings.zone).date()
    queued = 0
    async with services.sessions() as session:
        overdue = await overdue_inspections(
            session, now=now, zone=settings.zone, every_days=settings.inspection.every_days
        )
        for item in overdue:
            period = (today - item.since).days // settings.inspection.remind_every_days
            key = (
                f"inspection-remind:{item.kind}:{item.venue.id}:{item.inspection_id or 0}:"
                f"{item.since.isoformat()}:{period}"
            )
            assert item.venue.id is not None
            queued += await enqueue_once(
                session,
                await owner_accounts(session, item.venue.id),
                message_key=key,
                replies=[_message(item, today)],
                now=now,
            )
        await session.commit()
    return queued
