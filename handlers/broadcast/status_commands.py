"""Following an alert once it is out: its status, who has not acknowledged, and sending it
again to them (/催读) or to the recipients it could not reach (/重发).

/通报状态 [N] [未确认 [页]]   delivery and acknowledgement figures; who has not acknowledged
/催读 [N]                    send again to those who have not acknowledged
/重发 [N]                    send again to the recipients it could not reach
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy import ColumnElement
from sqlmodel import col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Router
from handlers.broadcast.audience import Audience
from handlers.broadcast.compose import heading
from handlers.broadcast.daily import queued_items
from handlers.broadcast.early_nudge import NUDGE_GAP, nudge_opens, nudge_ready, too_early
from handlers.broadcast.failures import resend_failed
from handlers.broadcast.figures import (
    Figures,
    figures,
    recipient_lines,
    summary_lines,
    unacked_lines,
)
from handlers.broadcast.kind_acks import kind_acks, kind_line
from handlers.broadcast.lookup import alert_number, find_alert, seen_alert, too_old
from handlers.broadcast.naming import first_named
from handlers.broadcast.revise import UNRELEASED, nudge
from handlers.broadcast.unacked_said import latest_unacked
from handlers.broadcast.unbound import unreached_by, unreached_lines
from handlers.registration.timefmt import short
from handlers.services.numbers import record_number
from handlers.services.recipients import officer_or_area
from storage.models import Broadcast, BroadcastStatus, Person, Role

#: Unacknowledged recipients 通报状态 N shows; `/通报状态 N 未确认` pages through them all.
UNACKED_SHOWN = 10
UNACKED_PAGE = 30
#: The word after the number that asks for the whole list (the status's own heading).
_UNACKED_WORDS = ("未确认", "未读", "没确认", "名单")
RECENT_SHOWN = 5
#: /通报状态 before any alert: how to write the first (「/通报」开始 had not said that the
#: content may follow the command, nor what a title is).
NONE_SENT = (
    "您还没有发过通报。要发第一条，请发送「/通报」按提示填写；也可以把内容直接写在后面，"
    "如「/通报 今晚注意防范电信诈骗」（第一行作标题，换行后写正文）。"
)


def _status(broadcast: Broadcast, found: Figures | None) -> BroadcastStatus:
    if broadcast.status is BroadcastStatus.SENDING and found is not None and not found.waiting:
        # The sweep that records it as sent runs a little later; the figures already tell.
        return BroadcastStatus.DONE
    return broadcast.status


def _status_label(broadcast: Broadcast, found: Figures | None) -> str:
    """The status as the officer should read it: 已发送 had hidden recipients given up."""
    status = _status(broadcast, found)
    if found is None or not found.failed:
        return status.label
    if status is BroadcastStatus.DONE:
        return "部分未送达"
    if status is BroadcastStatus.SENDING:
        return "发送中（部分未送达）"
    return status.label


async def status_one(ctx: Context, broadcast: Broadcast) -> list[Reply]:
    zone = ctx.services.settings.zone
    audience = Audience.from_json(broadcast.audience)
    if broadcast.released_at:
        when = f"发布：{short(broadcast.released_at, zone, ctx.now)}"
    elif broadcast.status is BroadcastStatus.SCHEDULED and broadcast.send_at:
        when = f"定时：{short(broadcast.send_at, zone, ctx.now)} 发送"
    else:
        when = "发布：未发布"
    found = (
        None
        if broadcast.status in UNRELEASED
        else await figures(ctx.session, ctx.services.channels, broadcast)
    )
    lines = [
        f"通报#{broadcast.id} {heading(broadcast)}",
        f"状态：{_status_label(broadcast, found)} · 范围：{audience.described('—')} · {when}",
    ]
    if broadcast.rev > 1:
        lines.append(f"已更正 {broadcast.rev - 1} 次")
    if found is None:
        return [Text("\n".join(lines))]
    found.by_kind = kind_line(await kind_acks(ctx.session, broadcast), found.ackable)
    lines.extend(summary_lines(found))
    assert broadcast.id is not None
    missed = await unreached_by(ctx.session, audience, broadcast.station_id, broadcast.id)
    lines.extend(unreached_lines(missed, sent=True))
    if found.unacked:
        assert broadcast.id is not None
        lines.append(f"未确认（{len(found.unacked)}）：")
        lines.extend(unacked_lines(broadcast.id, found.unacked, UNACKED_SHOWN))
    buttons: list[Button] = []
    open_ = broadcast.status in (BroadcastStatus.SENDING, BroadcastStatus.DONE)
    if open_ and found.unacked:
        if nudge_ready(ctx, broadcast, found):
            buttons.append(Button("催读未确认", f"/催读 {broadcast.id}"))
        else:
            lines.append(f"{_nudge_later(ctx, broadcast, found)} 之后可催读未确认的对象。")
    if open_ and found.failed:
        buttons.append(Button("重发失败对象", f"/重发 {broadcast.id}"))
    if open_:
        buttons.append(Button("撤回", f"/撤回 {broadcast.id}"))
    if buttons:
        return [Choices("\n".join(lines), tuple(buttons))]
    return [Text("\n".join(lines))]


def _nudge_later(ctx: Context, broadcast: Broadcast, found: Figures) -> str:
    """When the 催读 button not offered yet will be, as the station's clock reads it."""
    opens = nudge_opens(broadcast, found)
    assert opens is not None
    return short(opens, ctx.services.settings.zone, ctx.now)


