"""`作废登记`: an owner takes back a guest registration made by mistake; `撤销作废` undoes it.

A test entry, a guest who did not stay after all, the same guest entered twice: 更正登记 had
the owner record a check-out that never happened, so the officers' records said the guest
stayed. A voided stay keeps its row (when, why, by whom) and `storage.voided` hides it from
every list and count. Within `registration.void_hours` of submitting it only; later the
beat officer decides. A stay with a wanted-list hit, or of a minor the officers were told
of, is the officer's news: they hear it was voided, the owner sees an ordinary receipt.
The reason 其他 asks the owner's own words, which are the reason the officer reads; the
owner's words at the reason question (她没住, 登重了) are the reason they say, and words
that say none ask it again. A stay checked out is no guest who never came (客人未入住).

```mermaid
flowchart LR
    typed([作废登记 房间 姓名]) --> found{own stays of the room}
    found -- none --> none([没有可作废的登记])
    found -- all too old --> old([超过时限，请问民警])
    found -- several --> pick[which guest?] --> ask
    found -- one --> ask[作废 场所 房间 张*？ why?] -- reason --> voided([已作废; 撤销作废 button])
    ask -- other words --> ask
    ask -- 其他 --> told[请简单说明作废原因] -- words --> voided
    voided -- 撤销作废 within 10 min --> back([已恢复])
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import timedelta

from sqlmodel import col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from bot import choice_memory
from bot.context import Context, Handler, Services
from bot.forms.clock import dated, local_time
from bot.messages import Button, Choices, Reply, Text
from bot.router import Router, Suggestion
from bot.validators import Invalid
from handlers.registration import minors
from handlers.registration.guest import OWNERS
from handlers.registration.guest_labels import choice_labels, named_in
from handlers.registration.house_rooms import house_rooms
from handlers.registration.venue_choice import private_only
from handlers.services.numbers import record_number
from handlers.services.officers import beat_officer_accounts
from handlers.services.venues import GUEST_KINDS, owned_venues
from knowledge.intent import asks, mentions_law
from storage import memos
from storage.models import GuestStay, Venue, WantedPerson, WantedStatus, WatchHit
from storage.outbox import enqueue_to_accounts
from storage.voided import INCLUDE_VOIDED

COMMAND = "作废登记"
UNDO = "撤销作废"
#: What an owner may say a registration was voided for.
REASONS = ("客人未入住", "重复登记", "登记错误需重登", "其他")
#: Not a reason for a stay with a check-out recorded, which says the guest stayed.
NOT_STAYED = REASONS[0]
#: Each fixed reason as owners say it (她没住 临时走了, 登重了, 名字填错了).
_SAID_REASONS = (
    (NOT_STAYED, re.compile(r"没住|没入住|未入住|没有入住|没有住|没来住|不住了")),
    (REASONS[1], re.compile(r"登重|录重|重复|登了两[次遍回]")),
    (REASONS[2], re.compile(r"填错|写错|登错|录错|输错|登记错|登记有误")),
)
#: The first button of the reason question: 作废登记 #12 客人未入住.
_REASON_BUTTON = re.compile(rf"/?{COMMAND} #(\d+) (?:{'|'.join(REASONS)})")
#: How long a void can be undone, as a check-out's mistake is noticed.
UNDO_MINUTES = 10
_KEEP = "取消"
_OFFERED = 8
#: The reason whose words the owner writes, stored as 其他：客人改了行程.
OTHER = REASONS[-1]
#: The most characters of those words: with 其他： they fit `GuestStay.void_reason`.
_MOST_TOLD = 30
#: An ID or phone number has no place in a reason, which is kept in plain text.
_NUMBER = re.compile(r"\d{6,}")
#: The memo of the stay whose 其他 was chosen: the owner's next words are its reason.
_OTHER_ASKED = "void_other_asked"
_OTHER_FRESH = timedelta(minutes=UNDO_MINUTES)


def _window(services: Services) -> timedelta:
    return timedelta(hours=services.settings.registration.void_hours)


def _label(stay: GuestStay, places: Mapping[int | None, Venue]) -> str:
    venue = places.get(stay.venue_id)
    where = f"{venue.name} " if venue is not None else ""
    return f"{where}{stay.room} {stay.name_masked}（证件 {stay.doc_no_masked}）"


def _ask_reason(stay: GuestStay, places: Mapping[int | None, Venue], lead: str = "") -> Choices:
    """Why void it, each reason a button; `lead` says why it is asked again."""
    out = stay.checked_out_at is not None
    reasons = [r for r in REASONS if not (out and r == NOT_STAYED)]
    buttons = tuple(Button(r, f"/{COMMAND} #{stay.id} {r}") for r in reasons)
    return Choices(
        f"{lead}作废 {_label(stay, places)}的登记？作废后这条登记不再算作入住。请选择原因：",
        (*buttons, Button(_KEEP, f"/{COMMAND} {_KEEP}")),
    )


def _said_reason(text: str) -> str:
    """The one fixed reason `text` says (她没住 临时走了: 客人未入住), else ""."""
    found = [reason for reason, said in _SAID_REASONS if said.search(text)]
    return found[0] if len(found) == 1 else ""


def build_router() -> Router:
    router = Router()

    @router.route(
        "guest_void",
        commands=(COMMAND,),
        roles=OWNERS,
        help="作废误登记的旅客（提交后不久），如：作废登记 208 张三",
        topic="登记",
        kinds=GUEST_KINDS,
        picks=_guest_named,
    )
    async def void(ctx: Context) -> list[Reply]:
        if (in_group := private_only(ctx, COMMAND)) is not None:
            return in_group
        places = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        said = (ctx.match.args if ctx.match else "").split()
        words = ""
        if OTHER in said:  # what follows 其他 is the owner's own words, 取消 among them too
            at = said.index(OTHER) + 1
            said, words = said[:at], " ".join(said[at:])
        if _KEEP in said:
            await memos.forget(ctx.session, ctx.user_key, _OTHER_ASKED)
            return [Text("好的，登记不变。")]
        if said and said[0].startswith(("#", "＃")):
            number = record_number(said[0][1:])
            stay = await ctx.session.get(GuestStay, number) if number is not None else None
            if stay is None or stay.venue_id not in places:
                return [Text("这条登记已作废或不存在。发送「在住旅客」查看名单。")]
            if (late := _too_late(ctx, [stay])) is not None:
                return [late]
            reason = next((w for w in said[1:] if w in REASONS), "")
            return await _for_reason(ctx, stay, places, reason, words)
        recent = select(GuestStay).where(col(GuestStay.venue_id).in_(list(places)))
        if not said:
            rows = await ctx.session.exec(
                recent.where(col(GuestStay.created_at) >= ctx.now - _window(ctx.services))
                .order_by(col(GuestStay.id).desc())
                .limit(_OFFERED)
            )
            stays = list(rows.all())
            if not stays:
                return [
                    Text(
                        f"最近 {_hours(ctx)} 小时内没有可作废的登记，更早的不能自行作废。"
                        + _OTHER_WAYS
                    )
                ]
            buttons = tuple(Button(_label(s, places), f"/{COMMAND} #{s.id}") for s in stays)
            return [Choices("要作废哪条登记？", buttons)]
        try:
            room = (await house_rooms(ctx)).read(said[0])
        except Invalid as exc:
            return [Text(f"{exc.reason}\n如：「{COMMAND} 208 张三」。")]
        lately = ctx.now - _window(ctx.services)
        rows = await ctx.session.exec(
            _voidable(ctx, places).where(GuestStay.room == room).order_by(col(GuestStay.id))
        )
        stays = list(rows.all())
        rest = " ".join(said[1:])
        # 作废登记 302 王小明 其他 客人走错了: the reason typed after the name.
        reason = next((w for w in said[1:] if w in REASONS), "") or _said_reason(rest)
        if rest and stays:
            stays = [s for _name, s in named_in(rest, stays, ctx.services.blind_index)] or stays
        if not stays:
            return [Text(f"{room} 房间没有可作废的登记，请核对房间号。")]
        if (late := _too_late(ctx, stays)) is not None:
            return [late]
        fresh = [s for s in stays if s.created_at >= lately]
        if len(fresh) == 1:
            return await _for_reason(ctx, fresh[0], places, reason, words)
        told = choice_labels(fresh, local_time(ctx).date(), ctx.services.settings.zone)
        why = f" {reason} {words}".rstrip() if reason else ""  # the reason said, kept
        buttons = tuple(Button(told[s.id], f"/{COMMAND} #{s.id}{why}") for s in fresh[:_OFFERED])
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


def _voidable(ctx: Context, places: Mapping[int | None, Venue]) -> SelectOfScalar[GuestStay]:
    """The owner's stays a void may name: in the house, or registered lately; not the
    room's guests of past months."""
    lately = ctx.now - _window(ctx.services)
    return select(GuestStay).where(
        col(GuestStay.venue_id).in_(list(places)),
        or_(col(GuestStay.checked_out_at).is_(None), col(GuestStay.created_at) >= lately),
    )


