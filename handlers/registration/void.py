"""`作废登记`: an owner takes back a guest registration made by mistake; `撤销作废` undoes it.

A test entry, a guest who did not stay after all, the same guest entered twice: 更正登记 had
the owner record a check-out that never happened, so the officers' records said the guest
stayed. A voided stay keeps its row (when, why, by whom) and `storage.voided` hides it from
every list and count. Within `registration.void_hours` of submitting it only; later the
beat officer decides. A stay with a wanted-list hit or of a minor is the officer's news:
they hear it was voided, the owner sees an ordinary receipt.

```mermaid
flowchart LR
    typed([作废登记 房间 姓名]) --> found{own stays of the room}
    found -- none --> none([没有可作废的登记])
    found -- all too old --> old([超过时限，请问民警])
    found -- several --> pick[which guest?] --> ask
    found -- one --> ask[作废 场所 房间 张*？ why?] -- reason --> voided([已作废; 撤销作废 button])
    voided -- 撤销作废 within 10 min --> back([已恢复])
```
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlmodel import col, or_, select

from bot.context import Context, Services
from bot.forms.clock import local_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router
from bot.validators import Invalid
from handlers.registration import minors
from handlers.registration.guest import OWNERS
from handlers.registration.guest_labels import choice_labels, named_in
from handlers.registration.house_rooms import house_rooms
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.officers import beat_officer_accounts
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Venue, WantedPerson, WantedStatus, WatchHit
from storage.outbox import enqueue_to_accounts
from storage.voided import INCLUDE_VOIDED

COMMAND = "作废登记"
UNDO = "撤销作废"
#: What an owner may say a registration was voided for.
REASONS = ("客人未入住", "重复登记", "登记错误需重登", "其他")
#: How long a void can be undone, as a check-out's mistake is noticed.
UNDO_MINUTES = 10
_KEEP = "取消"
_OFFERED = 8


def _window(services: Services) -> timedelta:
    return timedelta(hours=services.settings.registration.void_hours)


def _label(stay: GuestStay, places: Mapping[int | None, Venue]) -> str:
    venue = places.get(stay.venue_id)
    where = f"{venue.name} " if venue is not None else ""
    return f"{where}{stay.room} {stay.name_masked}（证件 {stay.doc_no_masked}）"


def _ask_reason(stay: GuestStay, places: Mapping[int | None, Venue]) -> Choices:
    buttons = tuple(Button(r, f"/{COMMAND} #{stay.id} {r}") for r in REASONS)
    return Choices(
        f"作废 {_label(stay, places)}的登记？作废后这条登记不再算作入住。请选择原因：",
        (*buttons, Button(_KEEP, f"/{COMMAND} {_KEEP}")),
    )


def build_router() -> Router:
    router = Router()

    @router.route(
        "guest_void",
        commands=(COMMAND,),
        roles=OWNERS,
        help="作废误登记的旅客（提交后不久），如：作废登记 208 张三",
        topic="登记",
        kinds=GUEST_KINDS,
    )
    async def void(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, COMMAND)) is not None:
            return in_group
        places = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        said = (ctx.match.args if ctx.match else "").split()
        if _KEEP in said:
            return [Text("好的，登记不变。")]
        if said and said[0].startswith(("#", "＃")):
            number = record_number(said[0][1:])
            stay = await ctx.session.get(GuestStay, number) if number is not None else None
            if stay is None or stay.venue_id not in places:
                return [Text("这条登记已作废或不存在。发送「在住旅客」查看名单。")]
            if (late := _too_late(ctx, [stay])) is not None:
                return [late]
            reason = next((w for w in said[1:] if w in REASONS), "")
            if not reason:
                return [_ask_reason(stay, places)]
            return await _void(ctx, stay, reason, places[stay.venue_id])
        recent = select(GuestStay).where(col(GuestStay.venue_id).in_(list(places)))
        if not said:
            rows = await ctx.session.exec(
                recent.where(col(GuestStay.created_at) >= ctx.now - _window(ctx.services))
                .order_by(col(GuestStay.id).desc())
                .limit(_OFFERED)
            )
            stays = list(rows.all())
            if not stays:
                return [Text(f"最近 {_hours(ctx)} 小时内没有可作废的登记。")]
            buttons = tuple(Button(_label(s, places), f"/{COMMAND} #{s.id}") for s in stays)
            return [Choices("要作废哪条登记？", buttons)]
        try:
            room = (await house_rooms(ctx)).read(said[0])
        except Invalid as exc:
            return [Text(f"{exc.reason}\n如：「{COMMAND} 208 张三」。")]
        # In the house, or registered lately: not the room's guests of past months.
        lately = ctx.now - _window(ctx.services)
        rows = await ctx.session.exec(
            recent.where(
                GuestStay.room == room,
                or_(col(GuestStay.checked_out_at).is_(None), col(GuestStay.created_at) >= lately),
            ).order_by(col(GuestStay.id))
        )
        stays = list(rows.all())
        rest = " ".join(said[1:])
        if rest and stays:
            stays = [s for _name, s in named_in(rest, stays, ctx.services.blind_index)] or stays
        if not stays:
            return [Text(f"{room} 房间没有可作废的登记，请核对房间号。")]
        if (late := _too_late(ctx, stays)) is not None:
            return [late]
        fresh = [s for s in stays if s.created_at >= lately]
        if len(fresh) == 1:
            return [_ask_reason(fresh[0], places)]
        told = choice_labels(fresh, local_time(ctx).date(), ctx.services.settings.zone)
        buttons = tuple(Button(told[s.id], f"/{COMMAND} #{s.id}") for s in fresh[:_OFFERED])
        return [Choices(f"{room} 房间有 {len(fresh)} 条登记，作废哪位的？", buttons)]

    @router.route(
        "guest_void_undo",
        commands=(UNDO,),
        roles=OWNERS,
        # Offered by the void's own button, as 撤销退房 is: not a line of its own in 帮助.
        topic="登记",
        kinds=GUEST_KINDS,
    )
    async def undo(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, UNDO)) is not None:
            return in_group
        places = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        said = (ctx.match.args if ctx.match else "").split()
        query = (
            select(GuestStay)
            .where(
                col(GuestStay.venue_id).in_(list(places)),
                col(GuestStay.voided_at) >= ctx.now - timedelta(minutes=UNDO_MINUTES),
            )
            .execution_options(**{INCLUDE_VOIDED: True})
        )
        ids = [n for w in said if (n := record_number(w.lstrip("#＃"))) is not None]
        if ids:
            query = query.where(col(GuestStay.id).in_(ids))
        rows = await ctx.session.exec(query.order_by(col(GuestStay.voided_at).desc()))
        stays = list(rows.all())
        if not stays:
            return [Text(f"最近 {UNDO_MINUTES} 分钟内没有可撤销的作废登记。")]
        if not ids and len(stays) > 1:
            buttons = tuple(Button(_label(s, places), f"/{UNDO} #{s.id}") for s in stays[:_OFFERED])
            return [Choices("要撤销哪条作废？", buttons)]
        stay = stays[0]
        again = await ctx.session.exec(
            select(GuestStay).where(
                col(GuestStay.venue_id).in_(list(places)),
                GuestStay.doc_no_idx == stay.doc_no_idx,
                col(GuestStay.checked_out_at).is_(None),
            )
        )
        if (other := again.first()) is not None:
            # 登记错误需重登, registered again, then the void undone: one ID in twice.
            return [
                Text(
                    f"不能撤销：{stay.name_masked}（{stay.doc_no_masked}）已在 {other.room} "
                    "房间重新登记在住，同一证件不能同时在住两处。"
                )
            ]
        stay.voided_at = None
        stay.void_reason = ""
        stay.voided_by_person_id = None
        ctx.session.add(stay)
        venue = places[stay.venue_id]
        await _tell_officers(ctx, stay, venue, undone=True)
        return [Text(f"已撤销作废，{_label(stay, places)}的登记恢复有效。")]

    return router


def _hours(ctx: Context) -> int:
    return ctx.services.settings.registration.void_hours


def _too_late(ctx: Context, stays: Sequence[GuestStay]) -> Text | None:
    """Past the window the police hold the registration: the beat officer decides."""
    if any(s.created_at >= ctx.now - _window(ctx.services) for s in stays):
        return None
    return Text(
        f"登记提交已超过 {_hours(ctx)} 小时，不能自行作废。如确属误登记，请发送"
        "「问民警 作废登记 房间 姓名 原因」，由社区民警处理。"
    )


async def _void(ctx: Context, stay: GuestStay, reason: str, venue: Venue) -> list[Reply]:
    stay.voided_at = ctx.now
    stay.void_reason = reason
    stay.voided_by_person_id = ctx.person.id
    ctx.session.add(stay)
    await _tell_officers(ctx, stay, venue, undone=False)
    places: dict[int | None, Venue] = {venue.id: venue}
    text = f"✅ 已作废 {_label(stay, places)}的登记（{reason}）。"
    if reason == "登记错误需重登":
        text += "请发送「登记」重新登记。"
    undo = Button(UNDO, f"/{UNDO} #{stay.id}")
    return [Choices(f"{text}\n{UNDO_MINUTES} 分钟内可撤销。", (undo,))]


async def _tell_officers(ctx: Context, stay: GuestStay, venue: Venue, *, undone: bool) -> None:
    """A voided stay the officers had news of (a wanted-list hit, a minor): they hear it
    was voided, or that the void was undone. The owner is never told of a hit."""
    hits = await ctx.session.exec(
        select(WatchHit)
        .join(WantedPerson, col(WantedPerson.id) == col(WatchHit.wanted_id))
        .where(
            WatchHit.registration_kind == "guest",
            WatchHit.registration_id == stay.id,
            col(WantedPerson.status) == WantedStatus.ACTIVE,
        )
    )
    found = [h.id for h in hits.all()]
    minor = bool(stay.guardian_phone_masked) or minors.is_minor(
        stay.birth_date, local_time(ctx).date()
    )
    if not found and not minor:
        return
    what = "、".join(f"比中 #{n}" for n in found) or "未成年旅客"
    head = "场所撤销了作废，登记恢复有效" if undone else f"登记已被场所作废（{stay.void_reason}）"
    text = (
        f"⚠️ {what} 的旅客{head}\n场所：{venue.name}（房间 {stay.room}）\n"
        f"旅客：{stay.name_masked}\n时间：{local_time(ctx):%Y-%m-%d %H:%M}"
    )
    if found:
        text += f"\n发送「/命中 {found[0]}」查看详情。"
    enqueue_to_accounts(
        ctx.session,
        await beat_officer_accounts(ctx.session, venue.beat_id),
        message_key=f"stay-void:{stay.id}:{ctx.now:%Y%m%d%H%M%S}",
        replies=[Text(text)],
        now=ctx.now,
    )
