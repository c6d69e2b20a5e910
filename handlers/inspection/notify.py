"""Messages about self-inspections: to the officers when one is submitted, to the venue's
owners when it is reviewed or overdue."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.messages import Button, Choices, Reply
from handlers.services.recipients import officer_or_area
from storage.models import Account, Inspection, Venue, VenueOwner
from storage.outbox import enqueue_to_accounts


async def owner_accounts(session: AsyncSession, venue_id: int) -> list[Account]:
    return list(
        (
            await session.exec(
                select(Account)
                .join(VenueOwner, col(VenueOwner.person_id) == col(Account.person_id))
                .where(VenueOwner.venue_id == venue_id)
                .order_by(col(Account.id))
            )
        ).all()
    )


async def submitted(
    session: AsyncSession, inspection: Inspection, venue: Venue, now: datetime
) -> None:
    """Tell the officer who reviewed the last round (or, for a first round or once they
    left, the beat's officers) that a submission awaits them."""
    assert inspection.id is not None
    to = await officer_or_area(
        session, inspection.reviewed_by_person_id, inspection.station_id, inspection.beat_id
    )
    what = "整改情况" if inspection.round > 1 else "消防安全自查"
    message = Choices(
        f"🧯 「{venue.name}」提交了{what}（自查 #{inspection.id}），请审核。\n"
        f"发送「/审核 {inspection.id}」查看。{to.note('原审核民警')}",
        (Button("查看", f"/审核 {inspection.id}"),),
    )
    enqueue_to_accounts(
        session,
        to.accounts,
        message_key=f"inspection:{inspection.id}:{inspection.round}",
        replies=[message],
        now=now,
    )


async def to_owners(
    session: AsyncSession, venue_id: int, reply: Reply, *, key: str, now: datetime
) -> int:
    accounts = await owner_accounts(session, venue_id)
    enqueue_to_accounts(session, accounts, message_key=key, replies=[reply], now=now)
    return len(accounts)
