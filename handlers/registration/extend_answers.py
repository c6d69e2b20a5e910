"""The answer to 续住's own question (302 房间续住多久？) typed instead of pressed.

The question's buttons (一天, 两天 …) are taken by title or number like any others
(`bot.choice_memory`), but owners type the length as they count it: 一晚, 两晚, 住到周五,
12月1日. Those had got 请点选上面的选项. While the length buttons are the last ones shown, a
message that says a length or a day is read as 续住 of that room.

So is its other question, 谁续住？ (全部 3 位, 张*（男，…）…): 两个都续, 都续 had got 请点选
上面的选项. While those buttons are the last ones shown, a message that says everyone is
read as the 全部 button, as 都走了 is under 谁退房？ (`checkout_answers`).
"""

from __future__ import annotations

import re

from bot.context import Context
from bot.forms.clock import local_time
from bot.validators import Invalid
from bot.validators.dates import parse_day
from handlers.registration.guest import extension_said
from handlers.registration.typed_answers import EVERYONE, typed_answers

#: A length button's value: 续住 302 1天, with #5 when two places have that room.
_LENGTH_BUTTON = re.compile(r"续住 (?P<room>\S+) \d+天(?: (?P<place>#\d+))?")


def _length_typed(text: str, ctx: Context) -> str | None:
    """What 续住 takes for `text` (1天 for 一晚, 周五 for 住到周五, 12月1日 as typed), or
    None when it says no length or day."""
    today = local_time(ctx).date()
    said = extension_said(text, today)
    if said is not None:
        return said
    try:
        parse_day(text, today=today)
    except Invalid:
        return None
    return text


with_extension_lengths = typed_answers(
    _length_typed,
    _LENGTH_BUTTON,
    lambda asked, length: " ".join(w for w in ("续住", asked["room"], length, asked["place"]) if w),
)


#: The 全部 button of 谁续住？: 续住 302 2天 #1 全部.
_EVERYONE_BUTTON = re.compile(r"续住 \S+ .+ #\d+ 全部")
#: 都续, 两个都续, 全部续住, 都多住: everyone in the room stays on.
_EVERYONE_STAYS = re.compile(
    rf"^{EVERYONE}(?:续住?|续一下|多住|再住|住|延长?|延期)?(?:一下)?(?:吧|啦|了)?$"
)


with_extension_everyone = typed_answers(
    lambda text, _ctx: "全部" if _EVERYONE_STAYS.search(text.strip("。.!！ ")) else None,
    _EVERYONE_BUTTON,
    lambda asked, _who: asked.group(0),
)