async def _guest_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """李四那条登记错了 要作废: the offer is 作废登记 302 李四, the guest it names; else the
    one room it names, if any. When none of the registrations it means may be voided now
    (past the window, or none), the command's own answer is given at once: a button for
    it had been offered, which only said 不能自行作废 once pressed."""
    places = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
    rows = await ctx.session.exec(_voidable(ctx, places).order_by(col(GuestStay.id)))
    stays = list(rows.all())
    found = named_in(ctx.inbound.text, stays, ctx.services.blind_index)
    rooms = (await house_rooms(ctx)).said(ctx.inbound.text)
    if len({s.room for _name, s in found}) == 1:
        name, stay = found[0]
        offer = replace(offer, typed=f"/{COMMAND} {stay.room} {name}")
        stays = [s for _name, s in found]
    elif len(rooms) == 1:
        offer = replace(offer, typed=f"/{COMMAND} {rooms[0]}")
        stays = [s for s in stays if s.room == rooms[0]]
    return replace(offer, at_once=past_window(ctx, stays))


def _hours(ctx: Context) -> int:
    return ctx.services.settings.registration.void_hours


def past_window(ctx: Context, stays: Sequence[GuestStay]) -> bool:
    """Whether the owner may void none of `stays` (none submitted within the window):
    past it the police hold the registration, and the beat officer decides."""
    return not any(s.created_at >= ctx.now - _window(ctx.services) for s in stays)


