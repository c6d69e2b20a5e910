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
