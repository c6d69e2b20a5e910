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

#: 都, 全部, 两个都, 三位都, 他们都, 一起: everyone a question's buttons list, as owners
#: answer 谁退房？ and 谁续住？ (its verb after it: 都走了, 两个都续).
EVERYONE = (
    r"(?:他们|她们|人|大家)?(?:都|全|全都|全部|一起|统统|所有人?都?"
    r"|[两二三四五六七八几]个人?都|[两二三四五六七八几]位都)"
)


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
            ctx.retell = command(asked, answer)
            return []

        return wrapped

    return wrap
