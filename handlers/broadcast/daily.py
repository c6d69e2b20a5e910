"""Each beat's daily alert: what officers queued, incident trends, seasonal warnings and
public wanted notices, sent to the beat's venues and groups at `[broadcast] daily_time`.

One alert per beat and day (`daily_key` is unique), so running the job twice, or on two
replicas, sends it once. A beat with nothing to say gets no alert, and its officers a note.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Services
from bot.messages import Reply, Text
from handlers.broadcast.audience import EVERYONE, Audience
from handlers.broadcast.audience_text import named_kind
from handlers.broadcast.compose import heading_and_body
from handlers.broadcast.notes import relative_day_note
from handlers.broadcast.release import release
from handlers.broadcast.sections import SECTIONS
from handlers.broadcast.targets import resolve
from handlers.services.numbers import record_number
from handlers.services.officers import beat_officer_accounts
from handlers.tips.relay import station_name
from storage.models import (
    Beat,
    Broadcast,
    BroadcastStatus,
    Category,
    DailyItem,
    OutboxMessage,
    VenueKind,
)
from storage.outbox import enqueue_to_accounts

ITEM_MAX = 300
BODY_MAX = 2000


def next_daily_day(now: datetime, services: Services) -> date:
    """The day of the next daily alert: today's if it has not gone out yet."""
    settings = services.settings
    local = now.astimezone(settings.zone)
    if local.time() < settings.broadcast.daily_at:
        return local.date()
    return local.date() + timedelta(days=1)


async def queue_item(ctx: Context, text: str) -> list[Reply]:
    """`/通报 明日 …`: keep the text for the officer's beat's next daily alert."""
    text = text.strip()[:ITEM_MAX]
    if len(text) < 4:
        return [Text("请在「/通报 明日」后写上要提示的内容。")]
    day = next_daily_day(ctx.now, ctx.services)
    beats = [ctx.person.beat_id] if ctx.person.beat_id else []
    if not beats and ctx.person.station_id:
        found = await ctx.session.exec(
            select(Beat.id).where(Beat.station_id == ctx.person.station_id)
        )
        beats = [b for b in found.all() if b is not None]
    if not beats:
        return [Text("您没有所属警务区，无法加入每日提示。")]
    queued = await ctx.session.exec(
        select(DailyItem).where(
            col(DailyItem.beat_id).in_(beats),
            DailyItem.day == day,
            DailyItem.text == text,
            col(DailyItem.broadcast_id).is_(None),
        )
    )
    if (same := queued.first()) is not None:
        # Sent twice (a retried message, a second tap), it had been listed and sent twice.
        return [
            Text(
                f"「{text[:40]}」已在 {day:%m-%d} 的每日提示里（提示项 #{same.id}），"
                "没有重复加入。发送「/每日提示」查看。"
            )
        ]
    items = [
        DailyItem(
            beat_id=beat_id, day=day, text=text, author_person_id=ctx.person.id, created_at=ctx.now
        )
        for beat_id in beats
    ]
    ctx.session.add_all(items)
    await ctx.session.flush()
    at = ctx.services.settings.broadcast.daily_time
    numbers = "、".join(f"#{item.id}" for item in items)
    where = "本警务区" if len(beats) == 1 else f"{len(beats)} 个警务区"
    replies: list[Reply] = [
        Text(
            f"✅ 已加入 {day:%m-%d} 的每日提示（提示项 {numbers}），将于 {at} 随每日提示"
            f"发给{where}的{EVERYONE}。发送前可以「/每日提示」查看，"
            f"「/每日提示 撤下 {items[0].id}」撤下。"
        )
    ]
    if (kind := _leading_kind(text)) is not None:
        # A daily item goes to the whole beat, one alert for all (no item has a scope of
        # its own): 网吧请于今晚自查… reached the hotels too, and 修改 范围 could not say why.
        replies.append(
            Text(
                f"每日提示发给全警务区，不能只发给某类场所。只发给{kind.label}，请「/每日提示 "
                f"撤下 {items[0].id}」后改发「/通报 {kind.label} 内容」，时间可写「明天{at}」。"
            )
        )
    today = ctx.now.astimezone(ctx.services.settings.zone).date()
    if note := relative_day_note(text, today, day):
        replies.append(Text(f"{note}可「/每日提示 撤下 {items[0].id}」后写明日期重新加入。"))
    return replies


