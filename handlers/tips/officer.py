"""Officers' side of tips: `/线索` (open tips; `/线索 第2页` the next page), `/线索 N` or
`/线索 #N` (one tip), `/线索 N 垃圾` (spam: quietly throttles the source),
`/线索状态 N 状态 [处理说明]`, and replying to the tipster.

A bare number is a tip, as in `/场所 3` or `/命中 2`: officers type record numbers without
"#", and a page number would shadow every tip below ten.

Officers read the tip and its conversation, never who sent it: the alias is all there is.
Opening, answering or updating a tip acknowledges it (no escalation to duty officers).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.audit_trail import audit
from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router
from bot.validators import Invalid
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number, wanted_number
from handlers.services.paging import fetch_page, named_page
from handlers.services.photos import images
from handlers.services.photos import load as load_photos
from handlers.services.station_scope import in_station, may_see
from handlers.services.status_note import read_status
from handlers.tips.form import CONTACT, PLACE, TEXT
from handlers.tips.relay import MESSAGE_TEXT, progress_line, to_tipster
from storage.models import Beat, Tip, TipMessage, TipStatus

SPAM_WORDS = frozenset({"垃圾", "垃圾信息", "spam"})
#: Only the tipster withdraws a tip (撤回): it is no status an officer sets.
_STATUS_BY_LABEL = {s.label: s for s in TipStatus if s is not TipStatus.WITHDRAWN}
NOT_FOUND = "没有找到线索 #{n}。发送「/线索」查看本所的线索。"
SUMMARY_CHARS = 24
#: What may stand between the status and the officer's note: 已处理，已约谈…
USAGE = "请发送「/线索」查看列表，「/线索 编号」查看详情，「/线索 编号 垃圾」标记垃圾信息。"
STATUS_USAGE = (
    "请发送「/线索状态 编号 状态」，状态可选：{options}；后面可附处理说明，会一并告知举报人。"
    "如 /线索状态 12 核查中，或 /线索状态 12 已处理 已约谈网吧负责人。"
)


def read_tip_id(token: str) -> int | None:
    """12, #12, ＃12 or T12."""
    return record_number(token, "T")


def read_page(arg: str) -> int | None:
    """The list page an argument asks for: nothing is page 1, 「第2页」 page 2, else None."""
    return named_page(arg)


def page_command(number: int) -> str:
    return f"/线索 第{number}页"


async def visible_tip(ctx: Context, tip_id: int) -> Tip | None:
    tip = await ctx.session.get(Tip, tip_id)
    if tip is None or not may_see(ctx.person, tip.station_id):
        return None
    return tip


def acknowledge(ctx: Context, tip: Tip) -> None:
    if tip.acked_at is None:
        tip.acked_at = ctx.now
        tip.acked_by_person_id = ctx.person.id
        ctx.session.add(tip)


async def _list(ctx: Context, number: int) -> list[Reply]:
    query = in_station(
        select(Tip).where(
            col(Tip.status).in_([TipStatus.RECEIVED, TipStatus.CHECKING]),
            col(Tip.muted).is_(False),
            col(Tip.spam).is_(False),
        ),
        col(Tip.station_id),
        ctx.person,
    ).order_by(col(Tip.id).desc())
    page = await fetch_page(ctx.session, query, number)
    if not page.items:
        return [Text("目前没有待处理的线索。")]
    zone = ctx.services.settings.zone
    lines = ["待处理的线索："]
    buttons = []
    for tip in page.items:
        text = ctx.services.cipher.decrypt(tip.text_enc, TEXT)
        summary = text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")
        flags = "".join(
            (
                "🚨" if tip.wanted_id else "",
                "🆕" if tip.acked_at is None else "",
                f"📷{n}" if (n := len(load_photos(tip.photos))) else "",
            )
        )
        lines.append(
            f"#{tip.id}　{short(tip.created_at, zone, ctx.now)}　{tip.category.label}　"
            f"{tip.status.label}　{tip.alias}{flags}\n　　{summary}"
        )
        buttons.append(Button(f"#{tip.id}", f"/线索 #{tip.id}"))
    # The summaries are decrypted tip text: which tips were shown is recorded, as a detail
    # view is.
    audit(
        ctx,
        action="view:tips",
        subject_kind="tip",
        detail="ids=" + ",".join(str(tip.id) for tip in page.items),
    )
    lines.append(page.footer(page_command) + "发送「/线索 编号」查看详情。")
    return [Choices("\n".join(lines), (*buttons, *page.next_button(page_command)))]


def _happened(tip: Tip, zone: ZoneInfo, now: datetime) -> str:
    """A moment (约 before it when rough: the note says so) or the tipster's own words."""
    if tip.happened_at:
        return f"　发生：{tip.happened_note}{short(tip.happened_at, zone, now)}"
    return f"　发生：{tip.happened_note}" if tip.happened_note else ""


