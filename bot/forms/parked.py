"""A form set aside for another one started meanwhile: 继续 brings it back.

A hotel owner half-way through a question for the police (问民警) had a guest at the desk,
and 登记 was refused (为免丢失，暂不开始旅客登记): the one form a user may have open was
held by the question. Now the question is parked, the registration starts, and 继续 once
it is done picks the question up where it was. One form is parked at a time: while one is,
starting a third is refused as before, so nothing typed is ever thrown away.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from storage import memos

_MEMO = "form_parked"


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
    return progress


async def parked_at(ctx: Context) -> datetime:
    """When the form now parked was set aside (call only while one is)."""
    at = await memos.written_at(ctx.session, ctx.user_key, _MEMO)
    return at if at is not None else ctx.now
