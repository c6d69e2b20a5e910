"""The tipster's side, with no login: `查询 CODE` (status) and `回复 CODE 内容` (to the
officers, under the alias).

Holding the code is enough to ask after a tip; answering also requires being the person who
sent it, so a leaked code cannot be used to talk to the police in the tipster's name.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from bot.context import Context
from bot.messages import Reply, Text
from handlers.registration.timefmt import short
from handlers.tips.codes import code_index, show_code, source_index
from handlers.tips.form import mentions_phone
from handlers.tips.intake import throttled
from handlers.tips.relay import progress_line, receipt_line, tipster_account, to_officers
from storage.models import Tip, TipMessage

NOT_FOUND = "没有找到这个查询码对应的举报，请核对后重试（查询码共12位，如 K7F3-9Q2M-XA4P）。"


async def find_tip(ctx: Context, code: str) -> Tip | None:
    return (
        await ctx.session.exec(select(Tip).where(Tip.code_idx == code_index(ctx.services, code)))
    ).first()


async def query_tip(ctx: Context, code: str) -> list[Reply]:
    tip = await find_tip(ctx, code)
    if tip is None:
        return [Text(NOT_FOUND)]
    replies = (
        await ctx.session.exec(
            select(func.count()).where(
                TipMessage.tip_id == tip.id,
                TipMessage.from_tipster == False,  # noqa: E712
            )
        )
    ).one()
    zone = ctx.services.settings.zone
    lines = [
        f"您的举报（{tip.category.label}，{short(tip.created_at, zone)} 提交）",
        progress_line(tip.status),
    ]
    if replies:
        lines.append(f"民警已回复 {replies} 次，回复内容已发到您提交举报的对话中。")
    lines.append(f"如需补充情况，请发送「回复 {show_code(code)} 内容」。")
    return [Text("\n".join(lines))]


async def answer_tip(ctx: Context, code: str, text: str) -> list[Reply]:
    tip = await find_tip(ctx, code)
    if tip is None:
        return [Text(NOT_FOUND)]
    account = await tipster_account(ctx.session, ctx.services, tip)
    if account is None or account.person_id != ctx.person.id:
        # Same words as an unknown code: nothing confirms that the code exists.
        return [Text(NOT_FOUND)]
    # A source marked as spam gets the same answer, and the officers are spared again.
    source = source_index(ctx.services, ctx.person)
    spam_days = ctx.services.settings.tips.spam_days
    quiet = tip.spam or tip.muted or await throttled(ctx.session, source, ctx.now, spam_days)
    await to_officers(ctx.session, ctx.services, tip, text, now=ctx.now, push=not quiet)
    # An anonymous tipster's own number in their message is no longer hidden from anyone.
    return [receipt_line(tip, phone_told=tip.contact_enc is None and mentions_phone(text))]
