"""Purge personal data past its retention period, and old housekeeping rows."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.media import MediaStore
from handlers.services.audit_log import Purged, keep_purged_names
from handlers.services.photo_refs import photos_in_use
from handlers.services.photos import load as load_photos
from handlers.wanted import media_upkeep
from handlers.wanted.card_files import sweep_closed
from storage.models import (
    GuestStay,
    JobRun,
    OutboxMessage,
    OutboxStatus,
    Question,
    Report,
    ReportMessage,
    ReportStatus,
    SeenDelivery,
    TelegramCallback,
    Tenancy,
    Tip,
    TipMessage,
    TipSource,
    TipStatus,
    UserMemo,
    Venue,
    WebInboxMessage,
)
from storage.voided import INCLUDE_VOIDED

#: A stay nobody checked out is assumed over this long after check-in.
FORGOTTEN_CHECKOUT = timedelta(days=30)
DEDUPE_KEEP = timedelta(days=3)
WEB_INBOX_KEEP = timedelta(days=30)
BUTTONS_KEEP = timedelta(days=30)
OUTBOX_KEEP = timedelta(days=14)
JOB_RUNS_KEEP = timedelta(days=14)
MEMOS_KEEP = timedelta(days=1)


async def purge_expired(services: Services) -> int:
    """Delete registrations older than `[registration] retention_days` and closed cases
    older than `cases_retention_days`; returns how many of those were deleted."""
    now = services.clock()
    cutoff = now - timedelta(days=services.settings.registration.retention_days)
    stays_over = or_(
        col(GuestStay.checked_out_at) < cutoff,
        # A stay voided (作废登记) never happened: its row is kept for the audit of the
        # void, as long as a registration is kept, counted from the void.
        col(GuestStay.voided_at) < cutoff,
        and_(
            col(GuestStay.checked_out_at).is_(None),
            col(GuestStay.check_in_at) < cutoff - FORGOTTEN_CHECKOUT,
        ),
    )
    tenancies_over = or_(
        col(Tenancy.moved_out_at) < cutoff,
        # A lease long over with no move-out recorded is not kept forever.
        and_(
            col(Tenancy.moved_out_at).is_(None),
            col(Tenancy.lease_end) < (cutoff - FORGOTTEN_CHECKOUT).date(),
        ),
    )
    async with services.sessions() as session:
        # Who looked at them stays findable by name (/审计 王强) once they are gone.
        await _keep_names(session, GuestStay, stays_over, now)
        await _keep_names(session, Tenancy, tenancies_over, now)
        stays = await session.exec(delete(GuestStay).where(stays_over))
        tenancies = await session.exec(delete(Tenancy).where(tenancies_over))
        cases, photos = await _purge_cases(
            session, now - timedelta(days=services.settings.registration.cases_retention_days), now
        )
        # Memos (storage.memos) are read for at most a day: the last buttons, the last legal
        # question, a tip offered or a check-in said before its place was chosen.
        await session.exec(delete(UserMemo).where(col(UserMemo.updated_at) < now - MEMOS_KEEP))
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
        unused = photos - await photos_in_use(session, photos)
    store = MediaStore(Path(services.settings.storage.media_dir))
    for sha256 in unused:  # after the commit: a file goes only once no row can name it
        with contextlib.suppress(FileNotFoundError, ValueError):
            store.path(sha256).unlink()
    # Closed wanted cards keep neither photos nor renders (normally gone at the close).
    await sweep_closed(services)
    # Active internal cards' photos sealed, and what older versions left (media_upkeep).
    await media_upkeep.hourly(services)
    return int(stays.rowcount or 0) + int(tenancies.rowcount or 0) + cases


async def _keep_names(
    session: AsyncSession,
    table: type[GuestStay] | type[Tenancy],
    over: ColumnElement[bool],
    now: datetime,
) -> None:
    """The audit rows that keep, by blind index, the names of the registrations `over`
    selects (see `keep_purged_names`)."""
    rows = (
        await session.exec(
            select(col(table.id), col(table.name_idx), col(Venue.beat_id), col(table.created_at))
            .join(Venue, col(Venue.id) == col(table.venue_id))
            .where(over)
            .execution_options(**{INCLUDE_VOIDED: True})
        )
    ).all()
    purged = [Purged(i, name, beat) for i, name, beat, _made in rows if i is not None]
    if purged:
        since = min(made for *_rest, made in rows)
        kind = "guest_stay" if table is GuestStay else "tenancy"
        await keep_purged_names(session, kind, purged, since, now)


async def _keep_reporter_names(session: AsyncSession, reports: Select[Any], now: datetime) -> None:
    """The audit rows that keep, by blind index, the names of the reporters of the
    `reports` about to be purged: /审计 王小明 had found nothing once the report was gone,
    though an officer had read it, ID number and all."""
    rows = (
        await session.exec(
            select(
                col(Report.id), col(Report.name_idx), col(Report.station_id), col(Report.created_at)
            ).where(col(Report.id).in_(reports))
        )
    ).all()
    purged = [
        Purged(i, name, station_id=station) for i, name, station, _made in rows if i is not None
    ]
    if purged:
        since = min(made for *_rest, made in rows)
        await keep_purged_names(session, "report", purged, since, now)


async def _purge_cases(
    session: AsyncSession, cutoff: datetime, now: datetime
) -> tuple[int, set[str]]:
    """Closed tips and reports with their conversations, and questions answered (or asked
    and never answered) before `cutoff`; returns how many tips, reports and questions, and
    the photos they kept."""
    tips = select(Tip.id).where(
        col(Tip.status).in_([TipStatus.HANDLED, TipStatus.DECLINED, TipStatus.WITHDRAWN]),
        col(Tip.updated_at) < cutoff,
    )
    reports = select(Report.id).where(
        col(Report.status).in_([ReportStatus.CLOSED, ReportStatus.DECLINED]),
        col(Report.updated_at) < cutoff,
    )
    asked = or_(
        col(Question.answered_at) < cutoff,
        and_(col(Question.answered_at).is_(None), col(Question.asked_at) < cutoff),
    )
    kept = [
        *(await session.exec(select(Tip.photos).where(col(Tip.id).in_(tips)))).all(),
        *(await session.exec(select(Report.photos).where(col(Report.id).in_(reports)))).all(),
        *(await session.exec(select(Question.photos).where(asked))).all(),
    ]
    photos = {sha256 for stored in kept for sha256 in load_photos(stored)}
    await _keep_reporter_names(session, reports, now)
    await session.exec(delete(TipMessage).where(col(TipMessage.tip_id).in_(tips)))
    await session.exec(delete(TipSource).where(col(TipSource.tip_id).in_(tips)))
    gone = await session.exec(delete(Tip).where(col(Tip.id).in_(tips)))
    await session.exec(delete(ReportMessage).where(col(ReportMessage.report_id).in_(reports)))
    closed = await session.exec(delete(Report).where(col(Report.id).in_(reports)))
    questions = await session.exec(delete(Question).where(asked))
    return sum(int(r.rowcount or 0) for r in (gone, closed, questions)), photos
