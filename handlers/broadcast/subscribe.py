"""`/订阅` and `/退订`: residents ask for (or stop) public alerts about their area.

The area is a beat, named (`/订阅 一号警务区`), or found from a shared location: the beat of
the nearest venue, as tips are routed. The point is kept too, so an alert drawn as a circle
on the map reaches the subscribers inside it. A bare `/订阅` opens a one-question form,
because a location arrives as a message of its own.

```mermaid
flowchart LR
    start([/订阅]) --> named{beat named?}
    named -- yes --> done([已订阅])
    named -- no --> kept{subscribed?}
    kept -- no --> ask[片区：位置或名称] --> done
    ask -- a question, another feature --> aside[answered aside] --> ask
    kept -- yes --> status[已订阅「片区」：换片区 / 退订]
    status -- 换片区 --> ask
    status -- a place typed, a location --> done
    status -- 退订 --> gone
    stop([/退订]) --> gone([已退订])
    unfollow([取消关注]) --> gone
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, or_, select

from bot.context import Context
from bot.forms import Answers, Form, FormEngine, FormEnv, FormField
from bot.forms.engine import remember_done
from bot.messages import UNFOLLOWED, Button, Choices, Reply, Text
from bot.router import AtOnce, Router, Suggestion
from bot.validators.text import parse_free_text
from handlers.broadcast.venue_alerts import venue_alerts_told
from handlers.services.lookup import NotFound, find_beat
from handlers.services.places import resolve_place
from storage.models import AlertSubscription, Beat, Role, Venue

FORM_NAME = "subscribe"
#: What the 换片区 button sends after `/订阅`: the area asked again, though one is kept.
_CHANGE = "换片区"
CHANGE_BUTTON = f"/订阅 {_CHANGE}"
#: A place typed shorter than this (和平) would match too many addresses to tell a beat.
_MIN_PLACE_CHARS = 3


def _parse_area(text: str, env: FormEnv) -> dict[str, Any]:
    if env.location is not None:
        return {"lat": env.location.latitude, "lon": env.location.longitude}
    return {"name": parse_free_text(text, max_length=50)}


async def _check_area(ctx: Context, value: Any, _answers: Mapping[str, Any]) -> str | None:
    """The beat the area is in, found as it is given: a point far outside the station had
    been refused only after 确认. The beat's name is kept with the answer (the one async
    step before it is kept), so the review says 城东警务区, not 所发位置附近 or 幸福里."""
    beat = await _area_beat(ctx, value)
    if beat is None and "lat" in value:
        return (
            "这个位置附近没有本所辖区的场所，无法确定片区。"
            f"请发送您家附近的位置，或输入警务区名称。{await _beat_hint(ctx)}"
        )
    if beat is None:
        return f"没有找到「{value['name']}」这个片区。{await _beat_hint(ctx)}"
    value["beat"] = beat.name
    return None


async def _area_beat(ctx: Context, area: Mapping[str, Any]) -> Beat | None:
    if "lat" in area:
        placement = await resolve_place(ctx.session, {"lat": area["lat"], "lon": area["lon"]})
        return await ctx.session.get(Beat, placement.beat_id) if placement.beat_id else None
    return await beat_by_name(ctx, area["name"])


async def _beat_hint(ctx: Context) -> str:
    beats = (await ctx.session.exec(select(Beat.name).order_by(col(Beat.id)))).all()
    listed = f"本所片区：{'、'.join(beats[:8])}。" if beats else ""
    return f"{listed}请写其中一个，或直接发送您的位置。"


def _show_area(value: Any) -> str:
    if not value:
        return "（未填）"
    said = (
        "所发位置附近"
        if "lat" in value
        else (_LIVES_AT.sub("", str(value["name"])) or str(value["name"]))
    )
    beat = value.get("beat")
    if beat and said in beat:
        return str(beat)  # 城东 for 城东警务区 had read 城东警务区（城东）: the name once
    return f"{beat}（{said}）" if beat else said


async def _subscribe(ctx: Context, beat: Beat, point: tuple[float, float] | None) -> list[Reply]:
    assert beat.id is not None and ctx.account.id is not None and ctx.person.id is not None
    found = await ctx.session.exec(
        select(AlertSubscription).where(AlertSubscription.account_id == ctx.account.id)
    )
    earlier = found.first()
    sub = earlier or AlertSubscription(
        account_id=ctx.account.id, person_id=ctx.person.id, beat_id=beat.id
    )
    # One area per chat: a new one replaces the old, and the resident is told so.
    dropped = earlier.label if earlier and earlier.beat_id != beat.id else ""
    sub.beat_id, sub.created_at, sub.label = beat.id, ctx.now, beat.name
    sub.latitude, sub.longitude = point if point else (None, None)
    ctx.session.add(sub)
    instead = f"（原订阅的「{dropped}」已改为此片区，每个账号只订阅一个片区。）" if dropped else ""
    # 订阅 城东 subscribes at once: a 确认 after it, as if a summary had been shown, had
    # got 没有理解.
    await remember_done(
        ctx,
        f"已经为您订阅了「{beat.name}」的公开警情提示，不用再确认。"
        f"要换片区请发送「{CHANGE_BUTTON}」，不想再收到请发送「/退订」。",
    )
    return [
        Text(
            f"✅ 已订阅「{beat.name}」的公开警情提示，有需要大家注意的情况时会推送给您。"
            f"{instead}不想再收到请发送「/退订」。"
        )
    ]


#: 我住幸福小区, 住在和平路: the words before the place.
_LIVES_AT = re.compile(r"^(我|我们|我家)?(住在|住|家在|在)")
#: What a resident adds to their place's name that an address does not hold: 幸福里小区
#: for the venues at 幸福里 3 号 (it had been told there was no such 片区), 和平路附近.
_PLACE_WORDS = re.compile(r"(小区|社区|新村|花园|家园|一带|附近|这边|那边|这里|那里)$")
#: What a place said as a question adds after it (城东？, 幸福里是哪个片区, 城东警务区吗):
#: the place is the answer all the same (a question without one is answered aside).
_ASKED_AFTER = re.compile(
    r"[，,\s]*(?:(?:是|在|属于|归)?(?:哪个|哪)(?:片区|警务区|片儿|区)?)?[吗吧呢啊呀]?[？?。.!！\s]*$"
)


#: Where a sentence's clauses part: 我住幸福里小区 不知道哪个警务区 had found no area, while
#: 幸福里 alone did.
_CLAUSES = re.compile(r"[\s，,。；;：:！!？?]+")


async def beat_by_name(ctx: Context, name: str) -> Beat | None:
    """A beat by its name, code or a part of one name (城东 for 城东警务区), else the one
    beat of the venues whose address or name holds the place typed: residents know their
    小区, not the beat's name. In a sentence, the first of its clauses that names one."""
    clauses = [c for c in _CLAUSES.split(name.strip()) if len(c) > 1]
    for said in dict.fromkeys((name.strip(), *(clauses if len(clauses) > 1 else ()))):
        beat = await _beat_of_place(ctx, said)
        if beat is not None:
            return beat
    return None