def _too_late(ctx: Context, stays: Sequence[GuestStay]) -> Text | None:
    """Past the window the police hold the registration: the beat officer decides."""
    if not past_window(ctx, stays):
        return None
    return Text(f"登记提交已超过 {_hours(ctx)} 小时，不能自行作废。{_OTHER_WAYS}")


#: What an owner can do about a registration past the window: the officer voids it, and
#: a room is still put right by the owner.
_OTHER_WAYS = (
    "如确属误登记，请发送「问民警 作废登记 房间 姓名 原因」，由社区民警处理；"
    "只是房间号错了或换了房的，请发送「更正登记 房间 正确房号」。"
)


async def _for_reason(
    ctx: Context, stay: GuestStay, places: Mapping[int | None, Venue], reason: str, words: str
) -> list[Reply]:
    """The stay voided for `reason` (其他 with the owner's `words`), or what is asked first:
    the reason, the words, or another reason than 客人未入住 for a stay checked out."""
    if not reason:
        return [_ask_reason(stay, places)]
    if reason == NOT_STAYED and stay.checked_out_at is not None:
        # 退房 8 9, then 作废 as 客人未入住: the record had said both stayed and never came.
        lead = (
            f"{stay.name_masked} 已登记退房，说明入住过，不能以「{NOT_STAYED}」作废"
            "（退房登记错了请先发送「撤销退房」）。\n"
        )
        return [_ask_reason(stay, places, lead)]
    if reason == OTHER:
        if (wrong := _wrong_words(words)) is not None:
            await memos.remember(ctx.session, ctx.user_key, _OTHER_ASKED, str(stay.id), ctx.now)
            return [Choices(wrong, (Button(_KEEP, f"/{COMMAND} {_KEEP}"),))]
        reason = f"{OTHER}：{words}"
    return await _void(ctx, stay, reason, places[stay.venue_id])