#: Longest run of characters at the start of a tip read as a venue kind (小美容洗浴).
_KIND_MAX = 6


def _leading_kind(text: str) -> VenueKind | None:
    """The one kind of venue a tip starts by naming (网吧请于今晚…), if any."""
    for end in range(min(_KIND_MAX, len(text)), 1, -1):
        if (kind := named_kind(text[:end])) is not None:
            return kind
    return None


async def queued_items(ctx: Context) -> list[DailyItem]:
    """Items not yet carried by a daily alert, of the officer's beat or their own."""
    query = select(DailyItem).where(col(DailyItem.broadcast_id).is_(None))
    if ctx.person.beat_id is not None:
        query = query.where(
            (DailyItem.beat_id == ctx.person.beat_id)
            | (DailyItem.author_person_id == ctx.person.id)
        )
    else:
        query = query.where(DailyItem.author_person_id == ctx.person.id)
    return list((await ctx.session.exec(query.order_by(col(DailyItem.id)))).all())


async def daily_items(ctx: Context, args: str) -> list[Reply]:
    """`/每日提示`: the queued items; `/每日提示 撤下 N` takes one out before it is sent."""
    verb, _, number = args.strip().partition(" ")
    if verb in ("预览", "全文", "查看全文", "预览全文"):
        return await preview(ctx)
    items = await queued_items(ctx)
    if verb in ("撤下", "撤回", "删除", "取消"):
        chosen = record_number(number)
        item = next((i for i in items if i.id == chosen), None)
        if item is None:
            return [Text("没有找到这条待发的每日提示（可能已发送）。发送「/每日提示」查看。")]
        await ctx.session.delete(item)
        return [Text(f"已撤下提示项 #{item.id}，{item.day:%m-%d} 的每日提示不再包含它。")]
    if not items:
        return [
            Text(
                "没有待发的每日提示。发送「/通报 明日 内容」加入一条；"
                "看下一期每日提示的全文请发送「/每日提示 预览」。"
            )
        ]
    lines = ["待发的每日提示："]
    lines += [f"#{i.id}（{i.day:%m-%d}）{i.text[:40]}" for i in items[:20]]
    lines.append("撤下请发送「/每日提示 撤下 编号」；看发出时的全文请发送「/每日提示 预览」。")
    return [Text("\n".join(lines))]


async def compose(session: AsyncSession, services: Services, beat: Beat, day: date) -> str:
    """The alert's body, or "" when no section has anything to say."""
    parts = []
    for section in SECTIONS:
        blocks = await section.provider(session, services, beat, day)
        if blocks:
            lines = [f"【{section.title}】"]
            lines.extend(f"{i}. {b}" if len(blocks) > 1 else b for i, b in enumerate(blocks, 1))
            parts.append("\n".join(lines))
    body = "\n\n".join(parts)
    return body if len(body) <= BODY_MAX else body[: BODY_MAX - 1] + "…"


def beat_audience(beat: Beat) -> Audience:
    """Whom a beat's daily alert goes to: everything of the beat."""
    assert beat.id is not None
    return Audience(beats=(beat.id,), label=f"{beat.name}{EVERYONE}")


def daily_alert(beat: Beat, day: date, body: str, now: datetime) -> Broadcast:
    """A beat's daily alert for `day`, as the job releases it and the preview shows it."""
    assert beat.id is not None
    return Broadcast(
        station_id=beat.station_id,
        title=f"{beat.name} {day.month}月{day.day}日每日提示",
        body=body,
        category=Category.PUBLIC_ORDER,
        status=BroadcastStatus.SCHEDULED,
        audience=beat_audience(beat).to_json(),
        daily_key=f"daily:{beat.id}:{day.isoformat()}",
        created_at=now,
        updated_at=now,
    )


