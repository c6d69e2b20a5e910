"""A tipster takes back the phone they left (刚才那个举报我还是想匿名 把我电话删了).

It had been read as deleting the tip (「这里还不能删了举报」) and the phone stayed. The
phone goes from the sender's newest tip that holds one; the tip itself stays, and the
conversation through the bot goes on under its alias. If an officer has opened the tip,
the tipster is told plainly that the number may have been seen.
"""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Reply, Text
from bot.router import STAFF
from handlers.tips.pending import own_tips
from handlers.tips.relay import tip_code

#: 把我电话删了, 删掉手机号, 电话不要留了, 不留电话了, 去掉联系方式.
_PHONE = r"(?:电话(?:号码?)?|手机(?:号码?)?|号码|联系方式)"
_DROPS_PHONE = re.compile(
    rf"(?:删|去掉|撤掉|撤回|不要留|不想留|不留|别留|取消|不要)[了掉除]?.{{0,4}}{_PHONE}"
    rf"|{_PHONE}.{{0,4}}(?:删|去掉|撤掉|不要了|不留了|不想留)"
)
#: Longer text is a story (我把他电话删了 之后他又打来…), not this request.
MAX_CHARS = 40


def asks_to_drop_phone(text: str) -> bool:
    """Whether `text` asks that the phone left with a tip be removed."""
    return len(text) <= MAX_CHARS and _DROPS_PHONE.search(text) is not None


def with_contact_removal(fallback: Handler) -> Handler:
    """A resident's request to remove the phone left with their tip."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role in STAFF or not asks_to_drop_phone(text):
            return await fallback(ctx)
        tips = await own_tips(ctx)
        if not tips:
            return await fallback(ctx)
        with_phone = [tip for tip in tips if tip.contact_enc is not None]
        if not with_phone:
            code = tip_code(ctx.services, tips[0])
            return [
                Text(
                    f"您的举报（查询码 {code}）没有留电话，民警只看到一个代号，看不到您的账号和姓名。"
                )
            ]
        tip = with_phone[0]
        tip.contact_enc = None
        tip.updated_at = ctx.now
        ctx.session.add(tip)
        # No audit row: it would tie the tipster's account to the tip.
        code = tip_code(ctx.services, tip)
        done = (
            f"✅ 已删除您在举报（查询码 {code}）里留的电话，民警之后只看到代号「{tip.alias}」。"
            f"民警仍可以通过这里联系您，回复请发送「回复 {code} 内容」。"
        )
        if tip.acked_at is not None:
            done += "\n请注意：民警已经看过这条举报，删除前可能已经看到过您的电话。"
        return [Text(done)]

    return handler