async def _detail(ctx: Context, tip: Tip) -> list[Reply]:
    assert tip.id is not None
    cipher, zone = ctx.services.cipher, ctx.services.settings.zone
    acknowledge(ctx, tip)
    audit(
        ctx,
        action="view:tip",
        subject_kind="tip",
        subject_id=str(tip.id),
    )
    beat = await ctx.session.get(Beat, tip.beat_id) if tip.beat_id else None
    contact = cipher.decrypt(tip.contact_enc, CONTACT) if tip.contact_enc else ""
    lines = [
        f"线索 #{tip.id}　{tip.category.label}　{tip.status.label}",
        f"来自：{tip.alias}" + (f"　电话：{contact}" if contact else "（匿名）"),
        f"提交：{short(tip.created_at, zone, ctx.now)}" + _happened(tip, zone, ctx.now),
        "地点：" + (cipher.decrypt(tip.place_enc, PLACE) if tip.place_enc else "（未说明）"),
        f"警务区：{beat.name if beat else '未能定位，由所里分派'}",
        f"情况：{cipher.decrypt(tip.text_enc, TEXT)}",
    ]
    if tip.wanted_id is not None:
        lines.append(f"⚠️ 涉及在逃人员 {wanted_number(tip.wanted_id)}：请核实，切勿惊动对方。")
    messages = (
        await ctx.session.exec(
            select(TipMessage).where(TipMessage.tip_id == tip.id).order_by(col(TipMessage.id))
        )
    ).all()
    if messages:
        lines.append("对话：")
        for m in messages[-10:]:
            who = tip.alias if m.from_tipster else "民警"
            text = cipher.decrypt(m.text_enc, MESSAGE_TEXT)
            lines.append(f"　{short(m.created_at, zone, ctx.now)} {who}：{text}")
    lines.append(f"回复举报人：/回复 线索{tip.id} 内容")
    lines.append(f"办结并告知结果：/线索状态 {tip.id} 已处理 处理说明")
    # The tip's own status is no button: 核查中 on a tip already 核查中 only answered
    # 已经是「核查中」.
    statuses = (TipStatus.CHECKING, TipStatus.HANDLED, TipStatus.DECLINED)
    buttons = (
        Button("回复", f"/回复 线索{tip.id}"),
        *(
            Button(s.label, f"/线索状态 {tip.id} {s.label}")
            for s in statuses
            if s is not tip.status
        ),
        Button("标记垃圾", f"/线索 {tip.id} 垃圾"),
    )
    return [Choices("\n".join(lines), buttons), *images(tip.photos, f"线索 #{tip.id} 照片")]


async def _mark_spam(ctx: Context, tip: Tip) -> list[Reply]:
    acknowledge(ctx, tip)
    tip.spam = True
    # Declined without a word to the tipster: the throttle must stay invisible to them.
    tip.status = TipStatus.DECLINED
    tip.updated_at = ctx.now
    ctx.session.add(tip)
    days = ctx.services.settings.tips.spam_days
    return [
        Text(
            f"已将线索 #{tip.id} 标记为垃圾信息。该来源{days}天内的新举报仍会正常回执，"
            "但不再推送给民警。"
        )
    ]


async def set_status(ctx: Context, args: str) -> list[Reply]:
    """`/线索状态 N 状态 [处理说明]`: the tipster hears the new status and the note, as the
    officer wrote it, under the station's name."""
    token, _, rest = args.strip().partition(" ")
    tip_id = read_tip_id(token)
    try:
        read = read_status(rest, _STATUS_BY_LABEL)
    except Invalid as exc:
        return [Text(f"处理说明有误：{exc.reason}。")]
    if tip_id is None or read is None:
        return [Text(STATUS_USAGE.format(options="、".join(_STATUS_BY_LABEL)))]
    status, note = read
    tip = await visible_tip(ctx, tip_id)
    if tip is None:
        return [Text(NOT_FOUND.format(n=tip_id))]
    assert tip.id is not None
    acknowledge(ctx, tip)
    unchanged = tip.status is status
    if unchanged and not note:
        # With how to tell the tipster more: a note under the same status still reaches them.
        return [
            Text(
                f"线索 #{tip.id} 已经是「{status.label}」。如要把进展告诉举报人，请在后面写上"
                f"处理说明，如 /线索状态 {tip.id} {status.label} 已安排民警核实。"
            )
        ]
    if not unchanged:
        tip.status, tip.updated_at = status, ctx.now
        ctx.session.add(tip)
    key = f"tip-status:{tip.id}:{status.value}:{ctx.now.isoformat()}"
    if note:
        # Kept with the conversation, so the next officer reads what the tipster was told.
        message = TipMessage(
            tip_id=tip.id,
            from_tipster=False,
            officer_person_id=ctx.person.id,
            text_enc=ctx.services.cipher.encrypt(f"{status.label}：{note}", MESSAGE_TEXT),
            created_at=ctx.now,
        )
        ctx.session.add(message)
        await ctx.session.flush()
        key = f"tip-status:{tip.id}:{status.value}:note-{message.id}"
    thanks = "感谢您的支持！" if status is TipStatus.HANDLED else ""
    told = (
        progress_line(status, noted=bool(note)) + (f"\n处理情况：{note}\n" if note else "") + thanks
    )
    reached = await to_tipster(
        ctx.session,
        ctx.services,
        tip,
        told.strip(),
        key=key,
        now=ctx.now,
    )
    if not reached:
        outcome = "（举报人已无法联系。）"
    else:
        outcome = "已通知举报人" + ("，并转告了处理说明。" if note else "。")
    if unchanged:
        return [Text(f"✅ 线索 #{tip.id} 仍为「{status.label}」，{outcome}")]
    return [Text(f"✅ 线索 #{tip.id} 状态已改为「{status.label}」，{outcome}")]


