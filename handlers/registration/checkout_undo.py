"""撤销退房: taking back a check-out made by mistake (the wrong room, a guest who stays).

The button under a check-out's receipt carries that check-out (its stays and moment) and
undoes it at once. A typed 撤销退房 or 退错了 says no check-out: it is asked about first
(撤销 枫林民宿 101 刘* 的退房？), and only when one recent check-out fits; several are
offered by name. A second typed 撤销退房 had undone the check-out before the one just
undone, a wanted guest's among them, without a word of which.

```mermaid
flowchart LR
    typed([撤销退房 typed]) --> fits{recent check-outs}
    fits -- none --> none([没有可撤销的退房])
    fits -- one --> ask[撤销 场所 房间 姓名 的退房？] -- 确认 --> button
    fits -- several --> pick[which one?] --> button
    button([button: #ids @moment]) --> back{ID in the house again?}
    back -- yes --> refused([不能撤销, and why])
    back -- no --> undone([已撤销; the officer told of a hit])
```
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.registration import minors
from handlers.registration.id_elsewhere import tell_if_elsewhere
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number
from handlers.services.watchlist import tell_checkout
from storage.models import GuestStay, Venue

COMMAND = "撤销退房"
#: How long a check-out can be undone: long enough to notice a wrong room.
UNDO_HOURS = 2
#: The answer of the question's 取消 button.
_KEEP = "取消"
#: Check-outs offered by name when several fit a typed 撤销退房.
_OFFERED = 6
#: 撤回 or 撤销退房 with no check-out to undo: what else an owner may mean, and its way.
NOTHING_TO_UNDO = (
    f"最近 {UNDO_HOURS} 小时内没有可撤销的退房。"
    "已提交的登记填错了（如房间号），请发送「更正登记」；正在填写的登记回复「取消」即可。"
)


def button(stays: list[GuestStay]) -> Button:
    """The 撤销退房 button under a check-out's receipt: its stays and its moment, so that
    it undoes that check-out only, and once."""
    return Button(COMMAND, _payload(stays))


def _payload(stays: list[GuestStay]) -> str:
    ids = ",".join(f"#{s.id}" for s in stays)
    moment = stays[0].checked_out_at
    return f"/{COMMAND} {ids} @{_stamp(moment)}" if moment is not None else f"/{COMMAND} {ids}"


def _stamp(moment: datetime) -> str:
    """A check-out's moment in UTC to the second, however the engine gave it back."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y%m%d%H%M%S")


async def undo(ctx: Context, said: str, places: Mapping[int | None, Venue]) -> list[Reply]:
    """撤销退房 with `said` after it: a button's `#12,#13 @moment`, 取消, or a room said
    beside 退错了 (不对 是303退房 退错了: the room meant to leave)."""
    words = said.replace("，", ",").split()
    if _KEEP in words:
        return [Text("好的，退房不变。")]
    ids = {
        n
        for w in words
        if w.startswith(("#", "＃"))
        for n in (record_number(p.strip()) for p in w.split(","))
        if n is not None
    }
    stamp = next((w[1:] for w in words if w.startswith("@")), "")
    meant = next((w for w in words if not w.startswith(("#", "＃", "@"))), "")
    checkouts = await _recent(ctx, places, ids)
    if ids:
        if stamp:  # the check-out the button was given for, not one made since
            checkouts = [
                c for c in checkouts if c[0].checked_out_at and _stamp(c[0].checked_out_at) == stamp
            ]
        if not checkouts:  # the button of a check-out already undone, pressed again
            return [
                Text("这次退房已经撤销过了（或已超过时限），不能再撤销。发送「在住旅客」查看。")
            ]
        return await _undo(ctx, checkouts[0], places)
    if not checkouts:
        return [Text(NOTHING_TO_UNDO)]
    hint = _meant_line(meant, checkouts[0][0].room) if len(checkouts) == 1 else ""
    if len(checkouts) == 1:
        if (refused := await _refused(ctx, checkouts[0], places)) is not None:
            return [refused]  # said now, not after 确认
        question = f"撤销 {_named(checkouts[0], places)} 的退房？{hint}"
        keep = Button(_KEEP, f"/{COMMAND} {_KEEP}")
        return [Choices(question, (Button("确认", _payload(checkouts[0])), keep))]
    buttons = tuple(Button(_named(c, places), _payload(c)) for c in checkouts[:_OFFERED])
    return [
        Choices(
            f"最近 {UNDO_HOURS} 小时内有 {len(checkouts)} 次退房，要撤销哪一次？"
            "（不撤销就不用理会。）",
            buttons,
        )
    ]


