"""What a 确认 gets just after a form was submitted, or a feature was done without one:
that it went in, never 没有理解."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.messages import Reply, Text
from bot.numbering import options_still_open
from storage import memos

#: The memo of the title of the form the user last submitted, read by `submitted`.
SUBMITTED = "form_submitted"
_SUBMITTED_FOR = timedelta(minutes=10)
#: The memo of what a 确认 gets just after a feature done without a form (`remember_done`).
_DONE = "done_unasked"


async def remember_submitted(ctx: Context, title: str) -> None:
    """The form called `title` was just submitted: a 确认 after it is told so."""
    await memos.remember(ctx.session, ctx.user_key, SUBMITTED, title, ctx.now)


async def forget_submitted(ctx: Context) -> None:
    """A question asked since the last form was submitted (a new form, a hit's result to
    confirm): a 确认 after it is about that question, never 这份…已经提交过了."""
    await memos.forget(ctx.session, ctx.user_key, SUBMITTED)
    await memos.forget(ctx.session, ctx.user_key, _DONE)


async def remember_done(ctx: Context, said: str) -> None:
    """A feature done at once, with no form to confirm (订阅 城东 subscribes): a 确认 just
    after gets `said` (that it is done, and what next), as a form's second 确认 does, not
    没有理解. It replaces what a form submitted before would have said (`submitted`)."""
    await memos.forget(ctx.session, ctx.user_key, SUBMITTED)
    await memos.remember(ctx.session, ctx.user_key, _DONE, said, ctx.now)


async def submitted(ctx: Context) -> list[Reply]:
    """The reply to 确认 sent again with no form open, just after one was submitted or a
    feature done (`remember_done`); nothing when there was none."""
    title = await memos.recall(
        ctx.session, ctx.user_key, SUBMITTED, ctx.now, fresh_for=_SUBMITTED_FOR
    )
    done = await memos.recall(ctx.session, ctx.user_key, _DONE, ctx.now, fresh_for=_SUBMITTED_FOR)
    if not title and not done:
        return []
    # The submit may have refused it (不能发布通缉令): its reply, just above, says so.
    said = f"这份{title}已经提交过了，结果见上一条回复，不用再确认。" if title else str(done)
    if ctx.options_shown:
        # Its reply's buttons (撤回, 催读) still answer: 确认 must not drop them.
        ctx.keep_choices = True
        said += options_still_open(ctx.options_shown)
    return [Text(said)]
