"""撤销退租: a landlord's move-out taken back (the wrong tenant, a tenant who stays).

A move-out is rarer than a check-out and harder to notice as wrong, so every undo names the
tenant and the house and asks once, the receipt's button as much as a typed 撤销退租; it
may be undone for `UNDO_DAYS` days counted from the day moved out (`WINDOW`), as the
receipt and the refusal both say.

```mermaid
flowchart LR
    typed([撤销退租, or the receipt's button]) --> fits{recent move-outs}
    fits -- none --> none([没有登记搬离的租客])
    fits -- several --> pick[which one?] --> ask
    fits -- one --> again{registered here again?}
    again -- yes --> refused([无需撤销])
    again -- no --> ask[撤销 租客 在 房屋 的搬离登记？] -- 确认撤销 --> undone([恢复为在租])
```
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.forms.clock import local_time, said_on
from bot.messages import Button, Choices, Reply, Text
from handlers.registration.fields import still_registered
from handlers.registration.timefmt import to_local, to_stored
from handlers.services.numbers import record_number
from handlers.services.venues import owned_venues
from handlers.services.watchlist import tell_checkout
from storage.models import Tenancy, Venue, VenueKind

#: How long after the day a tenant moved out the move-out can be undone: a
#: week covers a wrong tenant noticed at the next visit, and a move-out dated a few days back.
UNDO_DAYS = 7
#: How the receipt and the refusal both put it (the receipt had said 6 天内 of a move-out
#: dated yesterday, and the refusal 最近 7 天内).
WINDOW = f"搬离当天起 {UNDO_DAYS} 天内"
RENTALS = (VenueKind.RENTAL,)


def last_undo_day(moved_out: date) -> date:
    """The last day a move-out on `moved_out` may be undone (the day itself is the first)."""
    return moved_out + timedelta(days=UNDO_DAYS - 1)


async def undo(ctx: Context) -> list[Reply]:
    """撤销退租 [#id] [确认], typed or the receipt's button: a recent move-out of the
    sender's houses put back to 在租 once confirmed."""
    words = (ctx.match.args if ctx.match else "").split()
    confirmed = bool(words) and words[-1] == "确认"
    chosen = next((record_number(w) for w in words if w.startswith(("#", "＃"))), None)
    houses = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, RENTALS)}
    rows = await ctx.session.exec(
        select(Tenancy)
        .where(
            col(Tenancy.venue_id).in_(list(houses)),
            col(Tenancy.moved_out_at) >= _first_undoable(ctx),
        )
        .order_by(col(Tenancy.moved_out_at).desc(), col(Tenancy.id).desc())
    )
    recent = list(rows.all())
    if chosen is not None:
        recent = [t for t in recent if t.id == chosen]
        if not recent:
            return [
                Text("这位租客的搬离已经撤销过了，或已超过可撤销的时间。发送「租客」查看名单。")
            ]
    if not recent:
        return [
            Text(
                f"没有可以撤销的搬离登记：搬离登记只能在{WINDOW}撤销。"
                "更早搬离的租客如仍在住，请发送「登记租客」重新登记。"
            )
        ]
    if len(recent) > 1:
        zone = ctx.services.settings.zone
        today = local_time(ctx).date()
        buttons = tuple(
            Button(
                f"{t.name_masked} {t.doc_no_masked} "
                f"{said_on(to_local(t.moved_out_at, zone).date(), today)}搬离",
                f"/撤销退租 #{t.id}",
            )
            for t in recent[:10]
            if t.moved_out_at is not None
        )
        return [Choices("撤销哪一位租客的搬离？", buttons)]
    tenancy = recent[0]
    house = houses[tenancy.venue_id]
    who = f"{tenancy.name_masked}（{tenancy.doc_no_masked}）"
    again = await still_registered(ctx.session, tenancy.venue_id, tenancy.doc_no_idx, guests=False)
    if isinstance(again, Tenancy):
        return [Text(f"{who}已在「{house.name}」重新登记在租，无需撤销。发送「租客」查看名单。")]
    if not confirmed:
        return [
            Choices(
                f"撤销 {who}在「{house.name}」的搬离登记？撤销后该租客恢复为在租。",
                (Button("确认撤销", f"/撤销退租 #{tenancy.id} 确认"), Button("不用了", "/租客")),
            )
        ]
    tenancy.moved_out_at = None
    ctx.session.add(tenancy)
    await tell_checkout(ctx.session, ctx.services, [tenancy], house, ctx.now, undone=True)
    return [Text(f"✅ 已撤销 {who}的搬离登记，恢复为在租（{house.name}）。发送「租客」查看名单。")]


async def tell_moved_out(ctx: Context, tenancy: Tenancy) -> None:
    """The beat's officers told of a move-out of a tenant an open wanted-list hit named, as
    of a guest's check-out (`handlers.services.watchlist.tell_checkout`)."""
    house = await ctx.session.get(Venue, tenancy.venue_id)
    if house is not None:
        await tell_checkout(ctx.session, ctx.services, [tenancy], house, ctx.now)


def _first_undoable(ctx: Context) -> datetime:
    """The start of the earliest day whose move-outs may still be undone today."""
    today = local_time(ctx).date()
    first = today - timedelta(days=UNDO_DAYS - 1)
    return to_stored(datetime.combine(first, time()), ctx.services.settings.zone)