async def _beat_of_place(ctx: Context, name: str) -> Beat | None:
    name = _LIVES_AT.sub("", name.strip()) or name
    name = _ASKED_AFTER.sub("", name) or name
    try:
        return await find_beat(ctx.session, name)
    except NotFound:
        pass
    for place in dict.fromkeys((name, _PLACE_WORDS.sub("", name))):
        if len(place) < _MIN_PLACE_CHARS:
            continue
        found = await ctx.session.exec(
            select(Venue.beat_id)
            .where(or_(col(Venue.address).contains(place), col(Venue.name).contains(place)))
            .distinct()
            .limit(2)
        )
        beats = found.all()
        if beats:
            return await ctx.session.get(Beat, beats[0]) if len(beats) == 1 else None
    return None


async def _beat_named(ctx: Context, hint: Suggestion) -> Suggestion:
    """订阅城西, typed without the space, had been offered a bare /订阅 that asks the
    place again: the beat named after 订阅, when it is one."""
    said = ctx.inbound.text.strip()
    name = said.split("订阅", 1)[1].strip() if said.startswith("订阅") else ""
    if not name or await beat_by_name(ctx, name) is None:
        return hint
    return replace(hint, typed=f"/订阅 {name}")


async def _submit(ctx: Context, answers: Answers) -> list[Reply]:
    area = answers["area"]
    beat = await _area_beat(ctx, area)
    if beat is None:  # checked as given; gone since (a venue or beat removed)
        return [Text("没有找到您所在的片区。请发送「/订阅」重新选择，或发送您的位置。")]
    point = (area["lat"], area["lon"]) if "lat" in area else None
    return await _subscribe(ctx, beat, point)


FORM = Form(
    name=FORM_NAME,
    title="警情提示订阅",
    fields=(
        FormField(
            "area",
            "片区",
            "请发送您的位置（推荐），或输入所在警务区名称：",
            _parse_area,
            show=_show_area,
            accepts_location=True,
            check=_check_area,
            # 警务区 in a sentence (和平里属于哪个警务区？) is about the answer, which the
            # check says: a place found is taken, else the beats are listed.
            aliases=("警务区",),
            # 派出所几点下班 had been looked up as a place: a question is answered as it
            # is with no form open, and the place asked again (`bot.forms.aside`).
            refuses_questions=True,
        ),
    ),
    submit=_submit,
    cancelled="好的，订阅没有变动。",
    confirms=False,  # one area, checked as given: 确认提交 under it asked it twice
)