async def reply_to_tipster(ctx: Context, tip_id: int, text: str) -> list[Reply]:
    tip = await visible_tip(ctx, tip_id)
    if tip is None:
        return [Text(NOT_FOUND.format(n=tip_id))]
    assert tip.id is not None
    acknowledge(ctx, tip)
    message = TipMessage(
        tip_id=tip.id,
        from_tipster=False,
        officer_person_id=ctx.person.id,
        text_enc=ctx.services.cipher.encrypt(text, MESSAGE_TEXT),
        created_at=ctx.now,
    )
    ctx.session.add(message)
    await ctx.session.flush()
    checking = tip.status is TipStatus.RECEIVED
    if checking:
        tip.status, tip.updated_at = TipStatus.CHECKING, ctx.now
        ctx.session.add(tip)
    reached = await to_tipster(
        ctx.session,
        ctx.services,
        tip,
        f"民警回复：{text}",
        key=f"tip-reply:{message.id}",
        now=ctx.now,
    )
    if not reached:
        return [Text(f"线索 #{tip.id} 的举报人已无法联系，回复未能送达。")]
    # The status moved with the reply: the officer is told, as /线索状态 tells it.
    moved = f"线索 #{tip.id} 状态已改为「{TipStatus.CHECKING.label}」。" if checking else ""
    return [Text(f"✅ 已以派出所名义转告{tip.alias}（对方看不到您的姓名和账号）。{moved}")]


def build_router() -> Router:
    router = Router()

    @router.route(
        "tips_list",
        commands=("线索", "tips"),
        # 看看举报, 举报列表: an officer reads the tips, the residents' 举报 files one.
        hints=("新的举报", "新举报", "有举报吗", "举报线索", "看举报", "查举报", "举报列表"),
        roles=STAFF,
        private_for=STAFF,
        help="查看待处理线索（/线索 第2页 翻页），/线索 编号 查看详情，/回复 线索编号 内容 回复举报人",
        daily=40,
        # 有新线索吗 had been offered 「线索」, a tap to read what was asked.
        at_once=AtOnce.SHOWN_WHEN_ASKED,
        # 线索1办结 已安排夜巡 had got the usage: the status, with the note, is /线索状态's.
        verbs=(
            *((said, "线索状态 {n} 已处理") for said in ("办结", "已办结", "已处理", "办完")),
            ("核查中", "线索状态 {n} 核查中"),
            ("不予处理", "线索状态 {n} 不予处理"),
            ("回复", "回复 线索{n}"),
        ),
    )
    async def tips(ctx: Context) -> list[Reply]:
        args = (ctx.match.args if ctx.match else "").strip()
        number = read_page(args)
        if number is not None:
            return await _list(ctx, number)
        token, _, rest = args.partition(" ")
        tip_id = read_tip_id(token)
        if tip_id is None or (rest.strip() and rest.strip().lower() not in SPAM_WORDS):
            return [Text(USAGE)]
        tip = await visible_tip(ctx, tip_id)
        if tip is None:
            found = NOT_FOUND.format(n=tip_id)
            if tip_id < 10_000:
                found += f"如要翻到第{tip_id}页，请发送「{page_command(tip_id)}」。"
            return [Text(found)]
        return await (_mark_spam(ctx, tip) if rest.strip() else _detail(ctx, tip))

    @router.route(
        "tip_status",
        commands=("线索状态", "tipstatus"),
        hints=("已处理", "处理完了", "已办结"),
        roles=STAFF,
        help="更新线索状态并通知举报人，可附处理说明，如 /线索状态 12 已处理 已约谈负责人",
        topic="线索",
    )
    async def status(ctx: Context) -> list[Reply]:
        return await set_status(ctx, ctx.match.args if ctx.match else "")

    return router
