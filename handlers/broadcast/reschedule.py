"""An alert scheduled for later, moved to another time or cancelled before it goes out:
`/通报 3 改到 明天8点`, `/通报 3 取消`, and the 改时间 / 取消发送 buttons under it.

The broadcasts job releases what is due by reading `send_at` on every run, so the new time
is the one it fires at. It is written only while the alert is still scheduled (a
conditional UPDATE): an alert the job took meanwhile, on this replica or another, is said
to be out already rather than moved after the fact.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col

from bot.context import Context, Handler
from bot.forms import FormEnv
from bot.forms.clock import local_time
from bot.messages import Choices, Reply, Text
from bot.router import STAFF
from bot.validators import Invalid
from handlers.broadcast.drafts import draft_reply
from handlers.broadcast.form import parse_when
from handlers.broadcast.release import release
from handlers.broadcast.revise import UNRELEASED, cancel
from handlers.broadcast.status_commands import alert_or_why
from handlers.broadcast.timed import MOVE_WORD, buttons
from handlers.registration.timefmt import short, to_stored
from handlers.services.numbers import record_number
from storage import memos
from storage.models import Broadcast, BroadcastStatus

#: /通报 3 改到 明天8点 (改成, 推迟到 …): the words after the verb are the new time.
_MOVE = re.compile(
    r"^(?:改到|改成|改为|改在|改时间|换到|推迟到|延后到|延迟到|提前到)[：:\s]*(?P<when>.*)$", re.S
)
#: The alert whose new time the officer was just asked (要改到什么时候？), and how long the
#: time alone typed after it is taken as the answer.
_ASKED = "broadcast_new_time"
_ASKED_FOR = timedelta(minutes=10)
#: /通报 3 取消: the alert not sent at all.
_CANCEL = frozenset({"取消", "取消发送", "不发了", "不发", "别发了"})


async def asked(ctx: Context, args: str) -> list[Reply] | None:
    """The reply to `/通报 N 改到 …` or `/通报 N 取消`; None when `args` asks neither (a
    new alert's content, which may well start with a number)."""
    head, _, rest = args.strip().partition(" ")
    number = record_number(head)
    rest = rest.strip()
    move = _MOVE.fullmatch(rest)
    if number is None or (move is None and rest not in _CANCEL):
        return None
    broadcast = await alert_or_why(ctx, number, act=True)
    if isinstance(broadcast, list):
        return broadcast
    if broadcast.status not in UNRELEASED:
        return [Text(_not_pending(broadcast))]
    if move is None:
        await cancel(ctx.session, ctx.services, broadcast, "发送前取消")
        return [Text(f"通报#{broadcast.id}已取消，不会发送。")]
    return await _move(ctx, broadcast, move["when"].strip())


def _not_pending(broadcast: Broadcast) -> str:
    """Why an alert already out (or given up) has no time to change."""
    if broadcast.status in (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED):
        return (
            f"通报#{broadcast.id}当前为「{broadcast.status.label}」，不会发送。"
            "如需再发，请发送「/通报」重新编写。"
        )
    return (
        f"通报#{broadcast.id}已经发出，不能再改时间。要改内容请发送「/更正 {broadcast.id} "
        f"新内容」，要收回请发送「/撤回 {broadcast.id} 原因」。"
    )


def _when(ctx: Context, broadcast: Broadcast) -> str:
    zone = ctx.services.settings.zone
    return f"{short(broadcast.send_at, zone, ctx.now)} 发送" if broadcast.send_at else "立即发送"


def with_new_time(handler: Handler) -> Handler:
    """The time alone (明天8点), typed by the officer just asked 要改到什么时候？, moves
    that alert: it had got 没有理解, the command having to be typed in full. Asked once, it
    is answered once; other words go on as before."""

    async def wrapped(ctx: Context) -> list[Reply]:
        if ctx.role not in STAFF or ctx.retold:
            return await handler(ctx)
        asked = await memos.recall(ctx.session, ctx.user_key, _ASKED, ctx.now, _ASKED_FOR)
        text = ctx.inbound.text.strip()
        if asked is None or not _reads_as_time(ctx, text):
            return await handler(ctx)
        await memos.forget(ctx.session, ctx.user_key, _ASKED)
        ctx.retell = f"/通报 {asked} {MOVE_WORD} {text}"
        return []

    return wrapped


def _reads_as_time(ctx: Context, text: str) -> bool:
    local = local_time(ctx)
    try:
        when = parse_when(text, FormEnv({}, local.date(), local))
    except Invalid:
        return False
    # Only a time: 现在 or 马上 said for something else must not send an alert at once.
    return "at" in when


def _set_for(broadcast: Broadcast, was: str) -> str:
    """When the alert goes as things stand: 通报#3定于 今天 20:00 发送。"""
    if broadcast.send_at is None:
        return f"通报#{broadcast.id}没有定时，确认后立即发送。"
    return f"通报#{broadcast.id}定于 {was}。"


async def _move(ctx: Context, broadcast: Broadcast, words: str) -> list[Reply]:
    was = _when(ctx, broadcast)
    example = f"「/通报 {broadcast.id} {MOVE_WORD} 明天8点」"
    if not words:
        await memos.remember(ctx.session, ctx.user_key, _ASKED, str(broadcast.id), ctx.now)
        now_command = f"「/通报 {broadcast.id} {MOVE_WORD} 现在」"
        return [
            Choices(
                f"{_set_for(broadcast, was)}要改到什么时候？直接回复时间即可，如「明天8点」"
                f"（或发送{example}）；马上发请发送{now_command}。",
                buttons(broadcast.id)[1:],
            )
        ]
    await memos.forget(ctx.session, ctx.user_key, _ASKED)  # the time given: asked no more
    local = local_time(ctx)
    try:
        when = parse_when(words, FormEnv({}, local.date(), local))
    except Invalid as exc:
        return [Text(f"{exc.reason}（通报#{broadcast.id}原定 {was}，未改动。）")]
    if when.get("daily"):
        return [
            Text(
                f"已定好的通报不能改为加入每日提示。请写上时间，如{example}；"
                f"通报#{broadcast.id}原定 {was}，未改动。"
            )
        ]
    send_at = (
        to_stored(datetime.fromisoformat(when["at"]), ctx.services.settings.zone)
        if "at" in when
        else None
    )
    if broadcast.status is not BroadcastStatus.SCHEDULED:
        # A draft, or one awaiting approval: its time is kept for when it is confirmed.
        broadcast.send_at, broadcast.updated_at = send_at, ctx.now
        ctx.session.add(broadcast)
        if broadcast.status is BroadcastStatus.DRAFT:
            return await draft_reply(ctx, broadcast)
        return [
            Text(f"通报#{broadcast.id}的发送时间已改为 {_when(ctx, broadcast)}，批准后按此发送。")
        ]
    moved = await ctx.session.exec(
        update(Broadcast)
        .where(
            col(Broadcast.id) == broadcast.id,
            col(Broadcast.status) == BroadcastStatus.SCHEDULED,
        )
        .values(send_at=send_at or ctx.now, updated_at=ctx.now)
        .execution_options(synchronize_session="fetch")
    )
    if not moved.rowcount:
        await ctx.session.refresh(broadcast)
        return [Text(_not_pending(broadcast))]
    if send_at is None:
        sent = await release(ctx.session, ctx.services, broadcast)
        return [
            Text(
                f"✅ 通报#{broadcast.id}（原定 {was}）改为现在发送，正在发送给 {sent} 个对象。"
                f"发送「/通报状态 {broadcast.id}」查看送达和确认情况。"
            )
        ]
    return [
        Choices(
            f"⏰ 通报#{broadcast.id}已改为 {_when(ctx, broadcast)}（原定 "
            f"{was.removesuffix(' 发送')}），到时自动发出。",
            buttons(broadcast.id),
        )
    ]