async def _ask_area(ctx: Context, forms: FormEngine, *, changing: bool) -> list[Reply]:
    """A bare 订阅: the form taken up where it was left, else the subscription kept, with
    its two ways on (it had opened the form, and the next feature named had been refused
    for it, its content said to be kept); else the area asked."""
    unfinished = await forms.unfinished(ctx, FORM_NAME)
    if unfinished:
        # Its own resume line and question (or summary) only: the beats are no news there.
        return await forms.start(ctx, FORM_NAME)
    kept = (
        await ctx.session.exec(
            select(AlertSubscription).where(AlertSubscription.account_id == ctx.account.id)
        )
    ).first()
    if kept is not None and not changing:
        return [
            Choices(
                f"您已订阅「{kept.label}」的公开警情提示，有需要大家注意的情况时会推送给您。"
                "要换片区或退订，请点下面的按钮。",
                (Button(_CHANGE, CHANGE_BUTTON), Button("退订", "/退订")),
            )
        ]
    beats = (await ctx.session.exec(select(Beat.name).order_by(col(Beat.id)))).all()
    replies = await forms.start(ctx, FORM_NAME)
    return [Text(f"本所片区：{'、'.join(beats[:8])}。"), *replies] if beats else replies


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "subscribe",
        commands=("订阅", "subscribe"),
        help="订阅所在片区的公开警情提示",
        picks=_beat_named,
    )
    async def subscribe(ctx: Context) -> list[Reply]:
        name = ctx.match.args.strip() if ctx.match else ""
        if not name or name == _CHANGE:
            return await _ask_area(ctx, forms, changing=name == _CHANGE)
        beat = await beat_by_name(ctx, name)
        if beat is None:
            return [Text(f"没有找到「{name}」。请发送「/订阅」后发送位置，或写警务区名称。")]
        return await _subscribe(ctx, beat, None)

    # 取消订阅 typed at the 订阅 form's own question had been "a feature: send /退订 to use
    # it", and at its summary "reply 确认": it works in a form, and ends the 订阅 form too.
    @router.route(
        "unsubscribe",
        commands=("退订", "unsubscribe", "取消订阅"),
        keywords=("退订", "不订阅了", "不想订阅了"),
        # Replies tell subscribers to send 「/退订」: help lists it beside /订阅.
        help="退订警情提示",
        topic="订阅",
        in_forms=True,
        # An owner's 不想再收到通知: what 退订 says to them is an answer (their place's
        # alerts are no subscription, `handlers.broadcast.venue_alerts`), which an offer of
        # 「退订」（退订警情提示） had contradicted; a resident's is still offered.
        at_once=AtOnce.ANSWERS_OWN_WORDS,
        at_once_for=(Role.OWNER,),
    )
    async def unsubscribe(ctx: Context) -> list[Reply]:
        closed = await forms.unfinished(ctx, FORM_NAME) is not None and await forms.cancel(ctx)
        gone = await ctx.session.exec(
            delete(AlertSubscription).where(col(AlertSubscription.account_id) == ctx.account.id)
        )
        if not gone.rowcount and closed:
            return [Text("好的，没有为您订阅警情提示。需要时再发送「/订阅」。")]
        if owner := await venue_alerts_told(ctx):
            # An owner's alerts come with their place: 您没有订阅…发送「/订阅」 had been
            # all they were told, and the alerts went on.
            done = "已退订公开警情提示。" if gone.rowcount else ""
            return [Text(f"{done}{owner}")]
        if not gone.rowcount:
            return [Text("您没有订阅警情提示。需要时发送「/订阅」。")]
        return [Text("已退订，不会再收到警情提示推送。需要时可随时发送「/订阅」重新订阅。")]

    # The user unfollowed the account (`bot.messages.UNFOLLOWED`): the platform delivers
    # nothing to them now, so their alerts stop, and following again starts afresh rather
    # than silently subscribed. Nothing is said: no reply could reach them.
    @router.route("unfollowed", commands=(UNFOLLOWED.removeprefix("/"),), in_forms=True)
    async def unfollowed(ctx: Context) -> list[Reply]:
        await ctx.session.exec(
            delete(AlertSubscription).where(col(AlertSubscription.account_id) == ctx.account.id)
        )
        return []

    return router