async def _unacked_page(ctx: Context, broadcast: Broadcast, page_word: str) -> list[Reply]:
    """`/通报状态 N 未确认 [页]`: the whole list of who has not acknowledged, a page at a
    time."""
    if broadcast.status in UNRELEASED:
        return [Text(f"通报#{broadcast.id}当前为「{broadcast.status.label}」，还没有发出。")]
    found = await figures(ctx.session, ctx.services.channels, broadcast)
    names = recipient_lines(found.unacked)
    if not names:
        return [Text(f"通报#{broadcast.id}没有未确认的对象。")]
    pages = (len(names) + UNACKED_PAGE - 1) // UNACKED_PAGE
    page = min(max(record_number(page_word) or 1, 1), pages)
    shown = names[(page - 1) * UNACKED_PAGE : page * UNACKED_PAGE]
    where = f"（第 {page}/{pages} 页）" if pages > 1 else ""
    lines = [f"通报#{broadcast.id} 未确认 {len(names)} 个{where}：", *shown]
    if page < pages:
        lines.append(f"下一页请发送「/通报状态 {broadcast.id} 未确认 {page + 1}」。")
    if broadcast.status not in (BroadcastStatus.SENDING, BroadcastStatus.DONE):
        return [Text("\n".join(lines))]
    if not nudge_ready(ctx, broadcast, found):
        later = f"{_nudge_later(ctx, broadcast, found)} 之后可催读。"
        return [Text("\n".join([*lines, later]))]
    return [Choices("\n".join(lines), (Button("催读未确认", f"/催读 {broadcast.id}"),))]


async def _status_recent(ctx: Context, missing: int | None = None) -> list[Reply]:
    """/通报状态 with no number: the officer's recent alerts. `missing`: the number asked
    for, of no alert this officer may see; said first, and each alert listed gets a button
    (没有找到通报#5 alone had sent the officer to look the numbers up with another command)."""
    query = _with_author(
        or_(
            col(Broadcast.author_person_id) == ctx.person.id,
            col(Broadcast.author_person_id).is_(None) & (col(Broadcast.daily_key).is_not(None)),
            _author_left(),
        ),
        col(Broadcast.station_id) == (ctx.person.station_id or col(Broadcast.station_id)),
    )
    rows = await _followed(ctx, query, RECENT_SHOWN)
    queued = len(await queued_items(ctx))
    waiting = f"另有 {queued} 条待发的每日提示，发送「/每日提示」查看。" if queued else ""
    not_found = f"没有找到通报#{missing}。" if missing is not None else ""
    if not rows:
        return [Text(f"{not_found}{NONE_SENT}{waiting}")]
    lines = [f"{not_found}您最近的通报：" if not_found else "最近的通报："]
    for broadcast in rows:
        found = await figures(ctx.session, ctx.services.channels, broadcast)
        acks = f"，确认 {found.acked}/{found.ackable}" if found.ackable else ""
        status = _status_label(broadcast, found)  # as its own 通报状态 says it
        if broadcast.status is BroadcastStatus.SCHEDULED and broadcast.send_at:
            status += f"（{short(broadcast.send_at, ctx.services.settings.zone, ctx.now)}）"
        # Not sent yet (scheduled, awaiting approval): 送达 0/0 said nothing.
        reached = f"，送达 {found.sent}/{found.targets}" if found.targets else ""
        lines.append(f"#{broadcast.id} {broadcast.title}｜{status}{reached}{acks}")
    if missing is None:
        lines.append("发送「/通报状态 编号」查看详情和未确认名单。")
    else:
        lines.append("点下面的按钮或发送「/通报状态 编号」查看详情和未确认名单。")
    if waiting:
        lines.append(waiting)
    if missing is None:
        return [Text("\n".join(lines))]
    buttons = tuple(Button(f"通报#{b.id}", f"/通报状态 {b.id}") for b in rows)
    return [Choices("\n".join(lines), buttons)]