async def preview(ctx: Context) -> list[Reply]:
    """`/每日提示 预览`: the officer's beat's next daily alert as recipients will read it,
    assembled by the job's own code, and nothing sent or kept."""
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    if beat is None:
        return [Text("您没有所属警务区，没有每日提示可预览。")]
    day = next_daily_day(ctx.now, ctx.services)
    settings = ctx.services.settings
    at = settings.broadcast.daily_time
    if not settings.broadcast.daily_enabled:
        return [Text("本所未开启每日提示（[broadcast] daily_enabled），不会发送。")]
    body = await compose(ctx.session, ctx.services, beat, day)
    if not body:
        return [
            Text(
                f"{day:%m-%d} 的每日提示目前没有内容，到时将跳过不发。"
                "可发送「/通报 明日 内容」加入一条。"
            )
        ]
    targets = await resolve(
        ctx.session, ctx.services.channels, beat_audience(beat), beat.station_id
    )
    alert = daily_alert(beat, day, body, ctx.now)
    sent_at = datetime.combine(day, settings.broadcast.daily_at, settings.zone)
    lines = [
        *heading_and_body(alert),
        # The real footer ends 通报#N; the number is not given until the alert is sent.
        f"—— {await station_name(ctx.session, beat.station_id)} · {sent_at:%m-%d %H:%M} · "
        "通报编号在发送时生成",
    ]
    whom = f"{len(targets)} 个对象" if targets else "暂无绑定的对象，到时不会发送"
    return [
        Text(
            f"👁 预览（未发送）：{day:%m-%d} {at} 的每日提示，发给{beat.name}{EVERYONE}"
            f"（{whom}）。内容如下，收到的人读到的就是这些；"
            "要撤下其中的民警提示，发送「/每日提示」查看编号。"
        ),
        Text("\n".join(lines)),
    ]


async def _noted(session: AsyncSession, key: str) -> bool:
    """Whether a note of `key` went to anyone: each account's row is keyed `key->account`
    (`storage.outbox`), so the bare key had never matched."""
    dedupe_key = col(OutboxMessage.dedupe_key)
    found = await session.exec(
        select(OutboxMessage.id).where(
            or_(dedupe_key == key, dedupe_key.startswith(f"{key}->", autoescape=True))
        )
    )
    return found.first() is not None


async def daily_for_beat(services: Services, beat: Beat, day: date) -> int:
    """Assemble and release one beat's alert for `day`; returns how many chats it went to."""
    try:
        return await _daily_for_beat(services, beat, day)
    except IntegrityError:  # made meanwhile by another run (`jingmin jobs run`, a replica)
        return 0


async def _daily_for_beat(services: Services, beat: Beat, day: date) -> int:
    assert beat.id is not None
    key = f"daily:{beat.id}:{day.isoformat()}"
    now = services.clock()
    async with services.sessions() as session:
        if (await session.exec(select(Broadcast.id).where(Broadcast.daily_key == key))).first():
            return 0
        # The job runs every minute of the morning: a day the officer was told is skipped
        # stays skipped (an alert after 「已跳过」 would contradict it), and is not composed
        # again each minute.
        note_key = f"daily-skipped:{beat.id}:{day.isoformat()}"
        if await _noted(session, note_key):
            return 0
        audience = beat_audience(beat)
        if not await resolve(session, services.channels, audience, beat.station_id):
            return 0  # no venue owner or group bound yet: nobody to tell
        body = await compose(session, services, beat, day)
        if not body:
            note = Text(
                f"今日（{day:%m-%d}）{beat.name}没有需要发送的每日提示，已跳过。"
                "可发送「/通报 明日 内容」加入下一期。"
            )
            enqueue_to_accounts(
                session,
                await beat_officer_accounts(session, beat.id),
                message_key=note_key,
                replies=[note],
                now=now,
            )
            await session.commit()
            return 0
        broadcast = daily_alert(beat, day, body, now)
        session.add(broadcast)
        await session.flush()
        sent = await release(session, services, broadcast)
        await session.exec(
            update(DailyItem)
            .where(
                col(DailyItem.beat_id) == beat.id,
                col(DailyItem.broadcast_id).is_(None),
                col(DailyItem.day) <= day,
            )
            .values(broadcast_id=broadcast.id)
        )
        await session.commit()
    return sent


async def send_daily_alerts(services: Services) -> int:
    """The daily job: every beat's alert for today; returns how many chats were queued."""
    if not services.settings.broadcast.daily_enabled:
        return 0
    day = services.clock().astimezone(services.settings.zone).date()
    async with services.sessions() as session:
        beats = list((await session.exec(select(Beat).order_by(col(Beat.id)))).all())
    total = 0
    for beat in beats:
        total += await daily_for_beat(services, beat, day)
    return total
