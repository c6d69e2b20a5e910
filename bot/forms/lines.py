"""Lines the form itself says around its questions: the summary's note, 取消's reply, and
which form goes on after a pause."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.forms.clock import local_time, said_at
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import current, summary
from bot.forms.spec import Form
from bot.forms.store import StoredProgress
from bot.messages import Reply, Text

#: How long without an answer before a form's next reply says which form it goes on with.
PAUSE = timedelta(minutes=30)


async def noted(ctx: Context, form: Form, progress: Progress, replies: list[Reply]) -> list[Reply]:
    """`replies` with the summary among them ending in the form's `summary_note`, which
    needs the database that the steps building the summary have not."""
    if form.summary_note is None or progress.current not in (CONFIRM, CHOOSING_EDIT):
        return replies
    now = local_time(ctx)
    plain = summary(form, progress, now)
    if plain not in replies:
        return replies
    note = await form.summary_note(ctx, progress.answers)
    return [summary(form, progress, now, note) if reply == plain else reply for reply in replies]


def cancelled(form: Form, kept: str) -> str:
    """The reply to 取消; `kept`: how to bring the form back (`undo.keep`), if it can be,
    which is the way on then rather than starting again."""
    if kept:
        # Not submitted, said: 不查了 half-way had left the owner unsure whether the
        # answers so far had gone to the police.
        return f"已取消{form.title}，内容未提交。{kept}"
    return form.cancelled or f"已取消{form.title}，填写的内容未提交。需要时可重新开始。"


def resumed(form: Form, stored: StoredProgress, ctx: Context) -> str:
    """接着您昨天 18:30 未填完的租客登记: the form taken up again, and when it was left."""
    left = stored.saved_at.astimezone(ctx.services.settings.zone)
    return f"接着您{said_at(left, local_time(ctx))} 未填完的{form.title}"


def still_waiting(form: Form, progress: Progress, lead: str, now: datetime) -> list[Reply]:
    """`lead`, then that the form is neither finished nor sent, and its current question
    (as of `now`, the station's time)."""
    return [
        Text(f"{lead}还没填完，也还没提交：请回答下面的问题；不要了请回复「取消」。"),
        current(form, progress, now),
    ]