def _with_author(*where: ColumnElement[bool]) -> SelectOfScalar[Broadcast]:
    """Alerts, with their author (if any) to ask `_author_left` of."""
    return (
        select(Broadcast)
        .outerjoin(Person, col(Person.id) == col(Broadcast.author_person_id))
        .where(*where)
    )


def _author_left() -> ColumnElement[bool]:
    """The alert's author no longer serves its station (revoked, or bound to another
    station since), as `recipients.officer_accounts` has it: an admin bound to no station
    serves every one."""
    return col(Broadcast.author_person_id).is_not(None) & or_(
        col(Person.role).not_in(STAFF),
        col(Person.station_id).is_(None) & (col(Person.role) != Role.ADMIN),
        col(Person.station_id) != col(Broadcast.station_id),
    )


async def _followed(ctx: Context, query: SelectOfScalar[Broadcast], most: int) -> list[Broadcast]:
    """Newest first, the first `most` alerts of `query` this officer follows up: their own
    and the authorless ones, and of those whose author left, the ones handed to them
    (`recipients.officer_or_area`: the officers of the beat it went to, or the station's).
    /通报状态, /催读 and /重发 had listed only an officer's own: an alert whose author left
    was followed by no one, though its failures were told to the beat's officers."""
    rows = (await ctx.session.exec(query.order_by(col(Broadcast.id).desc()).limit(most * 4))).all()
    kept = []
    for broadcast in rows:
        mine = broadcast.author_person_id in (None, ctx.person.id)
        if not mine and ctx.person.role is not Role.ADMIN:
            to = await officer_or_area(
                ctx.session,
                broadcast.author_person_id,
                broadcast.station_id,
                Audience.from_json(broadcast.audience).only_beat,
            )
            if all(account.person_id != ctx.person.id for account in to.accounts):
                continue
        kept.append(broadcast)
        if len(kept) == most:
            break
    return kept


async def _open_alerts(ctx: Context) -> AsyncIterator[tuple[Broadcast, Figures]]:
    """The recent alerts out (or going out) that this officer may remind or resend, newest
    first, with their figures, worked out only as far as the caller reads."""
    query = _with_author(
        col(Broadcast.status).in_([BroadcastStatus.SENDING, BroadcastStatus.DONE]),
        col(Broadcast.station_id) == (ctx.person.station_id or col(Broadcast.station_id)),
    )
    if ctx.person.role is not Role.ADMIN:  # as find_alert lets only the author or a leader act
        query = query.where(
            or_(
                col(Broadcast.author_person_id) == ctx.person.id,
                col(Broadcast.author_person_id).is_(None),
                _author_left(),
            )
        )
    for broadcast in await _followed(ctx, query, 20):
        yield broadcast, await figures(ctx.session, ctx.services.channels, broadcast)


async def _nudge_choices(ctx: Context) -> list[Reply]:
    """`/催读` with no number: the officer's recent alerts someone has not acknowledged yet,
    a button each (it only said 请写明通报编号, and the officer had to look the number up)."""
    return await _alert_choices(
        ctx,
        "催读",
        "以下通报还有对象未确认，点按钮催读：",
        lambda broadcast, found: f"未确认 {len(found.unacked)} 个" if found.unacked else None,
        "没有需要催读的通报：您最近的通报均已确认、尚未送达或已撤回。",
        # Fresh or just reminded: listed with when, as its status says it, and no button.
        not_yet=lambda broadcast, found: (
            None
            if nudge_ready(ctx, broadcast, found)
            else f"{_nudge_later(ctx, broadcast, found)} 之后可催读"
        ),
    )


