"""Officers' side of self-service reports: the queue (`/报案`, paged as `/报案 第2页`), one
report (`/报案 报案号`, decrypted and audited), follow-up questions (`/追问 报案号 问题`) and
status (`/报案状态 报案号 状态`, which tells the reporter).

A report is opened on a phone without typing B20261129-C75EC5: by its place in the list the
officer last saw (`/报案 1`) or by the last six characters of its number (`/报案 c75ec5`)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.audit_trail import audit
from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.validators import Invalid
from handlers.registration.fields import doc_label
from handlers.registration.timefmt import short
from handlers.reports.form import DETAILS, NATIONALITY, TABLE
from handlers.reports.notify import MESSAGE_TEXT, is_urgent, to_reporter, urgent_clause
from handlers.services.paging import PAGE_SIZE, fetch_page, named_page
from handlers.services.personal import unseal
from handlers.services.photos import images
from handlers.services.station_scope import in_station, may_see
from handlers.services.status_note import read_status
from storage import memos
from storage.models import Beat, Report, ReportMessage, ReportStatus

_RECEIPT = re.compile(r"B(\d{8})-?([0-9A-Z]{6})")
#: `/追问 报案号` at the front of a question: the command retyped into its own form.
_RETYPED_ASK = re.compile(r"^\s*/?追问\s*B\d{8}-?[0-9A-Z]{6}[\s，,：:]*", re.IGNORECASE)
_STATUS_BY_LABEL = {s.label: s for s in ReportStatus}
#: The labels, and how officers say 办结 as they say it of tips (报案 1 结案, 处理完了):
#: longest first, as `read_status` takes the first that starts the words.
_STATUS_SAID = dict(
    sorted(
        {
            **_STATUS_BY_LABEL,
            **dict.fromkeys(
                ("已结案", "结案", "已处理", "处理完了", "处理完", "办完了", "办完"),
                ReportStatus.CLOSED,
            ),
        }.items(),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)
_STILL_WORKING = re.compile(r"处理(?!完)")
#: A report (its number, its place in the list, its number's last six) and what follows.
_REPORT_AND_REST = re.compile(r"(B\d{8}-?[0-9A-Z]{6}|[0-9A-Z]{6}|#?\d{1,4})\s*(\S.*)", re.S)
#: A report's whole number and what follows, with nothing before it.
_RECEIPT_AND_REST = re.compile(r"(B\d{8}-?[0-9A-Z]{6})\s*(\S.*)", re.S)
NOT_FOUND = "没有找到报案 {r}。发送「/报案」查看本所的报案。"
#: The receipts of the list the officer last saw, by position: what `/报案 1` opens.
LIST_MEMO = "report-list"
LIST_FRESH = timedelta(hours=12)
_POSITION = re.compile(r"#?(\d{1,4})")
_SUFFIX = re.compile(r"[0-9A-Z]{6}")
#: What the reporter reads when an officer opens the report.
ACCEPTED_NOTE = "处理进展：已受理。民警已在处理，如需了解情况会在这里联系您。"


def read_receipt(text: str) -> str | None:
    match = _RECEIPT.fullmatch(re.sub(r"\s", "", text).upper())
    return f"B{match.group(1)}-{match.group(2)}" if match else None


async def find_report(ctx: Context, receipt: str) -> Report | None:
    return (await ctx.session.exec(select(Report).where(Report.receipt_no == receipt))).first()


async def visible_report(ctx: Context, receipt: str) -> Report | None:
    report = await find_report(ctx, receipt)
    if report is None or not may_see(ctx.person, report.station_id):
        return None
    return report


def _queue(ctx: Context) -> SelectOfScalar[Report]:
    return in_station(
        select(Report).where(col(Report.status).in_([ReportStatus.QUEUED, ReportStatus.ACCEPTED])),
        col(Report.station_id),
        ctx.person,
    ).order_by(urgent_clause(ctx.now).desc(), col(Report.id).desc())


def _page_asked(number: int) -> str:
    return f"/报案 第{number}页"


async def _list(ctx: Context, number: int) -> list[Reply]:
    page = await fetch_page(ctx.session, _queue(ctx), number)
    if not page.items:
        return [Text("目前没有待处理的报案。")]
    zone = ctx.services.settings.zone
    lines = ["待处理的自助报案："]
    first = (page.number - 1) * PAGE_SIZE + 1
    shown = {}
    for position, r in enumerate(page.items, start=first):
        shown[str(position)] = r.receipt_no
        mark = "⚠️" if is_urgent(r, ctx.now) else ""
        lines.append(
            f"{position}. {mark}{r.receipt_no}　{short(r.created_at, zone, ctx.now)}　{r.kind.label}　"
            f"{r.status.label}　{r.name_masked}"
        )
    # The numbers shown stay what they were when the officer types one, new reports or not.
    await memos.remember(ctx.session, ctx.user_key, LIST_MEMO, json.dumps(shown), ctx.now)
    lines.append(page.footer(_page_asked) or "")
    lines.append(f"发送「/报案 {first}」或报案号末6位查看详情。")
    buttons = tuple(Button(r.receipt_no, f"/报案 {r.receipt_no}") for r in page.items)
    return [Choices("\n".join(filter(None, lines)), (*buttons, *page.next_button(_page_asked)))]


async def _at_position(ctx: Context, position: int) -> str | None:
    """The receipt at `position` of the list the officer last saw, or of the queue now."""
    kept = await memos.recall(ctx.session, ctx.user_key, LIST_MEMO, ctx.now, LIST_FRESH)
    if kept is not None:
        return json.loads(kept).get(str(position))
    found = (await ctx.session.exec(_queue(ctx).offset(position - 1).limit(1))).first()
    return found.receipt_no if found else None


async def _by_suffix(ctx: Context, suffix: str) -> list[Report]:
    """Reports the officer may see whose number ends in `suffix` (C75EC5)."""
    query = select(Report).where(col(Report.receipt_no).endswith(f"-{suffix}"))
    rows = await ctx.session.exec(in_station(query, col(Report.station_id), ctx.person))
    return list(rows.all())


async def _detail(ctx: Context, report: Report) -> list[Reply]:
    services, zone = ctx.services, ctx.services.settings.zone
    person = unseal(services, report, TABLE)
    audit(
        ctx,
        action="view:report",
        subject_kind="report",
        subject_id=str(report.id),
    )
    # Opening it accepts it; the reporter is told, as of every other status, and so is the
    # officer: the list had said 待受理 and the detail 已受理, the notice unmentioned.
    accepted_now = report.status is ReportStatus.QUEUED
    if accepted_now:
        report.status, report.updated_at = ReportStatus.ACCEPTED, ctx.now
        ctx.session.add(report)
        await to_reporter(
            ctx.session,
            report,
            ACCEPTED_NOTE,
            key=f"report-status:{report.id}:{ReportStatus.ACCEPTED.value}",
            now=ctx.now,
        )
    beat = await ctx.session.get(Beat, report.beat_id) if report.beat_id else None
    details: list[list[str]] = json.loads(services.cipher.decrypt(report.details_enc, DETAILS))
    # The reporter's nationality goes with the reporter: among the case's facts it had read
    # as one of them (国籍/地区：中国 under 经过及补充).
    nationality = next((value for label, value in details if label == NATIONALITY), "")
    nationality_note = f"　国籍/地区：{nationality}" if nationality else ""
    lines = [
        f"报案 {report.receipt_no}　{report.kind.label}　{report.status.label}",
        *(["已自动受理并通知报案人。"] if accepted_now else []),
        f"提交：{short(report.created_at, zone, ctx.now)}　警务区：{_beat_name(beat)}",
        *(f"{label}：{value}" for label, value in details if label != NATIONALITY),
        f"报案人：{person.name}　{doc_label(person.doc_type)} {person.doc_no}{nationality_note}",
        f"电话：{person.phone}",
    ]
    messages = (
        await ctx.session.exec(
            select(ReportMessage)
            .where(ReportMessage.report_id == report.id)
            .order_by(col(ReportMessage.id))
        )
    ).all()
    if messages:
        lines.append("追问记录：")
        for m in messages[-10:]:
            who = "报案人" if m.from_reporter else "民警"
            text = services.cipher.decrypt(m.text_enc, MESSAGE_TEXT)
            lines.append(f"　{short(m.created_at, zone, ctx.now)} {who}：{text}")
    lines.append("本次查看已记入审计日志。")
    receipt = report.receipt_no
    buttons = (
        (
            Button("追问", f"/追问 {receipt}"),
            Button("已办结", f"/报案状态 {receipt} 已办结"),
            Button("不予受理", f"/报案状态 {receipt} 不予受理"),
        )
        if report.status.is_open
        else ()
    )
    return [Choices("\n".join(lines), buttons), *images(report.photos, f"报案 {receipt} 照片")]


def _beat_name(beat: Beat | None) -> str:
    """未定位 alone had left the officer asking whose it is: the station's, as a tip's."""
    return beat.name if beat else "未能定位，由所里分派"


async def officer_view(ctx: Context, args: str) -> list[Reply]:
    """`/报案` for officers: a page of the queue, or one report (by number, by its place in
    the list, or by the number's last six characters)."""
    number = named_page(args)
    if number is not None:
        return await _list(ctx, number)
    said = _REPORT_AND_REST.fullmatch(args.strip().upper())
    if said is not None and _says_status(said[2]):
        # 报案 1 办结, 报案 B20261129-C75EC5 结案: a status, as 线索1办结 is; it had been
        # looked up as a report numbered 「1 办结」.
        found = await receipt_of(ctx, said[1])
        if isinstance(found, list):
            return found
        if not found:
            return [Choices(NOT_FOUND.format(r=said[1]), (Button("待处理报案", "/报案"),))]
        return await set_status(ctx, f"{found} {args.strip()[len(said[1]) :].strip()}")
    found = await receipt_of(ctx, re.sub(r"\s", "", args).upper())
    if isinstance(found, list):
        return found
    report = await visible_report(ctx, found) if found else None
    if report is None:
        return [Choices(NOT_FOUND.format(r=args.strip()), (Button("待处理报案", "/报案"),))]
    return await _detail(ctx, report)


def _read_said_status(words: str) -> tuple[ReportStatus, str] | None:
    """`read_status` over the words officers say; raises `Invalid` as it does. 已处理 is
    read without its 已 too (处理完了), but 处理中 says no status."""
    if _STILL_WORKING.match(words.strip()):
        return None
    return read_status(words, _STATUS_SAID)


def _says_status(words: str) -> bool:
    try:
        return _read_said_status(words) is not None
    except Invalid:  # a status with a note it cannot send: `set_status` says why
        return True


def status_after_receipt(text: str) -> str | None:
    """`/报案 B20261129-C75EC5 办结` for a report's number and a status without 报案 before
    them (B20261129-C75EC5办结, B20261129-C75EC5 已处理 已联系): matched nothing, where
    线索1办结 is offered its command. None when no status follows a whole number."""
    typed = text.strip()
    said = _RECEIPT_AND_REST.fullmatch(typed.upper())
    if said is None or not _says_status(said[2]):
        return None
    return f"/报案 {read_receipt(said[1])} {typed[len(said[1]) :].strip()}"


async def receipt_of(ctx: Context, typed: str) -> str | list[Reply]:
    """The receipt `typed` names (by number, place in the list, or last six), "" for none;
    or the replies that ask which, or say there is no such place in the list."""
    typed = re.sub(r"\s", "", typed).upper()
    receipt = read_receipt(typed)
    position = _POSITION.fullmatch(typed)
    if receipt is None and position is not None and len(typed) < 6:
        receipt = await _at_position(ctx, int(position[1]))
        if receipt is None:
            return [
                Choices(f"列表里没有第 {position[1]} 条报案。", (Button("待处理报案", "/报案"),))
            ]
    elif receipt is None and _SUFFIX.fullmatch(typed):
        found = await _by_suffix(ctx, typed)
        if len(found) > 1:
            buttons = tuple(Button(r.receipt_no, f"/报案 {r.receipt_no}") for r in found[:8])
            return [Choices(f"末6位为 {typed} 的报案有 {len(found)} 件，请选择：", buttons)]
        receipt = found[0].receipt_no if found else None
    return receipt or ""


async def ask_reporter(ctx: Context, receipt: str, question: str) -> list[Reply]:
    report = await visible_report(ctx, receipt)
    if report is None:
        return [Text(NOT_FOUND.format(r=receipt))]
    assert report.id is not None
    # 追问 B20261123-7K3F9Q 车是什么颜色 typed again into the question form: the command is
    # not part of the question the reporter reads.
    question = _RETYPED_ASK.sub("", question).strip() or question
    message = ReportMessage(
        report_id=report.id,
        from_reporter=False,
        officer_person_id=ctx.person.id,
        text_enc=ctx.services.cipher.encrypt(question, MESSAGE_TEXT),
        created_at=ctx.now,
    )
    ctx.session.add(message)
    await ctx.session.flush()
    # A question reopens a closed report: its answer must reach someone, and the reporter
    # must be asked to answer (a closed report's notice asks nothing).
    reopened = not report.status.is_open
    if report.status is not ReportStatus.ACCEPTED:
        report.status, report.updated_at = ReportStatus.ACCEPTED, ctx.now
        ctx.session.add(report)
    reached = await to_reporter(
        ctx.session,
        report,
        f"民警想了解：{question}",
        key=f"report-ask:{message.id}",
        now=ctx.now,
    )
    if not reached:
        return [Text(f"报案 {receipt} 的报案人已无法通过本平台联系，请电话联系。")]
    again = "报案已重新改为「已受理」，" if reopened else ""
    return [Text(f"✅ 已向报案人转达追问（报案 {receipt}），{again}对方的回答会转给您。")]


async def set_status(ctx: Context, args: str) -> list[Reply]:
    token, _, rest = args.strip().partition(" ")
    # 已办结 车辆已找回，请带发票认领: the status, then a note the reporter reads.
    try:
        read = _read_said_status(rest)
    except Invalid as exc:
        return [Text(f"处理说明有误：{exc.reason}。")]
    # The report by its number, its place in the list or its number's last six (NUYSE6).
    found = await receipt_of(ctx, token) if token and read is not None else ""
    if isinstance(found, list):
        return found
    if read is None or not token:
        options = "、".join(_STATUS_BY_LABEL)
        # With an example, as /线索状态's: where the note the reporter reads goes.
        return [
            Text(
                f"请发送「/报案状态 报案号 状态」，状态可选：{options}；后面可附处理说明，"
                "会一并告知报案人。如 /报案状态 B20261123-C75EC5 已办结 车辆已找回，请来所认领。"
            )
        ]
    if not found:
        return [Choices(NOT_FOUND.format(r=token), (Button("待处理报案", "/报案"),))]
    receipt = found
    status, note = read
    report = await visible_report(ctx, receipt)
    if report is None:
        return [Text(NOT_FOUND.format(r=receipt))]
    unchanged = report.status is status
    if unchanged and not note:
        return [Text(f"报案 {receipt} 已经是「{status.label}」。")]
    report.status, report.updated_at = status, ctx.now
    ctx.session.add(report)
    await to_reporter(
        ctx.session,
        report,
        f"处理进展：{status.label}。" + (f"\n处理情况：{note}" if note else ""),
        key=f"report-status:{report.id}:{status.value}:{ctx.now.isoformat()}",
        now=ctx.now,
    )
    told = "，说明已一并转告" if note else ""
    changed = "仍为" if unchanged else "状态已改为"
    return [Text(f"✅ 报案 {receipt} {changed}「{status.label}」，已通知报案人{told}。")]
