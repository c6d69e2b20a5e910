"""Ask owners about guests never checked out (`handlers.registration.overdue`).

From `[registration] overdue_time` each day, a place's owners get one short message about
the stays whose turn it is: those overdue since today, and those still open a week, two
weeks … later. A backlog of forgotten check-outs is so spread over the days of a week,
a few at a time, and a guest ignored once is asked about again. Each stay has its buttons:
已退房 checks it out as 「退房」 does (with its undo), 仍在住 moves its expected day on. The
outbox key names the place and the day, so running the job again (or on another replica)
never sends one twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import col, select

from bot.context import Services
from bot.messages import Button, Choices
from handlers.inspection.notify import owner_accounts
from handlers.registration import overdue
from handlers.registration.guest import told_apart
from handlers.registration.timefmt import to_local
from storage.models import GuestStay, Venue
from storage.outbox import enqueue_once

#: Days between two reminders of one stay still open.
AGAIN_DAYS = 7
#: Stays one reminder asks about (two buttons each): the rest wait for another day.
SHOWN = 4


def reminder_key(venue_id: int, day: date) -> str:
    return f"stay-overdue:{venue_id}:{day.isoformat()}"


def _message(venue: Venue, stays: Sequence[GuestStay], services: Services) -> Choices:
    settings = services.settings
    zone = settings.zone
    asked = stays[:SHOWN]
    names = told_apart(asked)
    who = "这些旅客" if len(stays) > 1 else "这位旅客"
    lines = [f"⏰「{venue.name}」{who}入住已久，仍未登记退房，请核对："]
    for s in asked:
        planned = f"，预计 {s.expected_checkout:%m-%d} 退房" if s.expected_checkout else ""
        lines.append(f"{s.room} {names[s.id]}　{to_local(s.check_in_at, zone):%m-%d} 入住{planned}")
    if len(stays) > SHOWN:
        lines.append(f"还有 {len(stays) - SHOWN} 位，发送「在住旅客」查看。")
    days = settings.registration.overdue_days
    lines.append(f"客人已走点「已退房」；还在住点「仍在住」，{days} 天后再问。")
    buttons = tuple(
        button
        for s in asked
        for button in (
            Button(f"{s.room} {names[s.id]} 已退房", f"/退房 {s.room} 旅客#{s.id}"),
            Button(f"{s.room} {names[s.id]} 仍在住", f"/仍在住 #{s.id}"),
        )
    )
    return Choices("\n".join(lines), buttons)


def _their_turn(stay: GuestStay, today: date, services: Services) -> bool:
    """Overdue since today, or since a whole number of weeks."""
    settings = services.settings
    due = overdue.due_day(stay, settings.zone, settings.registration.overdue_days)
    late = (today - due).days - 1  # 0 on the first overdue day
    return late >= 0 and late % AGAIN_DAYS == 0


async def remind_overdue_stays(services: Services) -> int:
    """Queue today's reminders not yet queued; returns how many messages were queued."""
    settings = services.settings
    now = services.clock()
    local = to_local(now, settings.zone)
    if local.time() < settings.registration.overdue_at:
        return 0
    today = local.date()
    queued = 0
    async with services.sessions() as session:
        rows = await session.exec(
            select(GuestStay, Venue)
            .join(Venue, col(Venue.id) == col(GuestStay.venue_id))
            .where(overdue.overdue_clause(today, settings))
            # The latest first: the guests the owner best remembers.
            .order_by(col(GuestStay.venue_id), col(GuestStay.check_in_at).desc())
        )
        places: dict[int, tuple[Venue, list[GuestStay]]] = {}
        for stay, venue in rows.all():
            if _their_turn(stay, today, services):
                places.setdefault(stay.venue_id, (venue, []))[1].append(stay)
        for venue_id, (venue, stays) in places.items():
            key = reminder_key(venue_id, today)
            queued += await enqueue_once(
                session,
                await owner_accounts(session, venue_id),
                message_key=key,
                replies=[_message(venue, stays, services)],
                now=now,
            )
        await session.commit()
    return queued