async def _resend_choices(ctx: Context) -> list[Reply]:
    """`/重发` with no number: the officer's recent alerts with recipients not reached, a
    button each, as /催读 lists its own (it only said 请写明通报编号)."""
    return await _alert_choices(
        ctx,
        "重发",
        "以下通报有对象未送达，点按钮重发：",
        lambda broadcast, found: (
            f"未送达 {found.failed} 个" if found.failed and not too_old(ctx, broadcast) else None
        ),
        "没有需要重发的通报：您最近的通报均已送达或仍在发送。",
    )


async def alert_or_why(ctx: Context, number: int | None, *, act: bool) -> Broadcast | list[Reply]:
    """The alert `number` names, if this officer may see it (`act`: act on it); otherwise
    what to say. A number of no alert they may see is answered with their recent alerts,
    a button each, as /通报状态 answers it: 没有找到通报#99 alone had sent them to another
    command for the numbers (/催读 99, /撤回 99)."""
    broadcast = await find_alert(ctx, number, act=act)
    if not isinstance(broadcast, str):
        return broadcast
    if number is not None and await seen_alert(ctx, number) is None:
        return await _status_recent(ctx, missing=number)
    return [Text(broadcast)]


async def _named_alert(
    ctx: Context, *, act: bool, unnamed: Callable[[Context], Awaitable[list[Reply]]]
) -> tuple[Broadcast, str] | list[Reply]:
    """The alert the command's number names, with the words after it, if this officer may
    see it (`act`: act on it); otherwise what to say: `unnamed`'s answer when no number was
    given (the recent alerts, or those left to act on), else as `alert_or_why` says it."""
    number, rest = alert_number(ctx)
    if number is None:
        return await unnamed(ctx)
    broadcast = await alert_or_why(ctx, number, act=act)
    if isinstance(broadcast, list):
        return broadcast
    return broadcast, rest


async def _alert_to_act_on(
    ctx: Context, verb: str, choices: Callable[[Context], Awaitable[list[Reply]]]
) -> Broadcast | list[Reply]:
    """The alert `/催读 N` or `/重发 N` names, if it can be acted on (being sent or sent);
    otherwise what to say: the `choices` of open alerts when no number was given, or why not."""
    named = await _named_alert(ctx, act=True, unnamed=choices)
    if isinstance(named, list):
        return named
    broadcast, _ = named
    if broadcast.status not in (BroadcastStatus.SENDING, BroadcastStatus.DONE):
        return [Text(f"通报#{broadcast.id}当前为「{broadcast.status.label}」，无法{verb}。")]
    return broadcast


async def _alert_choices(
    ctx: Context,
    command: str,
    intro: str,
    pending: Callable[[Broadcast, Figures], str | None],
    none_left: str,
    not_yet: Callable[[Broadcast, Figures], str | None] = lambda _broadcast, _found: None,
) -> list[Reply]:
    """The officer's recent alerts `pending` says something is left to do for (what, as
    未确认 3 个), a `command` button each; `none_left` and how to name one otherwise. One
    `not_yet` says the command cannot act on yet is listed with when it can, and no button."""
    listed, buttons = [], []
    async for broadcast, found in _open_alerts(ctx):
        if (left := pending(broadcast, found)) is None:
            continue
        line = f"#{broadcast.id} {broadcast.title}｜{left}"
        if (wait := not_yet(broadcast, found)) is not None:
            listed.append(f"{line}，{wait}")
        else:
            listed.append(line)
            buttons.append(Button(f"{command}#{broadcast.id}", f"/{command} {broadcast.id}"))
        if len(listed) == RECENT_SHOWN:
            break
    if not listed:
        return [Text(f"{none_left}发送「/通报状态」查看最近的通报，或写明编号，如 /{command} 12。")]
    if not buttons:
        heading = f"以下通报暂不能{command}，到时请发送「/{command} 编号」："
        return [Text("\n".join([heading, *listed]))]
    return [Choices("\n".join([intro, *listed, f"也可发送「/{command} 编号」。"]), tuple(buttons))]


