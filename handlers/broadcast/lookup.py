"""The alert an officer's command names (/通报状态 12, /撤回 12 原因): its number, whether
this officer may see or change it, and whether it is too old to change."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from handlers.services.numbers import record_number
from handlers.services.station_scope import may_see
from storage.models import Broadcast, Person, Role


def alert_number(ctx: Context) -> tuple[int | None, str]:
    """The number after the command, and the words after it."""
    args = ctx.match.args if ctx.match else ""
    head, _, rest = args.strip().partition(" ")
    number = record_number(head)
    return (number, rest.strip()) if number is not None else (None, args.strip())


async def find_alert(ctx: Context, broadcast_id: int | None, *, act: bool) -> Broadcast | str:
    """The alert, if this officer may see it (`act`: may change it); else why not."""
    if broadcast_id is None:
        command = (
            ctx.match.route.commands[0] if ctx.match and ctx.match.route.commands else "通报状态"
        )
        return f"请写明通报编号，如 /{command} 12。"
    broadcast = await seen_alert(ctx, broadcast_id)
    if broadcast is None:
        return f"没有找到通报#{broadcast_id}。发送「/通报状态」查看您最近的通报和编号。"
    own = broadcast.author_person_id in (None, ctx.person.id)
    if (
        act
        and not own
        and ctx.person.role is not Role.ADMIN
        and await _author_on_staff(ctx, broadcast)
    ):
        return f"通报#{broadcast_id}不是您发起的，只能由发起民警或所领导操作。"
    return broadcast


async def seen_alert(ctx: Context, broadcast_id: int) -> Broadcast | None:
    """The alert, if there is one of that number this officer may see."""
    broadcast = await ctx.session.get(Broadcast, broadcast_id)
    if broadcast is None or not may_see(ctx.person, broadcast.station_id):
        return None
    return broadcast


async def _author_on_staff(ctx: Context, broadcast: Broadcast) -> bool:
    """Whether the author still serves the alert's station (as `recipients.officer_or_area`
    has it: an admin bound to no station serves them all). One who left hands the alert to
    the station's officers, as its failures are told to them (`failures.report_failures`):
    the 重发 button they were sent had been refused."""
    assert broadcast.author_person_id is not None
    author = await ctx.session.get(Person, broadcast.author_person_id)
    return author is not None and may_see(author, broadcast.station_id)


def too_old(ctx: Context, broadcast: Broadcast) -> bool:
    """Released longer ago than `[broadcast] revise_hours`: past correcting or resending."""
    if broadcast.released_at is None:
        return False
    limit = timedelta(hours=ctx.services.settings.broadcast.revise_hours)
    return ctx.now - broadcast.released_at > limit
