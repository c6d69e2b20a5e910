"""A resident who tells of something, or has only begun to, in words no route claims."""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.reports.story import STORY_MEMO
from handlers.tips.router import OFFERED as TIP_OFFERED
from storage import memos
from storage.models.reports import ReportKind

#: A resident telling of something (我要反映一个情况，…), or a message long or of several
#: lines that nothing understood: it had got 没有理解 and only the legal questions.
#: (帮我看下今天的情况 asks for something: 情况 alone is not enough.)
_SITUATION = re.compile(r"反映|有(?:一?个)?情况|说(?:一?个|件)事|报告|投诉|求助|举报|报警")
_TELLS_AT_LEAST = 20
#: 我想问一下, 请问: the question is still to come; 没有理解 read as if it were not welcome.
_ABOUT_TO_ASK = re.compile(
    r"(?:你好|您好)?[，,\s]*(?:我)?(?:想|要)?(?:问一?下|问个(?:问题|事)|咨询一?下|请问一?下?|请教一?下|"
    r"有个问题|有件事)(?:可以吗|行吗|好吗)?[。.！!？?~～…]*"
)
#: 我家电瓶车 alone: what is wrong with it is still to come, and the likeliest is offered.
_EBIKE_ALONE = re.compile(
    r"(?:我|我家|我们家)?的?(?:电瓶车|电动车|电驴|小电驴|电单车)(?:呢|啊)?[。.！!？?…]*"
)


def tells_a_situation(text: str) -> bool:
    return (
        _SITUATION.search(text) is not None or "\n" in text.strip() or len(text) >= _TELLS_AT_LEAST
    )


async def situation_offer(ctx: Context, text: str) -> Choices:
    """举报 and 报案 offered for what was told, which either takes as told: the tip as its
    description, the report as its story where it fits one (kept sealed, as their own
    offers keep it)."""
    await memos.remember(ctx.session, ctx.user_key, TIP_OFFERED, text, ctx.now)
    await memos.remember(ctx.session, ctx.user_key, STORY_MEMO, text, ctx.now)
    return Choices(
        "您是要向民警反映情况吗？看到的可疑情况、隐患，点「匿名举报」；自己的财物被盗、"
        "被骗等，点「自助报案」，会得到报案号。法律问题可以直接问。紧急情况请直接拨打110。",
        (Button("匿名举报", "/举报"), Button("自助报案", "/报案")),
    )


def begun(text: str) -> list[Reply]:
    """What a resident who has only begun to say something gets instead of 没有理解."""
    if _ABOUT_TO_ASK.fullmatch(text):
        return [
            Text(
                "请直接说您的问题，例如「房东不退押金怎么办」「电动车被偷了怎么办」；"
                "想让社区民警回答，请发送「问民警 您的问题」。"
            )
        ]
    if _EBIKE_ALONE.fullmatch(text):
        label = ReportKind.BIKE_THEFT.label
        return [
            Choices(
                "您的电动车怎么了？被偷了可以自助报案；也可以看看常见问题，或直接说明情况。",
                (
                    Button(f"自助报案：{label}", f"/报案 {label}"),
                    Button("电动车被偷了怎么办", "电动车被偷了怎么办"),
                    Button("骑电动车要注意什么", "骑电动车要戴头盔吗"),
                ),
            )
        ]
    return []