def add_routes(router: Router) -> None:
    """/通报状态, /催读 and /重发, added where `officer.build_router` had them (the order
    the dispatcher tries routes in)."""

    @router.route(
        "broadcast_status",
        commands=("通报状态", "alertstatus"),
        hints=(
            "谁没读",
            "谁没看",
            "谁还没看",
            "谁还没读",
            "没确认",
            # The words of /通报状态's own reply (查看详情和未确认名单), typed back.
            "未确认",
            "未读名单",
            "谁没回",
            "谁还没回",
            "谁没收到",
            "谁还没收到",
            "读了没",
            "确认情况",
            "号通报",
            # 怎么看哪些店没点收到, 昨天的通报有几个人看了, …大家都看了吗: had got 没有理解
            # or a new alert.
            "没点收到",
            # 哪些场所还没回复收到 had been offered 「场所」, the venue records.
            "没回复收到",
            "没回收到",
            "没回复确认",
            "几个人看了",
            "多少人看了",
            "都看了吗",
            "都看了没",
            "都收到了吗",
        ),
        roles=STAFF,
        help="查看通报送达和确认情况，如 /通报状态 12",
        daily=90,
        topic="通报",
        # 谁还没确认通报 had been asked 您是想用「通报状态」吗？, a tap that changes nothing.
        at_once=AtOnce.SHOWN,
        picks=latest_unacked,
    )
    async def status(ctx: Context) -> list[Reply]:
        named = await _named_alert(ctx, act=False, unnamed=_status_recent)
        if isinstance(named, list):
            return named
        broadcast, rest = named
        word, _, page = rest.partition(" ")
        if word.startswith(_UNACKED_WORDS):
            return await _unacked_page(ctx, broadcast, page.strip())
        return await status_one(ctx, broadcast)

    @router.route(
        "broadcast_nudge",
        commands=("催读", "nudge"),
        hints=("催一下", "提醒一下没读", "提醒一下没看", "催他们", "没看的", "没读的"),
        roles=STAFF,
        help="提醒未确认的对象，如 /催读 12",
        topic="通报",
    )
    async def remind(ctx: Context) -> list[Reply]:
        broadcast = await _alert_to_act_on(ctx, "催读", _nudge_choices)
        if isinstance(broadcast, list):
            return broadcast
        assert broadcast.id is not None
        found = await figures(ctx.session, ctx.services.channels, broadcast)
        if (wait := too_early(ctx, broadcast, found)) is not None:
            return wait
        last = found.last_nudged
        if last is not None and ctx.now - last < NUDGE_GAP:
            # Two taps on 催读 sent the whole alert twice to the same owners.
            zone = ctx.services.settings.zone
            again = short(last + NUDGE_GAP, zone, ctx.now)
            return [
                Text(
                    f"通报#{broadcast.id}已于 {short(last, zone, ctx.now)} 催读过。为免打扰，"
                    f"请在 {again} 之后再催读。"
                )
            ]
        sent = await nudge(ctx.session, ctx.services, broadcast)
        if sent:
            said = f"已向 {sent} 个未确认的对象再次发送通报#{broadcast.id}。"
        else:
            said = f"通报#{broadcast.id}没有需要催读的对象（均已确认或尚未送达）。"
        failed = found.failed  # a reminder changes nothing of who was not reached
        if not failed:
            return [Text(said)]
        # Who never got it cannot be reminded; it had said nothing of them.
        return [
            Choices(
                f"{said}另有 {failed} 个对象未送达，可「/重发 {broadcast.id}」重新发送。",
                (Button("重发失败对象", f"/重发 {broadcast.id}"),),
            )
        ]

    @router.route(
        "broadcast_resend",
        commands=("重发", "重发失败", "resend"),
        hints=("重发失败", "重新发送失败", "没送到的重发"),
        roles=STAFF,
        help="把通报重新发给未送达的对象，如 /重发 12",
        topic="通报",
    )
    async def resend(ctx: Context) -> list[Reply]:
        broadcast = await _alert_to_act_on(ctx, "重发", _resend_choices)
        if isinstance(broadcast, list):
            return broadcast
        if too_old(ctx, broadcast):
            return [Text(f"通报#{broadcast.id}发布已久，请发布新的通报。")]
        again = await resend_failed(ctx.session, ctx.services, broadcast)
        if not again:
            return [Text(f"通报#{broadcast.id}没有未送达的对象，无需重发。")]
        names = "、".join(first_named([f.recipient.label for f in again]))
        return [
            Text(
                f"已把通报#{broadcast.id}重新发给 {len(again)} 个未送达的对象：{names}。"
                f"发送「/通报状态 {broadcast.id}」查看结果。"
            )
        ]
