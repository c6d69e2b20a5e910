"""A form set aside for another one started meanwhile: 继续 brings it back.

A hotel owner half-way through a question for the police (问民警) had a guest at the desk,
and 登记 was refused (为免丢失，暂不开始旅客登记): the one form a user may have open was
held by the question. Now the question is parked, the registration starts, and 继续 once
it is done picks the question up where it was; 取消 of the registration picks it up at once
(`FormEngine._cancelled`). One form is parked at a time: while one is,
starting a third is refused as before, so nothing typed is ever thrown away.

Named in words, it is taken up (继续自查), given up (那个没填完的自查不要了) or asked after
(我还有什么没填完的): see `bot.forms.parked_words`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from storage import memos

_MEMO = "form_parked"
#: When the user was last told the parked form waits for 继续 (after a submit, or in the
#: list of what is unfinished): 继续 then takes it up, though a legal answer came between.
_NAMED_MEMO = "form_parked_named"


def _kept_for(ctx: Context) -> timedelta:
    """As long as an open form is kept (`[forms] expire_minutes`): parked, it is no less
    the user's work."""
    return timedelta(minutes=ctx.services.settings.forms.expire_minutes)


async def park(ctx: Context, progress: Progress) -> None:
    """Keep `progress`, which holds the user's answers, for `take` to bring back."""
    progress.quitting = False
    progress.asked_back.clear()  # a 是 after 继续 answers the question asked then
    if progress.current == CHOOSING_EDIT:
        progress.current = CONFIRM  # back at the summary, not at a list no longer shown
    await memos.remember(ctx.session, ctx.user_key, _MEMO, progress.to_json(), ctx.now)


async def held(ctx: Context) -> Progress | None:
    """The form parked, if still kept; it stays parked."""
    saved = await memos.recall(ctx.session, ctx.user_key, _MEMO, ctx.now, _kept_for(ctx))
    return Progress.from_json(saved) if saved is not None else None


async def take(ctx: Context) -> Progress | None:
    """The form parked, if still kept; it is no longer parked after this."""
    progress = await held(ctx)
    if progress is not None:
        await memos.forget(ctx.session, ctx.user_key, _MEMO)
        await memos.forget(ctx.session, ctx.user_key, _NAMED_MEMO)
    return progress


async def named(ctx: Context) -> None:
    """The parked form was just named to the user with 回复「继续」: 继续 is for it now."""
    await memos.remember(ctx.session, ctx.user_key, _NAMED_MEMO, "1", ctx.now)


async def named_at(ctx: Context) -> datetime:
    """When the user last heard of the form now parked: set aside, or named since (call
    only while one is)."""
    at = await memos.written_at(ctx.session, ctx.user_key, _MEMO)
    said = await memos.written_at(ctx.session, ctx.user_key, _NAMED_MEMO)
    return max((t for t in (at, said) if t is not None), default=ctx.now)
