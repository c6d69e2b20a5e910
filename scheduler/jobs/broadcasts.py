"""Alerts over time: release scheduled ones, finish withdrawals, remind who has not
acknowledged an important or urgent alert, and send each beat's daily alert."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Services
from handlers.broadcast.daily import send_daily_alerts
from handlers.broadcast.failures import report_failures
from handlers.broadcast.release import release_due
from handlers.broadcast.revise import nudge, sweep
from storage.models import Broadcast, BroadcastRecipient, BroadcastStatus, Severity

__all__ = ["release_broadcasts", "remind_unacknowledged", "send_daily_alerts"]


async def release_broadcasts(services: Services) -> int:
    """Scheduled alerts whose time has come, recipients given up (told to the author), and
    withdrawals still to finish."""
    async with services.sessions() as session:
        released = await release_due(session, services, services.clock())
        # Before `sweep`: an alert it marks done is no longer looked at for failures.
        await report_failures(session, services)
        notices = await sweep(session, services)
        await session.commit()
    return released + notices


async def remind_unacknowledged(services: Services) -> int:
    """One reminder, `[broadcast] remind_after_minutes` after release, to recipients of an
    important or urgent alert who got it and have not acknowledged (nobody reminded yet)."""
    minutes = services.settings.broadcast.remind_after_minutes
    if not minutes:
        return 0
    now = services.clock()
    due = now - timedelta(minutes=minutes)
    async with services.sessions() as session:
        alerts = await session.exec(
            select(Broadcast)
            .where(
                col(Broadcast.status).in_([BroadcastStatus.SENDING, BroadcastStatus.DONE]),
                col(Broadcast.severity).in_([Severity.IMPORTANT, Severity.URGENT]),
                col(Broadcast.released_at) <= due,
                col(Broadcast.released_at) >= due - timedelta(days=1),
                (col(Broadcast.expires_at).is_(None)) | (col(Broadcast.expires_at) > now),
            )
            .where(
                col(Broadcast.id).in_(
                    select(BroadcastRecipient.broadcast_id).where(
                        col(BroadcastRecipient.acked_at).is_(None),
                        BroadcastRecipient.nudges == 0,
                    )
                )
            )
        )
        queued = 0
        for broadcast in alerts.all():
            queued += await nudge(session, services, broadcast, first_only=True)
        await session.commit()
    return queued
