"""`/分享 内容`: an officer shares a work note (经验交流) with the station's other officers."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Reply, Text
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.services.recipients import station_staff_accounts
from handlers.services.worklog import log_work
from storage.models import Beat, SharedNote
from storage.outbox import enqueue_to_accounts

router = Router()

NOTE_MAX = 1000


@router.route(
    "share_note",
    commands=("分享", "share"),
    roles=STAFF,
    help="向本所民警分享工作经验，如 /分享 内容",
)
async def share(ctx: Context) -> list[Reply]:
    if ctx.person.station_id is None or ctx.person.id is None:
        return [Text("您尚未绑定派出所，无法分享。")]
    raw = ctx.match.args if ctx.match else ""
    if not raw.strip():
        return [Text("请在「/分享」后写上要分享的内容，如：/分享 夜间巡查出租屋先联系房东。")]
    try:
        text = parse_free_text(raw, max_length=NOTE_MAX)
    except Invalid as exc:
        return [Text(exc.reason)]
    note = SharedNote(
        person_id=ctx.person.id, station_id=ctx.person.station_id, text=text, created_at=ctx.now
    )
    ctx.session.add(note)
    await ctx.session.flush()
    beat = await ctx.session.get(Beat, ctx.person.beat_id) if ctx.person.beat_id else None
    author = ctx.person.display_name or "民警"
    where = f"（{beat.name}）" if beat else ""
    message = Text(f"📝 经验交流｜{author}{where}：\n{text}")
    accounts = [
        a
        for a in await station_staff_accounts(ctx.session, ctx.person.station_id)
        if a.person_id != ctx.person.id
    ]
    enqueue_to_accounts(
        ctx.session, accounts, message_key=f"note:{note.id}", replies=[message], now=ctx.now
    )
    colleagues = len({a.person_id for a in accounts})
    log_work(
        ctx.session,
        ctx.person,
        "note.share",
        text[:100],
        now=ctx.now,
        subject_kind="note",
        subject_id=note.id or "",
    )
    if not colleagues:
        return [Text("已保存。本所暂无其他已绑定的民警可接收。")]
    return [Text(f"✅ 已分享给本所 {colleagues} 位民警。")]
