"""The tipster's side, with no login: `查询 CODE` (status) and `回复 CODE 内容` (to the
officers, under the alias).

Holding the code is enough to ask after a tip; answering (and withdrawing) also requires
being the person who sent it, so a leaked code cannot be used to talk to the police in the
tipster's name. Since 查询 already shows that a code exists, a reply from another account is
told why it cannot go (没有找到 had contradicted the 查询 just made), not that the code is
unknown.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select

from bot.context import Context
from bot.messages import Reply, Text
from handlers.registration.timefmt import short
from handlers.tips.codes import code_index, show_code, source_index
from handlers.tips.form import mentions_phone
from handlers.tips.intake import throttled
from handlers.tips.relay import (
    MESSAGE_TEXT,
    progress_line,
    receipt_line,
    tipster_account,
    to_officers,
)
from storage.models import Tip, TipMessage, TipStatus

NOT_FOUND = "没有找到这个查询码对应的举报，请核对后重试（查询码共12位，如 K7F3-9Q2M-XA4P）。"
#: 「回复」 or 「撤回」 with the code of a tip made from another account.
NOT_OWN = (
    "这条举报不是用当前账号提交的。为保护举报人身份，回复民警、撤回举报只能用提交举报的"
    "账号（查询进展不受限制）。请回到提交举报时的对话里发送；如果换了账号，可以发送「举报」"
    "重新提交一条，在描述里写明原查询码和要补充的情况。"
)

#: 查询 of a tip made from another account: what it may do instead of 回复.
ELSEWHERE = (
    "这条举报不是用当前账号提交的，补充情况只能在提交举报的对话里发送。如果换了账号，"
    "可以发送「举报」重新提交一条，在描述里写明原查询码和要补充的情况。"
)


async def find_tip(ctx: Context, code: str) -> Tip | None:
    return (
        await ctx.session.exec(select(Tip).where(Tip.code_idx == code_index(ctx.services, code)))
    ).first()


#: The officers' newest messages shown in a tip's detail, and the most of each shown.
SHOWN_MESSAGES = 2
_MESSAGE_MOST = 300


async def _newest_messages(ctx: Context, tip: Tip) -> list[TipMessage]:
    """The tip's conversation, newest first: the officers' newest messages and what was
    said after them."""
    rows = await ctx.session.exec(
        select(TipMessage)
        .where(TipMessage.tip_id == tip.id)
        .order_by(col(TipMessage.id).desc())
        .limit(20)
    )
    return list(rows.all())


async def _officer_lines(ctx: Context, tip: Tip, replies: int, *, own: bool) -> list[str]:
    """What the officers said, to the tipster's own account (`own`): the list of 查询
    promises 民警的留言, and the detail had said only that they were sent somewhere. Holding
    the code alone shows how many: a leaked code must not read the station's questions."""
    if not own:
        return [f"民警已回复 {replies} 次；为保护举报人，留言只在提交举报的账号里显示。"]
    messages = await _newest_messages(ctx, tip)
    said = [m for m in messages if not m.from_tipster][:SHOWN_MESSAGES]
    zone = ctx.services.settings.zone
    lines = [f"民警已回复 {replies} 次，最近的留言："]
    for message in reversed(said):
        text = ctx.services.cipher.decrypt(message.text_enc, MESSAGE_TEXT)
        text = text if len(text) <= _MESSAGE_MOST else f"{text[:_MESSAGE_MOST]}…"
        lines.append(f"· {short(message.created_at, zone, ctx.now)} {text}")
    if messages and messages[0].from_tipster and tip.status.is_open:
        # Answered already: asking again made people send their answer twice.
        lines.append("您已回复，民警会继续跟进。")
    return lines


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
        f"您的举报（{tip.category.label}，{short(tip.created_at, zone, ctx.now)} 提交）",
        progress_line(tip.status),
    ]
    account = await tipster_account(ctx.session, ctx.services, tip)
    own = account is not None and account.person_id == ctx.person.id
    if replies:
        lines.extend(await _officer_lines(ctx, tip, replies, own=own))
    if own and tip.status is not TipStatus.WITHDRAWN:
        lines.append(f"如需补充情况，请发送「回复 {show_code(code)} 内容」。")
    elif not own and tip.status is not TipStatus.WITHDRAWN:
        # 回复 CODE had been offered to any holder of the code, and then refused (NOT_OWN).
        lines.append(ELSEWHERE)
    return [Text("\n".join(lines))]


async def own_tip(ctx: Context, code: str) -> Tip | str:
    """The sender's own tip with `code`, or what to tell them when it is not theirs."""
    tip = await find_tip(ctx, code)
    if tip is None:
        return NOT_FOUND
    account = await tipster_account(ctx.session, ctx.services, tip)
    if account is None or account.person_id != ctx.person.id:
        return NOT_OWN
    return tip


async def answer_tip(ctx: Context, code: str, text: str) -> list[Reply]:
    tip = await own_tip(ctx, code)
    if isinstance(tip, str):
        return [Text(tip)]
    # A source marked as spam gets the same answer, and the officers are spared again.
    source = source_index(ctx.services, ctx.person)
    spam_days = ctx.services.settings.tips.spam_days
    quiet = tip.spam or tip.muted or await throttled(ctx.session, source, ctx.now, spam_days)
    await to_officers(ctx.session, ctx.services, tip, text, now=ctx.now, push=not quiet)
    # An anonymous tipster's own number in their message is no longer hidden from anyone.
    return [receipt_line(tip, phone_told=tip.contact_enc is None and mentions_phone(text))]
