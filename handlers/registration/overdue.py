"""Stays never checked out: which open stays are overdue, and how lists show them.

About one stay in fifty is never checked out, and after a few months a hotel's list of
guests "in the house" is mostly people long gone. A stay is overdue from the day after its
expected check-out day, or, when none was given, from `[registration] overdue_days` after
check-in. Nobody is checked out for the owner (the register is a legal record): overdue
stays are put to the owner (`scheduler.jobs.stay_reminders`, 已退房 / 仍在住) and listed
apart from the current guests, in short.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import col

from bot.config import Settings
from bot.forms.clock import said_on
from handlers.registration.timefmt import to_local
from storage.models import GuestStay

#: Overdue stays a list names before 等 N 人: enough to act on, short enough for one message.
SHOWN = 12


def due_day(stay: GuestStay, zone: ZoneInfo, days: int) -> date:
    """The stay's last expected day: its expected check-out, or `days` after check-in."""
    if stay.expected_checkout is not None:
        return stay.expected_checkout
    return to_local(stay.check_in_at, zone).date() + timedelta(days=days)


def is_overdue(stay: GuestStay, today: date, settings: Settings) -> bool:
    days = settings.registration.overdue_days
    return stay.checked_out_at is None and today > due_day(stay, settings.zone, days)


def overdue_clause(today: date, settings: Settings) -> ColumnElement[bool]:
    """`is_overdue` as SQL, for counting and finding them without loading every stay."""
    days = settings.registration.overdue_days
    # Checked in before this moment: `days` after check-in was before today.
    first_day = datetime.combine(today - timedelta(days=days), time(), settings.zone)
    return and_(
        col(GuestStay.checked_out_at).is_(None),
        or_(
            col(GuestStay.expected_checkout) < today,
            and_(
                col(GuestStay.expected_checkout).is_(None),
                col(GuestStay.check_in_at) < first_day.astimezone(UTC),
            ),
        ),
    )


def split(
    stays: Iterable[GuestStay], today: date, settings: Settings
) -> tuple[list[GuestStay], list[GuestStay]]:
    """(current guests, overdue stays), each in the order given."""
    current: list[GuestStay] = []
    late: list[GuestStay] = []
    for stay in stays:
        (late if is_overdue(stay, today, settings) else current).append(stay)
    return current, late


def heading(count: int, settings: Settings) -> str:
    days = settings.registration.overdue_days
    return f"⏰ 逾期未退房 {count} 人（已过预计退房日，或入住超过 {days} 天未退房）："


def latest(stays: Iterable[GuestStay]) -> list[GuestStay]:
    """The `SHOWN` latest check-ins, latest first: the ones a list names."""
    return sorted(stays, key=lambda s: s.check_in_at, reverse=True)[:SHOWN]


def line(stay: GuestStay, zone: ZoneInfo, now: datetime) -> str:
    """305 李*（11月2日 入住）; a check-in of the station's today (`now`'s) reads 今天 HH:MM, as
    `timefmt.short` says it. `now` is asked for: the owner's list had been given none, and
    read a check-in of that morning as a date."""
    local = to_local(stay.check_in_at, zone)
    today = to_local(now, zone).date()
    when = f"今天 {local:%H:%M}" if local.date() == today else said_on(local.date(), today)
    return f"{stay.room} {stay.name_masked}（{when} 入住）"


def brief(stays: Sequence[GuestStay], zone: ZoneInfo, now: datetime) -> str:
    """305 李*（11月2日 入住）、… — the latest check-ins first, `SHOWN` of them."""
    named = "、".join(line(s, zone, now) for s in latest(stays))
    return named + (f" 等 {len(stays)} 人" if len(stays) > SHOWN else "")
