"""A reporter's or tipster's plain answer to an officer's question, offered to be sent as
the answer.

An officer's 追问 reaches the reporter with a 「回复民警」 button; people answer by just
typing, which no route claims. Instead of "没有理解", a message that reaches the bot's
fallback while one of the sender's reports waits for an answer gets one button that sends
it as that answer. Nothing is sent without the tap.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from handlers.reports.reporter import newest_messages
from handlers.tips.pending import waiting_tip_code
from knowledge.intent import small_talk
from storage.models import Report, ReportStatus

#: A question older than this is no longer what a plain message answers.
WINDOW = timedelta(days=3)
#: Longer text is not a chat answer; it goes on to the fallback.
MAX_CHARS = 500


async def own_reports(ctx: Context, *, open_only: bool, limit: int = 5) -> list[Report]:
    """The sender's newest reports (only those still open, if asked)."""
    query = select(Report).where(Report.reporter_person_id == ctx.person.id)
    if open_only:
        query = query.where(col(Report.status).in_([ReportStatus.QUEUED, ReportStatus.ACCEPTED]))
    rows = await ctx.session.exec(query.order_by(col(Report.id).desc()).limit(limit))
    return list(rows.all())


async def waiting_report(ctx: Context) -> Report | None:
    """The sender's newest report whose last message is an officer's recent question."""
    for report in await own_reports(ctx, open_only=True):
        assert report.id is not None
        last = next(iter(await newest_messages(ctx.session, report.id, 1)), None)
        if last is not None and not last.from_reporter and ctx.now - last.created_at < WINDOW:
            return report
    return None


def with_answer_offer(fallback: Handler) -> Handler:
    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        # A greeting or a single character is no answer: spared the two lookups too.
        if 2 <= len(text) <= MAX_CHARS and small_talk(text) is None:
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
