"""Purge personal data past its retention period, and old housekeeping rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, delete, or_
from sqlmodel import col

from bot.context import Services
from storage.models import (
    GuestStay,
    JobRun,
    OutboxMessage,
    OutboxStatus,
    SeenDelivery,
    TelegramCallback,
    Tenancy,
    WebInboxMessage,
)

#: A stay nobody checked out is assumed over this long after check-in.
FORGOTTEN_CHECKOUT = timedelta(days=30)
DEDUPE_KEEP = timedelta(days=3)
WEB_INBOX_KEEP = timedelta(days=30)
BUTTONS_KEEP = timedelta(days=30)
OUTBOX_KEEP = timedelta(days=14)
JOB_RUNS_KEEP = timedelta(days=14)


async def purge_expired(services: Services) -> int:
    """Delete registrations older than `[registration] retention_days`; returns rows deleted."""
    now = services.clock()
    cutoff = now - timedelta(days=services.settings.registration.retention_days)
    async with services.sessions() as session:
        stays = await session.exec(
            delete(GuestStay).where(
                or_(
                    col(GuestStay.checked_out_at) < cutoff,
                    and_(
                        col(GuestStay.checked_out_at).is_(None),
                        col(GuestStay.check_in_at) < cutoff - FORGOTTEN_CHECKOUT,
                    ),
                )
            )
        )
        tenancies = await session.exec(delete(Tenancy).where(col(Tenancy.moved_out_at) < cutoff))
        await session.exec(
            delete(SeenDelivery).where(col(SeenDelivery.seen_at) < now - DEDUPE_KEEP)
        )
        await session.exec(
            delete(WebInboxMessage).where(col(WebInboxMessage.created_at) < now - WEB_INBOX_KEEP)
        )
        # Delivered messages may hold relayed text: keep them only as long as is useful
        # for `/通报状态`-style questions.
        await session.exec(
            delete(OutboxMessage).where(
                col(OutboxMessage.status) != OutboxStatus.PENDING,
                col(OutboxMessage.created_at) < now - OUTBOX_KEEP,
            )
        )
        await session.exec(delete(JobRun).where(col(JobRun.started_at) < now - JOB_RUNS_KEEP))
        # Button values too long for Telegram's callback data; a send refreshes them daily.
        await session.exec(
            delete(TelegramCallback).where(col(TelegramCallback.last_sent_at) < now - BUTTONS_KEEP)
        )
        await session.commit()
    return int(stays.rowcount or 0) + int(tenancies.rowcount or 0)
