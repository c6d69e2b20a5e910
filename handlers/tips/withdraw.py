"""A tipster takes back a tip (撤回 / 撤销 查询码, 我不想举报了 撤回).

「我不想举报了 撤回」 had been offered 「举报」, a new tip, and 「撤销 查询码」 got 没有理解.
With the code the tip is withdrawn at once; without it, the sender's own open tip is shown
with a button that names its code (several: one button each), so nothing is withdrawn on a
guess. A withdrawn tip leaves the officers' list, they are told under the alias, and the
tipster reads the confirmation. A tip already closed stays as it is.
"""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF
from handlers.registration.timefmt import short
from handlers.tips.additions import ADDS
from handlers.tips.codes import code_in
from handlers.tips.pending import ADDITION_ASKED, own_tips
from handlers.tips.relay import tip_code, to_officers, who_sees
from handlers.tips.tipster import own_tip
from storage import memos
from storage.models import Tip, TipStatus

#: What says a tip is taken back; 举报 or a code must be in the message too (撤回 alone is
#: an officer's word for a broadcast, and an owner's for a registration).
_WITHDRAWS = re.compile(r"撤回|撤销|作废|不想举报了|不举报了|不要举报了|取消.{0,6}举报")
#: What the buttons send: a route-free phrase this module reads back.
VERB = "撤回举报"
#: Longer text is a story, not a request to withdraw.
MAX_CHARS = 60
TOLD_OFFICERS = "（举报人已撤回这条举报，无需再处理。）"


def asks_to_withdraw(text: str) -> bool:
    if len(text) > MAX_CHARS or not _WITHDRAWS.search(text):
        return False
    return "举报" in text or code_in(text) is not None


def with_tip_withdrawal(fallback: Handler) -> Handler:
    """A resident's message that takes a tip back (撤回 查询码, 我不想举报了 撤回)."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role in STAFF or not asks_to_withdraw(text) or ADDS.search(text):
            return await fallback(ctx)
        # An addition asked for (补充) is not what the next message is any more.
        await memos.forget(ctx.session, ctx.user_key, ADDITION_ASKED)
        return await withdraw_told(ctx, text)

    return handler


async def withdraw_told(ctx: Context, text: str) -> list[Reply]:
    """Withdraw the tip whose code `text` holds, or ask which of the sender's open tips."""
    code = code_in(text)
    if code is not None:
        tip = await own_tip(ctx, code)
        if isinstance(tip, str):
            return [Text(tip)]
        return await withdraw(ctx, tip)
    tips = [tip for tip in await own_tips(ctx) if tip.status.is_open]
    if not tips:
        return [
            Text(
                "您目前没有可以撤回的举报（已处理或不予处理的举报无法撤回）。"
                "要撤回某条举报，请发送「撤回举报 查询码」。"
            )
        ]
    zone = ctx.services.settings.zone
    lines = [
        "确定要撤回下面这条举报吗？撤回后民警不再处理。"
        if len(tips) == 1
        else "您有几条正在处理的举报，请点选要撤回哪一条（撤回后民警不再处理）："
    ]
    buttons = []
    for tip in tips:
        shown = tip_code(ctx.services, tip)
        lines.append(
            f"· {tip.category.label}，{short(tip.created_at, zone, ctx.now)}，查询码 {shown}"
        )
        buttons.append(Button(f"撤回 {shown}", f"{VERB} {shown}"))
    lines.append("不撤回请忽略。")
    return [Choices("\n".join(lines), tuple(buttons))]


async def withdraw(ctx: Context, tip: Tip) -> list[Reply]:
    code = tip_code(ctx.services, tip)
    if tip.status is TipStatus.WITHDRAWN:
        return [Text(f"查询码 {code} 的举报已经撤回了。")]
    if not tip.status.is_open:
        return [
            Text(
                f"查询码 {code} 的举报已「{tip.status.label}」，处理已结束，无法撤回。"
                f"如有新情况，可以发送「回复 {code} 内容」告诉民警。"
            )
        ]
    tip.status, tip.updated_at = TipStatus.WITHDRAWN, ctx.now
    ctx.session.add(tip)
    # Told in the tip's conversation: the officer who was on it reads why it left the list.
    await to_officers(
        ctx.session, ctx.services, tip, TOLD_OFFICERS, now=ctx.now, push=not (tip.spam or tip.muted)
    )
    return [
        Text(
            f"✅ 已撤回查询码 {code} 的举报，民警不再处理，已告知民警（{who_sees(tip)}）。"
            "如情况有变，随时可以发送「举报」重新反映。"
        )
    ]
