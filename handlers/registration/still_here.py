"""`仍在住`: the owner says an overdue guest is still in the house.

The answer to the overdue-stay reminder (`scheduler.jobs.stay_reminders`), whose other
button checks the guest out. The expected check-out day moves `[registration]
overdue_days` on, so the stay leaves the overdue list and is asked about again then.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.forms.clock import local_time, said_on
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router
from bot.validators import Invalid
from handlers.registration import overdue
from handlers.registration.guest import OWNERS
from handlers.registration.house_rooms import house_rooms, offer_named_room
from handlers.services.numbers import record_number
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay

_HOW = "请点提醒里的「仍在住」按钮，或发送「仍在住 房间号」，如「仍在住 302」。"


def build_router() -> Router:
    router = Router()

    @router.route(
        "guest_still_here",
        commands=("仍在住", "stillhere"),
        hints=("还在住",),
        roles=OWNERS,
        kinds=GUEST_KINDS,
        # 桂花轩的客人还在住吗: the room by its name (a bare 仍在住 had been offered).
        picks=offer_named_room,
    )
    async def still_here(ctx: Context) -> list[Reply]:
        words = (ctx.match.args if ctx.match else "").split()
        ids = {n for w in words if w.startswith("#") and (n := record_number(w)) is not None}
        rest = [w for w in words if not w.startswith("#")]
        if not ids and not rest:
            return [Text(_HOW)]
        owned = [v.id for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)]
        query = select(GuestStay).where(
            col(GuestStay.venue_id).in_(owned), col(GuestStay.checked_out_at).is_(None)
        )
        today = local_time(ctx).date()
        settings = ctx.services.settings
        if ids:  # the reminder's button: these guests
            query = query.where(col(GuestStay.id).in_(ids))
        else:  # 仍在住 302, 仍在住 桂花轩: the room's overdue guests
            try:
                room = (await house_rooms(ctx)).read(rest[0])
            except Invalid as exc:
                return [Text(f"{exc.reason}{_HOW}")]
            query = query.where(GuestStay.room == room, overdue.overdue_clause(today, settings))
        stays = list((await ctx.session.exec(query.order_by(col(GuestStay.id)))).all())
        if not stays:
            if ids:
                return [Text("这位旅客已登记退房，或不在您的场所。发送「在住旅客」查看。")]
            return [Text(f"{rest[0]} 房间没有逾期未退房的旅客。发送「在住旅客」查看。")]
        places = {s.venue_id for s in stays}
        if len(places) > 1:
            # The same room number in two of the owner's places: which guest, by button.
            buttons = tuple(
                Button(f"{s.room} {s.name_masked}", f"/仍在住 #{s.id}") for s in stays[:8]
            )
            return [Choices("您有几个场所的这个房间都有逾期未退房的旅客，是哪一位？", buttons)]
        day = today + timedelta(days=settings.registration.overdue_days)
        for stay in stays:
            # An old button pressed late never shortens a stay extended since.
            if stay.expected_checkout is None or stay.expected_checkout < day:
                stay.expected_checkout = day
                ctx.session.add(stay)
        until = max(s.expected_checkout or day for s in stays)
        rooms = sorted({s.room for s in stays})
        names = "、".join(f"{s.room} {s.name_masked}" for s in stays)
        return [
            Text(
                f"✅ 已记下 {names} 仍在住，预计退房 {said_on(until, today)}，到时未退房会再提醒。"
                f"客人走时请发送「退房 {rooms[0]}」。"
            )
        ]

    return router
