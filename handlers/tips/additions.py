"""More about a tip or report already made, said in one's own words.

「补充一下 刚才又看到他在楼下跟人交易」 had got 没有理解, and 「我刚才举报的那个赌场 再补充一点
老板叫王建国」 the offer of 查询: only 「回复 查询码 内容」 added to a tip. A message that says
it adds something, from someone with a tip or report still open, gets one button that
sends it to the newest of them. Nothing is sent without the tap.
"""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from bot.router import STAFF
from handlers.registration.timefmt import short
from handlers.reports.pending import newest_open_case
from handlers.tips.relay import tip_code
from storage.models import Report

#: What one says to add to what one told before.
_ADDS = re.compile(r"补充|忘了说|忘记说|还有个情况|还有一个情况|还有一点")
#: 补充一下：… at the front: the gist is what follows.
_LEADING = re.compile(r"^(?:再|我再|我)?补充(?:一下|一点|几句|个情况|说明)?[\s，,：:。！!]*")
#: Longer text is no short addition; it goes on to the fallback.
MAX_CHARS = 500


def with_tip_additions(fallback: Handler) -> Handler:
    """Offer a message that adds to a tip or report (补充一下 …) to the newest still open."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role in STAFF or not _ADDS.search(text) or len(text) > MAX_CHARS:
            return await fallback(ctx)
        told = _LEADING.sub("", text).strip()
        if len(told) < 2:
            return await fallback(ctx)  # 补充一下 alone: nothing to add yet
        offer = await _offer(ctx, told)
        return [offer] if offer is not None else await fallback(ctx)

    return handler


async def _offer(ctx: Context, text: str) -> Choices | None:
    case = await newest_open_case(ctx)
    if isinstance(case, Report):
        about = f"报案 {case.receipt_no}（{case.kind.label}）"
        button = Button("补充到这条报案", f"回复 {case.receipt_no} {text}")
    elif case is not None:
        code = tip_code(ctx.services, case)
        when = short(case.created_at, ctx.services.settings.zone)
        about = f"举报（{case.category.label}，{when}，查询码 {code}）"
        button = Button("补充到这条举报", f"回复 {code} {text}")
    else:
        return None
    return Choices(
        f"要把这段话补充到您最近的{about}，转给民警吗？\n「{text}」\n"
        "是的话请点下面的按钮；不是请忽略。",
        (button,),
    )
