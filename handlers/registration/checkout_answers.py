"""The answer to 退房's own question (305 房间有 2 位在住旅客…谁退房？) said in words, and
its refusal (算了先不退).

The question's buttons (全部 2 位, 张*, 李*) are taken by title or number like any others
(`bot.choice_memory`), but owners answer as they would at the desk: 都走了, 都退了, 大人走了,
孩子也走. 都走了 had been offered 「退房」 afresh, whose answer 1 listed every room. While
those buttons are the last ones shown, such words are read as 退房 of that room.
"""

from __future__ import annotations

import re

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Reply, Text
from handlers.registration.guest import ADULTS, CHILDREN, OWNERS
from handlers.registration.typed_answers import EVERYONE, typed_answers

#: The 全部 button's value: 退房 305 #1 全部.
_WHOLE_ROOM_BUTTON = re.compile(r"退房 (?P<room>\S+) (?P<place>#\d+) 全部")
#: 都走了, 都退了, 全部退房, 一起退, 两个都走: everyone in the room.
_EVERYONE = re.compile(
    rf"^{EVERYONE}(?:走|退|离开|退房|离店)?(?:了|吧|啦)?(?:房)?$"
    r"|^(?:都|全部?|一起)(?:退房|走)"
)
#: 大人走了, 大人退房, 成年人: the adults only, the minors staying.
_ADULTS = re.compile(r"^(?:只有|就|先)?(?:大人|成年人|家长|父母|爸爸|妈妈|爸妈)")
#: 孩子走了, 小孩退房: the minors only.
_CHILDREN = re.compile(r"^(?:只有|就|先)?(?:孩子|小孩|儿童|未成年)")


def _said(text: str) -> str | None:
    """What of the room `text` says is leaving: 全部, the adults, the children, or None."""
    words = text.strip("。.!！ ")
    if _EVERYONE.search(words):
        return "全部"
    if _ADULTS.search(words):
        return ADULTS
    if _CHILDREN.search(words):
        return CHILDREN
    return None


with_checkout_words = typed_answers(
    lambda text, _ctx: _said(text),
    _WHOLE_ROOM_BUTTON,
    lambda asked, who: f"退房 {asked['room']} {asked['place']} {who}",
)


#: 算了先不退, 先不退, 不退了, 客人说暂时不走: the checkout not done now.
_DECLINED = re.compile(
    r"^(?:算了|那|那就|还是|好吧|哦|噢)?[，,\s]*(?:客人|旅客|他|她|他们|她们)?(?:说)?"
    r"(?:先|暂时|暂|今天|还|就|也)?(?:不用|不要|不)(?:办)?(?:退房?|走)(?:房)?(?:了|啦|吧)?(?:先)?$"
)
#: What the buttons of a checkout send: 退房 8, /退房 8 旅客#3, 退房 305 #1 全部.
_CHECKOUT_BUTTON = re.compile(r"^/?退房 ")


def with_checkout_declined(handler: Handler) -> Handler:
    """算了先不退 under a checkout's own question (which room, who leaves) or its offer
    (您是想用「退房 8」吗？) had got 没有理解: nothing is checked out, and it is said so."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip().strip("。.!！~～ ")
        if ctx.retold or ctx.role not in OWNERS or not _DECLINED.match(text):
            return await handler(ctx)
        shown = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
        if not any(_CHECKOUT_BUTTON.match(value) for value in shown):
            return await handler(ctx)
        return [Text("好的，未办理退房。客人退房时再发送「退房 房间号」即可。")]

    return wrapped
