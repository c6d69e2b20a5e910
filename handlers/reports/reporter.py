"""The reporter's side: `查询 报案号` (status) and `回复 报案号 内容` (answering a follow-up
question, or adding to the report when none waits). Only the person who filed a report can
do either."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.messages import Reply, Text
from handlers.registration.timefmt import short
from handlers.reports.notify import MESSAGE_TEXT, closed_follow_up, to_officers
from storage.models import Report, ReportMessage

NOT_FOUND = "没有找到您的这份报案，请核对报案号（如 B20261123-7K3F9Q）。"


async def own_report(ctx: Context, receipt: str) -> Report | None:
    report = (await ctx.session.exec(select(Report).where(Report.receipt_no == receipt))).first()
    if report is None or report.reporter_person_id != ctx.person.id:
        return None
    return report


async def newest_messages(session: AsyncSession, report_id: int, limit: int) -> list[ReportMessage]:
    """A report's questions and answers, newest first."""
    rows = await session.exec(
        select(ReportMessage)
        .where(ReportMessage.report_id == report_id)
        .order_by(col(ReportMessage.id).desc())
        .limit(limit)
    )
    return list(rows.all())


async def query_report(ctx: Context, receipt: str) -> list[Reply]:
    report = await own_report(ctx, receipt)
    if report is None:
        return [Text(NOT_FOUND)]
    zone = ctx.services.settings.zone
    lines = [
        f"报案 {report.receipt_no}（{report.kind.label}，{short(report.created_at, zone, ctx.now)} 提交）",
        f"处理进展：{report.status.label}",
    ]
    assert report.id is not None
    messages = await newest_messages(ctx.session, report.id, 20)
    question = next((m for m in messages if not m.from_reporter), None)
    if question is not None and report.status.is_open:
        asked = ctx.services.cipher.decrypt(question.text_enc, MESSAGE_TEXT)
        lines.append(f"民警最近的问题：{asked}")
        if messages[0].from_reporter:
            # Answered already: asking again made people send their answer twice.
            lines.append("您已回答，民警会继续跟进。")
        else:
            lines.append(f"回答请发送「回复 {report.receipt_no} 您的内容」。")
    elif not report.status.is_open:
        lines.append(closed_follow_up(report.receipt_no))
    return [Text("\n".join(lines))]


async def answer_report(ctx: Context, receipt: str, text: str) -> list[Reply]:
    report = await own_report(ctx, receipt)
    if report is None:
        return [Text(NOT_FOUND)]
    assert report.id is not None
    newest = await newest_messages(ctx.session, report.id, 1)
    # An answer only where an officer's question waits: 补充 after the report had been
    # acknowledged as 已把您的回答…, though nobody had asked anything.
    asked = bool(newest) and not newest[0].from_reporter
    await to_officers(ctx.session, ctx.services, report, text, now=ctx.now)
    if not report.status.is_open:
        return [Text(f"✅ 已把您的消息转给民警（报案 {report.receipt_no}）。")]
    if asked:
        return [Text(f"✅ 已把您的回答转给民警（报案 {report.receipt_no}）。")]
    # As photos added to it are acknowledged (`pending.attach_photos`).
    return [Text(f"✅ 已把这段话补充到报案 {report.receipt_no}，并转给民警。")]