def _wrong_words(words: str) -> str | None:
    """What to ask of the owner's words after 其他 (none yet, a number in them, too many);
    None when they serve as the reason."""
    ask = f"请简单说明作废原因（{_MOST_TOLD} 字以内，如：客人临时改了行程）："
    if not words:
        return ask
    if _NUMBER.search(words):
        return f"作废原因里请不要写证件号码或电话号码。{ask}"
    if len(words) > _MOST_TOLD:
        return f"作废原因请写在 {_MOST_TOLD} 字以内。{ask}"
    return None


def with_other_reason(handler: Handler) -> Handler:
    """The owner's words just after 其他's 请简单说明作废原因, which no route claims: the
    reason the stay is voided for (a fixed reason typed out is taken as that reason). At
    the reason question, the reason their words say (她没住 临时走了 had been offered 退房,
    whose 1 listed the rooms to check out); words that say none ask it again."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = " ".join(ctx.inbound.text.split())
        if ctx.retold or not text or ctx.role not in OWNERS:
            return await handler(ctx)
        asked = await memos.recall(ctx.session, ctx.user_key, _OTHER_ASKED, ctx.now, _OTHER_FRESH)
        if asked is not None:
            await memos.forget(ctx.session, ctx.user_key, _OTHER_ASKED)
            reason = text if text in REASONS else f"{OTHER} {text}"
            ctx.retell = f"/{COMMAND} #{asked} {reason}"
            return []
        question = await _reason_asked(ctx)
        if question is None:
            return await handler(ctx)
        if reason := _said_reason(text):
            ctx.retell = f"/{COMMAND} #{question} {reason}"
            return []
        if asks(text) and mentions_law(text):
            # A legal question meanwhile is answered; the reason buttons still work.
            return await handler(ctx)
        stay = await ctx.session.get(GuestStay, question)
        places = {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}
        if stay is None or stay.venue_id not in places:
            return await handler(ctx)
        # Not left to another route: the question waits, and is asked again.
        return [_ask_reason(stay, places, "没看出作废原因。\n")]

    return wrapped


async def _reason_asked(ctx: Context) -> int | None:
    """The stay whose reason question is the last one shown, lately; else None."""
    shown = await choice_memory.shown_at(ctx.session, ctx.user_key)
    if shown is None or shown < ctx.now - _OTHER_FRESH:
        return None
    first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
    asked = _REASON_BUTTON.fullmatch(first or "")
    return int(asked[1]) if asked is not None else None


async def _void(ctx: Context, stay: GuestStay, reason: str, venue: Venue) -> list[Reply]:
    await memos.forget(ctx.session, ctx.user_key, _OTHER_ASKED)
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
    """A voided stay the officers had news of (a wanted-list hit, a minor they were told
    of): they hear it was voided, or that the void was undone. The owner is never told of
    a hit."""
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
    if found:
        head = (
            "场所撤销了作废，登记恢复有效" if undone else f"登记已被场所作废（{stay.void_reason}）"
        )
        what = "、".join(f"比中 #{n}" for n in found)
        now = local_time(ctx)  # pushed, so read maybe later: the date, not 今天
        text = (
            f"⚠️ {what} 的旅客{head}\n场所：{venue.name}（房间 {stay.room}）\n"
            f"旅客：{stay.name_masked}\n时间：{dated(now.date(), now.date())} {now:%H:%M}\n"
            f"发送「/比中 {found[0]}」查看详情。"
        )
    elif await minors.officers_told(ctx.session, stay):
        # One line of what changed: the notice they had says the rest.
        change = (
            "的作废已被场所撤销，登记恢复有效"
            if undone
            else f"的登记已被场所作废（{stay.void_reason}），不再算作入住"
        )
        text = (
            f"ℹ️ 此前通报的未成年旅客 {stay.name_masked}（{venue.name} 房间 {stay.room}）{change}。"
        )
    else:
        return
    enqueue_to_accounts(
        ctx.session,
        await beat_officer_accounts(ctx.session, venue.beat_id),
        # The void and its undo may fall in one second: each its own notice.
        message_key=f"stay-void:{stay.id}:{'undo' if undone else 'void'}:{ctx.now:%Y%m%d%H%M%S}",
        replies=[Text(text)],
        now=ctx.now,
    )
