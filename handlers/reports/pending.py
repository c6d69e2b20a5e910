"""A reporter's or tipster's plain answer to an officer's question, offered to be sent as
the answer.

An officer's 追问 reaches the reporter with a 「回复民警」 button; people answer by just
typing, which no route claims. Instead of "没有理解", a message that reaches the bot's
fallback while one of the sender's reports waits for an answer gets one button that sends
it as that answer. Nothing is sent without the tap.
"""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from bot.router import STAFF
from handlers.tips.pending import WINDOW, waiting_tip_code
from knowledge.intent import small_talk
from storage.models import Report, ReportMessage, ReportStatus

_OPEN = [status for status in ReportStatus if status.is_open]
#: Longer text is not a chat answer; it goes on to the fallback.
MAX_CHARS = 500


async def own_reports(ctx: Context, *, open_only: bool, limit: int = 5) -> list[Report]:
    """The sender's newest reports (only those still open, if asked)."""
    query = select(Report).where(Report.reporter_person_id == ctx.person.id)
    if open_only:
        query = query.where(col(Report.status).in_(_OPEN))
    rows = await ctx.session.exec(query.order_by(col(Report.id).desc()).limit(limit))
    return list(rows.all())


async def waiting_report(ctx: Context) -> Report | None:
    """The sender's open report whose newest message is an officer's recent question. One
    query: this runs for every message no route claims."""
    rows = await ctx.session.exec(
        select(Report, ReportMessage)
        .join(ReportMessage, col(ReportMessage.report_id) == col(Report.id))
        .where(
            Report.reporter_person_id == ctx.person.id,
            col(Report.status).in_(_OPEN),
            col(ReportMessage.created_at) > ctx.now - WINDOW,
        )
        .order_by(col(ReportMessage.id).desc())
    )
    seen: set[int | None] = set()
    for report, message in rows.all():  # newest first: a report's first row is its newest
        if report.id in seen:
            continue
        seen.add(report.id)
        if not message.from_reporter:
            return report
    return None


def with_answer_offer(fallback: Handler) -> Handler:
    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        # A greeting or a single character is no answer: spared the two lookups too. Staff
        # file no reports and tips.
        staff = ctx.role in STAFF
        if not staff and 2 <= len(text) <= MAX_CHARS and small_talk(text) is None:
            report = await waiting_report(ctx)
            if report is not None:
                return [_offer(f"报案 {report.receipt_no}", report.receipt_no, text)]
            code = await waiting_tip_code(ctx)
            if code is not None:
                return [_offer(f"举报（查询码 {code}）", code, text)]
        return await fallback(ctx)

    return handler


def _offer(about: str, number: str, text: str) -> Choices:
    return Choices(
        f"民警在{about}中向您提了问题。这条消息是您的回答吗？"
        "是的话请点下面的按钮发给民警；不是请忽略。",
        (Button("是，发给民警", f"回复 {number} {text}"),),
    )
