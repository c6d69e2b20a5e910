"""An owner's words under a command's own buttons, read as that command.

退房 and 续住 ask their question with buttons (谁退房？ 全部 2 位 …; 续住多久？ 一天 …), but
owners type the answer as they would say it at the desk. While those buttons are the last
ones shown, a message that answers them is retold as the command the button would send.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Reply
from handlers.registration.guest import OWNERS

#: What `read` gives for everyone, the word the 全部 button sends.
WHOLE = "全部"

#: 都, 全部, 两个都, 三位都, 他们都, 一起: everyone a question's buttons list, as owners
#: answer 谁退房？ and 谁续住？ (its verb after it: 都走了, 两个都续).
EVERYONE = (
    r"(?:他们|她们|人|大家|他|她)?(?:都|全|全都|全部|一起|统统|所有人?都?"
    r"|[两二三四五六七八几]个人?都|[两二三四五六七八几]位都|俩人?都)"
)
#: 两个都, 三位都, 俩都: how many the owner counts, which may not be all the buttons list.
_COUNTED = re.compile(r"([两二三四五六七八俩])(?:个|位)?人?都")
_COUNTS = {"两": 2, "二": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
#: The first button of 谁退房？ or 谁续住？: 全部 3 位, 全部 3 位退房.
_WHOLE_TITLE = re.compile(r"全部 (\d+) 位")


def _miscounted(text: str, title: str | None) -> bool:
    """Whether `text` counts the room (两个都走) otherwise than the 全部 button `title`
    does (全部 3 位): then it is not everyone, and who is asked."""
    counted = _COUNTED.search(text)
    whole = _WHOLE_TITLE.match(title or "")
    return counted is not None and whole is not None and _COUNTS[counted[1]] != int(whole[1])


def typed_answers(
    read: Callable[[str, Context], str | None],
    button: re.Pattern[str],
    command: Callable[[re.Match[str], str], str],
) -> Callable[[Handler], Handler]:
    """`read` takes what a message answers (None: it answers nothing); `button` is the
    value of the first button when that question was the last asked; `command` makes the
    command from that button's match and the answer."""

    def wrap(handler: Handler) -> Handler:
        async def wrapped(ctx: Context) -> list[Reply]:
            text = ctx.inbound.text.strip()
            if ctx.retold or not text or ctx.role not in OWNERS:
                return await handler(ctx)
            # The text first, the buttons after: most messages answer nothing here, and
            # they are spared the lookup.
            answer = read(text, ctx)
            if answer is None:
                return await handler(ctx)
            first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
            asked = button.fullmatch(first or "")
            if asked is None:
                return await handler(ctx)
            retold = command(asked, answer)
            titles = await choice_memory.shown_titles(ctx.session, ctx.user_key, ctx.now)
            if answer == WHOLE and _miscounted(text, titles[0] if titles else None):
                # 两个都走 at a room of three had checked all three out: the command
                # without 全部 asks who again, each guest a button.
                retold = retold.removesuffix(f" {WHOLE}")
            ctx.retell = retold
            return []

        return wrapped

    return wrap