def _named(stays: list[GuestStay], places: Mapping[int | None, Venue]) -> str:
    venue = places.get(stays[0].venue_id)
    where = f"{venue.name} " if venue is not None else ""
    return f"{where}{stays[0].room} {'、'.join(s.name_masked for s in stays)}"


def _meant_line(meant: str, room: str) -> str:
    """不对 是303退房 退错了: the room said is the one meant to leave, not the one undone."""
    if not meant or meant == room:
        return ""
    return f"\n要退房的是 {meant} 的话，撤销后请发送「退房 {meant}」。"


async def _refused(
    ctx: Context, stays: list[GuestStay], places: Mapping[int | None, Venue]
) -> Text | None:
    """Why the check-out cannot be undone, if it cannot: an ID of it in the house again."""
    for stay in stays:
        # 302 張* back in the house while his ID is in 308 under a later check-in: the
        # house had listed one ID twice.
        again = await _in_house_again(ctx, stay, places)
        if again is not None:
            venue = places.get(again.venue_id)
            where = f"{venue.name} " if venue is not None else ""
            since = short(again.check_in_at, ctx.services.settings.zone, ctx.now)
            return Text(
                f"不能撤销：{stay.name_masked}（{stay.doc_no_masked}）的证件已在 {where}"
                f"{again.room} 房间登记在住（{since} 入住），同一证件不能同时在住两处。"
                f"如那次登记有误，请先发送「退房 {again.room}」再撤销。"
            )
    return None


async def _undo(
    ctx: Context, stays: list[GuestStay], places: Mapping[int | None, Venue]
) -> list[Reply]:
    if (refused := await _refused(ctx, stays, places)) is not None:
        return [refused]
    for stay in stays:
        stay.checked_out_at = None
        ctx.session.add(stay)
    venue = places.get(stays[0].venue_id)
    if venue is not None:
        await tell_checkout(ctx.session, ctx.services, stays, venue, ctx.now, undone=True)
        await minors.back_alone(ctx.session, ctx.services, stays, venue, ctx.now)
        for stay in stays:  # by now in the house at someone else's place, maybe
            await tell_if_elsewhere(ctx.session, ctx.services, stay, venue, ctx.now)
    names = "、".join(s.name_masked for s in stays)
    where = f"{venue.name} " if venue is not None else ""
    # 退房 101 203 is undone at once: both rooms named (101 alone had been said).
    rooms = "、".join(dict.fromkeys(s.room for s in stays))
    return [Text(f"已撤销 {where}{rooms} 房间的退房，{names} 仍在住。")]


async def _in_house_again(
    ctx: Context, stay: GuestStay, places: Mapping[int | None, Venue]
) -> GuestStay | None:
    rows = await ctx.session.exec(
        select(GuestStay).where(
            col(GuestStay.venue_id).in_(list(places)),
            GuestStay.doc_no_idx == stay.doc_no_idx,
            col(GuestStay.checked_out_at).is_(None),
            GuestStay.id != stay.id,
        )
    )
    return rows.first()


async def _recent(
    ctx: Context, places: Mapping[int | None, Venue], ids: set[int]
) -> list[list[GuestStay]]:
    """The recent check-outs in the owner's places, newest first: each the guests one
    退房 let go (one place, one moment); only those of `ids` when given."""
    query = select(GuestStay).where(
        col(GuestStay.venue_id).in_(list(places)),
        col(GuestStay.checked_out_at) >= ctx.now - timedelta(hours=UNDO_HOURS),
    )
    if ids:
        query = query.where(col(GuestStay.id).in_(ids))
    rows = await ctx.session.exec(
        query.order_by(col(GuestStay.checked_out_at).desc(), col(GuestStay.id))
    )
    groups: dict[tuple[datetime | None, int | None], list[GuestStay]] = {}
    for stay in rows.all():
        groups.setdefault((stay.checked_out_at, stay.venue_id), []).append(stay)
    return list(groups.values())
