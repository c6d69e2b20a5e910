"""「更多」 typed while a form waits: the next page of a legal answer read just before the
form began (a hotel owner asks about a rule, starts 登记, then wants the rest), or a
word the form cannot use yet."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.unshown import MORE
from storage import memos

#: A legal answer this recent is what 更多 goes on from, form or not; an older one is
#: not what the user, busy with the form, means.
RECENT = timedelta(minutes=30)


def asks_for_more(ctx: Context) -> bool:
    """Whether the message is 更多 (or a word of its route, 下一页) alone."""
    match = ctx.match
    return (
        match is not None
        and not match.is_command
        and not match.args
        and MORE in match.route.keywords
    )


async def pages_recent(ctx: Context) -> bool:
    """Whether the message is 更多 and the last legal answer came within `RECENT`."""
    if not asks_for_more(ctx):
        return False
    asked = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
    return asked is not None and ctx.now - asked <= RECENT
