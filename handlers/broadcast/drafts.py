"""Drafts: an alert composed but not yet confirmed, shown with the chats it would reach."""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import datetime

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.broadcast import timed
from handlers.broadcast.audience import Audience
from handlers.broadcast.compose import heading_and_body
from handlers.broadcast.release import beyond_own_beat, confirm, count_targets, unapprovable
from handlers.broadcast.targets import Target, resolve
from handlers.broadcast.unbound import unreached, unreached_lines
from handlers.broadcast.where import where_lines
from handlers.registration.timefmt import short
from handlers.services.recipients import home_station_id
from storage.models import Beat, Broadcast, BroadcastStatus, Category, RecipientKind, Severity


def scope_mark(draft: Broadcast) -> str:
    """A short mark of the draft's scope, carried by its 确认发送 button: pressed after
    /通报范围 changed the scope, an older button would send to recipients the officer never
    saw counted."""
    return f"#{zlib.crc32(draft.audience.encode()) & 0xFFFF:04x}"


async def new_draft(
    ctx: Context,
    *,
    title: str,
    body: str,
    image: str | None,
    category: Category,
    severity: Severity,
    send_at: datetime | None,
) -> Broadcast:
    station_id = ctx.person.station_id or await home_station_id(ctx.session)
    draft = Broadcast(
        station_id=station_id,
        author_person_id=ctx.person.id,
        title=title,
        body=body,
        image_sha256=image,
        category=category,
        severity=severity,
        status=BroadcastStatus.DRAFT,
        send_at=send_at,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    ctx.session.add(draft)
    await ctx.session.flush()
    return draft


#: Why 订阅群众 is 0, and how residents come to hear alerts.
NO_SUBSCRIBERS = (
    "（该范围内还没有群众订阅警情提示；群众发送「/订阅 警务区名称」或发送位置即可订阅）"
)


def _reach(audience: Audience, targets: list[Target]) -> str:
    """场所负责人 3 人，群 2 个(，订阅群众 N 人); a kind with none left out (群 0 个), but
    for subscribers asked for, and for no one at all."""
    kinds = Counter(t.kind for t in targets)
    owners, groups = kinds[RecipientKind.OWNER], kinds[RecipientKind.GROUP]
    parts = [f"场所负责人 {owners} 人"] if owners or not (groups or audience.subscribers) else []
    if groups:
        parts.append(f"群 {groups} 个")
    if audience.subscribers:
        residents = kinds[RecipientKind.SUBSCRIBER]
        # A bare 0 left the officer guessing whether +群众 had been understood at all.
        parts.append(
            f"订阅群众 {residents} 人" + (_by_beat(targets) if residents else NO_SUBSCRIBERS)
        )
    return "，".join(parts)


def _by_beat(targets: list[Target]) -> str:
    """Those of the residents counted for a drawn area only because they subscribed to a
    beat in it: 极速网吧 1公里+群众 had counted the whole beat's subscribers as if they all
    lived within the kilometre."""
    unplaced = [t.subscribed_beat for t in targets if t.subscribed_beat]
    if not unplaced:
        return ""
    beats = "、".join(sorted(set(unplaced)))
    # 含订阅城东警务区的群众 1 人：… had read as if the count were only of that beat.
    return f"（其中 {len(unplaced)} 人按所订阅的{beats}计入，未发送位置，不一定在范围内）"


def _again(ctx: Context, audience: Audience, targets: list[Target]) -> str | None:
    """Why the form's 确认 is not enough (see `second_yes`): "" when no one is reached."""
    if not targets:
        return ""
    if beyond_own_beat(ctx.person, audience, targets):
        return "发送范围超出您的警务区"
    if audience.residents_only:
        return "将推送给订阅的群众"  # not 同时: no venue hears it
    if audience.subscribers:
        return "将同时推送给订阅的群众"
    return None


#: How many venues or groups a second confirmation names; the rest are counted.
NAMED = 10


async def _who(ctx: Context, targets: list[Target]) -> list[str]:
    """Whom the draft reaches, for the second confirmation: the venues' owners and the
    groups by name, the residents by the beats they subscribed to. 请核对发送对象 had shown
    only counts (场所负责人 4 人，订阅群众 1 人), nothing to check them against."""
    lines = ["发送对象："]
    for kind, title in ((RecipientKind.OWNER, "场所负责人"), (RecipientKind.GROUP, "群")):
        labels = [t.label for t in targets if t.kind is kind]
        if labels:
            more = f"等 {len(labels)} 个" if len(labels) > NAMED else ""
            # An owner's label lists their places with 、 (平安旅馆、便民小店（王某）).
            apart = "；" if kind is RecipientKind.OWNER else "、"
            lines.append(f"· {title}：{apart.join(labels[:NAMED])}{more}")
    residents = Counter(
        beat for t in targets if t.kind is RecipientKind.SUBSCRIBER for beat in t.beat_ids
    )
    if residents:
        names = dict(
            (
                await ctx.session.exec(
                    select(Beat.id, Beat.name).where(col(Beat.id).in_(sorted(residents)))
                )
            ).all()
        )
        count = sum(1 for t in targets if t.kind is RecipientKind.SUBSCRIBER)
        beats = "、".join(f"{names.get(b, b)} {n} 人" for b, n in sorted(residents.items()))
        lines.append(f"· 订阅群众 {count} 人：{beats}")
    return lines


async def second_yes(ctx: Context, draft: Broadcast) -> str | None:
    """Why the officer, having confirmed the form, is asked once more before it goes: the
    draft says something the form's summary did not (whom beyond their beat, or residents,
    it reaches; or that it reaches no one). None: the form's 确认 was enough."""
    targets = await count_targets(ctx.session, ctx.services.channels, draft)
    why = _again(ctx, Audience.from_json(draft.audience), targets)
    # No one reached: "", as the draft says so, and how to change the scope.
    return f"⚠️ {why}，请核对发送对象后再确认一次。" if why else why


async def reach_note(ctx: Context, audience: Audience, station_id: int) -> str:
    """Whom an alert for `audience` reaches and what the form's 确认 will do with it, for
    the form's summary: the officer had learnt how many chats it went to only once sent."""
    targets = await resolve(ctx.session, ctx.services.channels, audience, station_id)
    if not targets:
        return "⚠️ 该范围内没有找到可发送的对象：确认后存为草稿，可再修改范围。"
    where = await where_lines(ctx.session, audience, station_id)
    missed = await unreached(
        ctx.session,
        audience,
        station_id,
        (t.person_id for t in targets),
        (t.group_id for t in targets),
    )
    reach = "\n".join(
        [
            *where,
            f"将发送给 {len(targets)} 个对象：{_reach(audience, targets)}。",
            *unreached_lines(missed, sent=False),
        ]
    )
    why = _again(ctx, audience, targets)
    if why:
        return f"{reach}\n⚠️ {why}：确认后先存为草稿，核对发送对象后再确认一次才发送。"
    return reach


async def confirmed_reply(ctx: Context, draft: Broadcast) -> list[Reply]:
    """The alert as sent (or scheduled) by the form's own 确认, with what it reaches."""
    assert draft.id is not None
    targets = await count_targets(ctx.session, ctx.services.channels, draft)
    decision = await confirm(ctx.session, ctx.services, draft, ctx.person)
    audience = Audience.from_json(draft.audience)
    zone = ctx.services.settings.zone
    if decision.status is BroadcastStatus.SCHEDULED and draft.send_at is not None:
        done = f"⏰ 将于 {short(draft.send_at, zone, ctx.now)} 发送给 {len(targets)} 个对象"
    elif decision.status is BroadcastStatus.PENDING_APPROVAL:
        done = f"已提交{decision.approvers}审批，批准后发送给 {len(targets)} 个对象"
    elif decision.status is BroadcastStatus.DRAFT:  # nobody could approve it
        return [Text(unapprovable(draft.id))]
    else:
        done = f"✅ 正在发送给 {decision.targets} 个对象"
    lines = [
        f"通报#{draft.id}（{draft.status.label}）",
        *heading_and_body(draft),
        f"范围：{audience.described('（未定）')}",
        f"{done}：{_reach(audience, targets)}。",
        f"发送「/通报状态 {draft.id}」查看送达和确认情况。",
    ]
    status = Button("查看送达", f"/通报状态 {draft.id}")
    if decision.status is BroadcastStatus.SCHEDULED:
        # Not out yet: another time, or not at all (撤回 had read as taking back a sent one).
        return [Choices("\n".join(lines), (status, *timed.buttons(draft.id)))]
    return [Choices("\n".join(lines), (status, Button("撤回", f"/撤回 {draft.id}")))]


async def draft_reply(ctx: Context, draft: Broadcast, why: str = "") -> list[Reply]:
    """The draft, who it reaches (by kind), and the buttons to send or drop it; `why` a
    second confirmation is asked, first."""
    assert draft.id is not None
    targets = await count_targets(ctx.session, ctx.services.channels, draft)
    audience = Audience.from_json(draft.audience)
    zone = ctx.services.settings.zone
    when = f"{short(draft.send_at, zone, ctx.now)} 发送" if draft.send_at else "确认后立即发送"
    lines = [
        *([why] if why else []),
        f"通报#{draft.id}（草稿）",
        *heading_and_body(draft),
        f"范围：{audience.described('（未定）')}",
        f"时间：{when}",
    ]
    if not targets:
        lines.append("⚠️ 该范围内没有找到可发送的对象（场所负责人未绑定、没有绑定的群）。")
        lines.append(
            f"可发送「/通报范围 {draft.id} 新范围」修改，或「/撤回 {draft.id}」取消；"
            "让场所负责人绑定后才能收到，请发送「/邀请 场所名称」生成邀请码。"
        )
        return [Text("\n".join(lines))]
    lines.append(f"将发送给 {len(targets)} 个对象：{_reach(audience, targets)}。")
    if _again(ctx, audience, targets):
        # Its 确认发送 is the second confirmation: what there is to check, by name.
        lines.extend(await _who(ctx, targets))
    buttons = (
        Button(f"确认发送（{len(targets)}）", f"/通报发送 {draft.id} {scope_mark(draft)}"),
        Button("取消", f"/撤回 {draft.id}"),  # as every other form and draft says it
    )
    return [Choices("\n".join(lines), buttons)]
