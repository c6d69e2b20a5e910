"""The answer to 退房's own question (305 房间有 2 位在住旅客…谁退房？) said in words.

The question's buttons (全部 2 位, 张*, 李*) are taken by title or number like any others
(`bot.choice_memory`), but owners answer as they would at the desk: 都走了, 都退了, 大人走了,
孩子也走. 都走了 had been offered 「退房」 afresh, whose answer 1 listed every room. While
those buttons are the last ones shown, such words are read as 退房 of that room.
"""

from __future__ import annotations

import re

from handlers.registration.guest import ADULTS, CHILDREN
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
