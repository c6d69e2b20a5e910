"""Messages about reports: new ones to the beat, questions to the reporter, answers back.

Pushes to officers carry the kind, the masked name and the area only; the details are read
with `/报案 报案号`, which is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices, Reply
from handlers.services.recipients import area_accounts, officer_or_area
from storage.models import Account, Beat, Report, ReportKind, ReportMessage, Station
from storage.outbox import enqueue_to_account, enqueue_to_accounts

MESSAGE_TEXT = "report_message.text"


#: How long after a fraud's transfer the money may still be stopped (止付): such a report
#: is marked urgent and listed first.
URGENT_WITHIN = timedelta(hours=24)


def urgent_clause(now: datetime) -> ColumnElement[bool]:
    """`is_urgent` as SQL, for putting urgent reports first."""
    return and_(
        col(Report.kind) == ReportKind.FRAUD,
        func.coalesce(col(Report.happened_at), col(Report.created_at)) > now - URGENT_WITHIN,
    )


def is_urgent(report: Report, now: datetime) -> bool:
    """A fraud reported within a day of the transfer: the money may still be stopped."""
    when = report.happened_at or report.created_at
    return report.kind is ReportKind.FRAUD and _aware(when) > now - URGENT_WITHIN


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _ago(moment: datetime, now: datetime) -> str:
    minutes = max(0, int((now - _aware(moment)).total_seconds() // 60))
    return f"约{minutes}分钟前" if minutes < 60 else f"约{minutes // 60}小时前"


def _urgent_lines(report: Report, amount: str, now: datetime) -> str:
    if not amount or not is_urgent(report, now):
        return ""
    when = f"，{_ago(report.happened_at, now)}" if report.happened_at else ""
    return (
        f"⚠️ 紧急：涉及转账 {amount}{when}\n"
        "请尽快联系报案人，协助向银行或支付平台申请紧急止付（96110）。\n"
    )


async def announce(
    session: AsyncSession, report: Report, now: datetime, *, amount: str = ""
) -> None:
    """Tell the area's officers of a new report; a fraud with a recent transfer of `amount`
    is marked urgent (止付 works only in the first hours)."""
    beat = await session.get(Beat, report.beat_id) if report.beat_id else None
    text = (
        _urgent_lines(report, amount, now)
        + f"📋 新的自助报案 {report.receipt_no}（{report.kind.label}）\n"
        f"报案人：{report.name_masked}\n"
        f"区域：{beat.name if beat else '未能定位到警务区，请所里分派'}\n"
        f"发送「/报案 {report.receipt_no}」查看详情。"
    )
    message = Choices(text, (Button("查看详情", f"/报案 {report.receipt_no}"),))
    enqueue_to_accounts(
        session,
        await area_accounts(session, report.station_id, report.beat_id),
        message_key=f"report:{report.id}",
        replies=[message],
        now=now,
    )


async def to_reporter(
    session: AsyncSession, report: Report, text: str, *, key: str, now: datetime
) -> bool:
    """Tell the reporter. While the report is open they are asked to answer; once it is
    closed they may still ask about it (where to collect what was found), and that reaches
    the officers too, but nothing invites an answer to a question no one is asking."""
    account = await session.get(Account, report.reporter_account_id)
    if account is None:
        return False
    station = await session.get(Station, report.station_id)
    name = station.name if station else "派出所"
    head = f"【{name}】关于您的报案 {report.receipt_no}：\n{text}"
    message: Reply = (
        Choices(
            f"{head}\n回答请发送「回复 {report.receipt_no} 您的内容」。",
            (Button("回复民警", f"回复 {report.receipt_no}"),),
        )
        if report.status.is_open
        else Choices(
            f"{head}\n{closed_follow_up(report.receipt_no)}",
            (Button("咨询民警", f"回复 {report.receipt_no}"),),
        )
    )
    enqueue_to_account(session, account, message_key=key, replies=[message], now=now)
    return True


def closed_follow_up(receipt: str) -> str:
    return f"如对结果有疑问或需咨询（如认领财物），请发送「回复 {receipt} 您的问题」，会转给民警。"


async def to_officers(
    session: AsyncSession,
    services: Services,
    report: Report,
    text: str,
    *,
    now: datetime,
    pictures: Sequence[Reply] = (),
) -> None:
    """Record the reporter's answer and pass it (with any `pictures`) to the officer who
    last asked."""
    assert report.id is not None
    last = (
        await session.exec(
            select(ReportMessage)
            .where(
                ReportMessage.report_id == report.id,
                col(ReportMessage.officer_person_id).is_not(None),
            )
            .order_by(col(ReportMessage.id).desc())
        )
    ).first()
    officer_id = last.officer_person_id if last else None
    message = ReportMessage(
        report_id=report.id,
        from_reporter=True,
        officer_person_id=officer_id,
        text_enc=services.cipher.encrypt(text, MESSAGE_TEXT),
        created_at=now,
    )
    session.add(message)
    await session.flush()
    to = await officer_or_area(session, officer_id, report.station_id, report.beat_id)
    notice = Choices(
        f"💬 报案人（{report.name_masked}）回复报案 {report.receipt_no}：\n{text}"
        + (f"\n{note}" if (note := to.note("原追问民警")) else ""),
        (
            Button("继续追问", f"/追问 {report.receipt_no}"),
            Button("查看报案", f"/报案 {report.receipt_no}"),
        ),
    )
    enqueue_to_accounts(
        session,
        to.accounts,
        message_key=f"report-msg:{message.id}",
        replies=[notice, *pictures],
        now=now,
    )
